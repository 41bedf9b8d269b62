/**
 * Limits on the shape of a multipart/form-data body (RFC 7578), checked on the raw bytes before
 * the platform's FormData parser sees them: the body size is capped already (read-body.ts), but
 * within that cap a hostile client could send a million tiny parts or a part whose header block
 * runs for megabytes, and the parser would build all of it in memory first.
 *
 * POST /v1/statements needs the file and at most six text fields; /v1/verify needs one file.
 */
import { ArchiveError } from "@isnad/archive";

export const MULTIPART_LIMITS = {
  /** Parts in one body (the file and the statement fields, with room for clients' extras). */
  maxParts: 16,
  /** Bytes of one part's header block (Content-Disposition, Content-Type, …). */
  maxPartHeaderBytes: 8 * 1024,
  /** RFC 2046 §5.1.1: a boundary is 1–70 characters. */
  maxBoundaryLength: 70,
} as const;

function bad(message: string): ArchiveError {
  return new ArchiveError("BAD_REQUEST", `the multipart/form-data body ${message}`, {
    details: { limits: MULTIPART_LIMITS },
  });
}

/** The boundary parameter of a multipart Content-Type (quoted or not), or undefined. */
export function parseBoundary(contentType: string): string | undefined {
  const match = /;\s*boundary=(?:"([^"]*)"|([^;\s]*))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  return boundary === undefined || boundary === "" ? undefined : boundary;
}

/** Throws BAD_REQUEST when the body breaks a limit; otherwise the FormData parser may have it. */
export function checkMultipartShape(raw: Uint8Array, contentType: string): void {
  const boundary = parseBoundary(contentType);
  if (boundary === undefined) throw bad("has no boundary parameter in its Content-Type");
  if (boundary.length > MULTIPART_LIMITS.maxBoundaryLength) {
    throw bad(`boundary is longer than ${MULTIPART_LIMITS.maxBoundaryLength} characters`);
  }
  const bytes = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const delimiter = Buffer.from(`--${boundary}`, "latin1");
  const headerEnd = Buffer.from("\r\n\r\n", "latin1");
  let parts = 0;
  for (let at = bytes.indexOf(delimiter); at !== -1; at = bytes.indexOf(delimiter, at + delimiter.length)) {
    const after = at + delimiter.length;
    if (bytes[after] === 0x2d && bytes[after + 1] === 0x2d) break; // "--": the close delimiter
    if (++parts > MULTIPART_LIMITS.maxParts) throw bad(`has more than ${MULTIPART_LIMITS.maxParts} parts`);
    const end = bytes.indexOf(headerEnd, after);
    if (end === -1 || end - after > MULTIPART_LIMITS.maxPartHeaderBytes) {
      throw bad(
        `has a part whose headers are longer than ${MULTIPART_LIMITS.maxPartHeaderBytes} bytes or never end`,
      );
    }
  }
}
