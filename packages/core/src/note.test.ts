import { describe, expect, it } from "vitest";
import {
  formatSignerKey,
  formatVerifierKey,
  generateNoteKey,
  isValidNoteName,
  MAX_NOTE_SIGNATURES,
  noteKeyId,
  openNote,
  parseNote,
  parseSignerKey,
  parseVerifierKey,
  signNote,
} from "./note";
import type { NoteVerifier } from "./note";
import { formatBase64, parseBase64, utf8 } from "./bytes";
import { ed25519KeyPair } from "./ed25519";
import { IsnadError } from "./errors";
import type { CoreErrorCode } from "./errors";

function errorOf(f: () => unknown): IsnadError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(IsnadError);
    return e as IsnadError;
  }
  throw new Error("expected an IsnadError, got none");
}

function expectError(f: () => unknown, code: CoreErrorCode, message?: string | RegExp): void {
  const e = errorOf(f);
  expect(e.code).toBe(code);
  if (message !== undefined) expect(e.message).toMatch(message);
}

// The example of golang.org/x/mod/sumdb/note (package doc and note_test.go).
const PETER_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
const PETER_SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
const ENOCH_VKEY = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";
const TEXT =
  "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_B64 =
  "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=";
const ENOCH_B64 =
  "rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=";
const PETER_SIG = `\u2014 PeterNeumann ${PETER_B64}\n`;
const ENOCH_SIG = `\u2014 EnochRoot ${ENOCH_B64}\n`;
const PETER = { name: "PeterNeumann", keyId: 0xc74f20a3, base64: PETER_B64 };
const ENOCH = { name: "EnochRoot", keyId: 0xaf0cfe78, base64: ENOCH_B64 };

describe("note keys", () => {
  it("parses Go's example verifier and signer keys, which describe the same key", () => {
    const verifier = parseVerifierKey(PETER_VKEY);
    const signer = parseSignerKey(PETER_SKEY);
    expect(verifier.name).toBe("PeterNeumann");
    expect(verifier.keyId).toBe(0xc74f20a3);
    expect(signer.publicKey).toEqual(verifier.publicKey);
    expect(signer.keyId).toBe(verifier.keyId);
    expect(noteKeyId("PeterNeumann", verifier.publicKey)).toBe(0xc74f20a3);
  });

  it("formats the example keys back to the same strings", () => {
    const signer = parseSignerKey(PETER_SKEY);
    expect(formatVerifierKey(signer.name, signer.publicKey)).toBe(PETER_VKEY);
    expect(formatSignerKey(signer.name, signer.seed)).toBe(PETER_SKEY);
  });

  it("pads key ids to 8 hex digits and accepts uppercase hex as Go does", () => {
    // A name whose key id has a leading zero byte: found by search, pinned here.
    const publicKey = parseVerifierKey(PETER_VKEY).publicKey;
    let name = "";
    for (let i = 0; name === ""; i++) if (noteKeyId(`n${i}`, publicKey) < 0x10000000) name = `n${i}`;
    expect(formatVerifierKey(name, publicKey)).toMatch(new RegExp(`^${name}\\+0[0-9a-f]{7}\\+`));
    expect(parseVerifierKey(PETER_VKEY.replace("c74f20a3", "C74F20A3")).keyId).toBe(0xc74f20a3);
  });

  it("rejects every truncation and every one-character change of the example keys (as note_test.go)", () => {
    for (const key of [PETER_VKEY, PETER_SKEY]) {
      const parse = key === PETER_VKEY ? parseVerifierKey : parseSignerKey;
      for (let i = 0; i <= key.length; i++) {
        for (let j = i + 1; j <= key.length; j++) {
          if (i === 0 && j === key.length) continue;
          expectError(() => parse(key.slice(i, j)), "INVALID_KEY");
        }
      }
      for (let i = 0; i < key.length; i++) {
        const changed = key.slice(0, i) + String.fromCharCode(key.charCodeAt(i) + 1) + key.slice(i + 1);
        // Every character counts: the name and the key data both feed the key id it must match.
        expectError(() => parse(changed), "INVALID_KEY");
      }
    }
  });

  it("rejects a key of the wrong length or algorithm even with a matching key id (note_test.go)", () => {
    expectError(
      () => parseVerifierKey("PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY=="),
      "INVALID_KEY",
      /33 bytes/,
    );
    expectError(
      () => parseVerifierKey("PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"),
      "INVALID_KEY",
      /Ed25519/,
    );
  });

  it("rejects invalid names when formatting", () => {
    const { publicKey, seed } = parseSignerKey(PETER_SKEY);
    for (const name of ["", "a b", "a+b", "a\u00a0b", "a\u3000b", "tab\t", "new\nline", "\ud800"]) {
      expect(isValidNoteName(name)).toBe(false);
      expectError(() => formatVerifierKey(name, publicKey), "INVALID_KEY", /invalid key name/);
      expectError(() => formatSignerKey(name, seed), "INVALID_KEY", /invalid key name/);
    }
    expect(isValidNoteName("example.com/log-42_é")).toBe(true);
    expectError(() => formatVerifierKey("a", new Uint8Array(31)), "INVALID_KEY", /32 bytes/);
    expectError(() => formatSignerKey("a", new Uint8Array(31)), "INVALID_KEY");
  });

  it("generates keys whose strings parse back and sign notes that open", () => {
    const { signer, verifier, signerKey, verifierKey } = generateNoteKey("example.com/isnad");
    expect(parseSignerKey(signerKey)).toEqual(signer);
    expect(parseVerifierKey(verifierKey)).toEqual(verifier);
    expect(verifierKey).toMatch(/^example\.com\/isnad\+[0-9a-f]{8}\+A[A-Za-z0-9+/]{43}$/);
    const opened = openNote(signNote("hello\n", [signer]), [verifier]);
    expect(opened.text).toBe("hello\n");
    expectError(() => generateNoteKey("bad name"), "INVALID_KEY");
  });
});

