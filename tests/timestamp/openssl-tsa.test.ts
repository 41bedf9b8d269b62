/**
 * RFC 3161 against a TSA that is not ours: Debian's `openssl ts -reply` over HTTP makes the
 * tokens; isnad's verifier and `openssl ts -verify` must agree on each one, good and bad.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as pkijs from "pkijs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildTimeStampRequest,
  checkTokenAnswers,
  tokenFromResponse,
  verifyTimestampToken,
  TimestampError,
  type TimestampErrorCode,
} from "@isnad/timestamp";
import { openssl, startOpensslTsa, TEST_TSA_POLICY, type OpensslTsa } from "../support/openssl-tsa";

const body = new TextEncoder().encode("isnad.test/log\n7\nq2zv3n4z8uQ2y5Yx0QmPZl2m0k8xvQ9o5bV3l1c2aXo=\n");

let tsa: OpensslTsa;
let work: string;

beforeAll(async () => {
  tsa = await startOpensslTsa();
  work = await mkdtemp(join(tmpdir(), "isnad-tst-"));
});
afterAll(async () => {
  await tsa?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

async function sha256(data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", new Uint8Array(data)));
}

async function stamp(data: Uint8Array) {
  const req = buildTimeStampRequest(await sha256(data));
  const res = await fetch(tsa.url, {
    method: "POST",
    headers: { "content-type": "application/timestamp-query" },
    body: req.der,
  });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/timestamp-reply");
  const token = tokenFromResponse(new Uint8Array(await res.arrayBuffer()));
  return { req, token };
}

let files = 0;
async function file(bytes: Uint8Array): Promise<string> {
  const path = join(work, `f${files++}`);
  await writeFile(path, bytes);
  return path;
}

/** `openssl ts -verify` on a token: true when OpenSSL accepts it. */
async function opensslVerifies(
  token: Uint8Array,
  data: Uint8Array,
  caFile: string,
  queryDer?: Uint8Array,
): Promise<boolean> {
  const args = ["ts", "-verify", "-in", await file(token), "-token_in", "-CAfile", caFile];
  if (queryDer) args.push("-queryfile", await file(queryDer));
  else args.push("-data", await file(data));
  try {
    const out = await openssl(args);
    return /Verification: OK/.test(out);
  } catch {
    return false;
  }
}

async function rejectsWith(p: Promise<unknown>, code: TimestampErrorCode): Promise<void> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(TimestampError);
  expect((e as TimestampError).code).toBe(code);
}

/** The TSTInfo a genuine token signs, re-signed as CMS by another key with `openssl cms`. */
async function resign(token: Uint8Array, cert: string, key: string, cades: boolean) {
  const info = pkijs.ContentInfo.fromBER(token.slice().buffer);
  const signed = new pkijs.SignedData({ schema: info.content });
  const tst = new Uint8Array(signed.encapContentInfo.eContent!.getValue());
  const out = join(work, `resigned${files++}.der`);
  await openssl([
    "cms",
    "-sign",
    "-binary",
    "-nodetach",
    "-nosmimecap",
    "-md",
    "sha256",
    "-econtent_type",
    "1.2.840.113549.1.9.16.1.4",
    "-in",
    await file(tst),
    "-signer",
    cert,
    "-inkey",
    key,
    "-outform",
    "DER",
    "-out",
    out,
    ...(cades ? ["-cades"] : []),
  ]);
  return new Uint8Array(await readFile(out));
}

