/**
 * TimeStampResp (RFC 3161 §2.4.2) → the TimeStampToken's DER. Status granted (0) or
 * grantedWithMods (1) carry a token; anything else is the TSA refusing, named by its text.
 */
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { TimestampError } from "./errors";
import { toArrayBuffer } from "./bytes";

export function tokenFromResponse(der: Uint8Array): Uint8Array {
  let resp: pkijs.TimeStampResp;
  try {
    const asn = asn1js.fromBER(toArrayBuffer(der));
    if (asn.offset === -1) throw new Error(asn.result.error);
    resp = new pkijs.TimeStampResp({ schema: asn.result });
  } catch (e) {
    throw new TimestampError("MALFORMED", `not a TimeStampResp: ${(e as Error).message}`);
  }
  const status = resp.status.status;
  if (status !== 0 && status !== 1) {
    const text = resp.status.statusStrings?.map((s) => s.valueBlock.value).join("; ") ?? "";
    throw new TimestampError("REJECTED", `the TSA refused (status ${status}) ${text}`.trim());
  }
  if (!resp.timeStampToken) throw new TimestampError("MALFORMED", "granted without a token");
  return new Uint8Array(resp.timeStampToken.toSchema().toBER(false));
}
