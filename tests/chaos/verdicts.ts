/**
 * How the tamper suite asks isnad whether something is wrong: each helper answers true when the
 * service (or a client checking its answer) noticed.
 */
import type { Traffic } from "./traffic";

export interface Verdict {
  verdict: string;
  matches: { statement: string; signature: { valid: boolean }; inclusion: { checked: boolean } }[];
}

const TRUSTING = ["authentic", "verbatim", "same-words", "abridged"];

/** Never "authentic" (nor a positive quote verdict) for a statement whose proofs fail. */
export function notTrusted(v: Verdict, id: string): boolean {
  if (v.verdict === "unverified" || v.verdict === "not-found") return true;
  const own = v.matches.filter((m) => m.statement === id);
  return !TRUSTING.includes(v.verdict) && own.every((m) => !m.signature.valid || !m.inclusion.checked);
}

export function verdicts(traffic: Traffic) {
  return {
    /** The answer is an INTEGRITY problem (the service noticed); any other 5xx is a failure. */
    async integrityProblem(path: string, init?: RequestInit): Promise<boolean> {
      const res = await traffic.fetch(path, init, { allow5xx: [500] });
      const body = (await res.json().catch(() => null)) as { type?: string } | null;
      const integrity = body?.type === "urn:isnad:problem:integrity";
      if (res.status >= 500 && !integrity) traffic.unexpected5xx++;
      return res.status === 500 && integrity;
    },

    async byHash(hex: string): Promise<Verdict> {
      return (await traffic.json<Verdict>(`/v1/verify?sha256=${hex}`)).body;
    },

    async byFile(bytes: Uint8Array): Promise<Verdict> {
      const form = new FormData();
      form.set("file", new File([bytes as Uint8Array<ArrayBuffer>], "f"));
      return (await traffic.json<Verdict>("/v1/verify", { method: "POST", body: form })).body;
    },

    async byQuote(text: string): Promise<Verdict> {
      const init = {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ text }),
      };
      return (await traffic.json<Verdict>("/v1/verify", init)).body;
    },

    /** The provenance page shows the proof failing (or the page itself is an error). */
    async pageShowsFailure(id: string, proof: "signature" | "inclusion"): Promise<boolean> {
      const res = await traffic.fetch(`/s/${id}`, {}, { allow5xx: [500] });
      const page = await res.text();
      return res.status === 500 || page.includes(`data-proof="${proof}" data-ok="false"`);
    },

    /** No receipt can be had: an INTEGRITY problem or none at all. */
    async noReceipt(id: string): Promise<boolean> {
      const res = await traffic.fetch(`/v1/statements/${id}/receipt`, {}, { allow5xx: [500] });
      await res.arrayBuffer();
      return res.status !== 200;
    },
  };
}
