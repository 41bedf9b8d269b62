/**
 * The words of the verify page, in Arabic and English. Shared by the server-rendered shell and the
 * browser client (which bundles them). Placeholders `{name}` are filled by fillTemplate (i18n.ts).
 */
import type { Lang } from "../i18n";

export type VerdictKey =
  "authentic" | "verbatim" | "same-words" | "abridged" | "uncertain" | "altered" | "unverified" | "not-found";

export type FoldKey =
  | "whitespace"
  | "punctuation"
  | "invisible characters"
  | "tatweel"
  | "diacritics"
  | "compatibility forms"
  | "alef variants"
  | "hamza variants"
  | "ya variants"
  | "kaf variants"
  | "ta marbuta"
  | "digits"
  | "case";

export type DifferenceKey = "negation" | "number" | "word" | "missing" | "extra" | "splice";

export interface VerifyStrings {
  pageTitle: string;
  brand: string;
  switchLang: string;
  heading: string;
  lead: string;
  fileHeading: string;
  fileLabel: string;
  fileNote: string;
  hashing: string;
  hashHeading: string;
  hashLabel: string;
  hashHint: string;
  hashInvalid: string;
  quoteHeading: string;
  quoteLabel: string;
  quoteHint: string;
  quoteEmpty: string;
  submit: string;
  checking: string;
  resultHeading: string;
  noscript: string;
  footerKeys: string;
  footerLog: string;
  footerApi: string;
  verdicts: Record<VerdictKey, { title: string; explain: string }>;
  fileNotFoundHint: string;
  folded: Record<FoldKey, string>;
  differences: Record<DifferenceKey, string>;
  differencesCaption: string;
  /** Marks a difference that falls on damaged archive text (verdict "uncertain"). */
  damagedHere: string;
  /** damagedHere when the page of the original (PDF) is known. */
  damagedHereOnPage: string;
  /** Beside a difference: where it is in the original file (PDF). */
  onPage: string;
  differenceKind: string;
  inOriginal: string;
  inQuote: string;
  nothing: string;
  fileName: string;
  computedHash: string;
  untitled: string;
  publisher: string;
  publishedAt: string;
  asStated: string;
  receivedAt: string;
  notStated: string;
  superseded: string;
  newerStatement: string;
  signatureValid: string;
  signatureInvalid: string;
  inclusionChecked: string;
  inclusionUnchecked: string;
  downloadReceipt: string;
  provenancePage: string;
  passageHeading: string;
  wholeStatement: string;
  otherMatches: string;
  error: string;
  textUnavailable: string;
}

