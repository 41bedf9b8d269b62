/**
 * `npm start`'s stack runs isnad's witness beside the log by default: /checkpoint carries its
 * cosignature, /v1/policy names it as the quorum, and a statement's receipt meets that policy.
 * ISNAD_WITNESS=off runs the log alone, with a "quorum none" policy.
 */
import { afterEach, describe, expect, it } from "vitest";
import { parseNote, parseWitnessPolicy, requireWitnessQuorum } from "@isnad/core";
import { startTestStack, type TestStack } from "../support/local-stack";

let stack: TestStack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
  delete process.env.ISNAD_WITNESS;
});

describe("the local stack's witness", () => {
  it("cosigns every checkpoint; /v1/policy requires it; receipts meet the policy", async () => {
    stack = await startTestStack();
    const policyResponse = await fetch(`${stack.url}/v1/policy`);
    expect(policyResponse.headers.get("content-type")).toMatch(/^text\/plain/);
    const policy = parseWitnessPolicy(await policyResponse.text());
    expect(policy.quorum).toBe("isnad");
    const checkpoint = await (await fetch(`${stack.url}/checkpoint`)).text();
    const result = requireWitnessQuorum(checkpoint, policy);
    expect(result.checkpoint.size).toBeGreaterThan(0);
    expect(result.cosigned.map((c) => c.name)).toEqual(["isnad"]);
    const id = stack.seeded[0]!.id;
    const receipt = (await (await fetch(`${stack.url}/v1/statements/${id}/receipt`)).json()) as {
      checkpoint?: string;
      receipt?: { checkpoint?: string };
    };
    const receiptCheckpoint = receipt.checkpoint ?? receipt.receipt?.checkpoint;
    expect(typeof receiptCheckpoint).toBe("string");
    expect(requireWitnessQuorum(receiptCheckpoint!, policy).cosigned).toHaveLength(1);
  });

  it("ISNAD_WITNESS=off: the log alone", async () => {
    process.env.ISNAD_WITNESS = "off";
    stack = await startTestStack();
    const policy = parseWitnessPolicy(await (await fetch(`${stack.url}/v1/policy`)).text());
    expect(policy.quorum).toBeUndefined();
    const checkpoint = await (await fetch(`${stack.url}/checkpoint`)).text();
    expect(parseNote(checkpoint).signatures).toHaveLength(1);
  });
});