describe("RFC 3161 tokens from openssl ts -reply", () => {
  it("a token over the checkpoint body verifies with isnad and with openssl ts -verify", async () => {
    const { req, token } = await stamp(body);
    const before = Date.now();
    const v = await verifyTimestampToken(token, body, {
      roots: [tsa.rootPem],
      nonce: req.nonce,
      policies: [TEST_TSA_POLICY],
    });
    expect(v.policy).toBe(TEST_TSA_POLICY);
    expect(v.tsa).toBe("isnad test TSA");
    // genTime has one-second precision here (accuracy secs:1).
    expect(Math.abs(v.genTime.getTime() - before)).toBeLessThan(60_000);
    expect(await opensslVerifies(token, body, tsa.rootPath)).toBe(true);
    expect(await opensslVerifies(token, body, tsa.rootPath, req.der)).toBe(true);
  });

  it("nonces with leading zero bytes or a set top bit are encoded as DER and echoed", async () => {
    for (const nonce of [
      Uint8Array.of(0, 0, 0x12, 0x34, 5, 6, 7, 8),
      Uint8Array.of(0, 0x80, 1, 2, 3, 4, 5, 6),
      Uint8Array.of(0xff, 1, 2, 3, 4, 5, 6, 7),
    ]) {
      const req = buildTimeStampRequest(await sha256(body), { nonce });
      const res = await fetch(tsa.url, {
        method: "POST",
        headers: { "content-type": "application/timestamp-query" },
        body: req.der,
      });
      const token = tokenFromResponse(new Uint8Array(await res.arrayBuffer()));
      await verifyTimestampToken(token, body, { roots: [tsa.rootPem], nonce });
      expect(await opensslVerifies(token, body, tsa.rootPath, req.der)).toBe(true);
    }
  });

  it("tampered data: the imprint differs (both refuse)", async () => {
    const { req, token } = await stamp(body);
    const tampered = body.slice();
    tampered[3] = tampered[3]! ^ 1;
    await rejectsWith(
      verifyTimestampToken(token, tampered, { roots: [tsa.rootPem], nonce: req.nonce }),
      "IMPRINT_MISMATCH",
    );
    expect(await opensslVerifies(token, tampered, tsa.rootPath)).toBe(false);
  });

  it("wrong root: no chain to the pinned root (both refuse)", async () => {
    const { req, token } = await stamp(body);
    await rejectsWith(
      verifyTimestampToken(token, body, { roots: [tsa.otherRootPem], nonce: req.nonce }),
      "UNTRUSTED",
    );
    expect(await opensslVerifies(token, body, tsa.otherRootPath)).toBe(false);
  });

  it("wrong nonce: a token that answers another request (both refuse)", async () => {
    const { token } = await stamp(body);
    const other = buildTimeStampRequest(await sha256(body));
    await rejectsWith(
      verifyTimestampToken(token, body, { roots: [tsa.rootPem], nonce: other.nonce }),
      "NONCE_MISMATCH",
    );
    // The log's TSA client makes the same check on each answer, before it stores a token.
    await rejectsWith(checkTokenAnswers(token, body, other.nonce), "NONCE_MISMATCH");
    expect(await opensslVerifies(token, body, tsa.rootPath, other.der)).toBe(false);
  });

  it("a signer certificate without the timeStamping EKU (both refuse)", async () => {
    const { token } = await stamp(body);
    // Same TSTInfo, signed (with a CAdES ESSCertIDv2 binding) by a leaf of the same root that
    // lacks extendedKeyUsage timeStamping: only the EKU is wrong.
    const forged = await resign(token, tsa.noEkuCertPath, tsa.noEkuKeyPath, true);
    await rejectsWith(verifyTimestampToken(forged, body, { roots: [tsa.rootPem] }), "EKU_INVALID");
    expect(await opensslVerifies(forged, body, tsa.rootPath)).toBe(false);
  });

  it("no ESSCertID binding of the signer certificate (both refuse)", async () => {
    const { token } = await stamp(body);
    const unbound = await resign(token, tsa.tsaCertPath, join(tsa.dir, "tsa.key"), false);
    await rejectsWith(verifyTimestampToken(unbound, body, { roots: [tsa.rootPem] }), "CERT_ID_MISMATCH");
    expect(await opensslVerifies(unbound, body, tsa.rootPath)).toBe(false);
  });

  it("the same TSTInfo re-signed by the real TSA key with a binding verifies (the forgery tests are fair)", async () => {
    const { token } = await stamp(body);
    const resigned = await resign(token, tsa.tsaCertPath, join(tsa.dir, "tsa.key"), true);
    const v = await verifyTimestampToken(resigned, body, { roots: [tsa.rootPem] });
    expect(v.tsa).toBe("isnad test TSA");
    expect(await opensslVerifies(resigned, body, tsa.rootPath)).toBe(true);
  });

  it("a broken CMS signature, another policy, a genTime in the verifier's future", async () => {
    const { token } = await stamp(body);
    const broken = token.slice();
    broken[broken.length - 5] = broken[broken.length - 5]! ^ 0x01; // inside the ECDSA signature value, the token's tail
    await rejectsWith(verifyTimestampToken(broken, body, { roots: [tsa.rootPem] }), "SIGNATURE_INVALID");
    expect(await opensslVerifies(broken, body, tsa.rootPath)).toBe(false);
    await rejectsWith(
      verifyTimestampToken(token, body, { roots: [tsa.rootPem], policies: ["1.2.3.4"] }),
      "POLICY_MISMATCH",
    );
    await rejectsWith(
      verifyTimestampToken(token, body, { roots: [tsa.rootPem], now: new Date(Date.now() - 3_600_000) }),
      "GENTIME_INVALID",
    );
  });

  it("a refusal (a digest the TSA does not accept) and junk are clear errors", async () => {
    const query = join(work, "sha1.tsq");
    await openssl(["ts", "-query", "-data", await file(body), "-sha1", "-cert", "-out", query]);
    const res = await fetch(tsa.url, {
      method: "POST",
      headers: { "content-type": "application/timestamp-query" },
      body: await readFile(query),
    });
    const reply = new Uint8Array(await res.arrayBuffer());
    expect(() => tokenFromResponse(reply)).toThrow(TimestampError);
    try {
      tokenFromResponse(reply);
    } catch (e) {
      expect((e as TimestampError).code).toBe("REJECTED");
    }
    expect(() => tokenFromResponse(Uint8Array.of(1, 2, 3))).toThrow(/not a TimeStampResp/);
    await rejectsWith(
      verifyTimestampToken(Uint8Array.of(0x30, 0x03, 1, 2, 3), body, { roots: [tsa.rootPem] }),
      "MALFORMED",
    );
  });
});