const ar: VerifyStrings = {
  pageTitle: "تحقّق من تصريح — إسناد",
  brand: "إسناد",
  switchLang: "English",
  heading: "تحقّق من تصريح رسمي",
  lead: "أفلت ملفاً، أو الصق بصمته، أو الصق اقتباساً منه، لتعرف هل صدر فعلاً عن جهته، ومتى، وهل حُرِّف.",
  fileHeading: "ملف",
  fileLabel: "اختر ملفاً أو أفلته هنا",
  fileNote: "تُحسب بصمة الملف على جهازك؛ لا يُرسَل الملف إلى أي مكان.",
  hashing: "حساب بصمة الملف",
  hashHeading: "بصمة",
  hashLabel: "بصمة SHA-256 للملف",
  hashHint: "٦٤ محرفاً ست عشرياً (0–9 و a–f).",
  hashInvalid: "البصمة يجب أن تكون ٦٤ محرفاً ست عشرياً.",
  quoteHeading: "اقتباس",
  quoteLabel: "الاقتباس المراد التحقق منه",
  quoteHint: "اضغط Enter للتحقق، و Shift+Enter لسطر جديد. استعمل «…» لموضع الحذف.",
  quoteEmpty: "اكتب اقتباساً من ثلاث كلمات على الأقل.",
  submit: "تحقّق",
  checking: "جارٍ التحقق…",
  resultHeading: "النتيجة",
  noscript: "تحتاج هذه الصفحة إلى JavaScript. يمكنك استعمال الواجهة البرمجية مباشرة: /v1/verify",
  footerKeys: "المفاتيح العامة",
  footerLog: "السجل الشفاف",
  footerApi: "الواجهة البرمجية",
  verdicts: {
    authentic: {
      title: "أصلي",
      explain: "هذا الملف مطابق تماماً، بايتاً ببايت، لتصريح محفوظ في الأرشيف وموقَّع رقمياً.",
    },
    verbatim: { title: "موجود حرفياً", explain: "الاقتباس موجود في التصريح كما هو، كلمةً بكلمة." },
    "same-words": {
      title: "موجود بالكلمات نفسها",
      explain: "الاقتباس يطابق كلمات التصريح، ويختلف عنه في طريقة الكتابة فقط بما لا يغيّر المعنى:",
    },
    abridged: {
      title: "مقتطع",
      explain: "أجزاء الاقتباس موجودة في التصريح بالترتيب نفسه، وقد حُذف ما بينها عند علامة الحذف «…».",
    },
    uncertain: {
      title: "تعذّر الحكم: نص الأرشيف تالف هنا",
      explain:
        "الاقتباس يختلف عن النص المؤرشف في مواضع تضرّر فيها استخراج النص من الملف الأصلي (حروف مفقودة أو مشوّهة)، فلا يمكن الجزم بأنه محرَّف ولا بأنه صحيح. افتح الملف الأصلي وقارن هذه المواضع:",
    },
    altered: {
      title: "محرَّف",
      explain: "الاقتباس يشبه نصاً في التصريح لكنه يختلف عنه فيما قد يغيّر المعنى. قارن بين الأصل والاقتباس:",
    },
    unverified: {
      title: "غير موثَّق",
      explain: "وُجد في الأرشيف، لكن التوقيع أو إثبات إدراجه في السجل الشفاف لم يتحقق. لا تعتمد عليه.",
    },
    "not-found": {
      title: "غير موجود",
      explain: "لم نجد هذا في الأرشيف. هذا لا يثبت أنه مزيّف، بل يعني أن إسناد لا يحفظ تصريحاً يحتويه.",
    },
  },
  fileNotFoundHint:
    "النسخة المحوَّلة أو المحفوظة من جديد (PDF آخر، ملف Word) تختلف بايتاتها عن الأصل: الصق جملة منها في خانة الاقتباس.",
  folded: {
    whitespace: "المسافات وفواصل الأسطر",
    punctuation: "علامات الترقيم والتنصيص",
    "invisible characters": "محارف غير مرئية",
    tatweel: "التطويل (ـ)",
    diacritics: "التشكيل والحركات",
    "compatibility forms": "أشكال الحروف المركّبة (مثل ﻻ)",
    "alef variants": "صور الألف (أ إ آ ا)",
    "hamza variants": "صور الهمزة (ؤ ئ ء)",
    "ya variants": "الياء والألف المقصورة (ي ى)",
    "kaf variants": "صور الكاف (ك ک)",
    "ta marbuta": "التاء المربوطة والهاء (ة ه)",
    digits: "صور الأرقام (٨٠ و 80)",
    case: "حالة الأحرف اللاتينية",
  },
  differences: {
    negation: "نفي أُضيف أو حُذف",
    number: "رقم مختلف",
    word: "كلمة مختلفة",
    missing: "كلمات ناقصة من الاقتباس",
    extra: "كلمات أضافها الاقتباس",
    splice: "أجزاء من مواضع متباعدة وُصلت دون علامة حذف",
  },
  differencesCaption: "الفروق بين الأصل والاقتباس",
  damagedHere: "⚠ نص الأرشيف تالف هنا (المحارف {start}–{end}): راجع الملف الأصلي",
  damagedHereOnPage: "⚠ نص الأرشيف تالف هنا (المحارف {start}–{end}): راجع الصفحة {page} من الملف الأصلي",
  onPage: "الصفحة {page} من الأصل",
  differenceKind: "الفرق",
  inOriginal: "في الأصل",
  inQuote: "في الاقتباس",
  nothing: "(لا شيء)",
  fileName: "الملف",
  computedHash: "بصمة SHA-256",
  untitled: "(بلا عنوان)",
  publisher: "الجهة الناشرة",
  publishedAt: "تاريخ النشر",
  asStated: "كما ذكرته الجهة",
  receivedAt: "تاريخ الأرشفة",
  notStated: "غير مذكور",
  superseded: "تنبيه: صدر لاحقاً تصريح يحلّ محلّ هذا التصريح: {link}",
  newerStatement: "التصريح الأحدث",
  signatureValid: "التوقيع الرقمي صحيح (المفتاح {keyId}).",
  signatureInvalid: "تحذير: التوقيع الرقمي غير صحيح: {reason}",
  inclusionChecked: "مُدرَج في السجل الشفاف: المدخل رقم {leafIndex} من أصل {treeSize}.",
  inclusionUnchecked: "لم يُتحقَّق من إدراجه في السجل الشفاف: {reason}",
  downloadReceipt: "تنزيل الإيصال",
  provenancePage: "صفحة التصريح وتاريخه",
  passageHeading: "المقطع في سياقه",
  wholeStatement: "الاقتباس هو نص التصريح كاملاً.",
  otherMatches: "وُجد أيضاً في:",
  error: "تعذّر التحقق: {detail}",
  textUnavailable: "تعذّر عرض المقطع في سياقه.",
};

