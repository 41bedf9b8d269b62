/** A small JSON request body: application/json, at most `max` bytes, UTF-8, parsed without leaking SyntaxError. */
import { ArchiveError } from "@isnad/archive";
import { readBody } from "./read-body";

export async function readJsonBody(request: Request, max = 16 * 1024): Promise<unknown> {
  if (!/^application\/json/i.test(request.headers.get("content-type") ?? "")) {
    throw new ArchiveError("UNSUPPORTED_MEDIA_TYPE", "send the body as application/json");
  }
  const raw = await readBody(
    request,
    max,
    () => new ArchiveError("TOO_LARGE", `the JSON body is larger than ${max} bytes`),
  );
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(raw)) as unknown;
  } catch {
    throw new ArchiveError("BAD_REQUEST", "the body is not valid UTF-8 JSON");
  }
}
