import { createHash } from "node:crypto";
import { concat } from "./zip-writer";

// ISO 32000-1 §7.6.3.3: the padding string of the standard security handler.
const PAD = Uint8Array.from(
  "28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a".match(/../g) ?? [],
  (h) => parseInt(h, 16),
);
const latin1 = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");
const md5 = (...parts: Uint8Array[]): Uint8Array => {
  const hash = createHash("md5");
  for (const p of parts) hash.update(p);
  return new Uint8Array(hash.digest());
};

function rc4(key: Uint8Array, data: Uint8Array): Uint8Array {
  const s = Uint8Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + (s[i] ?? 0) + (key[i % key.length] ?? 0)) & 255;
    [s[i], s[j]] = [s[j] ?? 0, s[i] ?? 0];
  }
  const out = new Uint8Array(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 255;
    j = (j + (s[i] ?? 0)) & 255;
    [s[i], s[j]] = [s[j] ?? 0, s[i] ?? 0];
    out[n] = (data[n] ?? 0) ^ (s[((s[i] ?? 0) + (s[j] ?? 0)) & 255] ?? 0);
  }
  return out;
}

const padded = (password: string): Uint8Array => concat([latin1(password), PAD]).subarray(0, 32);

/**
 * A one-page PDF (Helvetica) encrypted with the standard security handler, revision 2 (40-bit
 * RC4; ISO 32000-1 §7.6.3.3, algorithms 1–4). With an empty user password any reader opens it
 * (only permissions are restricted); with another one, it cannot be read without the password.
 */
export function makeEncryptedPdf(text: string, userPassword: string, ownerPassword = "owner"): Uint8Array {
  const id = md5(latin1(text));
  const permissions = -4; // every permission bit set (Table 22)
  const owner = rc4(md5(padded(ownerPassword)).subarray(0, 5), padded(userPassword)); // algorithm 3
  const p = new Uint8Array(new Int32Array([permissions]).buffer); // little-endian on every platform we run on
  const key = md5(padded(userPassword), owner, p, id).subarray(0, 5); // algorithm 2
  const user = rc4(key, PAD); // algorithm 4
  const objectKey = md5(key, new Uint8Array([5, 0, 0, 0, 0])).subarray(0, 10); // algorithm 1, object 5 0
  const content = rc4(objectKey, latin1(`BT /F1 12 Tf 72 720 Td (${text}) Tj ET`));
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    null, // the content stream, binary
    `<< /Filter /Standard /V 1 /R 2 /O <${hex(owner)}> /U <${hex(user)}> /P ${permissions} >>`,
  ];
  const parts: Uint8Array[] = [latin1("%PDF-1.4\n")];
  const offsets: number[] = [];
  let length = parts[0]?.length ?? 0;
  objects.forEach((body, i) => {
    offsets.push(length);
    const bytes =
      body === null
        ? concat([
            latin1(`${i + 1} 0 obj\n<< /Length ${content.length} >>\nstream\n`),
            content,
            latin1("\nendstream\nendobj\n"),
          ])
        : latin1(`${i + 1} 0 obj\n${body}\nendobj\n`);
    parts.push(bytes);
    length += bytes.length;
  });
  const xref = offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("");
  parts.push(
    latin1(
      `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${xref}` +
        `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Encrypt 6 0 R /ID [<${hex(id)}> <${hex(id)}>] >>\n` +
        `startxref\n${length}\n%%EOF\n`,
    ),
  );
  return concat(parts);
}
