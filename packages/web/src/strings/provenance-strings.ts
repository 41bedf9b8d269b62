/** The words of the provenance page (/s/{id}), in Arabic and English. */
import type { Lang } from "../i18n";

export interface ProvenanceStrings {
  pageTitle: string;
  backToVerify: string;
  switchLang: string;
  untitled: string;
  superseded: string;
  newerStatement: string;
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
  offlineSteps: [string, string, string, string];
  offlineOutro: string;
}

const ar: ProvenanceStrings = {
  pageTitle: "{title} — إسناد",
  backToVerify: "تحقّق من تصريح آخر",
  switchLang: "English",
  untitled: "(بلا عنوان)",
  superseded: "تنبيه: صدر لاحقاً تصريح يحلّ محلّ هذا التصريح: {link}",
  newerStatement: "التصريح الأحدث",
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
  original: "الملف الأصلي",
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
  downloadOriginal: "الملف الأصلي كما أُرشف",
  downloadReceipt: "الإيصال (للتحقق دون اتصال)",
  extractedText: "النص المستخرج",
  recordJson: "السجل الموقَّع (JSON)",
  proofsHeading: "الإثباتات التي تحقق منها الخادم",
  proofsIntro: "لا يُطلب منك أن تثق بهذه الصفحة: يمكنك إعادة كل تحقق بنفسك (انظر أدناه).",
  signatureValid: "التوقيع الرقمي (Ed25519) على السجل صحيح، بالمفتاح {keyId} المنشور في {keys}.",
  signatureInvalid: "التوقيع الرقمي على السجل غير صحيح: {reason}",
  inclusionChecked:
    "السجل مُدرَج في السجل الشفاف {origin}: المدخل رقم {leafIndex}، وإثبات الإدراج صحيح في نقطة التحقق الموقَّعة لحجم {treeSize}.",
  inclusionUnchecked: "لم يُتحقَّق من الإدراج في السجل الشفاف: {reason}",
  contentChecked: "يُعاد حساب بصمة الملف الأصلي عند كل تنزيل ويُقارن بالسجل الموقَّع.",
  offlineHeading: "كيف تتحقق دون اتصال",
  offlineIntro: "يكفي ثلاثة ملفات ليتحقق أي شخص، في أي وقت، دون الاعتماد على هذا الموقع:",
  offlineSteps: [
    "نزّل الملف الأصلي:",
    "نزّل الإيصال:",
    "نزّل المفاتيح العامة للتواقيع وللسجل (أو انسخها من مصدر تثق به):",
    "تحقق بأداة isnad:",
  ],
  offlineOutro:
    "تتحقق الأداة من أن بصمة الملف هي المذكورة في السجل، وأن السجل موقَّع، وأنه مُدرَج في نقطة تحقق موقَّعة من السجل الشفاف.",
};

const en: ProvenanceStrings = {
  pageTitle: "{title} — isnad",
  backToVerify: "Verify another statement",
  switchLang: "العربية",
  untitled: "(untitled)",
  superseded: "Warning: a later statement superseded this one: {link}",
  newerStatement: "the newer statement",
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
  offlineIntro: "Three files let anyone verify, at any time, without relying on this site:",
  offlineSteps: [
    "Download the original:",
    "Download the receipt:",
    "Download the public keys of the signatures and of the log (or copy them from a source you trust):",
    "Verify with the isnad tool:",
  ],
  offlineOutro:
    "The tool checks that the file's fingerprint is the one in the record, that the record is signed, and that it is included in a signed checkpoint of the transparency log.",
};

export const PROVENANCE_STRINGS: Record<Lang, ProvenanceStrings> = { ar, en };
