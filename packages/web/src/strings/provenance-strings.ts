/** The words of the provenance page (/s/{id}), in Arabic and English. */
import type { Lang } from "../i18n";

export interface ProvenanceStrings {
  pageTitle: string;
  backToVerify: string;
  switchLang: string;
  untitled: string;
  superseded: string;
  newerStatement: string;
  /** A long text archived before its quote index was written (issue #15). */
  quoteIndexPending: string;
  recordHeading: string;
  summary: string;
  summaryNoDate: string;
  publisher: string;
  title: string;
  language: string;
  publishedAt: string;
  asStated: string;
  receivedAt: string;
  notStated: string;
  source: string;
  sourceNote: string;
  original: string;
  size: string;
  sha256: string;
  historyHeading: string;
  versions: string;
  currentVersion: string;
  onlyVersion: string;
  translations: string;
  noTranslations: string;
  translationOf: string;
  downloadsHeading: string;
  downloadOriginal: string;
  downloadReceipt: string;
  extractedText: string;
  /** Beside the text link when the text was read by OCR; {engine} is e.g. "tesseract 5.3.0 (ara)". */
  textByOcr: string;
  recordJson: string;
  proofsHeading: string;
  proofsIntro: string;
  signatureValid: string;
  signatureInvalid: string;
  inclusionChecked: string;
  inclusionUnchecked: string;
  contentChecked: string;
  offlineHeading: string;
  offlineIntro: string;
  offlineSteps: [string, string, string, string, string];
  offlineToolHash: string;
  offlineOutro: string;
  publisherPage: string;
  publisherDomain: string;
  textHeading: string;
  textNote: string;
  textTruncated: string;
  textNone: string;
  highlightNote: string;
  citeHeading: string;
  citeIntro: string;
  citePlain: string;
  citeArchived: string;
  copy: string;
  copied: string;
  copyLink: string;
  diffHeading: string;
  diffIntro: string;
  diffRemoved: string;
  diffAdded: string;
  diffTooLarge: string;
  diffUnchanged: string;
  diffUnavailable: string;
  correctionsHeading: string;
  correctionsNone: string;
  correctionOn: string;
  correctionChange: string;
  correctionReason: string;
  emptyValue: string;
  fields: Record<"title" | "language" | "publishedAt" | "sourceUrl" | "supersedes" | "translationOf", string>;
  sameContentHeading: string;
  sameContentFirst: string;
  sameContentThisFirst: string;
  sameContentAlso: string;
  footerAbout: string;
  footerKeys: string;
  footerLog: string;
  footerApi: string;
}

