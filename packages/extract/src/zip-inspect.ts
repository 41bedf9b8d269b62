import { inflateRawSync } from "node:zlib";
import { DEFAULT_ZIP_LIMITS, ExtractionError } from "./types";
import type { ZipLimits } from "./types";

// PKWARE APPNOTE.TXT 6.3.10: signatures of the records read here.
const EOCD_SIGNATURE = 0x06054b50; // 4.3.16 end of central directory record
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50; // 4.3.15 zip64 end of central directory locator
const CENTRAL_SIGNATURE = 0x02014b50; // 4.3.12 central directory file header
const LOCAL_SIGNATURE = 0x04034b50; // 4.3.7 local file header
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;

export interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

function refuse(message: string): never {
  throw new ExtractionError("failed", `unsafe or malformed ZIP: ${message}`);
}

/**
 * Reads the central directory (APPNOTE 4.3.12, 4.3.16) without inflating anything. ZIP64 and
 * multi-disk archives are refused: an Office document never needs them, and their size fields are
 * where bombs hide.
 */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEocd(view);
  if (eocd < 0) refuse("no end of central directory record");
  if (eocd >= 20 && view.getUint32(eocd - 20, true) === ZIP64_LOCATOR_SIGNATURE) refuse("ZIP64 archive");
  const disk = view.getUint16(eocd + 4, true);
  const cdDisk = view.getUint16(eocd + 6, true);
  const diskEntries = view.getUint16(eocd + 8, true);
  const count = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) refuse("ZIP64 archive");
  if (disk !== 0 || cdDisk !== 0 || diskEntries !== count) refuse("multi-disk archive");
  if (cdOffset + cdSize > eocd) refuse("central directory out of bounds");
  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  let at = cdOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > cdOffset + cdSize || view.getUint32(at, true) !== CENTRAL_SIGNATURE) {
      refuse(`bad central directory record #${i}`);
    }
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const end = at + 46 + nameLength + extraLength + commentLength;
    if (end > cdOffset + cdSize) refuse(`central directory record #${i} out of bounds`);
    const entry: ZipEntry = {
      flags: view.getUint16(at + 8, true),
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      uncompressedSize: view.getUint32(at + 24, true),
      localHeaderOffset: view.getUint32(at + 42, true),
      name: new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)),
    };
    checkName(entry.name);
    if (names.has(entry.name)) refuse(`duplicate entry "${entry.name}"`);
    names.add(entry.name);
    entries.push(entry);
    at = end;
  }
  return entries;
}

function findEocd(view: DataView): number {
  const last = view.byteLength - EOCD_SIZE;
  for (let at = last; at >= 0 && at >= last - MAX_COMMENT; at--) {
    if (view.getUint32(at, true) !== EOCD_SIGNATURE) continue;
    if (at + EOCD_SIZE + view.getUint16(at + 20, true) <= view.byteLength) return at;
  }
  return -1;
}

function checkName(name: string): void {
  const path = name.replace(/\\/g, "/");
  if (path.includes("\0")) refuse("entry name with a NUL byte");
  if (path.startsWith("/") || /^[a-zA-Z]:/.test(path)) refuse(`absolute entry path "${name}"`);
  if (path.split("/").includes("..")) refuse(`entry path with ".." ("${name}")`);
}

/** Refuses archives whose declared sizes are those of a decompression bomb. */
export function checkZipLimits(entries: ZipEntry[], limits: ZipLimits = DEFAULT_ZIP_LIMITS): void {
  if (entries.length > limits.maxEntries) refuse(`${entries.length} entries (limit ${limits.maxEntries})`);
  let total = 0;
  for (const e of entries) {
    if (e.compressedSize === 0xffffffff || e.uncompressedSize === 0xffffffff) refuse("ZIP64 entry sizes");
    if (e.flags & 1) refuse(`encrypted entry "${e.name}"`);
    if (e.method !== 0 && e.method !== 8) refuse(`unsupported compression method ${e.method}`);
    total += e.uncompressedSize;
    const ratio = e.uncompressedSize / Math.max(1, e.compressedSize);
    if (e.uncompressedSize > limits.ratioMinSize && ratio > limits.maxRatio) {
      refuse(`compression ratio ${Math.round(ratio)}:1 for "${e.name}" (limit ${limits.maxRatio}:1)`);
    }
  }
  if (total > limits.maxTotalUncompressed) {
    refuse(`${total} bytes uncompressed (limit ${limits.maxTotalUncompressed})`);
  }
}

/**
 * The declared sizes are only claims: inflate each entry (from where its local header, 4.3.7, says
 * the data starts, as JSZip does) with zlib's output capped at the declared size, so an entry that
 * lies about its size fails here after at most that many bytes instead of in the parser.
 * `inspect` sees each entry's verified bytes (the DOCX budget counts paragraphs there, so the
 * XML is inflated once).
 */
export function verifyZipEntrySizes(
  bytes: Uint8Array,
  entries: ZipEntry[],
  check?: () => void,
  inspect?: (entry: ZipEntry, data: Uint8Array) => void,
): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const e of entries) {
    check?.();
    const at = e.localHeaderOffset;
    if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL_SIGNATURE) {
      refuse(`bad local header for "${e.name}"`);
    }
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    if (start + e.compressedSize > bytes.length) refuse(`data of "${e.name}" out of bounds`);
    const data = bytes.subarray(start, start + e.compressedSize);
    let inflated: Uint8Array = data;
    if (e.method === 8) {
      try {
        inflated = inflateRawSync(data, { maxOutputLength: Math.max(1, e.uncompressedSize) });
      } catch (cause) {
        throw new ExtractionError(
          "failed",
          `unsafe or malformed ZIP: "${e.name}" does not inflate to its declared size`,
          {
            cause,
          },
        );
      }
    }
    if (inflated.length !== e.uncompressedSize) {
      refuse(`"${e.name}" is not ${e.uncompressedSize} bytes as declared`);
    }
    inspect?.(e, inflated);
  }
}
