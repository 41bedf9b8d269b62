import { describe, expect, it } from "vitest";
import {
  appendNoteSignatures,
  cosignCheckpoint,
  createCosigner,
  formatCosignerVerifierKey,
} from "./cosignature";
import { signCheckpoint } from "./checkpoint";
import { generateNoteKey, parseNote } from "./note";
import {
  checkWitnessQuorum,
  formatWitnessPolicy,
  parseWitnessPolicy,
  requireWitnessQuorum,
} from "./tlog-policy";
import { expectIsnadError } from "./__fixtures__/expect-error";

const log = generateNoteKey("example.com/log");
const [a, b, c] = [1, 2, 3].map((i) => createCosigner(`w${i}.example`, new Uint8Array(32).fill(i)));
const checkpoint = signCheckpoint(
  { origin: "example.com/log", size: 9, rootHash: new Uint8Array(32).fill(1) },
  log.signer,
);
const body = parseNote(checkpoint).text;
const cosigned = (...ws: (typeof a)[]) =>
  appendNoteSignatures(
    checkpoint,
    ws.map((w, i) => cosignCheckpoint(body, w!, 1000 + i)),
  );

const policyText = (quorum: string, extra = "") => `# isnad test policy
log ${log.verifierKey} https://log.example

witness A ${formatCosignerVerifierKey(a!)} https://a.example
witness B ${formatCosignerVerifierKey(b!)}
witness C ${formatCosignerVerifierKey(c!)}
${extra}quorum ${quorum}
`;

describe("tlog-policy", () => {
  it("parses logs, witnesses, groups and the quorum, and formats back", () => {
    const policy = parseWitnessPolicy(
      policyText("AB", "group AB all A B\ngroup two 2 A B C\ngroup one any AB C\n"),
    );
    expect(policy.logs[0]!.url).toBe("https://log.example");
    expect(policy.witnesses.map((w) => w.name)).toEqual(["A", "B", "C"]);
    expect(policy.groups.map((g) => [g.name, g.threshold])).toEqual([
      ["AB", 2],
      ["two", 2],
      ["one", 1],
    ]);
    expect(policy.quorum).toBe("AB");
    expect(parseWitnessPolicy(formatWitnessPolicy(policy))).toEqual(policy);
    expect(parseWitnessPolicy(`log ${log.verifierKey}\nquorum none\n`).quorum).toBeUndefined();
  });

  it("k of n with nested groups", () => {
    const policy = parseWitnessPolicy(policyText("top", "group AB all A B\ngroup top any AB C\n"));
    expect(checkWitnessQuorum(cosigned(a!, b!), policy).satisfied).toBe(true);
    expect(checkWitnessQuorum(cosigned(c!), policy).satisfied).toBe(true);
    expect(checkWitnessQuorum(cosigned(a!), policy).satisfied).toBe(false);
    const two = parseWitnessPolicy(policyText("two", "group two 2 A B C\n"));
    const result = requireWitnessQuorum(cosigned(c!, a!), two);
    expect(result.cosigned.map((x) => x.name)).toEqual(["A", "C"]);
    expect(result.cosigned.find((x) => x.name === "C")!.timestamp).toBe(1000);
    expect(result.checkpoint.size).toBe(9);
    expectIsnadError(
      () => requireWitnessQuorum(cosigned(b!), two),
      "UNKNOWN_KEY",
      /1 of 3 witnesses cosigned \(B\)/,
    );
    expectIsnadError(() => requireWitnessQuorum(checkpoint, two), "UNKNOWN_KEY", /0 of 3 .*\(none\)/);
  });

  it("a single witness as the quorum; quorum none needs only the log", () => {
    expect(checkWitnessQuorum(cosigned(b!), parseWitnessPolicy(policyText("B"))).satisfied).toBe(true);
    expect(checkWitnessQuorum(checkpoint, parseWitnessPolicy(policyText("none"))).satisfied).toBe(true);
  });

  it("ignores unknown signature types and unknown witnesses, rejects a forged known one", () => {
    const policy = parseWitnessPolicy(policyText("A"));
    const stranger = createCosigner("stranger.example", new Uint8Array(32).fill(8));
    const note = appendNoteSignatures(cosigned(a!), [
      cosignCheckpoint(body, stranger, 1),
      "\u2014 mystery.example/type99 AQIDBAUGBwgJ",
    ]);
    expect(requireWitnessQuorum(note, policy).cosigned.map((x) => x.name)).toEqual(["A"]);
    const forged = appendNoteSignatures(checkpoint, [cosignCheckpoint(body.replace("9", "8"), a!, 1)]);
    expectIsnadError(() => checkWitnessQuorum(forged, policy), "SIGNATURE_INVALID");
  });

  it("requires a signature by a policy log with its origin", () => {
    const other = generateNoteKey("other.example/log");
    const policy = parseWitnessPolicy(`log ${other.verifierKey}\nlog ${log.verifierKey}\nquorum none\n`);
    expect(checkWitnessQuorum(checkpoint, policy).satisfied).toBe(true);
    const onlyOther = parseWitnessPolicy(`log ${other.verifierKey}\nquorum none\n`);
    expectIsnadError(() => checkWitnessQuorum(checkpoint, onlyOther), "UNKNOWN_KEY");
  });

  it("refuses malformed policies with the line number", () => {
    const cases: [string, RegExp][] = [
      [`log ${log.verifierKey}\n`, /no quorum line/],
      [`quorum none\n`, /names no log/],
      [`log\nquorum none`, /line 1: log <vkey>/],
      [`log nonsense\nquorum none`, /line 1: not a valid key/],
      [`log ${log.verifierKey}\nwitness A\nquorum none`, /line 2: witness/],
      [`log ${log.verifierKey}\nwitness A ${log.verifierKey}\nquorum none`, /line 2: not a valid key/],
      [policyText("A", `witness A ${formatCosignerVerifierKey(a!)}\n`), /defined twice/],
      [policyText("A", "group none any A\n"), /reserved/],
      [policyText("A", "group g\n"), /group <name>/],
      [policyText("A", "group g any Z\n"), /unknown member "Z"/],
      [policyText("A", "group g any A A\n"), /listed twice/],
      [policyText("A", "group g 4 A B C\n"), /threshold "4"/],
      [policyText("A", "group g 0 A B C\n"), /threshold "0"/],
      [policyText("Z"), /unknown quorum/],
      [policyText("A", "quorum B\n"), /second quorum line/],
      [`log ${log.verifierKey}\nquorum\n`, /quorum <name\|none>/],
      [`log ${log.verifierKey}\nfrobnicate x\nquorum none`, /unknown keyword/],
      ["\n".repeat(1001), /at most 1000 lines/],
    ];
    for (const [text, message] of cases)
      expectIsnadError(() => parseWitnessPolicy(text), "INVALID_ARGUMENT", message);
  });
});
