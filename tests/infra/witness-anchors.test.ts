/**
 * The log's witness settings when isnad's own witness runs beside it (stacks/witness-anchors.ts,
 * stacks/stage.ts ownWitness): what the log's function reads at cold start must parse there
 * (log-anchors-env.ts) and name the witness with the key the witness derives itself.
 */
import { describe, expect, it } from "vitest";
import { createLogSigner, logAnchorsFromEnv } from "@isnad/archive";
import { formatCosignerVerifierKey, parseHex, parseWitnessPolicy } from "@isnad/core";
import { witnessSettingsFromEnv } from "@isnad/witness";
import { stageSettings } from "../../stacks/stage";
import { logVerifierKey, ownWitnessAnchors, witnessVerifierKey } from "../../stacks/witness-anchors";

const LOG_SEED = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
const WITNESS_SEED = "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb";
const ORIGIN = "archive.example.org/log";
const URL = "https://w.lambda-url.example/";

describe("stageSettings ownWitness", () => {
  it("is set by ISNAD_WITNESS_NAME, a note key name", () => {
    expect(stageSettings("dev", {}).ownWitness).toBeUndefined();
    expect(stageSettings("dev", { ISNAD_WITNESS_NAME: "witness.example.org" }).ownWitness).toEqual({
      name: "witness.example.org",
    });
    expect(() => stageSettings("dev", { ISNAD_WITNESS_NAME: "a+b" })).toThrow(/ISNAD_WITNESS_NAME/);
    expect(() => stageSettings("dev", { ISNAD_WITNESS_NAME: "a b" })).toThrow(/ISNAD_WITNESS_NAME/);
  });
});

describe("ownWitnessAnchors", () => {
  const logKey = logVerifierKey(ORIGIN, LOG_SEED);
  const witnessKey = witnessVerifierKey("witness.example.org", WITNESS_SEED);

  it("derives the keys the log and the witness derive themselves", () => {
    expect(logKey).toBe(createLogSigner(ORIGIN, parseHex(LOG_SEED, 32)).verifierKey);
    const settings = witnessSettingsFromEnv({
      ISNAD_WITNESS_SEED: WITNESS_SEED,
      ISNAD_WITNESS_NAME: "witness.example.org",
      ISNAD_WITNESS_LOGS: logKey,
      ISNAD_WITNESS_TABLE: "t",
    });
    expect(formatCosignerVerifierKey(settings.cosigner)).toBe(witnessKey);
  });

  it("asks the witness, then the deployer's; the policy requires isnad's and names them all", () => {
    const other = witnessVerifierKey("other.example", LOG_SEED);
    const anchors = ownWitnessAnchors({
      witnessUrl: URL,
      witnessKey,
      logKey,
      anchors: { ISNAD_WITNESSES: `https://other.example ${other}` },
    });
    expect(anchors.ISNAD_WITNESSES).toBe(`${URL} ${witnessKey}\nhttps://other.example ${other}`);
    const parsed = logAnchorsFromEnv(anchors);
    expect(parsed.logWriter.witness).toBeDefined();
    const policy = parseWitnessPolicy(parsed.witnessPolicy!);
    expect(policy.quorum).toBe("isnad");
    expect(policy.witnesses.map((w) => [w.name, w.url])).toEqual([
      ["isnad", URL],
      ["other.example", "https://other.example"],
    ]);
  });

  it("keeps the deployer's own policy", () => {
    const mine = `log ${logKey}\nwitness isnad ${witnessKey}\nquorum none\n`;
    const anchors = ownWitnessAnchors({
      witnessUrl: URL,
      witnessKey,
      logKey,
      anchors: { ISNAD_WITNESS_POLICY: mine },
    });
    expect(anchors.ISNAD_WITNESS_POLICY).toBe(mine);
  });
});
