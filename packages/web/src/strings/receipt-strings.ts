/** The words of the verify page's receipt check (client/receipt-check.ts), in Arabic and English. */
import type { Lang } from "../i18n";

export type ReceiptStep =
  | "receipt"
  | "record"
  | "sha256"
  | "signature"
  | "publisher"
  | "inclusion"
  | "checkpoint"
  | "witnesses"
  | "timestamp";

export interface ReceiptStrings {
  heading: string;
  lead: string;
  receiptLabel: string;
  originalLabel: string;
  keysLabel: string;
  keysNote: string;
  submit: string;
  checking: string;
  missing: string;
  keysFromServer: string;
  keysFromFile: string;
  keysUnavailable: string;
  policyFromServer: string;
  policyFromFile: string;
  policyUnavailable: string;
  witnessedBy: string;
  witnessesFailed: string;
  signedBy: string;
  publisherFailed: string;
  publisherKeysFromServer: string;
  publisherKeysFromFile: string;
  publisherKeysUnavailable: string;
  valid: string;
  invalid: string;
  steps: Record<ReceiptStep, string>;
  statuses: Record<"pass" | "fail" | "skipped", string>;
}

const ar: ReceiptStrings = {
  heading: "افحص إيصالاً في هذا المتصفح",
  lead: "اختر الإيصال والملف: يجري الفحص كله هنا في متصفحك، ولا يُرسل أيّ منهما إلى أي خادم.",
  receiptLabel: "الإيصال (ملف JSON)",
  originalLabel: "الملف الذي يخصّه الإيصال",
  keysLabel: "ملف المفاتيح (اختياري)",
  keysNote:
    "من isnad keys fetch أو من صفحة «عن هذا الأرشيف». بدونه تُجلب المفاتيح العامة من هذا الموقع؛ للتحقق المستقل استعمل نسخة من مصدر آخر.",
  submit: "افحص",
  checking: "جارٍ الفحص…",
  missing: "اختر الإيصال والملف أولاً.",
  keysFromServer: "المفاتيح العامة: من هذا الموقع ({url}).",
  keysFromFile: "المفاتيح العامة: من الملف الذي اخترته.",
  keysUnavailable: "تعذّر الحصول على المفاتيح العامة: {reason}",
  policyFromServer: "سياسة الشهود: من هذا الموقع ({url}).",
  policyFromFile: "سياسة الشهود: من الملف الذي اخترته.",
  policyUnavailable: "تعذّر الحصول على سياسة الشهود، فلم تُفحص تواقيع الشهود: {reason}",
  witnessedBy: "شهد عليه: {names} ({cosigned} من {configured}، وتشترط السياسة {required}).",
  witnessesFailed:
    "لم يوقّع على نقطة التحقق في هذا الإيصال كل الشهود الذين تشترطهم سياسة السجل: توقيع شاهد مفقود أو حُذف أو غير صالح.",
  signedBy: "موقَّع من {domain} (المفتاح {keyId})، بمفتاح أعلنه هذا النطاق.",
  publisherFailed: "توقيع الناشر على هذا السجل لا يصحّ (انظر خطوة «توقيع الناشر» أدناه).",
  publisherKeysFromServer: "مفاتيح الناشر: من هذا الموقع ({url}).",
  publisherKeysFromFile: "مفاتيح الناشر: من الملف الذي اخترته.",
  publisherKeysUnavailable: "تعذّر الحصول على مفاتيح الناشر، فلم يُفحص أن نطاقه أعلن المفتاح: {reason}",
  valid: "الإيصال صالح: كل الفحوص نجحت، والملف هو الملف المؤرشف.",
  invalid: "الإيصال لا يصلح لهذا الملف: فشل فحص واحد على الأقل (انظر أدناه).",
  steps: {
    receipt: "قراءة الإيصال",
    record: "السجل داخل الإيصال",
    sha256: "بصمة الملف",
    signature: "توقيع السجل",
    publisher: "توقيع الناشر",
    inclusion: "الإدراج في السجل الشفاف",
    checkpoint: "توقيع نقطة التحقق",
    witnesses: "تواقيع الشهود",
    timestamp: "الختم الزمني الموثوق (RFC 3161)",
  },
  statuses: { pass: "نجح", fail: "فشل", skipped: "لم يُفحص" },
};

const en: ReceiptStrings = {
  heading: "Check a receipt in this browser",
  lead: "Choose the receipt and the file: the whole check runs here in your browser, and neither is sent anywhere.",
  receiptLabel: "The receipt (a JSON file)",
  originalLabel: "The file the receipt is for",
  keysLabel: "A keys file (optional)",
  keysNote:
    "From isnad keys fetch or the “About this archive” page. Without it the public keys come from this site; for an independent check use a copy from another source.",
  submit: "Check",
  checking: "Checking…",
  missing: "Choose the receipt and the file first.",
  keysFromServer: "Public keys: from this site ({url}).",
  keysFromFile: "Public keys: from the file you chose.",
  keysUnavailable: "The public keys could not be had: {reason}",
  policyFromServer: "Witness policy: from this site ({url}).",
  policyFromFile: "Witness policy: from the file you chose.",
  policyUnavailable:
    "The witness policy could not be had, so the witnesses' cosignatures were not checked: {reason}",
  witnessedBy: "Witnessed by {names} ({cosigned} of {configured}; the policy requires {required}).",
  witnessesFailed:
    "The witnesses the log's policy requires did not all cosign this receipt's checkpoint: a cosignature is missing, was removed, or is invalid.",
  signedBy: "Signed by {domain} (key {keyId}), a key its domain declared.",
  publisherFailed: "The publisher's signature on this record does not hold (see the publisher step below).",
  publisherKeysFromServer: "Publisher keys: from this site ({url}).",
  publisherKeysFromFile: "Publisher keys: from the file you chose.",
  publisherKeysUnavailable:
    "The publisher's keys could not be had, so whether its domain declared the key was not checked: {reason}",
  valid: "The receipt holds: every check passed, and the file is the archived one.",
  invalid: "The receipt does not hold for this file: at least one check failed (see below).",
  steps: {
    receipt: "Reading the receipt",
    record: "The record in the receipt",
    sha256: "The file's fingerprint",
    signature: "The record's signature",
    publisher: "The publisher's signature",
    inclusion: "Inclusion in the transparency log",
    checkpoint: "The checkpoint's signature",
    witnesses: "The witnesses' cosignatures",
    timestamp: "Trusted time (RFC 3161)",
  },
  statuses: { pass: "passed", fail: "failed", skipped: "not checked" },
};

export const RECEIPT_STRINGS: Record<Lang, ReceiptStrings> = { ar, en };
