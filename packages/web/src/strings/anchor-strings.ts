/**
 * The provenance page's words for witnesses and trusted time (pages/provenance-witness.ts), in
 * Arabic and English. Placeholders: {names} the witnesses that cosigned, {cosigned} {configured}
 * {required} counts, {time} the TSA's genTime, {tsa} the TSA's name.
 */
import type { Lang } from "../i18n";

export interface AnchorStrings {
  heading: string;
  intro: string;
  witnessedBy: string;
  notWitnessed: string;
  quorumMissed: string;
  existedBy: string;
  policyLink: string;
}

const ar: AnchorStrings = {
  heading: "الشهود والوقت الموثوق",
  intro: "تحقق الخادم من هذه التواقيع قبل عرضها؛ يمكنك إعادة التحقق بنفسك بالإيصال وسياسة الشهود.",
  witnessedBy:
    "شهد عليه {names}: وقّع {cosigned} من {configured} من الشهود الذين تسمّيهم سياسة السجل على نقطة التحقق التي تتضمن هذا السجل (تشترط السياسة {required}).",
  notWitnessed:
    "لم يُشهد عليه بعد: لم يوقّع أيّ من الشهود الذين تسمّيهم سياسة السجل ({configured}) على نقطة التحقق الحالية.",
  quorumMissed: "لم يكتمل النصاب الذي تشترطه السياسة بعد.",
  existedBy: "كان موجوداً في موعد أقصاه {time}، بحسب {tsa} (ختم زمني RFC 3161).",
  policyLink: "سياسة الشهود",
};

const en: AnchorStrings = {
  heading: "Witnesses and trusted time",
  intro:
    "The server verified these signatures before showing them; you can check them again yourself with the receipt and the witness policy.",
  witnessedBy:
    "Witnessed by {names}: {cosigned} of the {configured} witnesses the log's policy names cosigned the checkpoint that includes this record (the policy requires {required}).",
  notWitnessed:
    "Not yet witnessed: none of the {configured} witnesses the log's policy names has cosigned the current checkpoint.",
  quorumMissed: "The quorum the policy requires is not met yet.",
  existedBy: "Existed no later than {time}, according to {tsa} (RFC 3161 timestamp).",
  policyLink: "the witness policy",
};

export const ANCHOR_STRINGS: Record<Lang, AnchorStrings> = { ar, en };
