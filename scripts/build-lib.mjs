// @ts-check
/**
 * What `npm install` / `npm ci` build (the `prepare` script, scripts/build.mjs) and what `npm start` and
 * bin/gongkai.js check before running, in plain JavaScript so that checking costs no TypeScript loader:
 *
 * - the server and the command line: src/**.ts → dist/server/**.js with esbuild, one output file per source
 *   file (the folder layout is kept, so `import.meta.url` paths such as the migrations folder still resolve;
 *   relative imports get their `.js`), node_modules left as imports;
 * - the web app: web/ → web/dist with Vite;
 * - the demo snapshot: the demo agency seeded once through the services into a PGlite data folder,
 *   dist/demo/ (src/services/demo-snapshot.ts), copied into an empty data folder on first start.
 *
 * A build is "fresh" when no source is newer than the moment it started (modification times, folders
 * included so that a deleted or renamed file counts).
 *
 * esbuild is tsx's own dependency (always installed with it); Vite is a development dependency.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SRC = path.join(ROOT, 'src');
export const SERVER_OUT = path.join(ROOT, 'dist', 'server');
export const DEMO_OUT = path.join(ROOT, 'dist', 'demo');
export const WEB = path.join(ROOT, 'web');
export const WEB_OUT = path.join(WEB, 'dist', 'index.html');
const SERVER_STAMP = path.join(SERVER_OUT, '.build.json');

/** The newest modification time (ms) of a file, or of a folder and everything under it; 0 when absent. */
export function newest(p) {
  let st;
  try {
    st = statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const entry of readdirSync(p)) max = Math.max(max, newest(path.join(p, entry)));
  return max;
}

/** @returns {{ builtAt: number } | null} the stamp of the compiled server, when there is one */
export function serverStamp() {
  try {
    return JSON.parse(readFileSync(SERVER_STAMP, 'utf8'));
  } catch {
    return null;
  }
}

/** The compiled server and CLI exist and no source is newer (a checkout without src/ counts as fresh). */
export function serverIsFresh() {
  const stamp = serverStamp();
  return stamp !== null && newest(SRC) <= stamp.builtAt;
}

/** Sources of the web app: web/src, its page and config, and src/core (the web app bundles its pure modules). */
export function webSourcesNewest() {
  return Math.max(
    newest(path.join(WEB, 'src')),
    newest(path.join(WEB, 'public')),
    newest(path.join(WEB, 'index.html')),
    newest(path.join(WEB, 'vite.config.ts')),
    newest(path.join(SRC, 'core')),
  );
}

export function webIsFresh() {
  const built = existsSync(WEB_OUT) ? statSync(WEB_OUT).mtimeMs : 0;
  return built > 0 && built >= webSourcesNewest();
}

/** Every file under a folder (relative paths). */
function files(dir, base = dir) {
  /** @type {string[]} */
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...files(p, base));
    else out.push(path.relative(base, p));
  }
  return out;
}

const isFile = (/** @type {string} */ p) => {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
};

/**
 * An esbuild plugin making every import external, a relative one rewritten to the compiled file it will be
 * (`./config` → `./config.js`, `./applications` → `./applications/index.js`): each source file compiles on its
 * own, as tsx would run it.
 * @type {import('esbuild').Plugin}
 */
const perFile = {
  name: 'gongkai-per-file',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      // JSON (resolveJsonModule) is inlined: Node would want an import attribute
      if (args.path.endsWith('.json')) return undefined;
      if (!args.path.startsWith('./') && !args.path.startsWith('../')) return { path: args.path, external: true };
      const base = path.resolve(args.resolveDir, args.path);
      const target = [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), base].find(isFile);
      if (!target) return { errors: [{ text: `找不到 ${args.path}（${args.importer}）` }] };
      let rel = path.relative(path.dirname(args.importer), target).replace(/\.tsx?$/, '.js').split(path.sep).join('/');
      if (!rel.startsWith('.')) rel = `./${rel}`;
      return { path: rel, external: true };
    });
  },
};

/**
 * The read pool's worker entry without the TypeScript loader: src/workers/read-entry.mjs registers tsx and
 * imports ./read-worker.ts; compiled, it imports ./read-worker.js. Refuses to guess if the entry changed shape.
 */
