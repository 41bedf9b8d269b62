/**
 * S3's conditional create for s3rver, which ignores it: a PutObject with `If-None-Match: *` fails
 * with 412 PreconditionFailed when the key exists
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html). With it, the
 * object store's create-if-absent needs no HEAD before each PUT against the emulator either
 * (s3-object-store.ts `conditionalWrites`; issue #15: 4 of an ingest's 35 requests were HEADs).
 *
 * The check and the write run under a lock per key, in the one process that serves the bucket,
 * so two racing creates of one key cannot both succeed — as on S3, and unlike the HEAD-then-PUT
 * it replaces, whose race window the emulator had. Only plain PutObject is covered (no query
 * but the SDK's `x-id=PutObject`: not a part, not an ACL or tagging subresource; no copy source),
 * as isnad sends it.
 */
import type S3rver from "s3rver";

interface KoaContext {
  method: string;
  path: string;
  querystring: string;
  status: number;
  type: string;
  body: unknown;
  get(header: string): string;
}
type Middleware = (ctx: KoaContext, next: () => Promise<void>) => Promise<void>;
interface KoaS3rver {
  middleware: Middleware[];
  store: { existsObject(bucket: string, key: string): Promise<boolean> };
}

const PRECONDITION_FAILED =
  '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>PreconditionFailed</Code>' +
  "<Message>At least one of the pre-conditions you specified did not hold</Message>" +
  "<Condition>If-None-Match</Condition></Error>";

/** A query naming no subresource: empty, or only the SDK's `x-id` (the operation's name). */
function plainPut(query: string): boolean {
  return [...new URLSearchParams(query).keys()].every((name) => name === "x-id");
}

/** Makes `server` honour `If-None-Match: *` on PutObject; call before `run()`. */
export function honourConditionalPuts(server: S3rver): void {
  const koa = server as unknown as KoaS3rver;
  const locks = new Map<string, Promise<void>>();
  const conditionalPut: Middleware = async (ctx, next) => {
    if (
      ctx.method !== "PUT" ||
      ctx.get("if-none-match") !== "*" ||
      !plainPut(ctx.querystring) ||
      ctx.get("x-amz-copy-source") !== ""
    ) {
      return next();
    }
    // Path-style addressing (emulators.ts turns vhost buckets off): /<bucket>/<key>.
    const [bucket = "", ...rest] = ctx.path.slice(1).split("/");
    const key = rest.map(decodeURIComponent).join("/");
    const id = `${bucket}/${key}`;
    const before = locks.get(id) ?? Promise.resolve();
    let release!: () => void;
    const done = new Promise<void>((resolve) => (release = resolve));
    const mine = before.then(() => done);
    locks.set(id, mine);
    await before;
    try {
      if (key !== "" && (await koa.store.existsObject(bucket, key))) {
        ctx.status = 412;
        ctx.type = "application/xml";
        ctx.body = PRECONDITION_FAILED;
        return;
      }
      await next();
    } finally {
      release();
      if (locks.get(id) === mine) locks.delete(id);
    }
  };
  // First, before s3rver's own middleware and router (Koa composes the array when it listens).
  koa.middleware.unshift(conditionalPut);
}
