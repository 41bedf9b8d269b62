/** The words of the publisher page, the error pages and the about page, in Arabic and English. */
import type { Lang } from "../i18n";

export interface SiteStrings {
  brand: string;
  switchLang: string;
  backToVerify: string;
  untitled: string;
  publisherTitle: string;
  publisherLead: string;
  publisherSince: string;
  publisherWebsite: string;
  publisherDomain: string;
  publisherOtherNames: string;
  statementsHeading: string;
  statementsNone: string;
  statementsOrder: string;
  publishedOn: string;
  archivedOn: string;
  supersededMark: string;
  newer: string;
  newest: string;
  feed: string;
  feedNote: string;
  feedSubtitle: string;
  errorTitle: Record<400 | 404, string>;
  errorStatement: string;
  errorPublisher: string;
  errorPage: string;
  errorBadRequest: string;
  aboutTitle: string;
  aboutLead: string;
  keysHeading: string;
  keysIntro: string;
  keyId: string;
  keyAlgorithm: string;
  keyPublic: string;
  keyStatus: string;
  keyStatuses: Record<"current" | "retired", string>;
  keysJson: string;
  logHeading: string;
  logIntro: string;
  logOrigin: string;
  logVerifierKey: string;
  logSize: string;
  logRoot: string;
  logCheckpoint: string;
  cliHeading: string;
  cliIntro: string;
  cliSha256: string;
  cliUnavailable: string;
  apiHeading: string;
  apiIntro: string;
  apiDocument: string;
}

const ar: SiteStrings = {
  brand: "إسناد",
  switchLang: "English",
  backToVerify: "تحقّق من تصريح",
  untitled: "(بلا عنوان)",
  publisherTitle: "{name} — إسناد",
  publisherLead: "التصريحات التي أرشفتها هذه الجهة في إسناد.",
  publisherSince: "تؤرشف في إسناد منذ {date}.",
  publisherWebsite: "الموقع",
  publisherDomain: "النطاق",
  publisherOtherNames: "الاسم بلغات أخرى",
  statementsHeading: "التصريحات (الأحدث نشراً أولاً)",
  statementsNone: "لم تؤرشف هذه الجهة أي تصريح بعد.",
  statementsOrder: "مرتّبة بتاريخ النشر كما تذكره الجهة، أو بتاريخ الأرشفة إن لم تذكره.",
  publishedOn: "نُشر في {date}",
  archivedOn: "أُرشف في {date}",
  supersededMark: "صدر ما يحلّ محلّه",
  newer: "التصريحات الأقدم ←",
  newest: "→ الأحدث",
  feed: "تابع هذه الجهة (خلاصة Atom)",
  feedNote: "ضع هذا الرابط في قارئ الخلاصات ليصلك كل تصريح جديد تؤرشفه الجهة.",
  feedSubtitle: "تصريحات {name} كما أرشفها إسناد",
  errorTitle: { 400: "رابط غير صالح", 404: "ليس في الأرشيف" },
  errorStatement: "لا يوجد في الأرشيف تصريح بهذا المعرّف. تحقّق من الرابط: المعرّف 32 حرفاً ورقماً.",
  errorPublisher: "لا توجد في الأرشيف جهة ناشرة بهذا المعرّف.",
  errorPage: "لا توجد صفحة بهذا العنوان.",
  errorBadRequest: "هذا الرابط غير صالح: {detail}",
  aboutTitle: "عن هذا الأرشيف — إسناد",
  aboutLead:
    "إسناد أرشيف يحفظ التصريحات الرسمية كما نشرتها الجهات، ويوقّعها، ويدرجها في سجل شفاف لا يمكن تغيير تاريخه دون أن يُكتشف ذلك. هذه الصفحة تجمع ما تحتاجه للتحقق بنفسك.",
  keysHeading: "المفاتيح العامة",
  keysIntro: "يوقّع إسناد كل سجل بأحد هذه المفاتيح (Ed25519). احفظها من مصدر تثق به لتتحقق دون اتصال.",
  keyId: "معرّف المفتاح",
  keyAlgorithm: "الخوارزمية",
  keyPublic: "المفتاح العام (base64)",
  keyStatus: "الحالة",
  keyStatuses: { current: "مستخدَم حالياً", retired: "متقاعد (للتحقق من السجلات القديمة)" },
  keysJson: "المفاتيح بصيغة JSON (لأداة isnad: keys fetch)",
  logHeading: "السجل الشفاف",
  logIntro:
    "كل سجل وكل تصحيح وكل تغيير في الجهات مُدرَج في سجل شفاف (RFC 6962، بصيغة C2SP tlog-tiles) يمكن لأي مراقب أن يتحقق من أنه لم يُعَد كتابته.",
  logOrigin: "اسم السجل",
  logVerifierKey: "مفتاح التحقق من نقاط التحقق",
  logSize: "عدد المدخلات الآن",
  logRoot: "جذر الشجرة الآن",
  logCheckpoint: "نقطة التحقق الموقَّعة (نص، لأدوات المراقبة)",
  cliHeading: "أداة isnad",
  cliIntro:
    "ملف واحد يعمل بـ Node.js (الإصدار 20 أو أحدث) دون تثبيت أي حزمة: يتحقق من ملف أو بصمة أو اقتباس، ومن الإيصالات دون اتصال.",
  cliSha256: "بصمتها SHA-256:",
  cliUnavailable: "لا يستطيع هذا الخادم تقديم الأداة الآن.",
  apiHeading: "للمطوّرين: واجهة API",
  apiIntro: "كل ما في هذه الصفحات متاح عبر واجهة HTTP موثّقة بصيغة OpenAPI 3.1.",
  apiDocument: "وثيقة OpenAPI (JSON)",
};

