/** `/about`: the keys, the log's head, the CLI's SHA-256 and the API, for @isnad/web's page. */
import { formatBase64 } from "@isnad/core";
import { aboutPage, CLI_BUNDLE, type Lang } from "@isnad/web";
import type { ApiDeps } from "../deps";
import { assetsOf } from "./shared-assets";

export async function aboutHtml(deps: ApiDeps, request: { url: string; lang: Lang }): Promise<string> {
  const [head, cli] = await Promise.all([
    deps.log.reader.head(),
    assetsOf(deps)
      .get(CLI_BUNDLE)
      .then(
        (asset) => (asset ? { href: `/cli/${CLI_BUNDLE}`, sha256: asset.sha256 } : null),
        () => null,
      ),
  ]);
  return aboutPage(
    {
      keys: deps.keyring.keys,
      log: {
        origin: deps.log.origin,
        verifierKey: deps.log.verifierKey,
        treeSize: head.size,
        rootHash: formatBase64(head.rootHash),
      },
      cli,
      baseUrl: new URL(request.url).origin,
    },
    request.lang,
  );
}
