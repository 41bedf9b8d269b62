import { describe, expect, it } from "vitest";
import { ed25519KeyPair, formatBase64, signEd25519 } from "@isnad/core";
import { signSshsig } from "./sshsig";
import {
  parseStatementSignature,
  statementSignatureMessage,
  verifyStatementSignature,
  StatementSignatureError,
  type StatementClaims,
} from "./statement-signature";

const seed = new Uint8Array(32).fill(7);
const other = new Uint8Array(32).fill(9);
const key = ed25519KeyPair(seed).publicKey;
const otherKey = ed25519KeyPair(other).publicKey;
const claims: StatementClaims = {
  sha256: "ab".repeat(32),
  publisher: "press",
  domain: "Press.Example",
  fields: { title: "  بيان صحفي ", language: "AR", publishedAt: "2026-12-01" },
};

describe("statementSignatureMessage", () => {
  it("is the canonical JSON of the digest, publisher, domain and every field, as recorded", () => {
    expect(new TextDecoder().decode(statementSignatureMessage(claims))).toBe(
      '{"domain":"press.example","language":"ar","publishedAt":"2026-12-01","publisher":"press",' +
        '"sha256":"' +
        "ab".repeat(32) +
        '","sourceUrl":null,"supersedes":null,"title":"بيان صحفي","translationOf":null,' +
        '"type":"isnad-statement/v1"}',
    );
  });

  it("differs when any claim differs, and not for what the archive trims", () => {
    const base = statementSignatureMessage(claims);
    const same = statementSignatureMessage({ ...claims, fields: { ...claims.fields, sourceUrl: " " } });
    expect(same).toEqual(base);
    for (const changed of [
      { ...claims, publisher: "other" },
      { ...claims, domain: "press.example.org" },
      { ...claims, sha256: "cd".repeat(32) },
      { ...claims, fields: { ...claims.fields, publishedAt: "2026-12-02" } },
      { ...claims, fields: { ...claims.fields, supersedes: "0".repeat(32) } },
    ]) {
      expect(statementSignatureMessage(changed)).not.toEqual(base);
    }
  });

  it("refuses a digest that is not lowercase hex", () => {
    expect(() => statementSignatureMessage({ ...claims, sha256: "AB".repeat(32) })).toThrow(
      StatementSignatureError,
    );
  });
});

describe("parse and verify", () => {
  const message = statementSignatureMessage(claims);

  it("accepts a raw Ed25519 signature and names the key that made it", async () => {
    const parsed = parseStatementSignature(formatBase64(signEd25519(seed, message)));
    expect(parsed.format).toBe("ed25519");
    const { candidate } = await verifyStatementSignature(parsed, message, [otherKey, key]);
    expect(candidate).toEqual(key);
  });

  it("accepts SSHSIG armored, on one line, or bare", async () => {
    const armored = await signSshsig(seed, message);
    const oneLine = armored.replace(/\n/g, " ");
    const bare = armored.split("\n").slice(1, -2).join("");
    for (const form of [armored, oneLine, bare]) {
      const parsed = parseStatementSignature(form);
      expect(parsed.format).toBe("sshsig");
      expect((await verifyStatementSignature(parsed, message, [key])).candidate).toEqual(key);
    }
  });

  it("reports an SSHSIG signer that is not a candidate", async () => {
    const parsed = parseStatementSignature(await signSshsig(other, message));
    const result = await verifyStatementSignature(parsed, message, [key]);
    expect(result.candidate).toBeUndefined();
    expect(result.signer).toEqual(otherKey);
  });

  it("refuses another message, another key and garbage, saying which", async () => {
    const wrong = statementSignatureMessage({ ...claims, fields: { title: "another" } });
    const raw = parseStatementSignature(formatBase64(signEd25519(seed, message)));
    await expect(verifyStatementSignature(raw, wrong, [key])).rejects.toMatchObject({
      code: "does-not-verify",
    });
    await expect(verifyStatementSignature(raw, message, [otherKey])).rejects.toMatchObject({
      code: "does-not-verify",
    });
    const ssh = parseStatementSignature(await signSshsig(seed, message));
    await expect(verifyStatementSignature(ssh, wrong, [key])).rejects.toMatchObject({
      code: "does-not-verify",
    });
    const namespaced = parseStatementSignature(await signSshsig(seed, message, "file"));
    await expect(verifyStatementSignature(namespaced, message, [key])).rejects.toMatchObject({
      code: "malformed",
    });
    for (const garbage of ["", "not base64!", formatBase64(new Uint8Array(63)), "x".repeat(5000)]) {
      expect(() => parseStatementSignature(garbage)).toThrow(StatementSignatureError);
    }
  });
});
