import { describe, expect, it } from "vitest";
import { isPrivateAddress, resolveAddresses, type DomainResolver } from "./domain-dns";

const resolver = (v4: string[], v6: string[] = [], error?: string): DomainResolver => {
  const fail = () => Promise.reject(Object.assign(new Error(error), { code: error }));
  return {
    resolve4: async () => (error ? fail() : v4),
    resolve6: async () => (error ? fail() : v6),
    resolveTxt: async () => [],
  };
};

describe("domain addresses", () => {
  it("knows private, loopback, link-local and multicast ranges", () => {
    for (const a of [
      "127.0.0.1",
      "10.1.2.3",
      "172.16.0.1",
      "172.31.255.255",
      "192.168.1.1",
      "169.254.169.254",
    ]) {
      expect(isPrivateAddress(a), a).toBe(true);
    }
    for (const a of [
      "100.64.0.1",
      "0.0.0.0",
      "224.0.0.1",
      "::1",
      "::",
      "fd00::1",
      "fe80::1",
      "::ffff:10.0.0.1",
    ]) {
      expect(isPrivateAddress(a), a).toBe(true);
    }
    for (const a of [
      "93.184.216.34",
      "172.32.0.1",
      "100.128.0.1",
      "2606:4700::6810:84e5",
      "::ffff:8.8.8.8",
    ]) {
      expect(isPrivateAddress(a), a).toBe(false);
    }
  });

  it("refuses a domain that points only inside, unless allowed, and one with no address", async () => {
    await expect(resolveAddresses(resolver(["127.0.0.1"]), "press.example", false)).rejects.toThrow(
      /resolves only to private or loopback addresses \(127.0.0.1\)/,
    );
    expect(await resolveAddresses(resolver(["127.0.0.1"]), "press.example", true)).toEqual(["127.0.0.1"]);
    expect(await resolveAddresses(resolver(["10.0.0.1", "93.184.216.34"]), "press.example", false)).toEqual([
      "93.184.216.34",
    ]);
    await expect(resolveAddresses(resolver([], [], "ENOTFOUND"), "press.example", false)).rejects.toThrow(
      /has no address in DNS/,
    );
    await expect(
      resolveAddresses(resolver([], [], "ESERVFAIL"), "press.example", false),
    ).rejects.toMatchObject({
      code: "UNAVAILABLE",
    });
  });
});
