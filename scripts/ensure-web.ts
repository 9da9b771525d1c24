/**
 * Build the web app (web/ → web/dist) with Vite when web/dist/index.html is missing or older than any source
 * of the web app (web/src, web/public, web/index.html, web/vite.config.ts, and src/core, whose report layout
 * and checks the web app bundles). `npm start` does this itself (scripts/start.mjs); this script is for those
 * who need only the web app (the browser tests, a supervisor's ExecStartPre). The work is in build-lib.mjs.
 */
import { buildWeb, WEB_OUT, webIsFresh } from './build-lib.mjs';
import { existsSync } from 'node:fs';

if (!webIsFresh()) {
  process.stdout.write(existsSync(WEB_OUT) ? '网页前端源码有更新，正在重新构建…' : '正在构建网页前端（首次启动）…');
  try {
    const r = await buildWeb();
    process.stdout.write(`完成（${r.seconds.toFixed(1)} 秒）\n`);
  } catch (e) {
    process.stdout.write('失败\n');
    console.error(e);
    process.exit(1);
  }
}
