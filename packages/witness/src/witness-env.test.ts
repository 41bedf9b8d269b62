import { describe, expect, it } from "vitest";
import { formatHex, generateNoteKey } from "@isnad/core";
import { witnessSettingsFromEnv } from "./witness-env";

const a = generateNoteKey("a.example/log");
const b = generateNoteKey("b.example/log");
const env = {
  ISNAD_WITNESS_SEED: formatHex(new Uint8Array(32).fill(3)),
  ISNAD_WITNESS_NAME: "witness.example",
  ISNAD_WITNESS_LOGS: `${a.verifierKey};\n${b.verifierKey}\n`,
  ISNAD_WITNESS_TABLE: "witness-table",
};

describe("witnessSettingsFromEnv", () => {
  it("reads the key, the logs by origin and the table", () => {
    const settings = witnessSettingsFromEnv(env);
    expect(settings.cosigner.name).toBe("witness.example");
    expect([...settings.logs.keys()]).toEqual(["a.example/log", "b.example/log"]);
    expect(settings.table).toBe("witness-table");
  });

  it("refuses missing or malformed settings", () => {
    expect(() => witnessSettingsFromEnv({ ...env, ISNAD_WITNESS_TABLE: " " })).toThrow(/ISNAD_WITNESS_TABLE/);
    expect(() => witnessSettingsFromEnv({ ...env, ISNAD_WITNESS_SEED: "abcd" })).toThrow();
    expect(() => witnessSettingsFromEnv({ ...env, ISNAD_WITNESS_LOGS: "nonsense" })).toThrow();
  });
});
