import { describe, expect, it } from "vitest";
import { isIsnadError } from "../errors";
import { formatIsnadTxtRecord, isnadTxtKeyIds, parseIsnadTxtRecord } from "./dns-record";

const A = "ed25519:0123456789abcdef";
const B = "ed25519:fedcba9876543210";

describe("the _isnad TXT record", () => {
  it("round-trips", () => {
    expect(formatIsnadTxtRecord([A, B])).toBe(`v=isnad1; k=${A}; k=${B}`);
    expect(parseIsnadTxtRecord(formatIsnadTxtRecord([A, B]))).toEqual([A, B]);
  });

  it("ignores other records and unknown tags, and joins several isnad records", () => {
    expect(parseIsnadTxtRecord("v=spf1 -all")).toBeUndefined();
    expect(parseIsnadTxtRecord(`k=${A}; v=isnad1`)).toBeUndefined();
    expect(parseIsnadTxtRecord(`v=isnad1;x=1 ;k=${A};`)).toEqual([A]);
    expect(isnadTxtKeyIds(["v=spf1 -all"])).toBeUndefined();
    expect(isnadTxtKeyIds([`v=isnad1; k=${A}`, "google-site-verification=x", `v=isnad1; k=${B}`])).toEqual([
      A,
      B,
    ]);
  });

  it("refuses a malformed isnad record", () => {
    for (const bad of [`v=isnad1; k=${A.toUpperCase()}`, "v=isnad1; k=ed25519:abc", "v=isnad1; junk"]) {
      expect(() => parseIsnadTxtRecord(bad)).toThrowError(expect.objectContaining({ name: "IsnadError" }));
      try {
        parseIsnadTxtRecord(bad);
      } catch (e) {
        expect(isIsnadError(e)).toBe(true);
      }
    }
  });
});
