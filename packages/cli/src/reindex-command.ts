/**
 * `isnad reindex`: rebuilds the quote index of every committed statement from its stored text
 * (archive's reindexQuotes), after a change of the index's key scheme or of the normalization.
 * Acts where the other admin commands act (admin-target.ts): the local archive, or with
 * ISNAD_TABLE the deployed one in AWS. Idempotent: run it again after an interruption.
 */
import { isArchiveError, reindexQuotes } from "@isnad/archive";
import { NORMALIZATION_VERSION, QUOTE_INDEX_VERSION } from "@isnad/core";
import { openAdminTarget } from "./admin-target";
import { CliError, EXIT, type Command } from "./command";

export const reindexCommand: Command = {
  usage: "isnad reindex [--json]",
  help: `Rebuild the quote index (${QUOTE_INDEX_VERSION}, ${NORMALIZATION_VERSION}) of every committed statement
from its stored text, checked against its signed record. Safe to run again: it writes the same
items. Statements archived before the current index was introduced are not found by quote
until it has run. Progress goes to stderr, one line per 100 statements.

Acts on DynamoDB and S3 directly: with ISNAD_TABLE=<table> (and ISNAD_BUCKET) in AWS, otherwise
on the local archive in ISNAD_DATA_DIR (default .isnad/), running or not.

  --json    print one JSON document (the summary)`,
  options: {},
  positionals: [0, 0],
  async run(ctx) {
    try {
      const target = await openAdminTarget(ctx.env);
      try {
        const summary = await reindexQuotes({ ...target.archive, publishers: target.publishers }, (p) => {
          if (!ctx.json) {
            ctx.out.note(
              `reindex: ${p.statements} statements (${p.indexed} indexed, ${p.items} items) … ${p.publisher}`,
            );
          }
        });
        ctx.out.result(summary, () => [
          `reindexed ${summary.indexed} of ${summary.statements} statements of ${summary.publishers} publishers ` +
            `in ${target.description}: ${summary.items} index items written`,
          ...summary.damaged.map((id) => `  not indexed, its stored text does not match its record: ${id}`),
        ]);
        return summary.damaged.length > 0 ? EXIT.failed : EXIT.ok;
      } finally {
        await target.close();
      }
    } catch (e) {
      if (!isArchiveError(e)) throw e;
      throw new CliError(e.message, e.code === "NOT_FOUND" ? EXIT.failed : EXIT.error, { cause: e });
    }
  },
};