function compiledReadEntry(source) {
  const out = source
    .replace(/^import \{ register \} from 'tsx\/esm\/api';\n/m, '')
    .replace(/^register\(\);\n/m, '')
    .replace("import('./read-worker.ts')", "import('./read-worker.js')");
  if (/tsx|\.ts'/.test(out.replace(/^\/\/.*$/gm, '')) || !out.includes("import('./read-worker.js')")) {
    throw new Error('src/workers/read-entry.mjs 的写法已变，请更新 scripts/build-lib.mjs 中的 compiledReadEntry');
  }
  return `// Compiled by scripts/build-lib.mjs from src/workers/read-entry.mjs: the compiled worker needs no loader.\n${out}`;
}

/**
 * Compile src/ into dist/server/ (about a second): built in a new folder, then swapped in, so a command
 * started meanwhile runs either the old build or the new one. `out`: another folder (tests; inside the
 * project, for the packages to resolve).
 */
export async function buildServer({ out = SERVER_OUT } = {}) {
  const started = Date.now();
  const { build } = await import('esbuild');
  const tmp = `${out}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  const sources = files(SRC).filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'));
  await build({
    entryPoints: sources.map((f) => path.join(SRC, f)),
    outdir: tmp,
    outbase: SRC,
    bundle: true,
    plugins: [perFile],
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    charset: 'utf8',
    logLevel: 'error',
    tsconfig: path.join(ROOT, 'tsconfig.json'),
  });
  // files the code finds next to itself (import.meta.url): the migrations, the worker entry
  for (const f of files(SRC).filter((f) => !/\.tsx?$/.test(f))) {
    mkdirSync(path.dirname(path.join(tmp, f)), { recursive: true });
    if (f === path.join('workers', 'read-entry.mjs')) writeFileSync(path.join(tmp, f), compiledReadEntry(readFileSync(path.join(SRC, f), 'utf8')));
    else cpSync(path.join(SRC, f), path.join(tmp, f));
  }
  writeFileSync(path.join(tmp, '.build.json'), JSON.stringify({ builtAt: started, files: sources.length }));
  mkdirSync(path.dirname(out), { recursive: true });
  const old = `${out}.old-${process.pid}`;
  if (existsSync(out)) renameSync(out, old);
  renameSync(tmp, out);
  rmSync(old, { recursive: true, force: true });
  return { files: sources.length, seconds: (Date.now() - started) / 1000 };
}

/** Build web/ into web/dist with Vite (always production, whatever NODE_ENV the caller has). */
export async function buildWeb() {
  const started = Date.now();
  // Vitest sets NODE_ENV=test, and Vite would then bundle React and antd in development mode
  const env = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    const { build } = await import('vite');
    await build({ configFile: path.join(WEB, 'vite.config.ts'), logLevel: 'error', mode: 'production' });
  } finally {
    if (env === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = env;
  }
  return { seconds: (Date.now() - started) / 1000 };
}

/** @returns {{ builtAt: number; builtOn: string } | null} the demo snapshot's meta.json */
export function demoMeta() {
  try {
    return JSON.parse(readFileSync(path.join(DEMO_OUT, 'meta.json'), 'utf8'));
  } catch {
    return null;
  }
}

/**
 * The snapshot exists, no source changed since it was seeded, and it is less than a day old (the server
 * checks more before using it: src/services/demo-snapshot.ts, usableSnapshot).
 */
export function demoIsFresh() {
  const meta = demoMeta();
  return meta !== null && newest(SRC) <= meta.builtAt && Date.now() - meta.builtAt < 86_400_000;
}

/** Seed the demo into dist/demo (runs the compiled services: build the server first). */
export async function buildDemo() {
  const started = Date.now();
  const url = new URL(`file://${path.join(SERVER_OUT, 'services', 'demo-snapshot.js')}`).href;
  const { writeDemoSnapshot } = await import(url);
  await writeDemoSnapshot(DEMO_OUT);
  return { seconds: (Date.now() - started) / 1000 };
}

/**
 * What `npm start` runs first: build whatever is missing or older than its sources, saying so. The demo
 * snapshot is not rebuilt here (a minute's work): without a usable one, the server seeds the demo itself.
 */
export async function ensureBuilt({ web = true, server = true } = {}) {
  if (server && !serverIsFresh()) {
    process.stdout.write(serverStamp() ? '服务端源码有更新，正在重新编译…' : '正在编译服务端（首次启动）…');
    const r = await buildServer();
    process.stdout.write(`完成（${r.seconds.toFixed(1)} 秒）\n`);
  }
  if (web && !webIsFresh()) {
    process.stdout.write(existsSync(WEB_OUT) ? '网页前端源码有更新，正在重新构建…' : '正在构建网页前端（首次启动）…');
    const r = await buildWeb();
    process.stdout.write(`完成（${r.seconds.toFixed(1)} 秒）\n`);
  }
}
