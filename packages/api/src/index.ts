export { createApp } from "./app";
export type { ApiDeps } from "./deps";
export { jsonLogger, problemType, type ErrorLogger } from "./problem";
export {
  DEFAULT_RATE_LIMITS,
  TokenBuckets,
  rateLimit,
  rateLimitsFromEnv,
  type Bucket,
  type RateLimits,
} from "./rate-limit";
export { forwardedClientAddress } from "./client-address";
