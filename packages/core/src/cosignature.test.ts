import { describe, expect, it } from "vitest";
import { ed25519 } from "@noble/curves/ed25519.js";
import { sha256 as nobleSha256 } from "@noble/hashes/sha2.js";
import {
  appendNoteSignatures,
  cosignatureKeyId,
  cosignCheckpoint,
  createCosigner,
  formatCosignerVerifierKey,
  parseCosignerVerifierKey,
  verifyCosignature,
} from "./cosignature";
import { formatBase64, parseBase64 } from "./bytes";
import { emptyRoot } from "./merkle";
import { generateNoteKey, parseNote } from "./note";
import { formatCheckpoint, signCheckpoint } from "./checkpoint";
import { expectIsnadError } from "./__fixtures__/expect-error";

const seed = Uint8Array.from({ length: 32 }, (_, i) => i + 1);
const witness = createCosigner("witness.example/w1", seed);
const body = formatCheckpoint({ origin: "example.com/log", size: 3, rootHash: new Uint8Array(32).fill(7) });

describe("cosignature/v1", () => {
  it("key id is SHA-256(name ‖ \\n ‖ 0x04 ‖ key)[:4], computed independently", () => {
    const publicKey = ed25519.getPublicKey(seed);
    const digest = nobleSha256(
      Uint8Array.from([...new TextEncoder().encode("witness.example/w1\n"), 0x04, ...publicKey]),
    );
    expect(cosignatureKeyId(witness.name, publicKey)).toBe(new DataView(digest.buffer).getUint32(0));
    expect(witness.keyId).toBe(new DataView(digest.buffer).getUint32(0));
  });

  it("signs u64be timestamp ‖ Ed25519 over the cosigned message, checked with @noble directly", () => {
    const line = cosignCheckpoint(body, witness, 1_700_000_000);
    const [, name, base64] = /^\u2014 (\S+) (\S+)$/.exec(line)!;
    expect(name).toBe(witness.name);
    const bytes = parseBase64(base64!);
    expect(bytes.length).toBe(76);
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    expect(view.getUint32(0)).toBe(witness.keyId);
    expect(view.getBigUint64(4)).toBe(1_700_000_000n);
    const message = new TextEncoder().encode(`cosignature/v1\ntime 1700000000\n${body}`);
    expect(ed25519.verify(bytes.subarray(12), message, witness.publicKey)).toBe(true);
  });

  it("verifies its own signature, reports the timestamp, ignores other keys, rejects tampering", () => {
    const line = cosignCheckpoint(body, witness, 42);
    const note = appendNoteSignatures(`${body}\n\u2014 other AAAAAAE=\n`, [line]);
    const [, sig] = parseNote(note).signatures;
    expect(verifyCosignature(body, sig!, witness)).toBe(42);
    const other = createCosigner("other.example", new Uint8Array(32).fill(9));
    expect(verifyCosignature(body, sig!, other)).toBeUndefined();
    expectIsnadError(() => verifyCosignature(body.replace("3", "4"), sig!, witness), "SIGNATURE_INVALID");
    const short = { ...sig!, base64: formatBase64(parseBase64(sig!.base64).subarray(0, 70)) };
    expectIsnadError(() => verifyCosignature(body, short, witness), "SIGNATURE_INVALID", /76 bytes/);
    const bytes = parseBase64(sig!.base64);
    new DataView(bytes.buffer, bytes.byteOffset).setBigUint64(4, 2n ** 60n);
    expectIsnadError(
      () => verifyCosignature(body, { ...sig!, base64: formatBase64(bytes) }, witness),
      "SIGNATURE_INVALID",
      /out-of-range/,
    );
  });

  it("vkeys round-trip and are checked", () => {
    const vkey = formatCosignerVerifierKey(witness);
    expect(vkey.startsWith(`${witness.name}+`)).toBe(true);
    const parsed = parseCosignerVerifierKey(vkey);
    expect(parsed.keyId).toBe(witness.keyId);
    expect(parsed.publicKey).toEqual(witness.publicKey);
    expectIsnadError(() => parseCosignerVerifierKey("nope"), "INVALID_KEY");
    expectIsnadError(() => parseCosignerVerifierKey("a+00000000+AAAA"), "INVALID_KEY", /33 bytes/);
    const keyData = Uint8Array.of(0x01, ...witness.publicKey);
    const wrongType = `${witness.name}+${witness.keyId.toString(16).padStart(8, "0")}+${formatBase64(keyData)}`;
    expectIsnadError(() => parseCosignerVerifierKey(wrongType), "INVALID_KEY", /0x04/);
    expectIsnadError(
      () => parseCosignerVerifierKey(vkey.replace(/\+[0-9a-f]{8}\+/, "+00000000+")),
      "INVALID_KEY",
      /key id/,
    );
    expectIsnadError(() => createCosigner("bad name", seed), "INVALID_KEY");
    expectIsnadError(() => formatCosignerVerifierKey({ ...witness, name: "a+b" }), "INVALID_KEY");
  });

  it("refuses timestamps that do not fit", () => {
    expectIsnadError(() => cosignCheckpoint(body, witness, -1), "INVALID_ARGUMENT");
    expectIsnadError(() => cosignCheckpoint(body, witness, 1.5), "INVALID_ARGUMENT");
  });

  it("appends signature lines to a signed checkpoint once each", () => {
    const log = generateNoteKey("example.com/log");
    const signed = signCheckpoint({ origin: "example.com/log", size: 0, rootHash: emptyRoot() }, log.signer);
    const line = cosignCheckpoint(parseNote(signed).text, witness, 5);
    const once = appendNoteSignatures(signed, [line, line]);
    expect(appendNoteSignatures(once, [line])).toBe(once);
    expect(parseNote(once).signatures.map((s) => s.name)).toEqual(["example.com/log", witness.name]);
    expectIsnadError(() => appendNoteSignatures("x", [line]), "INVALID_NOTE");
    expectIsnadError(() => appendNoteSignatures(signed, ["no dash"]), "INVALID_NOTE");
  });
});
