/**
 * File storage behind an interface (attachments, reply letters, published and imported reports). On disk by
 * default; a deployment can put an object store behind the same interface.
 *
 * A file is written before the row that refers to it commits, and removed again when the row fails; a crash
 * in between leaves a file no row refers to. `sweepOrphans` (run on start) removes such files once they are
 * old enough that no transaction can still be about to refer to them.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { like, or } from 'drizzle-orm';
import { fileTypeFromBuffer } from 'file-type';
import type { Db } from '../db/index';
import { attachments, rectifications, reportVersions, supervisedFiles } from '../db/schema';
import { notFound } from './errors';

export interface Storage {
  /** store bytes, returning the key to fetch them again */
  put(bytes: Uint8Array, hint?: string): Promise<string>;
  get(key: string): Promise<Buffer>;
  remove(key: string): Promise<void>;
  /** every stored key with the time it was written, month by month (for the sweep of orphans) */
  list?(): AsyncIterable<{ key: string; modifiedAt: Date }>;
}

const KEY = /^\d{4}\/\d{2}\/[0-9a-f-]{36}(?:\.[a-z0-9]{1,8})?$/;
/** the types the platform stores, as detected from their bytes */
const STORED_TYPES = new Set(['pdf', 'jpg', 'png', 'docx', 'xlsx']);
/** extensions kept from the caller's hint when the bytes have no detectable type (text formats) */
const TEXT_EXTENSIONS = new Set(['txt', 'csv', 'html', 'htm']);

/**
 * The extension a stored file gets: that of the type its bytes are (a ".pdf" is a PDF whatever it was
 * called); for text, which has no signature, a text extension the caller names; "bin" for anything else.
 */
export async function storedExtension(bytes: Uint8Array, hint = ''): Promise<string> {
  const detected = await fileTypeFromBuffer(bytes);
  if (detected) return STORED_TYPES.has(detected.ext) ? detected.ext : 'bin';
  return TEXT_EXTENSIONS.has(hint) ? hint : 'bin';
}

export class DiskStorage implements Storage {
  constructor(private readonly root: string) {}

  private file(key: string): string {
    if (!KEY.test(key)) throw new Error(`invalid storage key: ${key}`);
    return path.join(this.root, key);
  }

  async put(bytes: Uint8Array, hint = ''): Promise<string> {
    const now = new Date();
    const ext = await storedExtension(bytes, hint);
    const key = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${randomUUID()}.${ext}`;
    const file = this.file(key);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, bytes, { flag: 'wx' });
    return key;
  }

  async get(key: string): Promise<Buffer> {
    try {
      return await readFile(this.file(key));
    } catch (e) {
      // a row whose file is gone (restored backup, disk fault): a clear refusal, not a 500
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw notFound('该文件已不在存储中，请联系管理员');
      throw e;
    }
  }

  async remove(key: string): Promise<void> {
    await rm(this.file(key), { force: true });
  }

  async *list(): AsyncIterable<{ key: string; modifiedAt: Date }> {
    const dirs = async (dir: string, pattern: RegExp) => {
      try {
        return (await readdir(dir, { withFileTypes: true })).filter((d) => d.isDirectory() && pattern.test(d.name)).map((d) => d.name).sort();
      } catch {
        return [];
      }
    };
    for (const year of await dirs(this.root, /^\d{4}$/)) {
      for (const month of await dirs(path.join(this.root, year), /^\d{2}$/)) {
        const folder = path.join(this.root, year, month);
        for (const name of (await readdir(folder)).sort()) {
          const key = `${year}/${month}/${name}`;
          if (!KEY.test(key)) continue;
          const s = await stat(path.join(folder, name)).catch(() => null);
          if (s?.isFile()) yield { key, modifiedAt: s.mtime };
        }
      }
    }
  }
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The stored keys of a month ("2026/03") some row refers to: an attachment, or a report version's Word, Excel or original file. */
async function referencedIn(db: Db, month: string): Promise<Set<string>> {
  const prefix = `${month}/%`;
  const [files, reports, supervised, notices] = await Promise.all([
    db.select({ key: attachments.storageKey }).from(attachments).where(like(attachments.storageKey, prefix)),
    db
      .select({ docx: reportVersions.docxKey, xlsx: reportVersions.xlsxKey, original: reportVersions.originalKey })
      .from(reportVersions)
      .where(or(like(reportVersions.docxKey, prefix), like(reportVersions.xlsxKey, prefix), like(reportVersions.originalKey, prefix))),
    // reports uploaded to a supervising office, and its 整改 notices
    db.select({ key: supervisedFiles.storageKey }).from(supervisedFiles).where(like(supervisedFiles.storageKey, prefix)),
    db.select({ key: rectifications.docxKey }).from(rectifications).where(like(rectifications.docxKey, prefix)),
  ]);
  const out = new Set<string>(files.map((f) => f.key));
  for (const f of [...supervised, ...notices]) if (f.key) out.add(f.key);
  for (const r of reports) for (const k of [r.docx, r.xlsx, r.original]) if (k) out.add(k);
  return out;
}

export interface SweepOptions {
  /** a file younger than this may belong to a transaction still running: kept (default one hour) */
  minAgeMs?: number;
  now?: Date;
  /**
   * Nothing is removed when more than this share of the old files (and more than `abortAbove` of them) has no
   * row: the storage and the database do not belong together (a wrong DATABASE_URL), and removing would
   * destroy the files of the database they do belong to. Default one half, above 100 files.
   */
  abortShare?: number;
  abortAbove?: number;
}

/**
 * Remove the stored files no row refers to that are older than `minAgeMs`: what a crash between writing a
 * file and committing its row left behind. Returns the keys removed. Goes month by month (keys start with
 * the month they were written in), so only one month's referenced keys are held at a time. Throws, removing
 * nothing, when most files have no row (see `abortShare`).
 */
export async function sweepOrphans(db: Db, storage: Storage, options: SweepOptions = {}): Promise<string[]> {
  if (!storage.list) return [];
  const before = (options.now ?? new Date()).getTime() - (options.minAgeMs ?? 3_600_000);
  const orphans: string[] = [];
  let old = 0;
  let month = '';
  let candidates: string[] = [];
  const flush = async () => {
    if (candidates.length === 0) return;
    const keep = await referencedIn(db, month);
    for (const key of candidates) if (!keep.has(key)) orphans.push(key);
    candidates = [];
  };
  for await (const f of storage.list()) {
    const m = f.key.slice(0, 7);
    if (m !== month) {
      await flush();
      month = m;
    }
    if (f.modifiedAt.getTime() <= before) {
      candidates.push(f.key);
      old++;
    }
  }
  await flush();
  if (orphans.length > (options.abortAbove ?? 100) && orphans.length > old * (options.abortShare ?? 0.5)) {
    throw new Error(`存储中 ${old} 个文件有 ${orphans.length} 个没有任何记录引用，超过一半：存储目录与数据库可能不匹配（DATABASE_URL、GONGKAI_STORAGE_DIR），未删除任何文件`);
  }
  for (const key of orphans) await storage.remove(key);
  return orphans;
}