describe("signNote", () => {
  it("reproduces Go's example signed note byte for byte", () => {
    expect(signNote(TEXT, [parseSignerKey(PETER_SKEY)])).toBe(`${TEXT}\n${PETER_SIG}`);
  });

  it("appends one line per signer, in order", () => {
    const other = generateNoteKey("other.example");
    const note = signNote(TEXT, [parseSignerKey(PETER_SKEY), other.signer]);
    expect(note.startsWith(`${TEXT}\n${PETER_SIG}\u2014 other.example `)).toBe(true);
    const opened = openNote(note, [parseVerifierKey(PETER_VKEY), other.verifier]);
    expect(opened.signatures.map((s) => s.name)).toEqual(["PeterNeumann", "other.example"]);
  });

  it("signs texts with blank lines, and a text that is only a newline", () => {
    const { signer, verifier } = generateNoteKey("k");
    for (const text of ["a\n\nb\n", "a\n\n", "\n", "\n\n\n"]) {
      expect(openNote(signNote(text, [signer]), [verifier]).text).toBe(text);
    }
  });

  it("refuses texts and signer lists that cannot make a valid note", () => {
    const signer = parseSignerKey(PETER_SKEY);
    expectError(() => signNote("abc", [signer]), "INVALID_NOTE", /newline/);
    expectError(() => signNote("", [signer]), "INVALID_NOTE", /newline/);
    expectError(() => signNote("a\tb\n", [signer]), "INVALID_NOTE", /control/);
    expectError(() => signNote("a\r\n", [signer]), "INVALID_NOTE", /control/);
    expectError(() => signNote("\ud800\n", [signer]), "INVALID_NOTE", /surrogate/);
    expectError(() => signNote(TEXT, []), "INVALID_ARGUMENT");
    expectError(() => signNote(TEXT, Array(MAX_NOTE_SIGNATURES + 1).fill(signer)), "INVALID_ARGUMENT");
    expectError(() => signNote(TEXT, [{ ...signer, name: "bad name" }]), "INVALID_KEY");
  });
});

