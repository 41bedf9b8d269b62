export {
  DomainKeys,
  type DomainKeysDeps,
  type KeyChange,
  type KeyRegistration,
  type SignedKeyEntry,
} from "./domain-keys";
export { systemResolver, isPrivateAddress, type DomainResolver } from "./domain-dns";
export type { DomainFetchOptions } from "./domain-file-fetch";
export type { DomainEvidence, PublisherKeyEntry } from "./domain-key-records";
export { CHALLENGE_TTL_MS, type Challenge } from "./possession-challenges";
