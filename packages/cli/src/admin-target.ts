/**
 * Where admin commands act. With ISNAD_TABLE set they talk to DynamoDB in AWS (the SDK's usual
 * credentials and region). Otherwise to the local archive in ISNAD_DATA_DIR: through the running
 * stack's emulator when `npm start` is up (the data files are locked then), or by starting
 * dynalite on the data dir for the length of the command.
 */
import { resolve } from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDbItemStore, Publishers, systemClock, type ItemStore } from "@isnad/archive";
import { createAwsClients, readEndpoints, startDynalite, TABLE } from "@isnad/local";
import { join } from "node:path";

export interface AdminTarget {
  publishers: Publishers;
  items: ItemStore;
  description: string;
  close(): Promise<void>;
}

export async function openAdminTarget(env: NodeJS.ProcessEnv = process.env): Promise<AdminTarget> {
  if (env.ISNAD_TABLE) {
    const client = new DynamoDBClient({});
    const items = new DynamoDbItemStore(client, env.ISNAD_TABLE);
    return {
      items,
      publishers: new Publishers(items, systemClock),
      description: `DynamoDB table ${env.ISNAD_TABLE}`,
      close: async () => client.destroy(),
    };
  }
  const dataDir = resolve(env.ISNAD_DATA_DIR ?? ".isnad");
  const running = await readEndpoints(dataDir);
  if (running && (await reachable(running.dynamodb))) {
    const { dynamo, s3 } = createAwsClients({ s3Endpoint: running.s3, dynamoEndpoint: running.dynamodb });
    s3.destroy();
    const items = new DynamoDbItemStore(dynamo, running.table);
    return {
      items,
      publishers: new Publishers(items, systemClock),
      description: `the running local archive (${dataDir})`,
      close: async () => dynamo.destroy(),
    };
  }
  const dynalite = await startDynalite({ dir: join(dataDir, "dynamodb") }).catch((cause: unknown) => {
    throw new Error(
      `cannot open the local archive in ${dataDir} (has it been started once with npm start?)`,
      { cause },
    );
  });
  const { dynamo, s3 } = createAwsClients({
    s3Endpoint: dynalite.endpoint,
    dynamoEndpoint: dynalite.endpoint,
  });
  s3.destroy();
  const items = new DynamoDbItemStore(dynamo, TABLE);
  return {
    items,
    publishers: new Publishers(items, systemClock),
    description: `the local archive (${dataDir})`,
    close: async () => {
      dynamo.destroy();
      await dynalite.close();
    },
  };
}

async function reachable(endpoint: string): Promise<boolean> {
  try {
    await fetch(endpoint, { signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  }
}