describe("openNote", () => {
  const peter = parseVerifierKey(PETER_VKEY);
  const enoch = parseVerifierKey(ENOCH_VKEY);

  it("opens Go's example note (string or bytes)", () => {
    for (const note of [`${TEXT}\n${PETER_SIG}`, utf8(`${TEXT}\n${PETER_SIG}`)]) {
      expect(openNote(note, [peter])).toEqual({ text: TEXT, signatures: [PETER], unverified: [] });
    }
  });

  it("verifies the known signature and returns the unknown one unchecked (note_test.go)", () => {
    const note = `${TEXT}\n${PETER_SIG}${ENOCH_SIG}`;
    expect(openNote(note, [peter])).toEqual({ text: TEXT, signatures: [PETER], unverified: [ENOCH] });
    expect(openNote(note, [enoch])).toEqual({ text: TEXT, signatures: [ENOCH], unverified: [PETER] });
    expect(openNote(note, [peter, enoch])).toEqual({
      text: TEXT,
      signatures: [PETER, ENOCH],
      unverified: [],
    });
  });

  it("rejects a note with no signature by a known key as UNKNOWN_KEY", () => {
    const note = `${TEXT}\n${PETER_SIG}${ENOCH_SIG}`;
    expectError(() => openNote(note, []), "UNKNOWN_KEY");
    expectError(() => openNote(`${TEXT}\n${ENOCH_SIG}`, [peter]), "UNKNOWN_KEY");
  });

  it("ignores keys that share only the name or only the key id with a known key (signed-note)", () => {
    const sameName: NoteVerifier = { ...peter, keyId: peter.keyId ^ 1 };
    const sameId: NoteVerifier = { ...peter, name: "CarmenSandiego" };
    expectError(() => openNote(`${TEXT}\n${PETER_SIG}`, [sameName, sameId]), "UNKNOWN_KEY");
    const renamed = `${TEXT}\n${PETER_SIG.replace("PeterNeumann", "CarmenSandiego")}`;
    expect(openNote(renamed, [sameId, peter]).signatures).toEqual([{ ...PETER, name: "CarmenSandiego" }]);
  });

  it("rejects a tampered text, signature or key id as SIGNATURE_INVALID", () => {
    const tamperedText = `${TEXT.replace("cryptography", "Cryptography")}\n${PETER_SIG}`;
    expectError(() => openNote(tamperedText, [peter]), "SIGNATURE_INVALID", "PeterNeumann+c74f20a3");
    // Inserting "ABCD" into the base64 (note_test.go's corruption) keeps it well-formed.
    const tamperedSig = `${TEXT}\n${PETER_SIG.slice(0, 60)}ABCD${PETER_SIG.slice(60)}`;
    expectError(() => openNote(tamperedSig, [peter]), "SIGNATURE_INVALID");
    const bytes = parseBase64(PETER_B64);
    bytes[10]! ^= 1;
    expectError(
      () => openNote(`${TEXT}\n\u2014 PeterNeumann ${formatBase64(bytes)}\n`, [peter]),
      "SIGNATURE_INVALID",
    );
  });

  it("rejects a failing known signature even next to a valid one (signed-note SHOULD)", () => {
    const bad = formatBase64(parseBase64(PETER_B64).map((b, i) => (i === 20 ? b ^ 1 : b)));
    for (const sigs of [
      PETER_SIG + `\u2014 PeterNeumann ${bad}\n`,
      `\u2014 PeterNeumann ${bad}\n` + PETER_SIG,
    ]) {
      expectError(() => openNote(`${TEXT}\n${sigs}${ENOCH_SIG}`, [peter]), "SIGNATURE_INVALID");
    }
  });

  it("lists a repeated signature once (note_test.go)", () => {
    const note = `${TEXT}\n${PETER_SIG}${PETER_SIG}${ENOCH_SIG}${ENOCH_SIG}`;
    expect(openNote(note, [peter])).toEqual({ text: TEXT, signatures: [PETER], unverified: [ENOCH] });
  });

  it("refuses ambiguous verifier lists", () => {
    const impostor: NoteVerifier = { ...enoch, publicKey: peter.publicKey };
    expectError(() => openNote(`${TEXT}\n${ENOCH_SIG}`, [enoch, impostor]), "INVALID_ARGUMENT", /ambiguous/);
    expect(openNote(`${TEXT}\n${ENOCH_SIG}`, [enoch, enoch]).signatures).toEqual([ENOCH]);
  });

  it("accepts 100 signatures and rejects 101 before checking any", () => {
    expect(openNote(`${TEXT}\n${PETER_SIG.repeat(100)}`, [peter]).signatures).toEqual([PETER]);
    expectError(
      () => openNote(`${TEXT}\n${PETER_SIG.repeat(101)}`, [peter]),
      "INVALID_NOTE",
      /more than 100/,
    );
  });

  it.each([
    ["the bare text", TEXT],
    ["text and blank line only", `${TEXT}\n`],
    ["no final newline", `${TEXT}\n${PETER_SIG.slice(0, -1)}`],
    ["a control character", `\u0001${TEXT}\n${PETER_SIG}`],
    ["a carriage return", `${TEXT}\n${PETER_SIG.replace("\n", "\r\n")}`],
    ["a lone surrogate", `\ud800${TEXT}\n${PETER_SIG}`],
    ["a name with a space", `${TEXT}\n\u2014 Bad Name ${PETER_B64}\n`],
    ["a name with a plus", `${TEXT}\n\u2014 Bad+Name ${PETER_B64}\n`],
    ["an empty name", `${TEXT}\n\u2014  ${PETER_B64}\n`],
    ["no space after the name", `${TEXT}\n\u2014 PeterNeumann\n`],
    ["a hyphen for the em dash", `${TEXT}\n${PETER_SIG.replace("\u2014", "-")}`],
    ["a line after the signatures", `${TEXT}\n${PETER_SIG}Unexpected line.\n`],
    ["an empty signature", `${TEXT}\n\u2014 PeterNeumann \n`],
    ["a signature of 4 bytes", `${TEXT}\n\u2014 PeterNeumann ${formatBase64(new Uint8Array(4))}\n`],
    ["non-canonical base64", `${TEXT}\n\u2014 PeterNeumann ${PETER_B64.slice(0, -1)}\n`],
    ["base64 with a space", `${TEXT}\n\u2014 PeterNeumann x08g ${PETER_B64.slice(4)}\n`],
  ])("rejects a note with %s as INVALID_NOTE (note_test.go and signed-note)", (_what, note) => {
    expectError(() => openNote(note, [peter]), "INVALID_NOTE");
  });

  it("rejects bytes that are not UTF-8", () => {
    const bytes = Uint8Array.of(0xff, ...utf8(`${TEXT}\n${PETER_SIG}`));
    expectError(() => openNote(bytes, [peter]), "INVALID_NOTE", /UTF-8/);
  });
});