const en: VerifyStrings = {
  pageTitle: "Verify a statement — isnad",
  brand: "isnad",
  switchLang: "العربية",
  heading: "Verify an official statement",
  lead: "Drop a file, paste its fingerprint, or paste a quote from it: learn whether it really came from its publisher, when, and whether it was altered.",
  fileHeading: "File",
  fileLabel: "Choose a file or drop it here",
  fileNote: "The file is fingerprinted on your device; it is not sent anywhere.",
  hashing: "Fingerprinting the file",
  hashHeading: "Fingerprint",
  hashLabel: "SHA-256 fingerprint of the file",
  hashHint: "64 hexadecimal characters (0–9 and a–f).",
  hashInvalid: "A fingerprint is 64 hexadecimal characters.",
  quoteHeading: "Quote",
  quoteLabel: "The quote to verify",
  quoteHint: "Press Enter to verify, Shift+Enter for a new line. Mark cuts with “…”.",
  quoteEmpty: "Type a quote of at least three words.",
  submit: "Verify",
  checking: "Checking…",
  resultHeading: "Result",
  noscript: "This page needs JavaScript. You can use the API directly: /v1/verify",
  footerKeys: "Public keys",
  footerLog: "Transparency log",
  footerApi: "API",
  verdicts: {
    authentic: {
      title: "Authentic",
      explain:
        "This file is identical, byte for byte, to a statement held in the archive and digitally signed.",
    },
    verbatim: {
      title: "Found word for word",
      explain: "The quote appears in the statement exactly as written.",
    },
    "same-words": {
      title: "Found, same words",
      explain:
        "The quote has the statement's words; it differs only in how they are written, which does not change meaning:",
    },
    abridged: {
      title: "Abridged",
      explain:
        "Each part of the quote is in the statement, in the same order; the text between them was cut at the “…”.",
    },
    uncertain: {
      title: "CANNOT TELL: ARCHIVED TEXT DAMAGED HERE",
      explain:
        "The quote differs from the archived text only where extracting the text from the original file went wrong (letters lost or garbled), so it can be called neither altered nor faithful. Open the original file and compare these places:",
    },
    altered: {
      title: "ALTERED",
      explain:
        "The quote resembles the statement but differs from it where meaning can change. Compare the original with the quote:",
    },
    unverified: {
      title: "UNVERIFIED",
      explain:
        "Found in the archive, but its signature or its inclusion in the transparency log did not check out. Do not rely on it.",
    },
    "not-found": {
      title: "Not found",
      explain:
        "Nothing in the archive matches. This does not prove it false; it means isnad holds no statement containing it.",
    },
  },
  fileNotFoundHint:
    "A converted or re-saved copy (another PDF, a Word file) has different bytes from the original: paste a sentence from it as a quote instead.",
  folded: {
    whitespace: "spaces and line breaks",
    punctuation: "punctuation and quotation marks",
    "invisible characters": "invisible characters",
    tatweel: "tatweel (ـ)",
    diacritics: "diacritics (tashkeel, accents)",
    "compatibility forms": "compatibility forms (such as ﻻ)",
    "alef variants": "alef variants (أ إ آ ا)",
    "hamza variants": "hamza variants (ؤ ئ ء)",
    "ya variants": "ya and alef maqsura (ي ى)",
    "kaf variants": "kaf variants (ك ک)",
    "ta marbuta": "ta marbuta and ha (ة ه)",
    digits: "digit forms (٨٠ and 80)",
    case: "letter case",
  },
  differences: {
    negation: "a negation added or removed",
    number: "a different number",
    word: "a different word",
    missing: "words missing from the quote",
    extra: "words the quote added",
    splice: "parts from separate places joined without an ellipsis",
  },
  differencesCaption: "Differences between the original and the quote",
  damagedHere: "⚠ archived text damaged here (characters {start}–{end}): check the original file",
  damagedHereOnPage:
    "⚠ archived text damaged here (characters {start}–{end}): check page {page} of the original file",
  onPage: "page {page} of the original",
  differenceKind: "Difference",
  inOriginal: "Original",
  inQuote: "Quote",
  nothing: "(nothing)",
  fileName: "File",
  computedHash: "SHA-256",
  untitled: "(untitled)",
  publisher: "Publisher",
  publishedAt: "Published",
  asStated: "as stated by the publisher",
  receivedAt: "Archived",
  notStated: "not stated",
  superseded: "Warning: a later statement superseded this one: {link}",
  newerStatement: "the newer statement",
  signatureValid: "The digital signature is valid (key {keyId}).",
  signatureInvalid: "Warning: the digital signature is not valid: {reason}",
  inclusionChecked: "Included in the transparency log: entry {leafIndex} of {treeSize}.",
  inclusionUnchecked: "Inclusion in the transparency log was not checked: {reason}",
  downloadReceipt: "Download the receipt",
  provenancePage: "The statement and its history",
  passageHeading: "The passage in context",
  wholeStatement: "The quote is the whole statement.",
  otherMatches: "Also found in:",
  error: "Could not verify: {detail}",
  textUnavailable: "The passage could not be shown in context.",
};

export const VERIFY_STRINGS: Record<Lang, VerifyStrings> = { ar, en };
