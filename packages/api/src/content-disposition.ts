/**
 * Content-Disposition for downloads (RFC 6266): an ASCII fallback plus the UTF-8 name in
 * RFC 8187 encoding, so Arabic file names survive and no quote or CR/LF can break the header.
 */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\%]/g, "_");
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
