/**
 * Runs sst.config.ts for one stage under Pulumi mocks, in its own process (SST's `run()` calls
 * process.chdir and keeps per-process state), and writes what it registered as JSON:
 *
 *   tsx tests/infra/sst-mock-run.ts <stage> <result.json>
 *
 * The SST CLI's side of the conversation is played by a small JSON-RPC server on SST_SERVER:
 * the AWS bootstrap bucket lookup, and the function build, done here with esbuild.
 */
import { build } from "esbuild";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { existsSync, rmSync } from "node:fs";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { buildProgram, evaluateApp } from "./sst-build";
import { mockCall, mockResourceState } from "./sst-mocks";
import { PLATFORM, ROOT } from "./sst-platform";

export interface CapturedResource {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  /** Set by SST's stack transformation when `removal` is "retain" (platform/src/auto/run.ts). */
  retainOnDelete: boolean;
  /** Top-level inputs that hold a Pulumi secret (unwrapped in `inputs`). */
  secretInputs: string[];
}

export interface CapturedRun {
  app: Awaited<ReturnType<typeof evaluateApp>>;
  outputs: Record<string, unknown>;
  resources: CapturedResource[];
  calls: { token: string; inputs: Record<string, unknown> }[];
  builds: Record<string, unknown>[];
}

/** The slice of @pulumi/pulumi's runtime this runner uses (loaded from the SST platform). */
interface PulumiRuntime {
  setMocks(
    mocks: {
      newResource(args: { type: string; name: string; inputs: Record<string, unknown> }): {
        id: string;
        state: Record<string, unknown>;
      };
      call(args: { token: string; inputs: Record<string, unknown> }): Record<string, unknown>;
    },
    project: string,
    stack: string,
    preview: boolean,
  ): Promise<void>;
  runInPulumiStack(init: () => Promise<unknown>): Promise<Record<string, unknown> | undefined>;
  registerStackTransformation(t: StackTransformation): void;
  waitForRPCs?(): Promise<void>;
}

interface TransformationArgs {
  type: string;
  name: string;
  opts: { retainOnDelete?: boolean };
}
type StackTransformation = (args: TransformationArgs) => TransformationArgs | undefined;

async function main(stage: string, resultPath: string): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), `isnad-sst-${stage}-`));
  let program: string | undefined;
  // A failing program (a missing secret, say) ends the process from an unhandled rejection,
  // skipping `finally`; the exit hook still removes the bundle and the artifacts.
  process.on("exit", () => {
    rmSync(work, { recursive: true, force: true });
    if (program !== undefined) rmSync(program, { force: true });
  });
  const captured: CapturedRun = {
    app: await evaluateApp(stage),
    outputs: {},
    resources: [],
    calls: [],
    builds: [],
  };
  const rpc = await startRpcServer(work, captured.builds);
  process.env.SST_SERVER = rpc.url;
  try {
    program = await buildProgram(captured.app, { work, home: join(work, "home") });
    const programUrl = pathToFileURL(program).href;
    // The same module instance the bundled program imports (it resolves from .sst/platform).
    const pulumi = createRequire(join(PLATFORM, "package.json"))("@pulumi/pulumi") as {
      runtime: PulumiRuntime;
    };
    const { runtime } = pulumi;
    const retained = recordRetention(runtime);
    await runtime.setMocks(
      {
        newResource: ({ type, name, inputs }) => {
          // A dynamic resource's serialized provider is SST's code, not configuration.
          const { __provider: _provider, ...rest } = inputs;
          const secretInputs = Object.keys(rest).filter((key) => containsSecret(rest[key]));
          captured.resources.push({
            type,
            name,
            inputs: unwrapSecrets(rest) as Record<string, unknown>,
            retainOnDelete: retained.has(`${type}::${name}`),
            secretInputs,
          });
          return mockResourceState(type, name, inputs);
        },
        call: ({ token, inputs }) => {
          captured.calls.push({ token, inputs });
          return mockCall(token, inputs);
        },
      },
      captured.app.name,
      stage,
      false,
    );
    // As Pulumi's Node.js language host does: the program module runs inside the root stack.
    const outputs = await runtime.runInPulumiStack(async () => {
      const mod = (await import(programUrl)) as { default: Record<string, unknown> };
      return mod.default;
    });
    await runtime.waitForRPCs?.();
    captured.outputs = outputs ?? {};
    await writeFile(resultPath, JSON.stringify(captured, null, 2));
  } finally {
    rpc.close();
  }
}

