/**
 * The entry of the single-file build of the CLI (`/cli/isnad.mjs`, see @isnad/web's cli-bundle):
 * the commands that need nothing but `node` — verify, receipt verify and fetch, keys fetch,
 * upload. The admin commands act on an archive's storage with the AWS SDK and stay in the clone.
 */
import { PUBLIC_COMMANDS } from "./public-commands";
import { run } from "./run";

const FOOTER = `

This is the single-file build of isnad (it needs only node ≥ 20). The admin commands
(publisher create, key issue, key revoke) are in the repository: npm run isnad -- --help.`;

process.exitCode = await run(process.argv.slice(2), process.env, {
  commands: PUBLIC_COMMANDS,
  helpFooter: FOOTER,
});
