/**
 * Proof that a CLI run stays offline: a preload (NODE_OPTIONS --import, as a data: URL so that it
 * needs no file) that replaces `fetch` and every TCP connect with a function that records the
 * attempt in a log file and throws. Local pipes stay allowed (tsx talks to its child over one).
 */
const PRELOAD = `
import net from "node:net";
import { appendFileSync } from "node:fs";
const deny = (what) => {
  appendFileSync(process.env.ISNAD_TEST_NETWORK_LOG, what + "\\n");
  throw new Error("network access denied by the test: " + what);
};
globalThis.fetch = async (input) => deny("fetch " + String(input && input.url ? input.url : input));
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const pipe = typeof first === "string" || (first !== null && typeof first === "object" && typeof first.path === "string");
  if (!pipe) deny("connect " + JSON.stringify(first));
  return connect.apply(this, args);
};
`;

/** Environment for runCli that forbids network access, logging any attempt to `logPath`. */
export function noNetworkEnv(logPath: string): Record<string, string> {
  const url = `data:text/javascript,${encodeURIComponent(PRELOAD)}`;
  return {
    ISNAD_TEST_NETWORK_LOG: logPath,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import=${url}`.trim(),
  };
}
