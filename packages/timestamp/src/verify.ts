/**
 * Verify an RFC 3161 TimeStampToken over some data, every check the RFC asks a client to make
 * (§2.4.2) plus the ones a pinned-trust verifier needs:
 *   1. the token is CMS SignedData (RFC 5652) whose eContent is a TSTInfo;
 *   2. messageImprint is SHA-256 of the data;
 *   3. the nonce is the one the request carried (when the caller has it);
 *   4. the policy is one the caller accepts (when it names any);
 *   5. the signer certificate has a critical extKeyUsage holding exactly id-kp-timeStamping
 *      (RFC 3161 §2.3);
 *   6. the signed attributes bind that certificate: ESSCertIDv2 (RFC 5035) or ESSCertID
 *      (RFC 2634 §5.4), hash of the certificate's DER and, when present, its issuer serial;
 *   7. genTime lies within the certificate's validity and not in the verifier's future;
 *   8. the CMS signature verifies and the certificate chains to a pinned root at genTime.
 */
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { ensureEngine } from "./engine";
import { TimestampError } from "./errors";
import { certificatesFrom, equalBytes, toArrayBuffer, toHex } from "./bytes";
import {
  OID_EXT_KEY_USAGE,
  OID_KP_TIMESTAMPING,
  OID_SHA1,
  OID_SHA256,
  OID_SIGNING_CERTIFICATE,
  OID_SIGNING_CERTIFICATE_V2,
  OID_TSTINFO,
} from "./oids";

export interface TimestampTrust {
  /** Pinned TSA roots: PEM text (one or more certificates) or DER. */
  readonly roots: readonly (string | Uint8Array)[];
  /** The nonce the request carried, unsigned big-endian; checked when given. */
  readonly nonce?: Uint8Array;
  /** Accepted TSA policy OIDs; any policy when absent or empty. */
  readonly policies?: readonly string[];
  /** The verifier's clock (default now) and how far genTime may run ahead of it. */
  readonly now?: Date;
  readonly maxFutureSkewMs?: number;
}

export interface VerifiedTimestamp {
  readonly genTime: Date;
  readonly policy: string;
  /** Serial number of the token, hex. */
  readonly serialNumber: string;
  /** The TSA, by its signer certificate's common name (or full subject). */
  readonly tsa: string;
}

function fail(code: ConstructorParameters<typeof TimestampError>[0], message: string): never {
  throw new TimestampError(code, message);
}

function parse<T>(der: ArrayBuffer, make: (schema: asn1js.AsnType) => T, what: string): T {
  const asn = asn1js.fromBER(der);
  if (asn.offset === -1) fail("MALFORMED", `${what}: ${asn.result.error}`);
  try {
    return make(asn.result);
  } catch (e) {
    return fail("MALFORMED", `${what}: ${(e as Error).message}`);
  }
}

/** Unsigned big-endian bytes without leading zeros (INTEGER content may carry a sign byte). */
function magnitude(bytes: Uint8Array): string {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  return toHex(bytes.subarray(i));
}

async function digest(algorithm: "SHA-1" | "SHA-256", data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await globalThis.crypto.subtle.digest(algorithm, toArrayBuffer(data)));
}

export function subjectName(cert: pkijs.Certificate): string {
  const cn = cert.subject.typesAndValues.find((tv) => tv.type === "2.5.4.3");
  if (cn) return String(cn.value.valueBlock.value);
  return cert.subject.typesAndValues.map((tv) => String(tv.value.valueBlock.value)).join(", ");
}

function findSigner(signed: pkijs.SignedData, info: pkijs.SignerInfo): pkijs.Certificate {
  const certs = (signed.certificates ?? []).filter(
    (c): c is pkijs.Certificate => c instanceof pkijs.Certificate,
  );
  if (!(info.sid instanceof pkijs.IssuerAndSerialNumber)) {
    // subjectKeyIdentifier sids exist (RFC 5652 §5.3); TSAs we know use issuerAndSerialNumber.
    fail("CERT_ID_MISMATCH", "the signer is named by key identifier, not issuer and serial");
  }
  const sid = info.sid;
  const cert = certs.find((c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber));
  if (!cert) fail("CERT_ID_MISMATCH", "the token does not carry its signer's certificate");
  return cert;
}

