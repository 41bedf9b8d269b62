/**
 * The fault phases of faults.test.ts, one after the other while uploaders and verifiers run: what
 * AWS does on a bad day (throttling, 500s and 503s, S3 SlowDown), what a network does (dropped
 * connections, before and after the write lands; delays), and past what retries absorb (an outage
 * burst, a brownout), each on the operations it names.
 */
import type { FaultRule } from "../support/fault-proxy";

const WRITES = ["PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem"];
const READS = ["GetItem", "BatchGetItem", "Query"];

export interface Phase {
  name: string;
  s3: FaultRule[];
  dynamodb: FaultRule[];
}

export const PHASES: Phase[] = [
  {
    name: "DynamoDB throttling",
    s3: [],
    dynamodb: [
      { action: "throttle", operations: [...WRITES, ...READS], probability: 0.25 },
      { action: "throttle", throttleName: "ThrottlingException", operations: READS, probability: 0.1 },
    ],
  },
  {
    name: "S3 SlowDown and 500s",
    s3: [
      { action: "throttle", operations: ["PUT"], probability: 0.25 },
      { action: "500", operations: ["GET", "HEAD"], probability: 0.15 },
    ],
    dynamodb: [],
  },
  {
    name: "dropped connections, before and after the write lands",
    s3: [
      { action: "drop", operations: ["PUT"], probability: 0.1 },
      { action: "drop-after", operations: ["PUT"], probability: 0.1 },
      { action: "drop", operations: ["GET", "HEAD"], probability: 0.05 },
    ],
    dynamodb: [
      { action: "drop", operations: WRITES, probability: 0.1 },
      { action: "drop-after", operations: WRITES, probability: 0.15 },
      { action: "drop", operations: READS, probability: 0.05 },
    ],
  },
  {
    name: "slow network",
    s3: [{ action: "delay", delayMs: 300, probability: 0.3 }],
    dynamodb: [
      { action: "delay", delayMs: 300, probability: 0.3 },
      { action: "drop", probability: 0.03 },
    ],
  },
  {
    name: "outage: the next 40 DynamoDB writes answer 500, the next 20 S3 PUTs 503",
    s3: [{ action: "503", operations: ["PUT"], times: 20 }],
    dynamodb: [{ action: "500", operations: WRITES, times: 40 }],
  },
  {
    // Past what retries absorb: clients get 503 + Retry-After, and some uploads stop half-way.
    name: "brownout: 60% of DynamoDB writes answer 500",
    s3: [],
    dynamodb: [{ action: "500", operations: WRITES, probability: 0.6 }],
  },
  {
    name: "everything at once",
    s3: [
      { action: "throttle", operations: ["PUT"], probability: 0.1 },
      { action: "drop-after", operations: ["PUT"], probability: 0.05 },
      { action: "500", operations: ["GET", "HEAD"], probability: 0.05 },
      { action: "delay", delayMs: 150, probability: 0.1 },
    ],
    dynamodb: [
      { action: "throttle", probability: 0.1 },
      { action: "drop-after", operations: WRITES, probability: 0.05 },
      { action: "drop", probability: 0.03 },
      { action: "500", probability: 0.03 },
      { action: "delay", delayMs: 150, probability: 0.1 },
    ],
  },
];
