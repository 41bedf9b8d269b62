import { describe, expect, it } from "vitest";
import {
  ConditionalCheckFailedException,
  InternalServerError,
  ProvisionedThroughputExceededException,
  ResourceNotFoundException,
} from "@aws-sdk/client-dynamodb";
import { NoSuchBucket } from "@aws-sdk/client-s3";
import { ArchiveError } from "../errors";
import { toArchiveError } from "./aws-errors";

const metadata = (httpStatusCode?: number) => ({ $metadata: { httpStatusCode } });

describe("toArchiveError", () => {
  it("marks throttling, 5xx and transport failures UNAVAILABLE and retryable", () => {
    const cases: unknown[] = [
      new ProvisionedThroughputExceededException({ message: "slow down", ...metadata(400) }),
      new InternalServerError({ message: "oops", ...metadata(500) }),
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED", ...metadata() }),
      Object.assign(new Error("throttled"), { name: "SlowDown", ...metadata(503) }),
      Object.assign(new Error("conflict"), { name: "ConditionalRequestConflict", ...metadata(409) }),
    ];
    for (const cause of cases) {
      const error = toArchiveError(cause, "op");
      expect(error.code).toBe("UNAVAILABLE");
      expect(error.details).toEqual({ retryable: true });
      expect(error.cause).toBe(cause);
    }
  });

  it("marks deployment faults UNAVAILABLE but not retryable, with a precise message", () => {
    const cause = new ResourceNotFoundException({
      message: "Requested resource not found",
      ...metadata(400),
    });
    const error = toArchiveError(cause, "DynamoDB GetItem on t");
    expect(error).toMatchObject({ code: "UNAVAILABLE", details: { retryable: false } });
    expect(error.message).toBe(
      "DynamoDB GetItem on t failed: ResourceNotFoundException: Requested resource not found",
    );
    expect(toArchiveError(new NoSuchBucket({ message: "", ...metadata(404) }), "S3").message).toBe(
      "S3 failed: NoSuchBucket",
    );
  });

  it("maps DynamoDB's item size limit to TOO_LARGE", () => {
    const cause = Object.assign(new Error("Item size has exceeded the maximum allowed size"), {
      name: "ValidationException",
      ...metadata(400),
    });
    expect(toArchiveError(cause, "op").code).toBe("TOO_LARGE");
  });

  it("passes ArchiveErrors through and never returns anything but an ArchiveError", () => {
    const original = new ArchiveError("CONFLICT", "x");
    expect(toArchiveError(original, "op")).toBe(original);
    for (const odd of [undefined, null, "text", 42, {}])
      expect(toArchiveError(odd, "op")).toBeInstanceOf(ArchiveError);
    const unexpected = new ConditionalCheckFailedException({ message: "no", ...metadata(400) });
    expect(toArchiveError(unexpected, "op").code).toBe("UNAVAILABLE");
  });
});