describe("parseNote: the C2SP signed-note example", () => {
  it("splits the text at the last blank line and decodes the key id", () => {
    // https://c2sp.org/signed-note: a text with a blank line of its own; the key is not published.
    const note =
      "Ognuno sta solo sul cuor della terra\ntrafitto da un raggio di sole:\n\ned è subito sera.\n\n" +
      "\u2014 quasimodo.example/salvatore NnugSzTjtVAewIS+Z/iJhUPeFDkO/5QQ2i5ddnGITLlC+EhfLW9oJKONrMouFSQU0xMcXxj99ihAQwaqP3ZekRwNtIc=\n";
    const parsed = parseNote(note);
    expect(parsed.text).toBe(
      "Ognuno sta solo sul cuor della terra\ntrafitto da un raggio di sole:\n\ned è subito sera.\n",
    );
    expect(parsed.signatures).toHaveLength(1);
    expect(parsed.signatures[0]!.name).toBe("quasimodo.example/salvatore");
    expect(parsed.signatures[0]!.keyId).toBe(0x367ba04b);
    expectError(() => openNote(note, [parseVerifierKey(PETER_VKEY)]), "UNKNOWN_KEY");
  });

  it("derives public keys the way ed25519.ts does", () => {
    const signer = parseSignerKey(PETER_SKEY);
    expect(ed25519KeyPair(signer.seed).publicKey).toEqual(signer.publicKey);
  });
});