/** Pulumi's wire form of a secret: `{ [SECRET_SIG_KEY]: SECRET_SIG_VALUE, value }` (rpc.ts "specialSigKey"). */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

function isSecret(value: unknown): value is { value: unknown } {
  return (
    typeof value === "object" && value !== null && (value as Record<string, unknown>)[SIG_KEY] === SECRET_SIG
  );
}

function containsSecret(value: unknown): boolean {
  if (isSecret(value)) return true;
  if (typeof value !== "object" || value === null) return false;
  return Object.values(value).some(containsSecret);
}

function unwrapSecrets(value: unknown): unknown {
  if (isSecret(value)) return unwrapSecrets(value.value);
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, unwrapSecrets(item)]));
}

/**
 * Mocks do not see resource options, so SST's stack transformations are wrapped to note which
 * resources leave them with retainOnDelete (transformations run before registration).
 */
function recordRetention(runtime: PulumiRuntime): Set<string> {
  const retained = new Set<string>();
  const register = runtime.registerStackTransformation.bind(runtime);
  runtime.registerStackTransformation = (transformation) =>
    register((args) => {
      const result = transformation(args);
      if (result?.opts.retainOnDelete === true) retained.add(`${args.type}::${args.name}`);
      return result;
    });
  return retained;
}

/** pkg/server in the SST CLI: JSON-RPC 1.0 over POST /rpc. */
async function startRpcServer(work: string, builds: Record<string, unknown>[]) {
  const methods: Record<string, (args: Record<string, unknown>) => Promise<unknown>> = {
    "Provider.Aws.Bootstrap": async () => ({
      asset: "sst-asset-mock",
      assetEcrRegistryId: "",
      assetEcrUrl: "",
      state: "sst-state-mock",
      appsyncHttp: "",
      appsyncRealtime: "",
    }),
    "Runtime.Build": async (input) => {
      builds.push(input);
      return buildFunction(work, input);
    },
  };
  const server = createServer((req, res) => {
    void (async () => {
      const request = JSON.parse(await readBody(req)) as {
        method: string;
        params: [Record<string, unknown>];
      };
      const method = methods[request.method];
      let body: { result?: unknown; error?: string };
      try {
        if (!method) throw new Error(`rpc: can't find method ${request.method}`);
        body = { result: await method(request.params[0]) };
      } catch (error) {
        body = { error: error instanceof Error ? error.message : String(error) };
      }
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Bundles the handler's module, as SST's Node runtime would, proving the entry point builds. */
async function buildFunction(work: string, input: Record<string, unknown>) {
  const handler = String(input.handler);
  const modulePath = handler.slice(0, handler.lastIndexOf("."));
  const source = [".ts", ".mts", ".js", ".mjs"].map((ext) => join(ROOT, modulePath + ext)).find(existsSync);
  if (source === undefined)
    return { handler, out: "", errors: [`no module for handler ${handler}`], sourcemaps: [] };
  const out = join(work, "artifacts", `${String(input.functionID)}-src`);
  await mkdir(out, { recursive: true });
  const result = await build({
    entryPoints: [source],
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node22",
    outfile: join(out, `${modulePath}.mjs`),
    logLevel: "silent",
  });
  return { handler, out, errors: result.errors.map((e) => e.text), sourcemaps: [] };
}

const [stage, resultPath] = process.argv.slice(2);
if (stage === undefined || resultPath === undefined) {
  throw new Error("usage: tsx tests/infra/sst-mock-run.ts <stage> <result.json>");
}
await main(stage, resultPath);
