/**
 * `npm start` runs this first: build the web app (web/ → web/dist) with Vite, but only when web/dist/index.html
 * is missing or older than any source of the web app (web/src, web/index.html, web/vite.config.ts, and src/core,
 * whose report layout and checks the web app bundles).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'web');
const built = path.join(web, 'dist', 'index.html');

/** The newest modification time among a file or every file under a folder. */
function newest(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = 0;
  for (const entry of readdirSync(p)) max = Math.max(max, newest(path.join(p, entry)));
  return max;
}

const sources = Math.max(
  newest(path.join(web, 'src')),
  newest(path.join(web, 'index.html')),
  newest(path.join(web, 'vite.config.ts')),
  // the web app imports the core's pure modules (web/src → ../../src/core/…)
  newest(path.join(root, 'src', 'core')),
);
const output = existsSync(built) ? statSync(built).mtimeMs : 0;

if (output === 0 || output < sources) {
  process.stdout.write(output === 0 ? '正在构建网页前端（首次启动）…' : '网页前端源码有更新，正在重新构建…');
  const started = Date.now();
  // always a production build, whatever NODE_ENV the caller has (Vitest sets "test", and Vite would then
  // bundle React and antd in development mode)
  process.env.NODE_ENV = 'production';
  const { build } = await import('vite');
  try {
    await build({ configFile: path.join(web, 'vite.config.ts'), logLevel: 'error', mode: 'production' });
  } catch (e) {
    process.stdout.write('失败\n');
    console.error(e);
    process.exit(1);
  }
  process.stdout.write(`完成（${((Date.now() - started) / 1000).toFixed(1)} 秒）\n`);
}