const en: SiteStrings = {
  brand: "isnad",
  switchLang: "العربية",
  backToVerify: "Verify a statement",
  untitled: "(untitled)",
  publisherTitle: "{name} — isnad",
  publisherLead: "The statements this publisher archived in isnad.",
  publisherSince: "Archiving in isnad since {date}.",
  publisherWebsite: "Website",
  publisherDomain: "Domain",
  publisherOtherNames: "Name in other languages",
  statementsHeading: "Statements (latest publication first)",
  statementsNone: "This publisher has not archived any statement yet.",
  statementsOrder: "By the publication date the publisher states, or the archiving date when it states none.",
  publishedOn: "published {date}",
  archivedOn: "archived {date}",
  supersededMark: "superseded since",
  newer: "Older statements →",
  newest: "← Latest",
  feed: "Follow this publisher (Atom feed)",
  feedNote: "Put this link in a feed reader to get every statement the publisher archives.",
  feedSubtitle: "Statements of {name}, as archived by isnad",
  errorTitle: { 400: "Not a valid link", 404: "Not in the archive" },
  errorStatement:
    "The archive has no statement with this id. Check the link: an id is 32 letters and digits.",
  errorPublisher: "The archive has no publisher with this id.",
  errorPage: "There is no page at this address.",
  errorBadRequest: "This link is not valid: {detail}",
  aboutTitle: "About this archive — isnad",
  aboutLead:
    "isnad keeps official statements as their publishers released them, signs them, and enters them in a transparency log whose history cannot be rewritten unnoticed. This page gathers what you need to check for yourself.",
  keysHeading: "Public keys",
  keysIntro:
    "isnad signs every record with one of these keys (Ed25519). Keep them from a source you trust to verify offline.",
  keyId: "Key id",
  keyAlgorithm: "Algorithm",
  keyPublic: "Public key (base64)",
  keyStatus: "Status",
  keyStatuses: { current: "in use", retired: "retired (checks older records)" },
  keysJson: "The keys as JSON (for the isnad tool: keys fetch)",
  logHeading: "Transparency log",
  logIntro:
    "Every record, correction and publisher change is an entry of a transparency log (RFC 6962, served as C2SP tlog-tiles) that any monitor can check was never rewritten.",
  logOrigin: "Log name",
  logVerifierKey: "Checkpoint verifier key",
  logSize: "Entries now",
  logRoot: "Tree root now",
  logCheckpoint: "The signed checkpoint (text, for monitoring tools)",
  cliHeading: "The isnad tool",
  cliIntro:
    "One file that runs with Node.js 20 or newer and installs nothing: it checks a file, a hash or a quote, and verifies receipts offline.",
  cliSha256: "Its SHA-256:",
  cliUnavailable: "This server cannot serve the tool right now.",
  apiHeading: "For developers: the API",
  apiIntro: "Everything on these pages is available through an HTTP API, described in OpenAPI 3.1.",
  apiDocument: "The OpenAPI document (JSON)",
};

export const SITE_STRINGS: Record<Lang, SiteStrings> = { ar, en };
