// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- SST's globals ($config, sst, aws); imports are not allowed here
/// <reference path="./.sst/platform/config.d.ts" />

/**
 * isnad on AWS (SST v3). `app()` is evaluated by SST on its own, before `run()`, so it cannot
 * import stacks/stage.ts; tests/infra checks that its production test matches isProductionStage.
 * Stack modules are loaded with `await import()` inside `run()`, as SST requires.
 */
export default $config({
  app(input) {
    const production = input.stage === "production" || input.stage === "prod";
    return {
      name: "isnad",
      home: "aws",
      // Production keeps its bucket and table when the stage is removed, and refuses `sst remove`.
      removal: production ? "retain" : "remove",
      protect: production,
    };
  },
  async run() {
    const { stageSettings } = await import("./stacks/stage");
    const { createStorage } = await import("./stacks/storage");
    const { createApi, SIGNING_KEY_SECRET } = await import("./stacks/api");
    const { createRouter } = await import("./stacks/router");
    const { withOwnWitness } = await import("./stacks/witness");
    const { createIndexSweeper } = await import("./stacks/index-sweeper");

    const settings = stageSettings($app.stage, process.env);
    const storage = createStorage(settings);
    // isnad's own witness (ISNAD_WITNESS_NAME): its URL and key go into the log's witness settings.
    let witnessUrl: $util.Output<string> | undefined;
    const { api, signingKeySeed } = createApi(
      settings,
      storage,
      settings.ownWitness
        ? (signingKeySeed) => {
            const own = withOwnWitness(settings, signingKeySeed);
            witnessUrl = own.witness.url;
            return own.anchors;
          }
        : undefined,
    );
    // Long texts are archived before their quote index is written; this writes it within a minute.
    createIndexSweeper(settings, storage, signingKeySeed);
    const { router } = createRouter(api.url);

    return {
      url: router.url,
      apiUrl: api.url,
      bucket: storage.bucket.name,
      table: storage.table.name,
      logOrigin: settings.logOrigin,
      signingKeySecret: SIGNING_KEY_SECRET,
      objectLockDays: settings.objectLockDays,
      ...(witnessUrl ? { witnessUrl } : {}),
    };
  },
});
