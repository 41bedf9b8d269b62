/**
 * DNS for domain-bound keys (issue #17): the publisher's addresses and its `_isnad` TXT record,
 * through a resolver that is injected (node:dns/promises `Resolver`; tests point one at dnsmasq
 * on a loopback port with setServers). Addresses in private, loopback and link-local ranges are
 * refused unless allowed (tests), so a publisher's domain cannot make isnad probe its own network.
 */
import { Resolver } from "node:dns/promises";
import { isIP } from "node:net";
import { ISNAD_TXT_PREFIX } from "@isnad/core";
import { ArchiveError } from "../errors";

/** What isnad asks of DNS; node:dns/promises `Resolver` is one. */
export interface DomainResolver {
  resolve4(hostname: string): Promise<string[]>;
  resolve6(hostname: string): Promise<string[]>;
  resolveTxt(hostname: string): Promise<string[][]>;
}

export function systemResolver(): DomainResolver {
  return new Resolver({ timeout: 2000, tries: 2 });
}

/** "No such name" and "no record of that type": an answer, not a failure. */
const ABSENT = new Set(["ENOTFOUND", "ENODATA", "NXDOMAIN"]);

function absentOr<T>(empty: T) {
  return (e: unknown): T => {
    if (ABSENT.has((e as NodeJS.ErrnoException).code ?? "")) return empty;
    throw e;
  };
}

function dnsFailure(name: string, e: unknown): ArchiveError {
  const code = (e as NodeJS.ErrnoException).code ?? "error";
  return new ArchiveError("UNAVAILABLE", `the DNS lookup of ${name} failed (${code}); try again`, {
    cause: e,
    details: { check: "dns" },
  });
}

/** The addresses to connect to (IPv4 first), at least one; BAD_REQUEST when there are none. */
export async function resolveAddresses(
  resolver: DomainResolver,
  domain: string,
  allowPrivate: boolean,
): Promise<string[]> {
  let found: string[];
  try {
    found = [
      ...(await resolver.resolve4(domain).catch(absentOr<string[]>([]))),
      ...(await resolver.resolve6(domain).catch(absentOr<string[]>([]))),
    ];
  } catch (e) {
    throw dnsFailure(domain, e);
  }
  const usable = found.filter((a) => isIP(a) !== 0 && (allowPrivate || !isPrivateAddress(a)));
  if (usable.length === 0) {
    throw new ArchiveError(
      "BAD_REQUEST",
      found.length === 0
        ? `${domain} has no address in DNS (no A or AAAA record)`
        : `${domain} resolves only to private or loopback addresses (${found.join(", ")})`,
      { details: { check: "dns" } },
    );
  }
  return usable;
}

/** The text of each TXT record at `_isnad.<domain>` (character-strings joined, RFC 7208 §3.3). */
export async function resolveIsnadTxt(resolver: DomainResolver, domain: string): Promise<string[]> {
  const name = `${ISNAD_TXT_PREFIX}.${domain}`;
  try {
    const records = await resolver.resolveTxt(name).catch(absentOr<string[][]>([]));
    return records.map((chunks) => chunks.join(""));
  } catch (e) {
    throw dnsFailure(name, e);
  }
}

/** Loopback, private (RFC 1918, RFC 4193), link-local, CGNAT, unspecified and multicast ranges. */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isPrivateAddress(mapped[1]!);
  if (isIP(address) === 4) {
    const [a = 0, b = 0] = address.split(".").map(Number);
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      a >= 224 ||
      (a === 100 && b >= 64 && b < 128) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b < 32) ||
      (a === 192 && b === 168)
    );
  }
  const lower = address.toLowerCase();
  return (
    lower === "::" || lower === "::1" || /^f[cd]/.test(lower) || /^fe[89ab]/.test(lower) || /^ff/.test(lower)
  );
}
