import { describe, expect, it } from "vitest";
import { formatBase64, utf8 } from "./bytes";
import { formatTlogProof, parseTlogProof, type TlogProof } from "./tlog-proof";
import { expectIsnadError } from "./__fixtures__/expect-error";

// The example of https://c2sp.org/tlog-proof (its signatures are elided there, hence opaque here).
const CHECKPOINT = [
  "example.com/fancylog",
  "109482",
  "sFodV/vSp5O8n9a8QpW6PRY97tfOSW5bsc2Xl/EQi08=",
  "",
  "— example.com/fancylog hI2DJw[...]1roloI=",
  "— witness1.example mJirIklj[...]qY9v2B/5bg==",
  "— witness2.example TnKKVHLX[...]xwYwrSjgow==",
  "— witness3.example S4X82uH5[...]3oEcROGLFQ==",
  "",
].join("\n");
const SPEC_EXAMPLE = [
  "c2sp.org/tlog-proof@v1",
  "extra YWdlLXYxLjIuMS1kYXJ3aW4tYXJtNjQudGFyLmd6kYXJ3aW4tYXJ",
  "index 73894",
  "gSKyXoYZUgZ6jduWYrkDOARinOMGJveXjgMkBTcdPlQ=",
  "B95lDa8R83lS8n0eG+o0buTxRKQTYFi//1U8anccXmA=",
  "EKNzoDWG8LGC0Yp9o+sv3qllpMP9uHQ9B20KNL+Q1zs=",
  "RoopEkOdqkYqMB4MJXrbt/hMjOxsVn0IrWjpz1ZMMes=",
  "AHCioX9nLjsrse6YhjRRmk1WUEirVOLLRoOQ6vfO5vk=",
  "",
  CHECKPOINT,
].join("\n");

describe("tlog-proof@v1", () => {
  it("parses the specification's example and formats it back byte for byte", () => {
    const proof = parseTlogProof(SPEC_EXAMPLE);
    expect(proof.index).toBe(73894);
    expect(proof.hashes).toHaveLength(5);
    expect(formatBase64(proof.hashes[4]!)).toBe("AHCioX9nLjsrse6YhjRRmk1WUEirVOLLRoOQ6vfO5vk=");
    expect(formatBase64(proof.extra!)).toBe("YWdlLXYxLjIuMS1kYXJ3aW4tYXJtNjQudGFyLmd6kYXJ3aW4tYXJ");
    expect(proof.checkpoint).toBe(CHECKPOINT);
    expect(formatTlogProof(proof)).toBe(SPEC_EXAMPLE);
  });

  it("round-trips proofs without extra data and without hashes", () => {
    const bare: TlogProof = { index: 0, hashes: [], checkpoint: CHECKPOINT };
    const text = formatTlogProof(bare);
    expect(text).toBe(`c2sp.org/tlog-proof@v1\nindex 0\n\n${CHECKPOINT}`);
    expect(parseTlogProof(text)).toEqual(bare);
    expect("extra" in parseTlogProof(text)).toBe(false);
    // Empty extra data has one encoding: no extra line.
    expect(formatTlogProof({ ...bare, extra: new Uint8Array(0) })).toBe(text);
    const big: TlogProof = {
      index: Number.MAX_SAFE_INTEGER,
      hashes: [new Uint8Array(32).fill(7)],
      checkpoint: "o\n",
    };
    expect(parseTlogProof(formatTlogProof(big))).toEqual(big);
  });

  it.each([
    ["a different header", SPEC_EXAMPLE.replace("@v1", "@v2"), /first line/],
    ["CRLF line ends", SPEC_EXAMPLE.replaceAll("\n", "\r\n"), /no empty line|first line/],
    ["no separator line", "c2sp.org/tlog-proof@v1\nindex 1\n", /no empty line/],
    ["no index line", `c2sp.org/tlog-proof@v1\n\n${CHECKPOINT}`, /index line/],
    ["an index with a leading zero", `c2sp.org/tlog-proof@v1\nindex 07\n\n${CHECKPOINT}`, /index line/],
    ["a negative index", `c2sp.org/tlog-proof@v1\nindex -1\n\n${CHECKPOINT}`, /index line/],
    ["a trailing space", `c2sp.org/tlog-proof@v1\nindex 1 \n\n${CHECKPOINT}`, /index line/],
    ["a 2^53 index", `c2sp.org/tlog-proof@v1\nindex 9007199254740992\n\n${CHECKPOINT}`, /beyond 2\^53/],
    ["a 20-digit index", `c2sp.org/tlog-proof@v1\nindex 18446744073709551615\n\n${CHECKPOINT}`, /index line/],
    ["extra after index", SPEC_EXAMPLE.replace(/(extra .*)\n(index .*)\n/, "$2\n$1\n"), /proof hash 0/],
    ["empty extra", SPEC_EXAMPLE.replace(/extra .*\n/, "extra \n"), /empty extra/],
    ["bad extra", SPEC_EXAMPLE.replace(/extra .*\n/, "extra ***\n"), /extra data is not canonical base64/],
    [
      "a short hash",
      SPEC_EXAMPLE.replace("gSKyXoYZUgZ6jduWYrkDOARinOMGJveXjgMkBTcdPlQ=", "AAAA"),
      /of 32 bytes/,
    ],
    ["unpadded base64", SPEC_EXAMPLE.replace("PlQ=", "PlQ"), /proof hash 0 is not canonical/],
    ["a blank checkpoint", `c2sp.org/tlog-proof@v1\nindex 1\n\n`, /checkpoint must be non-empty/],
    ["two blank lines", `c2sp.org/tlog-proof@v1\nindex 1\n\n\n${CHECKPOINT}`, /checkpoint must/],
    ["no final newline", SPEC_EXAMPLE.slice(0, -1), /end with a newline/],
    [
      "too many hashes",
      `c2sp.org/tlog-proof@v1\nindex 1\n${"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n".repeat(65)}\n${CHECKPOINT}`,
      /65 proof hashes/,
    ],
  ])("rejects %s", (_name, text, message) => {
    expectIsnadError(() => parseTlogProof(text), "INVALID_PROOF", message);
  });

  it("rejects non-text input", () => {
    expectIsnadError(() => parseTlogProof(utf8("x") as never), "INVALID_PROOF", /not text/);
  });

  it("refuses to format what it could not parse back", () => {
    const ok: TlogProof = { index: 1, hashes: [], checkpoint: CHECKPOINT };
    expectIsnadError(() => formatTlogProof({ ...ok, index: -1 }), "INVALID_ARGUMENT", /index -1/);
    expectIsnadError(
      () => formatTlogProof({ ...ok, hashes: [new Uint8Array(31)] }),
      "INVALID_ARGUMENT",
      /31 bytes/,
    );
    const many = Array.from({ length: 65 }, () => new Uint8Array(32));
    expectIsnadError(() => formatTlogProof({ ...ok, hashes: many }), "INVALID_ARGUMENT", /65 proof hashes/);
    expectIsnadError(() => formatTlogProof({ ...ok, checkpoint: "" }), "INVALID_ARGUMENT", /checkpoint/);
    expectIsnadError(() => formatTlogProof({ ...ok, checkpoint: "\nx\n" }), "INVALID_ARGUMENT", /checkpoint/);
    expectIsnadError(() => formatTlogProof({ ...ok, checkpoint: "x" }), "INVALID_ARGUMENT", /checkpoint/);
  });
});
