/**
 * The provenance page's words for who signed a statement (pages/provenance-signer.ts, issue #17):
 * the publisher's own signature, named by its domain, apart from isnad's signature as archive.
 * Placeholders: {domain} the domain that declared the key, {keyId} the key's id, {keys} a link
 * to the publisher's key list.
 */
import type { Lang } from "../i18n";

export interface SignerStrings {
  signedBy: string;
  signedByNote: string;
  archivedBy: string;
  notSigned: string;
}

const ar: SignerStrings = {
  signedBy: "موقَّع من {domain} بالمفتاح {keyId}.",
  signedByNote:
    "وقّعت الجهة الناشرة هذا التصريح بنفسها، وتحقق إسناد عند الحفظ من أن المفتاح أحدُ المفاتيح التي يعلنها النطاق {domain} ({keys})؛ يبقى التوقيع قابلاً للتحقق حتى لو لم تثق بإسناد.",
  archivedBy: "وحفظه إسناد ووقّع سجلّه بمفتاحه الخاص، وهذا توقيع منفصل.",
  notSigned: "لم توقّع الجهة الناشرة هذا التصريح: إسناد وحده يشهد بمن رفعه.",
};

const en: SignerStrings = {
  signedBy: "Signed by {domain} with key {keyId}.",
  signedByNote:
    "The publisher signed this statement itself; at upload isnad checked that the key is one the domain {domain} declares ({keys}), so the signature holds even for readers who do not trust isnad.",
  archivedBy: "Archived by isnad, which signed the record with its own key: a separate signature.",
  notSigned: "Not signed by the publisher: only isnad vouches for who uploaded it.",
};

export const SIGNER_STRINGS: Record<Lang, SignerStrings> = { ar, en };
