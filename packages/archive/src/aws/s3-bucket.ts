/**
 * Creates the object bucket for the local runner and tests. Production buckets (versioned, with
 * Object Lock for originals) are declared in stacks/, not created by the application.
 */
import { CreateBucketCommand, HeadBucketCommand, type S3Client } from "@aws-sdk/client-s3";
import { errorNameOf, httpStatusOf, toArchiveError } from "./aws-errors";

export async function ensureBucket(client: S3Client, name: string): Promise<void> {
  try {
    await client.send(new HeadBucketCommand({ Bucket: name }));
    return;
  } catch (error) {
    if (httpStatusOf(error) !== 404) throw toArchiveError(error, `S3 HeadBucket ${name}`);
  }
  try {
    await client.send(new CreateBucketCommand({ Bucket: name }));
  } catch (error) {
    // Created concurrently by ourselves is success; owned by someone else is a real failure.
    if (errorNameOf(error) !== "BucketAlreadyOwnedByYou")
      throw toArchiveError(error, `S3 CreateBucket ${name}`);
  }
}
