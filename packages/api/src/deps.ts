/** What createApp needs: the archive's ports and services, built by the runner (local or Lambda). */
import type { ArchiveDeps, DomainKeys, Keyring, LogService, Publishers } from "@isnad/archive";
import type { ReceiptKey } from "@isnad/cose";
import type { ClientAssets } from "@isnad/web";
import type { ErrorLogger } from "./problem";
import type { RateLimits } from "./rate-limit";

export interface ApiDeps {
  archive: ArchiveDeps;
  publishers: Publishers;
  keyring: Keyring;
  /** Registration of domain-bound publisher keys (issue #17); absent: the routes answer 404. */
  domainKeys?: DomainKeys;
  /** The transparency log (its reader serves checkpoints, tiles, proofs and receipts). */
  log: LogService;
  logger: ErrorLogger;
  /** The witness policy (C2SP tlog-policy text) served at /v1/policy; default: the log key alone. */
  witnessPolicy?: string;
  /**
   * Pinned RFC 3161 TSA roots (PEM): the provenance page says "existed no later than …" only for
   * tokens that verify against one. Without them it says nothing about time.
   */
  tsaRoots?: readonly string[];
  /** The ES256 key of COSE receipts and /.well-known/scitt-keys (RFC 9942); without it, neither is served. */
  receiptKey?: ReceiptKey;
  /** The pages' browser scripts; by default built with esbuild on first request (not on Lambda). */
  clientAssets?: ClientAssets;
  /** Per-instance rate limits (rate-limit.ts); default DEFAULT_RATE_LIMITS, false: none. */
  rateLimits?: RateLimits | false;
}
