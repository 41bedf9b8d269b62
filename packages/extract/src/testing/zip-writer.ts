import { crc32, deflateRawSync } from "node:zlib";

export interface ZipInput {
  name: string;
  data: Uint8Array | string;
  /** Default "deflate". */
  method?: "store" | "deflate";
  /** Lie about the uncompressed size in both headers (a hostile archive). */
  declaredSize?: number;
}

/**
 * A minimal ZIP writer for tests (PKWARE APPNOTE 4.3.7 local headers, 4.3.12 central directory,
 * 4.3.16 end record): no ZIP64, no data descriptors, UTF-8 names (flag bit 11).
 */
export function writeZip(inputs: ZipInput[]): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const input of inputs) {
    const data = typeof input.data === "string" ? new TextEncoder().encode(input.data) : input.data;
    const stored = input.method === "store";
    const body = stored ? data : new Uint8Array(deflateRawSync(data, { level: 9 }));
    const name = new TextEncoder().encode(input.name);
    const fields = {
      method: stored ? 0 : 8,
      crc: crc32(data),
      compressed: body.length,
      size: input.declaredSize ?? data.length,
    };
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true); // version needed: 2.0 (deflate)
    lv.setUint16(6, 0x0800, true); // bit 11: names are UTF-8
    lv.setUint16(8, fields.method, true);
    lv.setUint32(14, fields.crc, true);
    lv.setUint32(18, fields.compressed, true);
    lv.setUint32(22, fields.size, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const central = new Uint8Array(46 + name.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, 0x0800, true);
    cv.setUint16(10, fields.method, true);
    cv.setUint32(16, fields.crc, true);
    cv.setUint32(20, fields.compressed, true);
    cv.setUint32(24, fields.size, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    central.set(name, 46);
    locals.push(local, body);
    centrals.push(central);
    offset += local.length + body.length;
  }
  const cdSize = centrals.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, inputs.length, true);
  ev.setUint16(10, inputs.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  return concat([...locals, ...centrals, end]);
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
