import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { S3Client } from "@aws-sdk/client-s3";
import { formatBase64, sha256, utf8 } from "@isnad/core";
import { checkPresignedPut, S3Presigner } from "./s3-presigner";

// The SDK's one-time warning about Node 20 (the local runtime on purpose, DESIGN.md).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const CREDENTIALS = {
  accessKeyId: "AKIDEXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
};
const NOW = new Date("2025-03-01T12:00:00Z");
const BODY = utf8("بيان صحفي\n");

/** The SDK's defaults as of 2025 (CRC32 checksums "when supported"), which the presigner must survive. */
function client(requestChecksumCalculation?: "WHEN_SUPPORTED" | "WHEN_REQUIRED") {
  return new S3Client({
    region: "eu-west-1",
    credentials: { ...CREDENTIALS, sessionToken: "session-token" },
    ...(requestChecksumCalculation ? { requestChecksumCalculation } : {}),
  });
}

const presigner = (c = client()) => new S3Presigner(c, "isnad-archive", { now: () => NOW });

/**
 * Recomputes a presigned request's SigV4 signature as S3 does (IAM User Guide, "Create a signed
 * AWS API request": canonical request → string to sign → HMAC chain), from the URL and the
 * headers the client actually sends. Independent of the SDK's signer.
 */
function signatureS3WouldExpect(url: string, method: string, sent: Record<string, string>): string {
  const u = new URL(url);
  const q = u.searchParams;
  const signedHeaders = q.get("X-Amz-SignedHeaders")!.split(";");
  const headers: Record<string, string> = { host: u.host, ...sent };
  const encode = (s: string) =>
    encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const query = [...q.entries()]
    .filter(([k]) => k !== "X-Amz-Signature")
    .map(([k, v]) => `${encode(k)}=${encode(v)}`)
    .sort()
    .join("&");
  const canonicalRequest = [
    method,
    u.pathname,
    query,
    signedHeaders.map((h) => `${h}:${(headers[h] ?? "").trim()}\n`).join(""),
    signedHeaders.join(";"),
    "UNSIGNED-PAYLOAD",
  ].join("\n");
  const [, date, region, service] = q.get("X-Amz-Credential")!.split("/");
  const stringToSign = [
    "AWS4-HMAC-SHA256",
    q.get("X-Amz-Date"),
    `${date}/${region}/${service}/aws4_request`,
    createHash("sha256").update(canonicalRequest).digest("hex"),
  ].join("\n");
  let key: Buffer = createHmac("sha256", `AWS4${CREDENTIALS.secretAccessKey}`).update(date!).digest();
  for (const part of [region!, service!, "aws4_request"])
    key = createHmac("sha256", key).update(part).digest();
  return createHmac("sha256", key).update(stringToSign).digest("hex");
}

describe("S3Presigner.presignPut", () => {
  it.each(["WHEN_SUPPORTED", "WHEN_REQUIRED"] as const)(
    "signs x-amz-checksum-sha256 as a header, with no checksum in the query (%s)",
    async (mode) => {
      const put = await presigner(client(mode)).presignPut("uploads/abc", {
        sha256: sha256(BODY),
        contentType: "text/plain; charset=utf-8",
        expiresInSeconds: 900,
      });
      const url = new URL(put.url);
      expect(url.host).toBe("isnad-archive.s3.eu-west-1.amazonaws.com");
      expect(url.pathname).toBe("/uploads/abc");
      expect(put.method).toBe("PUT");
      expect(put.headers).toEqual({
        "content-type": "text/plain; charset=utf-8",
        "x-amz-checksum-sha256": formatBase64(sha256(BODY)),
        "x-amz-sdk-checksum-algorithm": "SHA256",
      });
      expect(url.searchParams.get("X-Amz-SignedHeaders")!.split(";")).toEqual(
        expect.arrayContaining(["host", "x-amz-checksum-sha256"]),
      );
      for (const name of url.searchParams.keys()) expect(name.toLowerCase()).not.toMatch(/checksum/);
      expect(url.searchParams.get("X-Amz-Expires")).toBe("900");
      expect(url.searchParams.get("X-Amz-Date")).toBe("20250301T120000Z");
      expect(put.expiresAt.toISOString()).toBe("2025-03-01T12:15:00.000Z");
    },
  );

  it("yields a signature that holds for the declared checksum and breaks for any other", async () => {
    const put = await presigner().presignPut("uploads/abc", {
      sha256: sha256(BODY),
      contentType: "text/plain",
      expiresInSeconds: 60,
    });
    const given = new URL(put.url).searchParams.get("X-Amz-Signature");
    expect(signatureS3WouldExpect(put.url, "PUT", put.headers)).toBe(given);
    const forged = { ...put.headers, "x-amz-checksum-sha256": formatBase64(sha256(utf8("other bytes"))) };
    expect(signatureS3WouldExpect(put.url, "PUT", forged)).not.toBe(given);
    // Leaving the header out does not help either.
    const { ["x-amz-checksum-sha256"]: _, ...without } = put.headers;
    expect(signatureS3WouldExpect(put.url, "PUT", without)).not.toBe(given);
  });

  it("refuses lifetimes outside SigV4's 1 s – 7 days", async () => {
    const options = { sha256: sha256(BODY), contentType: "text/plain" };
    await expect(presigner().presignPut("k", { ...options, expiresInSeconds: 0 })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(
      presigner().presignPut("k", { ...options, expiresInSeconds: 7 * 24 * 3600 + 1 }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("checkPresignedPut", () => {
  const headers = { "x-amz-checksum-sha256": "x", "content-type": "text/plain" };
  const base = "https://b.s3.amazonaws.com/k?X-Amz-Signature=s";

  it("accepts a checksum signed as a header", () => {
    expect(() =>
      checkPresignedPut(`${base}&X-Amz-SignedHeaders=host%3Bx-amz-checksum-sha256`, headers),
    ).not.toThrow();
  });

  it.each([
    // The SDK's default without unhoistableHeaders: the checksum in the query, which S3 ignores.
    ["hoisted", `${base}&X-Amz-SignedHeaders=host&x-amz-checksum-sha256=x`],
    // A CRC32 of the empty body baked in at presign time.
    [
      "crc32 baked in",
      `${base}&X-Amz-SignedHeaders=host%3Bx-amz-checksum-sha256&x-amz-checksum-crc32=AAAAAA%3D%3D`,
    ],
    [
      "a signed header the client is not told about",
      `${base}&X-Amz-SignedHeaders=host%3Bx-amz-checksum-sha256%3Bx-amz-meta-a`,
    ],
  ])("refuses a URL with the checksum %s", (_, url) => {
    expect(() => checkPresignedPut(url, headers)).toThrow(/does not bind the body/);
  });
});

describe("S3Presigner.presignGet", () => {
  it("signs the response header overrides into the URL", async () => {
    const get = await presigner().presignGet("originals/ab", {
      expiresInSeconds: 300,
      contentType: "application/pdf",
      contentDisposition: 'attachment; filename="a.pdf"',
      cacheControl: "public, max-age=31536000, immutable",
    });
    const q = new URL(get.url).searchParams;
    expect(get.method).toBe("GET");
    expect(q.get("response-content-type")).toBe("application/pdf");
    expect(q.get("response-content-disposition")).toBe('attachment; filename="a.pdf"');
    expect(q.get("response-cache-control")).toBe("public, max-age=31536000, immutable");
    expect(signatureS3WouldExpect(get.url, "GET", {})).toBe(q.get("X-Amz-Signature"));
    expect(get.expiresAt.toISOString()).toBe("2025-03-01T12:05:00.000Z");
  });
});
