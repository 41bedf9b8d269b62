/**
 * The API function's IAM policy, written out instead of SST's `link` grants: linking a Bucket or
 * a Dynamo grants `s3:*` / `dynamodb:*`, which would let the function delete object versions,
 * rewrite the Object Lock configuration or drop the table.
 */

/** Object-level S3 actions. HeadObject is authorized by s3:GetObject; Create/UploadPart/
 * CompleteMultipartUpload by s3:PutObject (S3 User Guide, "Multipart upload API and permissions"). */
export const S3_OBJECT_ACTIONS = ["s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload"];
/** Without s3:ListBucket, HEAD/GET of a missing key answers 403 instead of 404. */
export const S3_BUCKET_ACTIONS = ["s3:ListBucket"];
/** DeleteItem only for the pool cleanup; there are no transactions (see packages/archive). */
export const DYNAMODB_ACTIONS = [
  "dynamodb:GetItem",
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  "dynamodb:DeleteItem",
  "dynamodb:BatchGetItem",
  "dynamodb:BatchWriteItem",
  "dynamodb:Query",
];

/**
 * Denied outright, so that a later `link: [bucket]` (or any broad grant) still cannot shorten
 * retention, delete evidence or turn off the table's safety nets: an explicit Deny wins over
 * every Allow (IAM User Guide, "Policy evaluation logic").
 */
export const S3_DENIED_ACTIONS = [
  "s3:BypassGovernanceRetention",
  "s3:PutObjectRetention",
  "s3:PutObjectLegalHold",
  "s3:PutBucketObjectLockConfiguration",
  "s3:DeleteObjectVersion",
  "s3:PutBucketVersioning",
  "s3:PutLifecycleConfiguration",
  "s3:PutBucketPolicy",
  "s3:DeleteBucket",
];
export const DYNAMODB_DENIED_ACTIONS = [
  "dynamodb:DeleteTable",
  "dynamodb:UpdateTable",
  "dynamodb:UpdateContinuousBackups",
  "dynamodb:DeleteBackup",
];

type Arn = $util.Input<string>;

export function apiPermissions(bucketArn: $util.Output<string>, tableArn: $util.Output<string>) {
  const objects: Arn = $interpolate`${bucketArn}/*`;
  const indexes: Arn = $interpolate`${tableArn}/index/*`;
  return [
    { actions: S3_OBJECT_ACTIONS, resources: [objects] },
    { actions: S3_BUCKET_ACTIONS, resources: [bucketArn] },
    { actions: DYNAMODB_ACTIONS, resources: [tableArn, indexes] },
    { effect: "deny" as const, actions: S3_DENIED_ACTIONS, resources: [bucketArn, objects] },
    { effect: "deny" as const, actions: DYNAMODB_DENIED_ACTIONS, resources: [tableArn, indexes] },
  ];
}
