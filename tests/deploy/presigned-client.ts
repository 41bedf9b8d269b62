/**
 * What a client of presigned uploads does, over HTTP as curl or a browser would: describe the
 * document, PUT it straight to the storage URL with the headers it was given, then complete.
 */
export interface UploadTicket {
  uploadId: string;
  url: string;
  method: "PUT";
  headers: Record<string, string>;
  expiresAt: string;
  links: { complete: string };
}

/** A response body as parsed JSON, which the tests navigate freely. */

type Json = Record<string, any>;

export interface JsonResponse<T = Json> {
  status: number;
  headers: Headers;
  body: T;
}

async function json<T>(res: Response): Promise<JsonResponse<T>> {
  return { status: res.status, headers: res.headers, body: (await res.json()) as T };
}

export async function requestUpload(
  base: string,
  apiKey: string,
  description: Record<string, unknown>,
): Promise<JsonResponse<UploadTicket & Json>> {
  const res = await fetch(`${base}/v1/uploads`, {
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    body: JSON.stringify(description),
  });
  return json(res);
}

/** PUTs the document to the presigned URL; a stream is sent as it is produced (never buffered). */
export async function putPresigned(
  ticket: UploadTicket,
  body: Uint8Array | ReadableStream<Uint8Array>,
  size: number,
): Promise<Response> {
  const res = await fetch(ticket.url, {
    method: ticket.method,
    // S3 wants a Content-Length on a PUT; with it, fetch streams the body without chunking.
    headers: { ...ticket.headers, "content-length": String(size) },
    body: body as BodyInit,
    duplex: "half",
  } as RequestInit);
  await res.arrayBuffer();
  return res;
}

export async function completeUpload(base: string, apiKey: string, uploadId: string): Promise<JsonResponse> {
  const res = await fetch(`${base}/v1/uploads/${uploadId}/complete`, {
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}` },
  });
  return json(res);
}
