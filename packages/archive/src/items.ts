/**
 * The DynamoDB item types of the archive, all in the one table (dynamodb-table.ts). Keys are
 * prefixed by kind so partitions never collide. Single-item conditional writes only: DynamoDB
 * transactions exist, but dynalite has none, and a state field on the statement item gives the
 * same all-or-nothing visibility (see ingest.ts for the write order).
 *
 * | kind          | pk                       | sk                     | gsi1pk / gsi1sk                   |
 * |---------------|--------------------------|------------------------|-----------------------------------|
 * | statement     | stmt#<id>                | record                 | pub#<publisher> / <receivedAt>#<id> (committed only) |
 * | by content    | sha#<sha256 hex>         | stmt#<id>              |                                   |
 * | content holders | content#<sha256 hex>   | statements             |  (every statement with these bytes, in one item; content-items.ts) |
 * | content holders complete | meta#content-items | complete       |  (set once every statement is in a content-holders item) |
 * | superseded by | stmt#<old id>            | supersededBy#<new id>  |                                   |
 * | translation   | stmt#<original id>       | translation#<new id>   |                                   |
 * | successor     | stmt#<old id>            | successor              |  (the one statement that may supersede it; supersession.ts) |
 * | correction    | stmt#<id>                | correction#<seq, 6 digits> | (corrections.ts)              |
 * | dated listing | stmt#<id>                | dated                  | pub#<publisher>/dated / <publication date>#<id> |
 * | publisher     | pub#<publisher>          | profile                | publishers / <publisher>          |
 * | API key       | key#<key id>             | key                    | pub#<publisher>/keys / key#<id>   |
 * | idempotency   | idem#<publisher>#<key>   | idem                   |                                   |
 * | log state     | log#state                | state                  |                                   |
 * | log pool      | log#pool                 | <addedAt ms>#<leaf hash hex> |                             |
 * | log leaf      | log#leaf#<leaf hash hex> | leaf                   |                                   |
 * | log lease     | log#lease                | lease                  |                                   |
 *
 * The log items are described, and their keys built, in log/log-keys.ts.
 *
 * Link items (by content, superseded by, translation) may exist for a statement that is still
 * pending; readers follow them to the statement item and show only committed statements.
 */
export const keys = {
  statement: (id: string) => ({ pk: `stmt#${id}`, sk: "record" }),
  byContent: (sha256Hex: string, id: string) => ({ pk: `sha#${sha256Hex}`, sk: `stmt#${id}` }),
  /** Its own partition, so that the by-content Query (provenance.ts sameContent) never reads it. */
  contentHolders: (sha256Hex: string) => ({ pk: `content#${sha256Hex}`, sk: "statements" }),
  contentHoldersComplete: () => ({ pk: "meta#content-items", sk: "complete" }),
  supersededBy: (oldId: string, newId: string) => ({ pk: `stmt#${oldId}`, sk: `supersededBy#${newId}` }),
  translation: (originalId: string, newId: string) => ({
    pk: `stmt#${originalId}`,
    sk: `translation#${newId}`,
  }),
  successor: (oldId: string) => ({ pk: `stmt#${oldId}`, sk: "successor" }),
  correction: (id: string, seq: number) => ({
    pk: `stmt#${id}`,
    sk: `correction#${String(seq).padStart(6, "0")}`,
  }),
  dated: (id: string) => ({ pk: `stmt#${id}`, sk: "dated" }),
  publisher: (publisher: string) => ({ pk: `pub#${publisher}`, sk: "profile" }),
  apiKey: (keyId: string) => ({ pk: `key#${keyId}`, sk: "key" }),
  idempotency: (publisher: string, key: string) => ({ pk: `idem#${publisher}#${key}`, sk: "idem" }),
} as const;

export const publisherListing = (publisher: string) => `pub#${publisher}`;

/** A publisher's statements by publication date (their claim, else the day isnad received them). */
export const publisherDatedListing = (publisher: string) => `pub#${publisher}/dated`;

/** The gsi1 partition that lists every publisher (GET /v1/publishers), sorted by id. */
export const PUBLISHER_DIRECTORY = "publishers";

/** The id out of a link item's sort key (`stmt#…`, `supersededBy#…`, `translation#…`). */
export function linkedId(sk: string): string {
  return sk.slice(sk.indexOf("#") + 1);
}
