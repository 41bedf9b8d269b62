import { describe, expect, it } from "vitest";
import type { ProvenanceData, ProvenanceRecord } from "./provenance-data";
import { signerLine } from "./provenance-signer";
import { offlineCommands } from "./provenance-sections";

const record = {
  publisher: "press",
  publisherSignature: { format: "sshsig", keyId: "ed25519:0123456789abcdef", domain: "press.example" },
} as ProvenanceRecord;
const line = (r: Partial<ProvenanceRecord>, lang: "ar" | "en") =>
  String(signerLine({ record: r } as ProvenanceData, lang)).replace(/\s+/g, " ");

describe("the provenance page's signer line", () => {
  it("says 'signed by <domain>' with the key id, apart from 'archived by isnad'", () => {
    const html = line(record, "en");
    expect(html).toContain('data-signed-by="press.example" data-key-id="ed25519:0123456789abcdef"');
    expect(html).toContain(
      'Signed by <bdi dir="ltr">press.example</bdi> with key <code dir="ltr">ed25519:0123456789abcdef</code>.',
    );
    expect(html).toContain("Archived by isnad, which signed the record with its own key");
    expect(html).toContain('<a href="/v1/publishers/press/keys" dir="ltr">');
  });

  it("says the same in Arabic", () => {
    const html = line(record, "ar");
    expect(html).toContain('موقَّع من <bdi dir="ltr">press.example</bdi> بالمفتاح');
    expect(html).toContain("وحفظه إسناد");
  });

  it("says that only isnad vouches when the publisher did not sign", () => {
    const html = line({ publisher: "press" }, "en");
    expect(html).toContain('data-signed-by=""');
    expect(html).toContain("Not signed by the publisher");
    expect(html).not.toContain("Signed by");
  });

  it("escapes what it shows", () => {
    const html = line(
      { ...record, publisherSignature: { ...record.publisherSignature!, domain: "<b>x" } },
      "en",
    );
    expect(html).not.toContain("<b>x");
    expect(html).toContain("&lt;b&gt;x");
  });
});

describe("the offline steps of a signed statement", () => {
  it("save the publisher's keys in the keys file, which receipt verify checks the signature against", () => {
    const base = { baseUrl: "https://isnad.example/", cli: null };
    const r = { ...record, id: "a".repeat(32), original: { filename: "x.txt" } } as ProvenanceRecord;
    const signed = offlineCommands({ ...base, record: r } as unknown as ProvenanceData);
    expect(signed[3]).toBe(
      "node isnad.mjs keys fetch --server https://isnad.example --out keys.json --publisher press",
    );
    expect(signed[4]).toMatch(/--keys keys\.json$/);
    const { publisherSignature: _, ...unsigned } = r;
    const plain = offlineCommands({ ...base, record: unsigned } as unknown as ProvenanceData);
    expect(plain[3]).not.toContain("--publisher");
  });
});