const ar: ProvenanceStrings = {
  pageTitle: "{title} — إسناد",
  backToVerify: "تحقّق من تصريح آخر",
  switchLang: "English",
  untitled: "(بلا عنوان)",
  superseded: "تنبيه: صدر لاحقاً تصريح يحلّ محلّ هذا التصريح: {link}",
  newerStatement: "التصريح الأحدث",
  quoteIndexPending: "حُفظ هذا التصريح؛ وسيجده البحث بالاقتباس خلال دقيقة.",
  recordHeading: "السجل",
  summary: "نشرت الجهة «{publisher}» هذا التصريح بتاريخ {publishedAt} كما تذكر، وحفظه إسناد في {receivedAt}.",
  summaryNoDate: "حفظ إسناد هذا التصريح من الجهة «{publisher}» في {receivedAt}؛ لم تذكر الجهة تاريخ نشره.",
  publisher: "الجهة الناشرة",
  title: "العنوان",
  language: "اللغة",
  publishedAt: "تاريخ النشر",
  asStated: "كما ذكرته الجهة",
  receivedAt: "تاريخ الأرشفة",
  notStated: "غير مذكور",
  source: "المصدر",
  sourceNote: "كما ذكرته الجهة؛ لم يزره إسناد ولم يتحقق منه.",
  original: "الملف المؤرشف",
  size: "الحجم",
  sha256: "بصمة SHA-256",
  historyHeading: "التاريخ",
  versions: "النسخ (الأقدم أولاً)",
  currentVersion: "هذه النسخة",
  onlyVersion: "لا توجد نسخ أخرى لهذا التصريح.",
  translations: "الترجمات",
  noTranslations: "لا توجد ترجمات مؤرشفة.",
  translationOf: "هذا التصريح ترجمة لـ",
  downloadsHeading: "التنزيلات",
  downloadOriginal: "الملف كما أُرشف، بايتاً ببايت",
  downloadReceipt: "الإيصال (للتحقق دون اتصال)",
  extractedText: "النص المستخرج",
  textByOcr: "نص قرأه التعرّف الضوئي على الحروف ({engine})، وقد يحتوي أخطاء في التعرّف",
  recordJson: "السجل الموقَّع (JSON)",
  proofsHeading: "الإثباتات التي تحقق منها الخادم",
  proofsIntro: "لا يُطلب منك أن تثق بهذه الصفحة: يمكنك إعادة كل تحقق بنفسك (انظر أدناه).",
  signatureValid: "التوقيع الرقمي (Ed25519) على السجل صحيح، بالمفتاح {keyId} المنشور في {keys}.",
  signatureInvalid: "التوقيع الرقمي على السجل غير صحيح: {reason}",
  inclusionChecked:
    "السجل مُدرَج في السجل الشفاف {origin}: المدخل رقم {leafIndex}، وإثبات الإدراج صحيح في نقطة التحقق الموقَّعة لحجم {treeSize}.",
  inclusionUnchecked: "لم يُتحقَّق من الإدراج في السجل الشفاف: {reason}",
  contentChecked: "يُعاد حساب بصمة الملف المؤرشف عند كل تنزيل ويُقارن بالسجل الموقَّع.",
  offlineHeading: "كيف تتحقق دون اتصال",
  offlineIntro:
    "يكفي ثلاثة ملفات وأداة isnad ليتحقق أي شخص، في أي وقت، دون الاعتماد على هذا الموقع. لا يلزم إلا Node.js (الإصدار 20 أو أحدث):",
  offlineSteps: [
    "نزّل أداة isnad (ملف واحد، لا يحتاج إلى تثبيت أي حزمة):",
    "نزّل الملف المؤرشف:",
    "نزّل الإيصال:",
    "نزّل المفاتيح العامة للتواقيع وللسجل وسياسة الشهود التي يشترطها السجل (أو انسخها من مصدر تثق به):",
    "تحقق دون اتصال:",
  ],
  offlineToolHash: "بصمة الأداة SHA-256 (قارنها بما يطبعه sha256sum isnad.mjs):",
  offlineOutro:
    "تتحقق الأداة من أن بصمة الملف هي المذكورة في السجل، وأن السجل موقَّع، وأنه مُدرَج في نقطة تحقق موقَّعة من السجل الشفاف.",
  publisherPage: "كل تصريحات هذه الجهة",
  publisherDomain: "النطاق",
  textHeading: "نص التصريح",
  textNote: "النص كما استخرجه إسناد من الملف المؤرشف؛ المرجع هو الملف نفسه.",
  textTruncated: "يُعرض هنا أول {shown} حرف من {total}؛ النص كاملاً: {link}.",
  textNone: "لم يُستخرج نص من هذا الملف.",
  highlightNote: "المقطع المظلَّل هو الذي أشارت إليه نتيجة التحقق.",
  citeHeading: "الاستشهاد بهذا التصريح",
  citeIntro: "انسخ الصيغة التي تناسبك؛ الرابط دائم.",
  citePlain: "نص الاستشهاد",
  citeArchived: "مؤرشف في إسناد بتاريخ {date}",
  copy: "انسخ",
  copied: "نُسخ",
  copyLink: "انسخ رابط هذه الصفحة",
  diffHeading: "ما الذي تغيّر عن النسخة السابقة",
  diffIntro: "مقارنة كلمة بكلمة بين النص المستخرج من {link} ونص هذه النسخة:",
  diffRemoved: "حُذف",
  diffAdded: "أُضيف",
  diffTooLarge: "النسختان مختلفتان إلى حدّ لا يسمح بعرض الفرق كلمة بكلمة.",
  diffUnchanged: "النص المستخرج لم يتغيّر بين النسختين.",
  diffUnavailable: "لا يمكن عرض الفرق: إحدى النسختين بلا نص مستخرج.",
  correctionsHeading: "التصحيحات",
  correctionsNone: "لم تصحّح الجهة بيانات هذا التصريح منذ أرشفته.",
  correctionOn: "تصحيح من الجهة بتاريخ {date}:",
  correctionChange: "{field}: كان {from}، وصار {to}",
  correctionReason: "السبب كما ذكرته الجهة:",
  emptyValue: "(فارغ)",
  fields: {
    title: "العنوان",
    language: "اللغة",
    publishedAt: "تاريخ النشر",
    sourceUrl: "المصدر",
    supersedes: "يحلّ محلّ",
    translationOf: "ترجمة لـ",
  },
  sameContentHeading: "من أرشف هذا الملف أولاً",
  sameContentFirst: "أرشف {publisher} الملف نفسه (البصمة نفسها) أولاً، في {date}: {link}.",
  sameContentThisFirst: "هذه أول أرشفة لهذا الملف في إسناد.",
  sameContentAlso: "أرشفته أيضاً:",
  footerAbout: "عن هذا الأرشيف",
  footerKeys: "المفاتيح العامة",
  footerLog: "السجل الشفاف",
  footerApi: "للمطوّرين: واجهة API",
};

