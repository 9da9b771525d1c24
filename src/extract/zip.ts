/**
 * A guard against zip bombs, run before a .docx (a zip) is handed to mammoth, which inflates its parts through
 * jszip with no limit: 1 MB of deflated zeros is 1 GB of memory.
 *
 * The central directory is read as jszip reads it (entries, their methods, compressed sizes and local header
 * offsets). The declared uncompressed sizes are summed first, which refuses an honest bomb without inflating a
 * byte; then every entry is inflated with zlib's maxOutputLength set to what is left of the budget, which
 * refuses a bomb whose directory lies about the sizes, with at most the budget in memory at once.
 */
import { inflateRawSync } from 'node:zlib';

/** Total inflated size of all entries of one file. */
export const MAX_INFLATED_BYTES = 50 * 1024 * 1024;
export const MAX_ZIP_ENTRIES = 10_000;

const EOCD = 0x06054b50;
export const CENTRAL = 0x02014b50;
export const LOCAL = 0x04034b50;

/** The offset of the end-of-central-directory record (in the last 22 + 65,535 comment bytes), or -1. */
export function endOfCentralDirectory(b: Buffer): number {
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) {
    if (b.readUInt32LE(i) === EOCD) return i;
  }
  return -1;
}

function mb(n: number): string {
  return `${(n / 1048576).toFixed(n < 10 * 1048576 ? 1 : 0)} MB`;
}

/**
 * null when the zip is within the limits (or not readable as a zip at all: the reader then says so), else the
 * reason in Chinese.
 */
export function zipBombReason(buf: Uint8Array, maxInflated = MAX_INFLATED_BYTES, what = 'Word 文件'): string | null {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const eocd = endOfCentralDirectory(b);
  if (eocd < 0) return null;
  const count = b.readUInt16LE(eocd + 10);
  const dirSize = b.readUInt32LE(eocd + 12);
  const dirOffset = b.readUInt32LE(eocd + 16);
  if (count === 0xffff || dirOffset === 0xffffffff || dirSize === 0xffffffff) return `${what}使用了 ZIP64 格式，文件过大，无法读取`;
  if (count > MAX_ZIP_ENTRIES) return `${what}包含 ${count} 个部件，超过上限 ${MAX_ZIP_ENTRIES}，无法读取`;

  interface Entry {
    method: number;
    compressed: number;
    size: number;
    local: number;
  }
  const entries: Entry[] = [];
  let declared = 0;
  let p = dirOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > b.length || b.readUInt32LE(p) !== CENTRAL) return null; // damaged: jszip will say so
    const e = { method: b.readUInt16LE(p + 10), compressed: b.readUInt32LE(p + 20), size: b.readUInt32LE(p + 24), local: b.readUInt32LE(p + 42) };
    if (e.compressed === 0xffffffff || e.size === 0xffffffff || e.local === 0xffffffff) return `${what}使用了 ZIP64 格式，文件过大，无法读取`;
    declared += e.size;
    if (declared > maxInflated) return `${what}解压后超过 ${mb(maxInflated)}（压缩炸弹），拒绝读取`;
    entries.push(e);
    p += 46 + b.readUInt16LE(p + 28) + b.readUInt16LE(p + 30) + b.readUInt16LE(p + 32);
  }

  let inflated = 0;
  for (const e of entries) {
    if (e.local + 30 > b.length || b.readUInt32LE(e.local) !== LOCAL) return null;
    const start = e.local + 30 + b.readUInt16LE(e.local + 26) + b.readUInt16LE(e.local + 28);
    const data = b.subarray(start, Math.min(b.length, start + e.compressed));
    if (e.method === 0) inflated += data.length;
    else if (e.method === 8) {
      const left = maxInflated - inflated;
      try {
        inflated += inflateRawSync(data, { maxOutputLength: Math.max(1, left) }).length;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return `${what}解压后超过 ${mb(maxInflated)}（压缩炸弹），拒绝读取`;
        // a damaged stream: jszip reports it when mammoth reads the part
      }
    }
    if (inflated > maxInflated) return `${what}解压后超过 ${mb(maxInflated)}（压缩炸弹），拒绝读取`;
  }
  return null;
}
