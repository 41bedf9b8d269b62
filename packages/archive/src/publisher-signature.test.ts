import { describe, expect, it } from "vitest";
import { ed25519KeyPair, formatBase64, signEd25519 } from "@isnad/core";
import { signSshsig, statementSignatureMessage } from "@isnad/cose";
import { ArchiveError } from "./errors";
import { cleanFields } from "./ingest-input";
import { InMemoryPublisherKeyDirectory, publisherKeyId, type PublisherKey } from "./publisher-keys";
import { checkPublisherSignature, type SignedUpload } from "./publisher-signature";

const seed = (n: number) => new Uint8Array(32).fill(n);
const pub = (n: number) => ed25519KeyPair(seed(n)).publicKey;
const key = (n: number, extra: Partial<PublisherKey> = {}): PublisherKey => ({
  keyId: publisherKeyId(pub(n)),
  publicKey: pub(n),
  domain: "press.example",
  introducedAt: "2026-01-01T00:00:00.000Z",
  ...extra,
});

const sha256 = "ab".repeat(32);
const fields = cleanFields({ title: " بيان ", language: "AR" });
const message = (domain = "press.example", f = fields) =>
  statementSignatureMessage({ sha256, publisher: "press", domain, fields: f });
const upload = (signature: string, at = "2026-06-01T00:00:00.000Z"): SignedUpload => ({
  publisher: "press",
  sha256,
  fields,
  signature,
  at,
});

function directory(...keys: PublisherKey[]) {
  const dir = new InMemoryPublisherKeyDirectory();
  for (const k of keys) dir.add("press", k);
  return dir;
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ArchiveError);
  expect((error as ArchiveError).code).toBe("BAD_REQUEST");
  return (error as ArchiveError).details.reason as string;
}

describe("checkPublisherSignature", () => {
  it("accepts a raw Ed25519 signature by a trusted key and records what checks it again", async () => {
    const signature = formatBase64(signEd25519(seed(1), message()));
    const signed = await checkPublisherSignature(directory(key(2), key(1)), upload(signature));
    expect(signed).toEqual({
      format: "ed25519",
      keyId: publisherKeyId(pub(1)),
      domain: "press.example",
      publicKey: formatBase64(pub(1)),
      signature,
    });
  });

  it("accepts an SSHSIG by a trusted key", async () => {
    const signature = await signSshsig(seed(1), message());
    const signed = await checkPublisherSignature(directory(key(1)), upload(signature));
    expect(signed.format).toBe("sshsig");
    expect(signed.keyId).toBe(publisherKeyId(pub(1)));
  });

  it("trusts a rotated key for uploads before its rotation only, a revoked key never", async () => {
    const rotated = key(1, { retiredAt: "2026-03-01T00:00:00.000Z", retiredBy: "rotated" });
    const signature = formatBase64(signEd25519(seed(1), message()));
    await expect(
      checkPublisherSignature(directory(rotated), upload(signature, "2026-02-01T00:00:00.000Z")),
    ).resolves.toMatchObject({ keyId: rotated.keyId });
    expect(await refusal(checkPublisherSignature(directory(rotated), upload(signature)))).toBe(
      "key-not-trusted",
    );
    const revoked = key(1, { retiredAt: "2026-03-01T00:00:00.000Z", retiredBy: "revoked" });
    expect(
      await refusal(
        checkPublisherSignature(directory(revoked), upload(signature, "2026-02-01T00:00:00.000Z")),
      ),
    ).toBe("key-not-trusted");
    const early = upload(signature, "2025-12-31T00:00:00.000Z");
    expect(await refusal(checkPublisherSignature(directory(key(1)), early))).toBe("key-not-trusted");
  });

  it("names why it refuses: no directory, no keys, unknown key, wrong message, garbage", async () => {
    const raw = formatBase64(signEd25519(seed(1), message()));
    expect(await refusal(checkPublisherSignature(undefined, upload(raw)))).toBe("not-accepted");
    expect(await refusal(checkPublisherSignature(directory(), upload(raw)))).toBe("no-keys");
    const ssh = await signSshsig(seed(3), message());
    expect(await refusal(checkPublisherSignature(directory(key(1)), upload(ssh)))).toBe("unknown-key");
    expect(await refusal(checkPublisherSignature(directory(key(2)), upload(raw)))).toBe("does-not-verify");
    const otherTitle = formatBase64(
      signEd25519(seed(1), message("press.example", cleanFields({ title: "x" }))),
    );
    expect(await refusal(checkPublisherSignature(directory(key(1)), upload(otherTitle)))).toBe(
      "does-not-verify",
    );
    // A key only vouches for its own domain.
    const otherDomain = formatBase64(signEd25519(seed(1), message("evil.example")));
    expect(await refusal(checkPublisherSignature(directory(key(1)), upload(otherDomain)))).toBe(
      "does-not-verify",
    );
    expect(await refusal(checkPublisherSignature(directory(key(1)), upload("garbage")))).toBe("malformed");
  });
});
