/**
 * CloudFront in front of the function URL. Only responses that never change (tiles, original
 * bytes) or change on a known beat (the checkpoint) are cached, and then only as long as the
 * origin's Cache-Control allows: every cache policy here has minTtl 0 and defaultTtl 0, so a
 * response without max-age is not cached (CloudFront Developer Guide, "Manage how long content
 * stays in the cache").
 *
 * Inline `routes` (rather than `router.route()`) because only they take a cache policy per path.
 */

/** CloudFront's managed CachingDisabled policy. With caching off, the AllViewerExceptHostHeader
 * origin request policy SST attaches forwards the Authorization header, which POST needs. */
export const CACHING_DISABLED_POLICY_ID = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
const ONE_YEAR_SECONDS = 31_536_000;
/** Upper bound on how stale a cached checkpoint can be, whatever the origin says. */
export const CHECKPOINT_MAX_TTL_SECONDS = 10;
/** Matches the function's 30 s timeout; CloudFront's default read timeout (SST: 20 s) is shorter. */
const ORIGIN_READ_TIMEOUT_SECONDS = 30;

export function createRouter(apiUrl: $util.Output<string>) {
  const immutable = cachePolicy(
    "ImmutableCachePolicy",
    "isnad tiles and originals: origin Cache-Control",
    ONE_YEAR_SECONDS,
  );
  const checkpoint = cachePolicy(
    "CheckpointCachePolicy",
    "isnad checkpoint: origin Cache-Control, capped",
    CHECKPOINT_MAX_TTL_SECONDS,
  );

  const router = new sst.aws.Router("Router", {
    routes: {
      "/*": { url: apiUrl, cachePolicy: CACHING_DISABLED_POLICY_ID },
      // C2SP tlog-tiles: full tiles and entry bundles never change; partial ones are immutable per width.
      "/tile/*": { url: apiUrl, cachePolicy: immutable.id },
      "/v1/statements/*/original": { url: apiUrl, cachePolicy: immutable.id },
      "/checkpoint": { url: apiUrl, cachePolicy: checkpoint.id },
    },
    transform: {
      cdn: (args) => {
        args.origins = $output(args.origins).apply((origins) =>
          origins.map((origin) =>
            origin.customOriginConfig
              ? {
                  ...origin,
                  customOriginConfig: {
                    ...origin.customOriginConfig,
                    originReadTimeout: ORIGIN_READ_TIMEOUT_SECONDS,
                  },
                }
              : origin,
          ),
        );
      },
    },
  });

  return { router, cachePolicies: { immutable, checkpoint } };
}

function cachePolicy(name: string, comment: string, maxTtl: number) {
  return new aws.cloudfront.CachePolicy(name, {
    comment,
    minTtl: 0,
    defaultTtl: 0,
    maxTtl,
    parametersInCacheKeyAndForwardedToOrigin: {
      cookiesConfig: { cookieBehavior: "none" },
      headersConfig: { headerBehavior: "none" },
      // Kept in the key: a response may depend on its query, and a wrong hit is worse than a miss.
      queryStringsConfig: { queryStringBehavior: "all" },
      enableAcceptEncodingBrotli: true,
      enableAcceptEncodingGzip: true,
    },
  });
}
