#!/usr/bin/env node
// @ts-check
/**
 * `npm run build`, and `prepare` (which `npm install` and `npm ci` run): compile the server and the command
 * line (dist/server), build the web app (web/dist), and seed the demo snapshot (dist/demo) that the first
 * `npm start` copies instead of seeding for half a minute. scripts/build-lib.mjs says how.
 *
 *   node scripts/build.mjs [server] [web] [demo]   only these parts (default: all three)
 *   --if-stale    skip a part that is up to date
 *   --soft        a failed part is reported and the others still built, exit status 0: an install must not
 *                 fail because the web app or the demo could not be built (`npm start` builds what is missing,
 *                 and seeds the demo itself without a snapshot)
 */
import { buildDemo, buildServer, buildWeb, demoIsFresh, serverIsFresh, webIsFresh } from './build-lib.mjs';

const args = process.argv.slice(2);
const soft = args.includes('--soft');
const ifStale = args.includes('--if-stale');
const named = args.filter((a) => !a.startsWith('--'));
const parts = named.length > 0 ? named : ['server', 'web', 'demo'];
const unknown = parts.filter((p) => !['server', 'web', 'demo'].includes(p));
if (unknown.length > 0) {
  console.error(`错误 Error: 未知的构建部分 ${unknown.join('、')}，应为 server、web、demo (unknown part)`);
  process.exit(2);
}

/** @type {Record<string, { label: string; fresh: () => boolean; run: () => Promise<{ seconds: number }> }>} */
const STEPS = {
  server: { label: '编译服务端与命令行 Compiling the server and CLI (dist/server)', fresh: serverIsFresh, run: buildServer },
  web: { label: '构建网页前端 Building the web app (web/dist)', fresh: webIsFresh, run: buildWeb },
  demo: { label: '生成示范数据快照 Seeding the demo snapshot (dist/demo)', fresh: demoIsFresh, run: buildDemo },
};

let failed = 0;
for (const part of ['server', 'web', 'demo'].filter((p) => parts.includes(p))) {
  const step = STEPS[part];
  if (ifStale && step.fresh()) {
    console.log(`${step.label}：已是最新 up to date`);
    continue;
  }
  process.stdout.write(`${step.label}…`);
  try {
    const r = await step.run();
    process.stdout.write(`完成 done（${r.seconds.toFixed(1)} 秒 s）\n`);
  } catch (e) {
    failed++;
    process.stdout.write('失败 failed\n');
    console.error(e);
    // the demo runs on the compiled server: without it, no demo either
    if (part === 'server') break;
  }
}
if (failed > 0) {
  console.error(
    soft
      ? '注意 Note: 部分构建失败，npm start 时会重新构建缺少的部分，没有示范数据快照时当场载入示范数据 (some parts failed: npm start builds what is missing)'
      : `错误 Error: ${failed} 个部分构建失败 (${failed} part(s) failed)`,
  );
  process.exitCode = soft ? 0 : 1;
}
process.exit(process.exitCode ?? 0); // a reader worker of the demo seeding may idle on for a while
