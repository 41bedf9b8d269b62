/**
 * The shared set-up of the two security suites (security.test.ts, security-exposure.test.ts):
 * one local stack per file, its traffic counted, and figures written under the "security" row.
 * `stack` and `traffic` are live bindings, set by the hooks `useSecurityStack` registers.
 */
import { afterAll, beforeAll } from "vitest";
import { startTestStack, type TestStack } from "../support/local-stack";
import { makeDocument, uploadRequest } from "./documents";
import { writeFigures } from "./figures";
import { Traffic } from "./traffic";

export let stack: TestStack;
export let traffic: Traffic;
export const notes: string[] = [];

export function useSecurityStack(): void {
  const started = performance.now();
  beforeAll(async () => {
    stack = await startTestStack();
    traffic = new Traffic(stack.url);
  });
  afterAll(async () => {
    await stack?.close();
    await writeFigures({
      suite: "security",
      requests: traffic.requests,
      unexpected5xx: traffic.unexpected5xx,
      durationMs: performance.now() - started,
      notes,
    });
  });
}

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

export async function archiveAs(apiKey: string, fields: Record<string, string> = {}, filename?: string) {
  const doc = await makeDocument("text");
  if (filename) doc.filename = filename;
  const { path, init } = uploadRequest(doc, apiKey, 1, fields);
  const res = await traffic.fetch(path, init);
  const body = (await res.json()) as { id?: string; type?: string };
  return { status: res.status, body, headers: res.headers, doc };
}
