import { describe, expect, it } from "vitest";
import { formatStatementLines, type MatchJson } from "./statement-view";

const match: MatchJson = {
  statement: "a".repeat(32),
  publisher: { id: "press", name: "Press office", domain: "press.example" },
  title: "بيان",
  publishedAt: null,
  receivedAt: "2026-12-07T10:00:00.000Z",
  superseded: false,
  supersededBy: [],
  signature: { valid: true, keyId: "0123456789abcdef" },
};

describe("the CLI's statement view", () => {
  it("says 'signed by <domain>' with the key, on its own line apart from 'archived by isnad'", () => {
    const lines = formatStatementLines("http://x", {
      ...match,
      signedBy: { domain: "press.example", keyId: "ed25519:0123456789abcdef" },
    });
    expect(lines).toContain("  signature  ✓ archived by isnad (record signed with key 0123456789abcdef)");
    expect(lines).toContain(
      "  signed by  press.example (key ed25519:0123456789abcdef), checked against its domain's keys at upload",
    );
  });

  it("says when the publisher did not sign, and says nothing for servers that do not tell", () => {
    expect(formatStatementLines("http://x", { ...match, signedBy: null }).join("\n")).toContain(
      "the publisher did not sign it",
    );
    expect(formatStatementLines("http://x", match).join("\n")).not.toContain("signed by");
  });
});
