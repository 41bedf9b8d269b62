/**
 * `isnad migrate-content`: lists every committed statement in its content's holders item and then
 * sets the marker that lets verify by hash answer with one GetItem (archive's
 * migrateContentHolders, issue #15). Run once per archive, after every instance of the service
 * runs a version that writes those items; the local runner does it at each start by itself.
 * Idempotent: run it again after an interruption.
 */
import { isArchiveError, migrateContentHolders } from "@isnad/archive";
import { openAdminTarget } from "./admin-target";
import { CliError, EXIT, type Command } from "./command";

export const migrateContentCommand: Command = {
  usage: "isnad migrate-content [--json]",
  help: `List every committed statement in the holders item of its content (one item per SHA-256),
then mark the archive migrated: from then on verify by hash reads that one item instead of
querying the by-content links. Run it once, after every instance of the service is on a version
that writes these items (older ones write only the links). Safe to run again; once the archive is
marked, it reads nothing more.

Acts on DynamoDB and S3 directly: with ISNAD_TABLE=<table> (and ISNAD_BUCKET) in AWS, otherwise
on the local archive in ISNAD_DATA_DIR (default .isnad/), running or not.

  --json    print one JSON document (the summary)`,
  options: {},
  positionals: [0, 0],
  async run(ctx) {
    try {
      const target = await openAdminTarget(ctx.env);
      try {
        const summary = await migrateContentHolders(
          {
            items: target.archive.items,
            publishers: target.publishers,
            now: () => target.archive.clock.now(),
          },
          (statements) => {
            if (!ctx.json) ctx.out.note(`migrate-content: ${statements} statements listed …`);
          },
        );
        ctx.out.result(summary, () => [
          summary.ran
            ? `listed ${summary.statements} statements of ${summary.publishers} publishers in ${target.description}; ` +
              "verify by hash now reads one item per content"
            : `${target.description} was migrated already: nothing to do`,
        ]);
        return EXIT.ok;
      } finally {
        await target.close();
      }
    } catch (e) {
      if (!isArchiveError(e)) throw e;
      throw new CliError(e.message, EXIT.error, { cause: e });
    }
  },
};
