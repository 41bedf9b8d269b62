import { createCosigner, formatCosignerVerifierKey, generateNoteKey } from "@isnad/core";
import { describe, expect, it } from "vitest";
import { logAnchorsFromEnv, parseWitnessEndpoints } from "./log-anchors-env";

const witness = createCosigner("witness.example.org", new Uint8Array(32).fill(7));
const vkey = formatCosignerVerifierKey(witness);

describe("logAnchorsFromEnv", () => {
  it("configures nothing when nothing is set", () => {
    expect(logAnchorsFromEnv({})).toEqual({ logWriter: {} });
  });

  it("reads witnesses, TSAs and the policy", () => {
    const log = generateNoteKey("example.org/log");
    const policy = `log ${log.verifierKey}\nwitness w ${vkey}\nquorum w`;
    const anchors = logAnchorsFromEnv({
      ISNAD_WITNESSES: `https://w1.example.org ${vkey};\nhttps://w2.example.org ${vkey}`,
      ISNAD_TSA_URLS: "https://tsa.example.org/tsr",
      ISNAD_WITNESS_POLICY: policy,
    });
    expect(anchors.logWriter.witness?.configured).toBe(2);
    expect(anchors.logWriter.timestamps).toBeDefined();
    expect(anchors.witnessPolicy).toBe(`${policy}\n`);
  });

  it("names the variable when a value is wrong", () => {
    expect(() => parseWitnessEndpoints("https://w.example.org")).toThrow(/ISNAD_WITNESSES/);
    expect(() => parseWitnessEndpoints(`not a url ${vkey}`)).toThrow();
    expect(() => parseWitnessEndpoints("https://w.example.org not-a-key")).toThrow();
    expect(() => logAnchorsFromEnv({ ISNAD_TSA_URLS: "::" })).toThrow();
    expect(() => logAnchorsFromEnv({ ISNAD_WITNESS_POLICY: "quorum nobody" })).toThrow();
  });

  it("keeps each witness's name from its key", () => {
    expect(parseWitnessEndpoints(`https://w.example.org ${vkey}`)[0]?.name).toBe("witness.example.org");
  });
});
