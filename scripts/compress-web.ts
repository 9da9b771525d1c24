/**
 * Precompress the built web app: next to each text file of web/dist (scripts, styles, pages) write `<file>.br`
 * (brotli, quality 11) and `<file>.gz` (gzip, level 9), which the server sends as they are to a browser that
 * accepts them (@fastify/static's `preCompressed` option, src/http/app.ts): the best compression, paid once at
 * build time instead of on every request. A compressed copy no smaller than the file is not written (the
 * server then sends the file itself).
 *
 * The Vite build runs this on the files it writes (the plugin in web/vite.config.ts); to precompress a folder
 * built otherwise: `tsx scripts/compress-web.ts [folder]` (default web/dist).
 */
import { readdirSync, statSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** The files worth compressing: text. Images and fonts of the app are already compressed formats. */
export const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt|xml|webmanifest)$/i;

export interface CompressedFile {
  /** the path relative to the folder, with "/" */
  file: string;
  raw: number;
  /** bytes of the .br and .gz copies; null when that copy was not written (not smaller) */
  br: number | null;
  gz: number | null;
}

/** Brotli at its best quality (11), tuned for text; gzip at level 9. */
export async function compressBytes(bytes: Buffer): Promise<{ br: Buffer; gz: Buffer }> {
  const [br, gz] = await Promise.all([
    brotliAsync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }),
    gzipAsync(bytes, { level: constants.Z_BEST_COMPRESSION }),
  ]);
  return { br, gz };
}

/** ENOENT: the file or its folder was removed meanwhile (another build emptying the folder). */
const isGone = (e: unknown) => (e as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * Write the .br and .gz copy of one file (removing a stale copy that is no longer smaller); null when the file
 * is gone before it is done: another build emptied the folder, and compresses what it writes itself.
 */
async function compressFile(dir: string, file: string): Promise<CompressedFile | null> {
  try {
    return await compressOne(dir, file);
  } catch (e) {
    if (isGone(e)) return null;
    throw e;
  }
}

async function compressOne(dir: string, file: string): Promise<CompressedFile> {
  const full = path.join(dir, file);
  const bytes = await readFile(full);
  const { br, gz } = await compressBytes(bytes);
  const keep = async (copy: Buffer, ext: string): Promise<number | null> => {
    if (copy.length < bytes.length) {
      await writeFile(full + ext, copy);
      return copy.length;
    }
    await rm(full + ext, { force: true });
    return null;
  };
  return { file: file.split(path.sep).join('/'), raw: bytes.length, br: await keep(br, '.br'), gz: await keep(gz, '.gz') };
}

/** Every compressible file under `dir`, relative to it. */
export function compressibleFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (rel: string) => {
    for (const entry of readdirSync(path.join(dir, rel))) {
      const p = path.join(rel, entry);
      if (statSync(path.join(dir, p)).isDirectory()) walk(p);
      else if (COMPRESSIBLE.test(entry)) found.push(p);
    }
  };
  walk('');
  return found.sort();
}

/**
 * Precompress `files` (relative to `dir`; default every compressible file under it), a few at a time (brotli
 * at quality 11 takes seconds for the largest chunks). The pages (.html) come last: index.html.br written means
 * the whole folder is done (scripts/ensure-web.ts may take it as the build's mark).
 */
export async function compressWeb(dir: string, files: string[] = compressibleFiles(dir)): Promise<CompressedFile[]> {
  const todo = files.filter((f) => COMPRESSIBLE.test(f));
  const isPage = (f: string) => /\.html$/i.test(f);
  const done: CompressedFile[] = [];
  const run = async (batch: string[]) => {
    let next = 0;
    const worker = async () => {
      while (next < batch.length) {
        const result = await compressFile(dir, batch[next++]);
        if (result) done.push(result);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(availableParallelism(), 4)) }, worker));
  };
  await run(todo.filter((f) => !isPage(f)));
  await run(todo.filter(isPage));
  return done.sort((a, b) => a.file.localeCompare(b.file));
}

/** `tsx scripts/compress-web.ts [folder]`: precompress a folder and say what it came to. */
async function main(): Promise<void> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const dir = path.resolve(process.argv[2] ?? path.join(root, 'web', 'dist'));
  const started = Date.now();
  const done = await compressWeb(dir);
  const sum = (pick: (f: CompressedFile) => number) => done.reduce((n, f) => n + pick(f), 0);
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  console.log(
    `已预压缩 ${done.length} 个文件 / precompressed ${done.length} files in ${dir}: ${kib(sum((f) => f.raw))} → ` +
      `brotli ${kib(sum((f) => f.br ?? f.raw))}, gzip ${kib(sum((f) => f.gz ?? f.raw))} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
}

// run as a script, not when imported (by web/vite.config.ts, which Vite may bundle without top-level await)
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e: unknown) => {
    console.error('错误 Error:', e);
    process.exit(1);
  });
}
