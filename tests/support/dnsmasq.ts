/**
 * A real DNS server for tests: Debian's dnsmasq (package dnsmasq-base: the binary, no system
 * service) as a child process on a free loopback UDP/TCP port, with its records on the command
 * line and nothing else: -C /dev/null (no config file), --no-resolv and --no-hosts (no upstream,
 * no /etc/hosts), --local for the test zones (unknown names are NXDOMAIN, never forwarded). It
 * never binds port 53 nor touches the system's resolver. A Node `Resolver` pointed at it with
 * setServers is what isnad gets injected.
 * Without dnsmasq the tests that use it fail (they do not skip).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createSocket } from "node:dgram";
import { Resolver } from "node:dns/promises";
import type { AddressInfo } from "node:net";

export interface DnsRecords {
  /** name → IPv4 address (A record, exact name). */
  a?: Record<string, string>;
  /** name → TXT record texts (one record each; no commas). */
  txt?: Record<string, string[]>;
  /** Zones answered locally only (default: "example"). */
  local?: string[];
}

export interface Dnsmasq {
  port: number;
  /** A resolver asking only this server. */
  resolver(): Resolver;
  close(): Promise<void>;
}

async function freeUdpPort(): Promise<number> {
  const socket = createSocket("udp4");
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  const { port } = socket.address() as AddressInfo;
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

export async function startDnsmasq(records: DnsRecords): Promise<Dnsmasq> {
  const port = await freeUdpPort();
  const args = [
    "--no-daemon",
    "-C",
    "/dev/null",
    `--port=${port}`,
    "--listen-address=127.0.0.1",
    "--bind-interfaces",
    "--no-resolv",
    "--no-hosts",
    "--pid-file=",
    "--user=root",
    ...(records.local ?? ["example"]).map((zone) => `--local=/${zone}/`),
    ...Object.entries(records.a ?? {}).map(([name, ip]) => `--host-record=${name},${ip}`),
    ...Object.entries(records.txt ?? {}).flatMap(([name, texts]) =>
      // No shell: the text goes as is (dnsmasq splits character-strings at commas).
      texts.map((text) => `--txt-record=${name},${text}`),
    ),
  ];
  const child: ChildProcess = spawn("dnsmasq", args, { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let spawnError: Error | undefined;
  child.once("error", (e) => (spawnError = e));
  const resolver = () => {
    const r = new Resolver({ timeout: 1000, tries: 2 });
    r.setServers([`127.0.0.1:${port}`]);
    return r;
  };
  // Ready when it answers (it logs "started" before binding on some versions).
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (spawnError)
      throw new Error(`cannot run dnsmasq (Debian package dnsmasq-base): ${spawnError.message}`);
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`dnsmasq exited (${child.exitCode ?? child.signalCode}): ${stderr.trim()}`);
    }
    const ok = await resolver()
      .resolveSoa("example")
      .then(() => true)
      .catch((e: NodeJS.ErrnoException) => e.code !== "ECONNREFUSED" && e.code !== "ETIMEOUT");
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`dnsmasq did not answer on port ${port}: ${stderr.trim()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port,
    resolver,
    async close() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
