/**
 * The local stack as its own process (`npm start`, tests/deploy/server-process.ts), so that the
 * load and fuzz clients do not share an event loop with the server they measure, a crash is a
 * process exit the suite sees, and the server's memory is its own. Publishers and keys are made
 * the way the CLI makes them: through the running emulators (endpoints.json in the data dir).
 */
import { DynamoDbItemStore, Publishers, systemClock } from "@isnad/archive";
import { createAwsClients, readEndpoints } from "@isnad/local";
import { startServerProcess, type ServerProcess } from "../deploy/server-process";

export interface ChaosServer extends ServerProcess {
  publishers: Publishers;
  /** A new publisher and its first key. */
  newPublisher(id: string): Promise<{ publisher: string; apiKey: string; keyId: string }>;
  /** True while the server process is alive (a crash ends it). */
  alive(): boolean;
}

export async function startChaosServer(env: Record<string, string> = {}): Promise<ChaosServer> {
  const server = await startServerProcess(env);
  const endpoints = await readEndpoints(server.dataDir);
  if (!endpoints) {
    await server.close();
    throw new Error(`no endpoints.json in ${server.dataDir}`);
  }
  const { s3, dynamo } = createAwsClients({ s3Endpoint: endpoints.s3, dynamoEndpoint: endpoints.dynamodb });
  s3.destroy();
  const publishers = new Publishers(new DynamoDbItemStore(dynamo, endpoints.table), systemClock);
  return {
    ...server,
    publishers,
    async newPublisher(id) {
      await publishers.create(id, `Press office ${id}`);
      const { apiKey, keyId } = await publishers.issueKey(id);
      return { publisher: id, apiKey, keyId };
    },
    alive: () => {
      try {
        process.kill(server.pid, 0);
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      dynamo.destroy();
      await server.close();
    },
  };
}