const en: ProvenanceStrings = {
  pageTitle: "{title} — isnad",
  backToVerify: "Verify another statement",
  switchLang: "العربية",
  untitled: "(untitled)",
  superseded: "Warning: a later statement superseded this one: {link}",
  newerStatement: "the newer statement",
  quoteIndexPending: "This statement is archived; quote search will find it within a minute.",
  recordHeading: "The record",
  summary:
    "“{publisher}” published this statement on {publishedAt}, as they state; isnad archived it on {receivedAt}.",
  summaryNoDate:
    "isnad archived this statement from “{publisher}” on {receivedAt}; the publisher gave no date.",
  publisher: "Publisher",
  title: "Title",
  language: "Language",
  publishedAt: "Published",
  asStated: "as stated by the publisher",
  receivedAt: "Archived",
  notStated: "not stated",
  source: "Source",
  sourceNote: "as stated by the publisher; not fetched or checked by isnad.",
  original: "Original file",
  size: "Size",
  sha256: "SHA-256",
  historyHeading: "History",
  versions: "Versions (oldest first)",
  currentVersion: "this version",
  onlyVersion: "This statement has no other versions.",
  translations: "Translations",
  noTranslations: "No translations are archived.",
  translationOf: "This statement is a translation of",
  downloadsHeading: "Downloads",
  downloadOriginal: "The original file, as archived",
  downloadReceipt: "The receipt (for offline verification)",
  extractedText: "The extracted text",
  textByOcr: "text read by OCR ({engine}), may contain recognition errors",
  recordJson: "The signed record (JSON)",
  proofsHeading: "Proofs the server checked",
  proofsIntro: "You need not trust this page: every check can be repeated by yourself (see below).",
  signatureValid: "The record's digital signature (Ed25519) is valid, under key {keyId} published at {keys}.",
  signatureInvalid: "The record's digital signature is not valid: {reason}",
  inclusionChecked:
    "The record is in the transparency log {origin}: entry {leafIndex}, with a valid inclusion proof in the signed checkpoint of size {treeSize}.",
  inclusionUnchecked: "Inclusion in the transparency log was not checked: {reason}",
  contentChecked:
    "The original's fingerprint is recomputed on every download and compared with the signed record.",
  offlineHeading: "How to verify offline",
  offlineIntro:
    "Three files and the isnad tool let anyone verify, at any time, without relying on this site. All it needs is Node.js 20 or newer:",
  offlineSteps: [
    "Download the isnad tool (one file; no package to install):",
    "Download the archived file:",
    "Download the receipt:",
    "Download the public keys of the signatures and of the log, and the log's witness policy, which the check then enforces (or copy them from a source you trust):",
    "Verify, offline:",
  ],
  offlineToolHash: "The tool's SHA-256 (compare it with what sha256sum isnad.mjs prints):",
  offlineOutro:
    "The tool checks that the file's fingerprint is the one in the record, that the record is signed, and that it is included in a signed checkpoint of the transparency log.",
  publisherPage: "All statements of this publisher",
  publisherDomain: "Domain",
  textHeading: "The statement's text",
  textNote: "The text as isnad extracted it from the archived file; the file itself is what counts.",
  textTruncated: "The first {shown} of {total} characters are shown here; the whole text: {link}.",
  textNone: "No text was extracted from this file.",
  highlightNote: "The highlighted passage is the one the verification result pointed to.",
  citeHeading: "Cite this statement",
  citeIntro: "Copy the form you need; the link is permanent.",
  citePlain: "Citation",
  citeArchived: "archived by isnad on {date}",
  copy: "Copy",
  copied: "Copied",
  copyLink: "Copy this page's link",
  diffHeading: "What changed from the previous version",
  diffIntro: "Word by word, from the extracted text of {link} to this version's:",
  diffRemoved: "removed",
  diffAdded: "added",
  diffTooLarge: "The two versions differ too much to show word by word.",
  diffUnchanged: "The extracted text did not change between the two versions.",
  diffUnavailable: "The difference cannot be shown: one of the versions has no extracted text.",
  correctionsHeading: "Corrections",
  correctionsNone: "The publisher has not corrected this statement's details since it was archived.",
  correctionOn: "Corrected by the publisher on {date}:",
  correctionChange: "{field}: was {from}, now {to}",
  correctionReason: "Reason, as the publisher gave it:",
  emptyValue: "(empty)",
  fields: {
    title: "Title",
    language: "Language",
    publishedAt: "Publication date",
    sourceUrl: "Source",
    supersedes: "Supersedes",
    translationOf: "Translation of",
  },
  sameContentHeading: "Who archived this file first",
  sameContentFirst: "{publisher} archived the same file (the same fingerprint) first, on {date}: {link}.",
  sameContentThisFirst: "This is the first time this file was archived in isnad.",
  sameContentAlso: "Also archived by:",
  footerAbout: "About this archive",
  footerKeys: "Public keys",
  footerLog: "Transparency log",
  footerApi: "For developers: the API",
};

export const PROVENANCE_STRINGS: Record<Lang, ProvenanceStrings> = { ar, en };
