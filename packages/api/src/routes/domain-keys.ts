/**
 * Domain-bound publisher keys (issue #17): a publisher registers the Ed25519 keys its domain
 * declares at https://<domain>/.well-known/isnad-publisher (archive domain-keys/), with its API
 * key; anyone reads the list.
 *
 *   POST /v1/publishers/{id}/domain-keys/challenge          → 201 {nonce, expiresAt, message}
 *   POST /v1/publishers/{id}/domain-keys {publicKey, domain, nonce, proof}
 *                                                           → 201 {key, entry, leafIndex} (200: known)
 *   POST /v1/publishers/{id}/domain-keys/{keyId}/rotate     → 200 (the domain no longer lists it)
 *   POST /v1/publishers/{id}/domain-keys/{keyId}/revoke {reason?} → 200
 *   GET  /v1/publishers/{id}/keys                           the keys, active and retired
 */
import { Hono, type Context } from "hono";
import { ArchiveError, type KeyChange } from "@isnad/archive";
import { KEY_POSSESSION_CONTEXT } from "@isnad/core";
import type { ApiDeps } from "../deps";
import { authenticatedPublisher } from "../auth";
import { readJsonBody } from "../json-body";
import { parseWith } from "../schemas";
import { PublisherIdParam } from "../resource-schemas";
import { DomainKeyRegistration, DomainKeyRevocation, KeyIdParam, domainKeyJson } from "../domain-key-schemas";

const changeJson = (change: KeyChange) => ({
  key: domainKeyJson(change.key),
  entry: change.entry ?? null,
  leafIndex: change.leafIndex ?? null,
});

export function domainKeysRoutes(deps: ApiDeps): Hono {
  const app = new Hono();

  /** The publisher in the path, when the request's API key acts for it; the service. */
  async function acting(c: Context) {
    const { id } = parseWith(PublisherIdParam, { id: c.req.param("id") }, "id");
    const publisher = await authenticatedPublisher(deps, c);
    if (publisher !== id) {
      throw new ArchiveError("FORBIDDEN", `this API key acts for publisher '${publisher}', not '${id}'`);
    }
    if (!deps.domainKeys) throw new ArchiveError("NOT_FOUND", "this archive does not register domain keys");
    return { id, domainKeys: deps.domainKeys };
  }

  app.post("/:id/domain-keys/challenge", async (c) => {
    const { id, domainKeys } = await acting(c);
    const challenge = await domainKeys.challenge(id);
    const domain = (await deps.publishers.get(id))?.domain ?? "";
    const message = [KEY_POSSESSION_CONTEXT, domain, id, "<key id>", challenge.nonce, ""].join("\n");
    return c.json({ ...challenge, publisher: id, domain, message }, 201);
  });

  app.post("/:id/domain-keys", async (c) => {
    const { id, domainKeys } = await acting(c);
    const body = parseWith(DomainKeyRegistration, await readJsonBody(c.req.raw), "body");
    const change = await domainKeys.register(id, body);
    c.header("location", `/v1/publishers/${id}/keys`);
    return c.json(changeJson(change), change.created ? 201 : 200);
  });

  app.post("/:id/domain-keys/:keyId/rotate", async (c) => {
    const { domainKeys } = await acting(c);
    const { id, keyId } = parseWith(KeyIdParam, c.req.param(), "path");
    return c.json(changeJson(await domainKeys.rotate(id, keyId)));
  });

  app.post("/:id/domain-keys/:keyId/revoke", async (c) => {
    const { domainKeys } = await acting(c);
    const { id, keyId } = parseWith(KeyIdParam, c.req.param(), "path");
    // The reason is optional, and so is the body that carries it.
    const { reason } = c.req.header("content-type")
      ? parseWith(DomainKeyRevocation, await readJsonBody(c.req.raw), "body")
      : {};
    return c.json(changeJson(await domainKeys.revoke(id, keyId, reason ?? null)));
  });

  app.get("/:id/keys", async (c) => {
    const { id } = parseWith(PublisherIdParam, c.req.param(), "id");
    if (!(await deps.publishers.get(id))) throw new ArchiveError("NOT_FOUND", `no publisher '${id}'`);
    const keys = (await deps.archive.publisherKeys?.keysOf(id)) ?? [];
    return c.json({ publisher: id, keys: keys.map(domainKeyJson) });
  });

  return app;
}
