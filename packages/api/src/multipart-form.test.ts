import { describe, expect, it } from "vitest";
import { parseMultipartForm } from "./multipart-form";

const BOUNDARY = "b0undary";
const TYPE = `multipart/form-data; boundary=${BOUNDARY}`;
const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "utf8") : Buffer.from(p))));
const text = (b: Uint8Array) => Buffer.from(b).toString("utf8");
const refusal = (body: Uint8Array) => {
  try {
    parseMultipartForm(body, TYPE);
  } catch (e) {
    return { message: (e as Error).message, details: (e as { details: unknown }).details };
  }
  throw new Error("accepted");
};

describe("parseMultipartForm", () => {
  it("reads what FormData writes: names, file names, types and bytes, in order", async () => {
    const form = new FormData();
    form.set("title", "بيان صحفي");
    form.set(
      "file",
      new File([new Uint8Array([0, 13, 10, 45, 45, 255])], "بيان.pdf", { type: "application/pdf" }),
    );
    const request = new Request("http://x/", { method: "POST", body: form });
    const body = new Uint8Array(await request.arrayBuffer());
    const parts = parseMultipartForm(body, request.headers.get("content-type")!);
    expect(parts.map((p) => [p.name, p.filename, p.contentType])).toEqual([
      ["title", null, null],
      ["file", "بيان.pdf", "application/pdf"],
    ]);
    expect(text(parts[0]!.body)).toBe("بيان صحفي");
    expect([...parts[1]!.body]).toEqual([0, 13, 10, 45, 45, 255]);
  });

  it("takes a preamble, transport padding after the boundary, and an RFC 8187 filename*", () => {
    const body = bytes(
      `preamble\r\n--${BOUNDARY}  \r\n`,
      `Content-Disposition: form-data; name=file; filename*=UTF-8''%D8%A8.txt\r\n\r\n`,
      `x\r\n--${BOUNDARY}--\r\nepilogue`,
    );
    const [file] = parseMultipartForm(body, TYPE);
    expect(file).toMatchObject({ name: "file", filename: "ب.txt", contentType: null });
    expect(text(file!.body)).toBe("x");
  });

  it("refuses invalid UTF-8 in a part name or a file name, naming it", () => {
    const name = bytes(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="t`,
      [0xff],
      `"\r\n\r\nv\r\n--${BOUNDARY}--`,
    );
    expect(refusal(name).message).toMatch(/^multipart part name "t.": not valid UTF-8$/);
    const filename = bytes(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="`,
      [0xc3, 0x28],
      `"\r\n\r\nv\r\n--${BOUNDARY}--`,
    );
    expect(refusal(filename).details).toEqual({ field: "filename" });
  });

  it("refuses broken framing with a 400, never a crash", () => {
    for (const body of [
      "",
      "no boundary at all",
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="a"\r\n\r\nnever closed`,
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="a"`,
      `--${BOUNDARY}\r\nContent-Type: text/plain\r\n\r\nv\r\n--${BOUNDARY}--`,
      `--${BOUNDARY}\r\nContent-Disposition: attachment; name="a"\r\n\r\nv\r\n--${BOUNDARY}--`,
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="a"; name="b"\r\n\r\nv\r\n--${BOUNDARY}--`,
      `--${BOUNDARY}x\r\n\r\n`,
    ]) {
      expect(refusal(bytes(body)).message, body).toMatch(/^the multipart\/form-data body is malformed: /);
    }
  });

  it("stays linear on bodies full of near-boundaries", () => {
    const noise = "\r\n--b0undar".repeat(200_000);
    const body = bytes(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="a"\r\n\r\n${noise}\r\n--${BOUNDARY}--`,
    );
    const [part] = parseMultipartForm(body, TYPE);
    expect(part!.body.length).toBe(noise.length);
  });
});
