/**
 * Witness state in DynamoDB: one item per log (pk = "witness#<origin>"), advanced by a single
 * conditional PutItem, so the check of the old size and the write of the new one are one atomic
 * step in the table itself, whichever process serves the request.
 */
import {
  ConditionalCheckFailedException,
  GetItemCommand,
  PutItemCommand,
  type DynamoDBClient,
} from "@aws-sdk/client-dynamodb";
import type { CosignedState, WitnessStateStore } from "./witness-state";

export class DynamoDbWitnessState implements WitnessStateStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  private key(origin: string) {
    return { pk: { S: `witness#${origin}` }, sk: { S: "latest" } };
  }

  async latest(origin: string): Promise<CosignedState | undefined> {
    const { Item } = await this.client.send(
      new GetItemCommand({ TableName: this.tableName, Key: this.key(origin), ConsistentRead: true }),
    );
    if (Item === undefined) return undefined;
    return {
      size: Number(Item.treeSize!.N),
      checkpoint: Item.checkpoint!.S!,
      cosignature: Item.cosignature!.S!,
    };
  }

  async advance(origin: string, expectedSize: number | undefined, next: CosignedState): Promise<boolean> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: {
            ...this.key(origin),
            treeSize: { N: String(next.size) },
            checkpoint: { S: next.checkpoint },
            cosignature: { S: next.cosignature },
          },
          ...(expectedSize === undefined
            ? { ConditionExpression: "attribute_not_exists(pk)" }
            : {
                ConditionExpression: "treeSize = :expected",
                ExpressionAttributeValues: { ":expected": { N: String(expectedSize) } },
              }),
        }),
      );
      return true;
    } catch (e) {
      if (e instanceof ConditionalCheckFailedException) return false;
      if ((e as { name?: string }).name === "ConditionalCheckFailedException") return false;
      throw e;
    }
  }
}
