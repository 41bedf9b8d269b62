import { describe, expect, it } from "vitest";
import type { AnchorsInfo, ProvenanceData } from "./provenance-data";
import { anchorsSection } from "./provenance-witness";

const section = (anchors: AnchorsInfo | undefined, lang: "ar" | "en") =>
  String(anchorsSection({ anchors } as ProvenanceData, lang)).replace(/\s+/g, " ");

const witnessed: AnchorsInfo = {
  witnesses: { names: ["isnad", "sigsum"], cosigned: 2, configured: 2, required: 2, satisfied: true },
  timestamps: [{ tsa: "Example TSA", genTime: "2026-12-07T10:30:00.000Z" }],
};

describe("the provenance page's witnesses and trusted time", () => {
  it("names the witnesses and the TSA's time, in English", () => {
    const html = section(witnessed, "en");
    expect(html).toContain('<h2 id="anchors-h">Witnesses and trusted time</h2>');
    expect(html).toMatch(
      /Witnessed by <bdi dir="ltr" data-witness="isnad">isnad<\/bdi>, <bdi dir="ltr" data-witness="sigsum">sigsum<\/bdi>: <bdi>2<\/bdi> of the <bdi>2<\/bdi> witnesses/,
    );
    expect(html).toContain("(the policy requires <bdi>2</bdi>)");
    expect(html).toContain('data-anchor="witnesses" data-ok="true"');
    expect(html).toMatch(
      /Existed no later than <bdi><time datetime="2026-12-07T10:30:00.000Z">7 December 2026 at 10:30 UTC<\/time><\/bdi>, according to <bdi dir="ltr" data-tsa="Example TSA">Example TSA<\/bdi>/,
    );
  });

  it("says the same in Arabic", () => {
    const html = section(witnessed, "ar");
    expect(html).toContain("الشهود والوقت الموثوق");
    expect(html).toMatch(/شهد عليه <bdi dir="ltr" data-witness="isnad">isnad<\/bdi>، <bdi/);
    expect(html).toContain("كان موجوداً في موعد أقصاه");
    expect(html).toContain("بحسب");
  });

  it("says 'not yet witnessed' when none cosigned, and flags a missed quorum", () => {
    const none = section(
      { witnesses: { ...witnessed.witnesses!, names: [], cosigned: 0 }, timestamps: [] },
      "en",
    );
    expect(none).toContain("Not yet witnessed: none of the <bdi>2</bdi> witnesses");
    expect(none).toContain('data-ok="false"');
    const short = section(
      {
        witnesses: { ...witnessed.witnesses!, names: ["isnad"], cosigned: 1, satisfied: false },
        timestamps: [],
      },
      "en",
    );
    expect(short).toContain("The quorum the policy requires is not met yet.");
    expect(short).not.toContain("Existed no later than");
  });

  it("says nothing without verified witnesses or tokens", () => {
    expect(section(undefined, "en").trim()).toBe("");
    expect(section({ witnesses: null, timestamps: [] }, "ar").trim()).toBe("");
  });

  it("escapes a hostile witness or TSA name", () => {
    const html = section(
      {
        witnesses: { ...witnessed.witnesses!, names: ["<script>x"] },
        timestamps: [{ tsa: '"><img', genTime: witnessed.timestamps[0]!.genTime }],
      },
      "en",
    );
    expect(html).not.toContain("<script>x");
    expect(html).not.toContain('"><img');
  });
});
