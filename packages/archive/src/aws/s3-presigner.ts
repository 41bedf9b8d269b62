/**
 * ObjectPresigner on S3 (SigV4 query-string presigning, @aws-sdk/s3-request-presigner).
 *
 * A presigned PUT only binds the body to a checksum if `x-amz-checksum-sha256` is a *signed
 * header*. By default the presigner hoists every `x-amz-*` header into the query string, where
 * S3 ignores the checksum and stores whatever arrives (aws/aws-sdk-js-v3#3906, aws/aws-sdk#480);
 * listing it in `unhoistableHeaders` keeps it a header, named in X-Amz-SignedHeaders, so the
 * client must send exactly that value and S3 rejects a body that does not match it
 * (S3 User Guide, "Checking object integrity").
 *
 * SDKs since 2025 also add a CRC32 of the (empty) body at presign time unless a checksum is
 * given (requestChecksumCalculation WHEN_SUPPORTED), which bakes a wrong checksum into the URL.
 * Giving ChecksumSHA256 prevents that with either setting; `checkPresignedPut` verifies the
 * result anyway, so an SDK upgrade that changes this fails loudly here, not at the client.
 *
 * With role credentials (Lambda) a URL also stops working when the session token expires.
 */
import { GetObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { formatBase64 } from "@isnad/core";
import { ArchiveError } from "../errors";
import { toArchiveError } from "./aws-errors";
import { systemClock, type Clock } from "../clock";
import type {
  ObjectPresigner,
  PresignedRequest,
  PresignGetOptions,
  PresignPutOptions,
} from "../object-presigner";

const CHECKSUM_HEADER = "x-amz-checksum-sha256";
const ALGORITHM_HEADER = "x-amz-sdk-checksum-algorithm";
/** SigV4 presigned URLs are valid for at most 7 days (S3 API Reference, "Authenticating Requests: Using Query Parameters"). */
const MAX_EXPIRES_SECONDS = 7 * 24 * 3600;

export class S3Presigner implements ObjectPresigner {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    private readonly clock: Clock = systemClock,
  ) {}

  async presignPut(key: string, options: PresignPutOptions): Promise<PresignedRequest> {
    if (options.sha256.length !== 32) throw new ArchiveError("BAD_REQUEST", "sha256 must be 32 bytes");
    const checksum = formatBase64(options.sha256);
    const command = new PutObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ContentType: options.contentType,
      ChecksumAlgorithm: "SHA256",
      ChecksumSHA256: checksum,
    });
    const { url, expiresAt } = await this.sign(key, command, options.expiresInSeconds, [
      CHECKSUM_HEADER,
      ALGORITHM_HEADER,
    ]);
    const headers = {
      "content-type": options.contentType,
      [CHECKSUM_HEADER]: checksum,
      [ALGORITHM_HEADER]: "SHA256",
    };
    checkPresignedPut(url, headers);
    return { url, method: "PUT", headers, expiresAt };
  }

  async presignGet(key: string, options: PresignGetOptions): Promise<PresignedRequest> {
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ResponseContentType: options.contentType,
      ResponseContentDisposition: options.contentDisposition,
      ResponseCacheControl: options.cacheControl,
    });
    const { url, expiresAt } = await this.sign(key, command, options.expiresInSeconds, []);
    return { url, method: "GET", headers: {}, expiresAt };
  }

  private async sign(
    key: string,
    command: PutObjectCommand | GetObjectCommand,
    expiresIn: number,
    unhoistable: string[],
  ): Promise<{ url: string; expiresAt: Date }> {
    if (!Number.isSafeInteger(expiresIn) || expiresIn < 1 || expiresIn > MAX_EXPIRES_SECONDS) {
      throw new ArchiveError("BAD_REQUEST", `a presigned URL lives 1 s to 7 days, not ${expiresIn} s`);
    }
    const signingDate = this.clock.now();
    try {
      const url = await getSignedUrl(this.client, command, {
        expiresIn,
        signingDate,
        unhoistableHeaders: new Set(unhoistable),
      });
      return { url, expiresAt: new Date(signingDate.getTime() + expiresIn * 1000) };
    } catch (error) {
      throw toArchiveError(error, `presigning ${command.constructor.name} s3://${this.bucket}/${key}`);
    }
  }
}

/**
 * Refuses a presigned PUT that would not bind the body to its SHA-256: the checksum must be a
 * signed header, no checksum may sit in the query, and every signed header but Host must be one
 * the client is told to send.
 */
export function checkPresignedPut(url: string, headers: Readonly<Record<string, string>>): void {
  const query = new URL(url).searchParams;
  const signed = (query.get("X-Amz-SignedHeaders") ?? "").split(";");
  const hoisted = [...query.keys()].filter((name) => /^x-amz-(checksum-|sdk-checksum-)/i.test(name));
  const unknown = signed.filter((name) => name !== "host" && !(name in headers));
  if (!signed.includes(CHECKSUM_HEADER) || hoisted.length > 0 || unknown.length > 0) {
    throw new ArchiveError(
      "UNAVAILABLE",
      `the presigned PUT does not bind the body to its SHA-256 (signed: ${signed.join(";")}; ` +
        `in the query: ${hoisted.join(",") || "none"}); check the AWS SDK version`,
      { details: { retryable: false } },
    );
  }
}
