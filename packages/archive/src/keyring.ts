/**
 * The service's record-signing keys as published at /v1/keys: the current key and any retired
 * ones (records signed by a retired key must still verify).
 */
import { formatBase64, formatKeyId } from "@isnad/core";
import type { Signer } from "./signing";

export interface PublishedKey {
  keyId: string;
  algorithm: "Ed25519";
  /** Base64 of the 32-byte public key. */
  publicKey: string;
  status: "current" | "retired";
}

export interface Keyring {
  keys: PublishedKey[];
  /** keyId → public key, for signature checks. */
  byId: ReadonlyMap<string, Uint8Array>;
}

export function createKeyring(signer: Signer, retired: readonly Uint8Array[] = []): Keyring {
  const entries: [PublishedKey, Uint8Array][] = [
    [
      {
        keyId: signer.keyId,
        algorithm: "Ed25519",
        publicKey: formatBase64(signer.publicKey),
        status: "current",
      },
      signer.publicKey,
    ],
    ...retired.map((key): [PublishedKey, Uint8Array] => [
      { keyId: formatKeyId(key), algorithm: "Ed25519", publicKey: formatBase64(key), status: "retired" },
      key,
    ]),
  ];
  return { keys: entries.map(([k]) => k), byId: new Map(entries.map(([k, key]) => [k.keyId, key])) };
}