function checkTimestampingEku(cert: pkijs.Certificate): void {
  const ext = cert.extensions?.find((e) => e.extnID === OID_EXT_KEY_USAGE);
  if (!ext) fail("EKU_INVALID", "the TSA certificate has no extendedKeyUsage");
  if (!ext.critical) fail("EKU_INVALID", "the TSA certificate's extendedKeyUsage is not critical");
  const usage = ext.parsedValue as pkijs.ExtKeyUsage | undefined;
  const purposes = usage?.keyPurposes ?? [];
  if (purposes.length !== 1 || purposes[0] !== OID_KP_TIMESTAMPING) {
    fail("EKU_INVALID", `the TSA certificate's extendedKeyUsage is not timeStamping alone`);
  }
}

/**
 * SigningCertificate(V2) ::= SEQUENCE { certs SEQUENCE OF ESSCertID(v2), policies … }
 * ESSCertIDv2 ::= SEQUENCE { hashAlgorithm DEFAULT sha256, certHash OCTET STRING, issuerSerial OPTIONAL }
 * ESSCertID   ::= SEQUENCE { certHash OCTET STRING (SHA-1), issuerSerial OPTIONAL }
 * The first ESSCertID is the signer's (RFC 5035 §3).
 */
async function checkCertBinding(info: pkijs.SignerInfo, cert: pkijs.Certificate): Promise<void> {
  const attrs = info.signedAttrs?.attributes ?? [];
  const v2 = attrs.find((a) => a.type === OID_SIGNING_CERTIFICATE_V2);
  const v1 = attrs.find((a) => a.type === OID_SIGNING_CERTIFICATE);
  const attr = v2 ?? v1;
  if (!attr) fail("CERT_ID_MISMATCH", "no signingCertificate(V2) attribute binds the signer");
  const value = attr.values[0] as asn1js.Sequence | undefined;
  const certs = (value?.valueBlock.value[0] as asn1js.Sequence | undefined)?.valueBlock.value;
  const first = (certs?.[0] as asn1js.Sequence | undefined)?.valueBlock.value;
  if (!first || first.length === 0) fail("CERT_ID_MISMATCH", "an empty signingCertificate list");
  let algorithm: "SHA-1" | "SHA-256" = v2 ? "SHA-256" : "SHA-1";
  let i = 0;
  if (v2 && first[0] instanceof asn1js.Sequence) {
    const oid = new pkijs.AlgorithmIdentifier({ schema: first[0] }).algorithmId;
    if (oid === OID_SHA1) algorithm = "SHA-1";
    else if (oid !== OID_SHA256) fail("CERT_ID_MISMATCH", `ESSCertIDv2 hash ${oid} unsupported`);
    i = 1;
  }
  const hash = first[i];
  if (!(hash instanceof asn1js.OctetString)) fail("CERT_ID_MISMATCH", "ESSCertID has no certHash");
  const certDer = new Uint8Array(cert.toSchema(true).toBER(false));
  const expected = await digest(algorithm, certDer);
  if (!equalBytes(new Uint8Array(hash.valueBlock.valueHexView), expected)) {
    fail("CERT_ID_MISMATCH", "ESSCertID does not hash to the signer certificate");
  }
  const issuerSerial = first[i + 1] as asn1js.Sequence | undefined;
  if (issuerSerial) {
    const serial = issuerSerial.valueBlock.value[1];
    if (!(serial instanceof asn1js.Integer) || !serial.isEqual(cert.serialNumber)) {
      fail("CERT_ID_MISMATCH", "ESSCertID's issuerSerial is not the signer certificate's");
    }
  }
}

function openToken(token: Uint8Array): { signed: pkijs.SignedData; tst: pkijs.TSTInfo } {
  ensureEngine();
  const content = parse(
    toArrayBuffer(token),
    (schema) => new pkijs.ContentInfo({ schema }),
    "not a TimeStampToken",
  );
  if (content.contentType !== pkijs.ContentInfo.SIGNED_DATA) fail("MALFORMED", "not SignedData");
  const signed = new pkijs.SignedData({ schema: content.content });
  const eContent = signed.encapContentInfo.eContent;
  if (signed.encapContentInfo.eContentType !== OID_TSTINFO || !eContent) {
    fail("MALFORMED", "the SignedData does not carry a TSTInfo");
  }
  const tst = parse(
    toArrayBuffer(new Uint8Array(eContent.getValue())),
    (schema) => new pkijs.TSTInfo({ schema }),
    "not a TSTInfo",
  );
  return { signed, tst };
}

