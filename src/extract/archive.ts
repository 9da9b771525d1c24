/**
 * The files of a .zip archive, read in memory with a cap: the central directory is read (as ./zip.ts reads it
 * for a .docx), each entry is inflated with zlib's maxOutputLength set to what is left of the budget, so an
 * archive that lies about its sizes is refused with at most the budget in memory.
 */
import { inflateRawSync } from 'node:zlib';
import { CENTRAL, LOCAL, MAX_ZIP_ENTRIES, endOfCentralDirectory } from './zip';

/** Total inflated size of the entries taken from one archive. */
export const MAX_ARCHIVE_BYTES = 1024 * 1024 * 1024;

export interface ArchiveEntry {
  /** path inside the archive, '/'-separated */
  name: string;
  bytes: Buffer;
}

export type ArchiveResult = { ok: true; entries: ArchiveEntry[] } | { ok: false; message: string };


/**
 * The entries whose name `want` accepts (folders are skipped), in the archive's order. Names are UTF-8 when the
 * archive says so (flag bit 11), else GBK (what Windows' built-in zip writes on a Chinese system).
 */
export function readArchive(buf: Uint8Array, want: (name: string) => boolean = () => true, maxBytes = MAX_ARCHIVE_BYTES): ArchiveResult {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const eocd = endOfCentralDirectory(b);
  if (eocd < 0) return { ok: false, message: '不是有效的 ZIP 压缩文件' };
  const count = b.readUInt16LE(eocd + 10);
  const dirOffset = b.readUInt32LE(eocd + 16);
  if (count === 0xffff || dirOffset === 0xffffffff) return { ok: false, message: 'ZIP 文件使用了 ZIP64 格式，文件过大，无法读取' };
  if (count > MAX_ZIP_ENTRIES) return { ok: false, message: `ZIP 文件包含 ${count} 个文件，超过上限 ${MAX_ZIP_ENTRIES}` };
  const gbk = new TextDecoder('gbk');
  const entries: ArchiveEntry[] = [];
  let inflated = 0;
  let p = dirOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > b.length || b.readUInt32LE(p) !== CENTRAL) return { ok: false, message: 'ZIP 文件目录已损坏' };
    const flags = b.readUInt16LE(p + 8);
    const method = b.readUInt16LE(p + 10);
    const compressed = b.readUInt32LE(p + 20);
    const size = b.readUInt32LE(p + 24);
    const nameLen = b.readUInt16LE(p + 28);
    const local = b.readUInt32LE(p + 42);
    const rawName = b.subarray(p + 46, p + 46 + nameLen);
    const name = (flags & 0x800 ? rawName.toString('utf8') : gbk.decode(rawName)).replace(/\\/g, '/');
    p += 46 + nameLen + b.readUInt16LE(p + 30) + b.readUInt16LE(p + 32);
    if (name.endsWith('/') || !want(name)) continue;
    if (compressed === 0xffffffff || size === 0xffffffff || local === 0xffffffff) return { ok: false, message: 'ZIP 文件使用了 ZIP64 格式，文件过大，无法读取' };
    if (inflated + size > maxBytes) return { ok: false, message: `ZIP 文件解压后超过 ${Math.round(maxBytes / 1048576)} MB，拒绝读取` };
    if (local + 30 > b.length || b.readUInt32LE(local) !== LOCAL) return { ok: false, message: `ZIP 文件中的“${name}”已损坏` };
    const start = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28);
    const data = b.subarray(start, Math.min(b.length, start + compressed));
    let bytes: Buffer;
    if (method === 0) bytes = Buffer.from(data);
    else if (method === 8) {
      try {
        bytes = inflateRawSync(data, { maxOutputLength: Math.max(1, maxBytes - inflated) });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return { ok: false, message: `ZIP 文件解压后超过 ${Math.round(maxBytes / 1048576)} MB，拒绝读取` };
        return { ok: false, message: `ZIP 文件中的“${name}”已损坏` };
      }
    } else return { ok: false, message: `ZIP 文件中的“${name}”使用了不支持的压缩方式（${method}）` };
    inflated += bytes.length;
    entries.push({ name, bytes });
  }
  return { ok: true, entries };
}
