import { describe, expect, it } from "vitest";
import { formatCheckpoint, openCheckpoint, parseCheckpoint, signCheckpoint } from "./checkpoint";
import type { Checkpoint } from "./checkpoint";
import { generateNoteKey, parseNote, signNote } from "./note";
import { formatBase64, parseBase64 } from "./bytes";
import { IsnadError } from "./errors";
import type { CoreErrorCode } from "./errors";

function expectError(f: () => unknown, code: CoreErrorCode, message?: string | RegExp): void {
  let error: unknown;
  try {
    f();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(IsnadError);
  expect((error as IsnadError).code).toBe(code);
  if (message !== undefined) expect((error as IsnadError).message).toMatch(message);
}

// https://c2sp.org/tlog-checkpoint, the example at the top of the spec (its key is not published).
const SPEC_BODY = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
const SPEC_NOTE = `${SPEC_BODY}\n\u2014 example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n`;

// Real checkpoints of the Go checksum database, as served by sum.golang.org, and its verifier
// key as built into the go command (cmd/go/internal/modfetch/key.go). The origin differs from the
// key name, and contains spaces: both are allowed.
const SUMDB_VKEY = "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8";
const SUMDB_ORIGIN = "go.sum database tree";
const SUMDB_CHECKPOINTS: [number, string, string][] = [
  [
    3784599,
    "7uvxIZ67TZygcq/AehTD8iHYt81Ih+Zl2Y7vXZbfszQ=",
    "Az3grn972wXskjQrsZhVGc93fTU2uOsmSTiId1Wn1lxDCup5z4ggl1/4gaUqOkMa6cMbYvjB7hn7yemNr7Zqanol/go=",
  ],
  [
    15368405,
    "/g9am3I6YWNKaZX/jkne1fqd9zEyjss+JXyPXG0WfkY=",
    "Az3grqJGUaSGukG9p8nI2vKgiFn7qGHxn0W+mrwyI6Gz3F0t1J3LzmWk/p96Ybf295EjwdSwlzgijq5WA9d1Ded7owM=",
  ],
  [
    59045944,
    "LE6Lx+GNVyuFBv/jKcFIiPkG1WC7DHwG0clpfN/TBlA=",
    "Az3grk9ctaTv+CITXOwxCEHU3APAw5X7Ck14+fvFlh0GCktwX15+XPzy//GgL2G50ZgY05e8eXFTWcvW6pN5tozsLQQ=",
  ],
  [
    63512409,
    "F7eHRPqN/cqPtqti14NKdGGaI1Giw8coWP3KxihFZbg=",
    "Az3gri1OBHKT87Xj8UXU8zjoHGy/X+7Nl94f8TZkELVaasolmGApUsWqwVG9vE6hgqYb/ph/w2vdkLIVRH7bMB/FPQ4=",
  ],
];
const sumdbNote = (size: number, root: string, signature: string): string =>
  `${SUMDB_ORIGIN}\n${size}\n${root}\n\n\u2014 sum.golang.org ${signature}\n`;

describe("parseCheckpoint and formatCheckpoint", () => {
  it("parses the spec's example and formats it back to the same text", () => {
    const checkpoint = parseCheckpoint(SPEC_BODY);
    expect(checkpoint).toEqual({
      origin: "example.com/behind-the-sofa",
      size: 20852163,
      rootHash: parseBase64("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I="),
    });
    expect(formatCheckpoint(checkpoint)).toBe(SPEC_BODY);
    expect(parseCheckpoint(parseNote(SPEC_NOTE).text)).toEqual(checkpoint);
  });

  it("keeps extension lines and the bounds of the size", () => {
    const root = formatBase64(new Uint8Array(32).fill(7));
    const text = `log\n9007199254740991\n${root}\nextension one\n\u2014 not a signature, just text\n`;
    const checkpoint = parseCheckpoint(text);
    expect(checkpoint.size).toBe(Number.MAX_SAFE_INTEGER);
    expect(checkpoint.extensions).toEqual(["extension one", "\u2014 not a signature, just text"]);
    expect(formatCheckpoint(checkpoint)).toBe(text);
    expect(parseCheckpoint(`log\n0\n${root}\n`).size).toBe(0);
  });

  const ROOT = "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=";
  it.each([
    ["no final newline", `o\n1\n${ROOT}`],
    ["only two lines", `o\n1\n`],
    ["an empty origin", `\n1\n${ROOT}\n`],
    ["an empty extension line", `o\n1\n${ROOT}\n\n`],
    ["an empty line between extensions", `o\n1\n${ROOT}\na\n\nb\n`],
    ["a carriage return", `o\r\n1\n${ROOT}\n`],
    ["a tab in the origin", `o\tp\n1\n${ROOT}\n`],
    ["a leading zero", `o\n01\n${ROOT}\n`],
    ["a sign", `o\n+1\n${ROOT}\n`],
    ["a negative size", `o\n-1\n${ROOT}\n`],
    ["a decimal point", `o\n1.0\n${ROOT}\n`],
    ["an exponent", `o\n1e3\n${ROOT}\n`],
    ["a hex size", `o\n0x10\n${ROOT}\n`],
    ["a space in the size", `o\n 1\n${ROOT}\n`],
    ["a size of 2^53", `o\n9007199254740992\n${ROOT}\n`],
    ["a size of 2^64", `o\n18446744073709551616\n${ROOT}\n`],
    ["a 31-byte root", `o\n1\n${formatBase64(new Uint8Array(31))}\n`],
    ["a 33-byte root", `o\n1\n${formatBase64(new Uint8Array(33))}\n`],
    ["an unpadded root", `o\n1\n${ROOT.slice(0, -1)}\n`],
    ["a non-canonical root", `o\n1\n${ROOT.slice(0, -2)}3=\n`],
    ["a URL-safe root", `o\n1\n${formatBase64(new Uint8Array(32).fill(0xfb))}\n`.replace(/\+/g, "-")],
  ])("rejects a body with %s as INVALID_CHECKPOINT", (_what, text) => {
    expectError(() => parseCheckpoint(text), "INVALID_CHECKPOINT");
  });

  it("refuses to format a checkpoint that would not parse", () => {
    const good: Checkpoint = { origin: "o", size: 1, rootHash: new Uint8Array(32) };
    expect(formatCheckpoint(good)).toBe(`o\n1\n${formatBase64(new Uint8Array(32))}\n`);
    expect(formatCheckpoint({ ...good, size: -0 })).toBe(`o\n0\n${formatBase64(new Uint8Array(32))}\n`);
    const bad: [Partial<Checkpoint>, RegExp][] = [
      [{ origin: "" }, /origin/],
      [{ origin: "a\nb" }, /origin/],
      [{ size: -1 }, /tree size/],
      [{ size: 1.5 }, /tree size/],
      [{ size: Number.NaN }, /tree size/],
      [{ size: 2 ** 53 }, /tree size/],
      [{ rootHash: new Uint8Array(31) }, /32 bytes/],
      [{ extensions: [""] }, /extension/],
      [{ extensions: ["a", "b\nc"] }, /extension/],
    ];
    for (const [change, message] of bad) {
      expectError(() => formatCheckpoint({ ...good, ...change }), "INVALID_CHECKPOINT", message);
    }
  });
});

describe("signCheckpoint and openCheckpoint", () => {
  const checkpoint: Checkpoint = {
    origin: "isnad.example/log",
    size: 42,
    rootHash: new Uint8Array(32).fill(1),
  };

  it.each(SUMDB_CHECKPOINTS)("verifies sum.golang.org's checkpoint of size %d", (size, root, signature) => {
    const opened = openCheckpoint(sumdbNote(size, root, signature), SUMDB_VKEY, SUMDB_ORIGIN);
    expect(opened.checkpoint).toEqual({ origin: SUMDB_ORIGIN, size, rootHash: parseBase64(root) });
    expect(opened.note.signatures.map((s) => s.name)).toEqual(["sum.golang.org"]);
  });

  it("rejects sum.golang.org checkpoints whose size or root was changed", () => {
    const [size, root, signature] = SUMDB_CHECKPOINTS[0]!;
    expectError(() => openCheckpoint(sumdbNote(size + 1, root, signature), SUMDB_VKEY), "SIGNATURE_INVALID");
    const [, otherRoot] = SUMDB_CHECKPOINTS[1]!;
    expectError(() => openCheckpoint(sumdbNote(size, otherRoot, signature), SUMDB_VKEY), "SIGNATURE_INVALID");
  });

  it("rejects a checkpoint of another log when the origin is given", () => {
    const [size, root, signature] = SUMDB_CHECKPOINTS[0]!;
    const note = sumdbNote(size, root, signature);
    expectError(() => openCheckpoint(note, SUMDB_VKEY, "sum.golang.org"), "INVALID_CHECKPOINT", /origin/);
  });

  it("rejects the spec's example, whose key it does not know, as UNKNOWN_KEY", () => {
    expectError(() => openCheckpoint(SPEC_NOTE, SUMDB_VKEY), "UNKNOWN_KEY");
  });

  it("signs checkpoints that open, with key objects or key strings", () => {
    const key = generateNoteKey(checkpoint.origin);
    for (const signer of [key.signer, key.signerKey]) {
      const note = signCheckpoint(checkpoint, signer);
      expect(note.startsWith(`isnad.example/log\n42\n${formatBase64(checkpoint.rootHash)}\n\n\u2014 `)).toBe(
        true,
      );
      for (const verifier of [key.verifier, key.verifierKey]) {
        expect(openCheckpoint(note, verifier, checkpoint.origin).checkpoint).toEqual(checkpoint);
      }
    }
    const withExtensions = { ...checkpoint, extensions: ["x"] };
    expect(openCheckpoint(signCheckpoint(withExtensions, key.signer), key.verifier).checkpoint).toEqual(
      withExtensions,
    );
  });

  it("returns other signers' signatures (witness cosignatures) unchecked", () => {
    const log = generateNoteKey(checkpoint.origin);
    const witness = generateNoteKey("witness.example");
    const note = signNote(formatCheckpoint(checkpoint), [log.signer, witness.signer]);
    const opened = openCheckpoint(note, log.verifierKey);
    expect(opened.note.unverified.map((s) => s.name)).toEqual(["witness.example"]);
    expectError(() => openCheckpoint(note, generateNoteKey(checkpoint.origin).verifier), "UNKNOWN_KEY");
  });

  it("rejects a signed note whose text is not a checkpoint", () => {
    const key = generateNoteKey("k");
    expectError(() => openCheckpoint(signNote("hello\n", [key.signer]), key.verifier), "INVALID_CHECKPOINT");
  });

  it("rejects malformed keys", () => {
    expectError(() => signCheckpoint(checkpoint, "PRIVATE+KEY+nope"), "INVALID_KEY");
    expectError(() => openCheckpoint(SPEC_NOTE, "nope"), "INVALID_KEY");
  });
});