/**
 * What a client checks on receipt of a token, before it has (or needs) the TSA's roots: the
 * token answers this request (RFC 3161 §2.4.2: the imprint and the nonce are the request's).
 * Full verification is verifyTimestampToken.
 */
export async function checkTokenAnswers(
  token: Uint8Array,
  data: Uint8Array,
  nonce: Uint8Array,
): Promise<{ genTime: Date; policy: string }> {
  const { tst } = openToken(token);
  await checkImprintAndNonce(tst, data, nonce);
  return { genTime: tst.genTime, policy: tst.policy };
}

async function checkImprintAndNonce(tst: pkijs.TSTInfo, data: Uint8Array, nonce?: Uint8Array) {
  // 2. The imprint: SHA-256, of exactly these bytes.
  if (tst.messageImprint.hashAlgorithm.algorithmId !== OID_SHA256) {
    fail("IMPRINT_MISMATCH", "the token's imprint is not SHA-256");
  }
  const imprint = new Uint8Array(tst.messageImprint.hashedMessage.valueBlock.valueHexView);
  if (!equalBytes(imprint, await digest("SHA-256", data))) {
    fail("IMPRINT_MISMATCH", "the token is over other data (message imprint differs)");
  }
  // 3. The nonce.
  if (nonce !== undefined) {
    const got = tst.nonce ? new Uint8Array(tst.nonce.valueBlock.valueHexView) : undefined;
    if (!got || magnitude(got) !== magnitude(nonce)) {
      fail("NONCE_MISMATCH", "the token does not echo the request's nonce");
    }
  }
}

export async function verifyTimestampToken(
  token: Uint8Array,
  data: Uint8Array,
  trust: TimestampTrust,
): Promise<VerifiedTimestamp> {
  const { signed, tst } = openToken(token);
  await checkImprintAndNonce(tst, data, trust.nonce);
  // 4. The policy.
  if (trust.policies && trust.policies.length > 0 && !trust.policies.includes(tst.policy)) {
    fail("POLICY_MISMATCH", `TSA policy ${tst.policy} is not an accepted one`);
  }
  // 5–6. The signer: one SignerInfo, its certificate's EKU and its ESSCertID binding.
  if (signed.signerInfos.length !== 1) fail("MALFORMED", "a token has exactly one signer");
  const info = signed.signerInfos[0]!;
  const cert = findSigner(signed, info);
  checkTimestampingEku(cert);
  await checkCertBinding(info, cert);
  // 7. genTime.
  const genTime = tst.genTime;
  if (!(genTime instanceof Date) || Number.isNaN(genTime.getTime())) {
    fail("GENTIME_INVALID", "the token has no readable genTime");
  }
  if (genTime < cert.notBefore.value || genTime > cert.notAfter.value) {
    fail("GENTIME_INVALID", "genTime is outside the TSA certificate's validity");
  }
  const now = trust.now ?? new Date();
  if (genTime.getTime() > now.getTime() + (trust.maxFutureSkewMs ?? 5 * 60_000)) {
    fail("GENTIME_INVALID", "genTime is in the future");
  }
  // 8. CMS signature (with the message-digest attribute) and the chain to a pinned root.
  const roots = trust.roots.flatMap((r) => certificatesFrom(r));
  if (roots.length === 0) fail("UNTRUSTED", "no pinned TSA root");
  const trustedCerts = roots.map((der) =>
    parse(toArrayBuffer(der), (schema) => new pkijs.Certificate({ schema }), "a pinned root"),
  );
  let ok: boolean;
  try {
    ok = await signed.verify({
      signer: 0,
      data: toArrayBuffer(data),
      trustedCerts,
      checkChain: true,
      checkDate: genTime,
    });
  } catch (e) {
    const err = e as { code?: number; message?: string };
    if (err.code === 5) fail("UNTRUSTED", `no chain to a pinned TSA root: ${err.message ?? ""}`);
    fail("SIGNATURE_INVALID", `the CMS signature does not verify: ${err.message ?? String(e)}`);
  }
  if (!ok) fail("SIGNATURE_INVALID", "the CMS signature does not verify");

  return {
    genTime,
    policy: tst.policy,
    serialNumber: magnitude(new Uint8Array(tst.serialNumber.valueBlock.valueHexView)),
    tsa: subjectName(cert),
  };
}
