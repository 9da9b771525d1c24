/**
 * From install to the first page, as a new user gets it: the project's files copied to a fresh folder (what a
 * clone has: `git ls-files` with the untracked files not ignored; node_modules linked from this checkout, so
 * the packages' download is not counted — `--npm-ci` runs a real `npm ci` instead), then
 *
 * - the old way, the baseline (before the build moved to install): `tsx scripts/ensure-web.ts && tsx
 *   src/main.ts`, which builds the web app and seeds the demo at the first start;
 * - the install's build (`npm run prepare`: server and CLI compiled, web app built, demo snapshot seeded);
 * - `npm start` on an empty data folder: seconds to the first HTTP 200 of `/` and of an API call
 *   (/api/public/agencies), and a second start on the same data, which must say how to sign in.
 *
 * Every start begins with an empty data folder except the second ones. The seconds are wall time on this
 * machine, whatever else it is doing (the load average is printed); the CPU seconds its processes used by the
 * first page are what an idle machine would wait, about (less where threads ran side by side).
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const API = '/api/public/agencies';

/** A fresh folder with the project's files as a clone would have them. */
function freshCopy(base: string, npmCi: boolean): string {
  const dir = path.join(base, 'gongkai');
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, maxBuffer: 1 << 28 })
    .toString()
    .split('\0')
    .filter((f) => f.length > 0);
  for (const f of listed) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    try {
      cpSync(path.join(ROOT, f), path.join(dir, f));
    } catch {
      // listed but deleted in the working tree
    }
  }
  if (npmCi) execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: dir, stdio: 'inherit' });
  else symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function status(url: string): Promise<number> {
  try {
    const r = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await r.arrayBuffer();
    return r.status;
  } catch {
    return 0;
  }
}

interface Start {
  /** seconds from spawning the command to the first 200 of `/`, and of the API call */
  page: number;
  api: number;
  /** CPU seconds (user + system) its processes had used by the first 200 of `/`: what an idle machine would wait */
  cpu: number;
  output: string;
}

/** CPU seconds used so far by the live processes of a process group (Linux /proc; NaN elsewhere). */
function groupCpu(pgid: number): number {
  try {
    let ticks = 0;
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      let stat: string;
      try {
        stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      } catch {
        continue;
      }
      // fields after the command name (which may hold spaces): state ppid pgrp … utime(14) stime(15) cutime cstime
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(f[2]) === pgid) ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    }
    return ticks / 100; // USER_HZ
  } catch {
    return Number.NaN;
  }
}

/** Spawn a start command (a shell line) in `cwd`, wait for `/` and the API to answer 200, stop it. */
async function timeStart(cwd: string, command: string, env: Record<string, string>, timeoutS = 600): Promise<Start> {
  const port = await freePort();
  const t0 = performance.now();
  const child: ChildProcess = spawn('sh', ['-c', command], { cwd, env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  let exited = false;
  child.on('exit', () => (exited = true));
  const base = `http://127.0.0.1:${port}`;
  let page = 0;
  let api = 0;
  let cpu = Number.NaN;
  try {
    while (page === 0 || api === 0) {
      if (exited) throw new Error(`启动失败 the start failed:\n${output}`);
      if ((performance.now() - t0) / 1000 > timeoutS) throw new Error(`超时 timed out:\n${output}`);
      const [p, a] = await Promise.all([page ? 200 : status(`${base}/`), api ? 200 : status(`${base}${API}`)]);
      const s = (performance.now() - t0) / 1000;
      if (!page && p === 200) {
        page = s;
        cpu = groupCpu(child.pid!);
      }
      if (!api && a === 200) api = s;
      if (!page || !api) await new Promise((r) => setTimeout(r, 50));
    }
    // the lines printed after listening (accounts, how to sign in) come right after
    await new Promise((r) => setTimeout(r, 1000));
  } finally {
    if (!exited) {
      process.kill(-child.pid!, 'SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  }
  return { page, api, cpu, output };
}

function timed(cwd: string, command: string, args: string[]): { seconds: number; output: string } {
  const t0 = performance.now();
  const output = execFileSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'pipe'] });
  return { seconds: (performance.now() - t0) / 1000, output };
}

const f1 = (s: number) => s.toFixed(1);

export async function run(): Promise<void> {
  const npmCi = process.argv.includes('--npm-ci');
  const base = mkdtempSync(path.join(tmpdir(), 'gongkai-bench-start-'));
  const load = () => loadavg()[0].toFixed(1);
  try {
    const copyT0 = performance.now();
    const dir = freshCopy(base, npmCi);
    const copied = (performance.now() - copyT0) / 1000;
    const data = (name: string) => path.join(base, name);
    const loads = [`copy ${load()}`];

    // the baseline: the old start, on the fresh copy (no web/dist, no snapshot)
    const oldCmd = 'node_modules/.bin/tsx scripts/ensure-web.ts && node_modules/.bin/tsx src/main.ts';
    const oldFirst = await timeStart(dir, oldCmd, { GONGKAI_DATA_DIR: data('old'), GONGKAI_DEMO_SNAPSHOT: '' });
    loads.push(`old first ${load()}`);
    const oldSecond = await timeStart(dir, oldCmd, { GONGKAI_DATA_DIR: data('old'), GONGKAI_DEMO_SNAPSHOT: '' });
    loads.push(`old second ${load()}`);
    rmSync(path.join(dir, 'web', 'dist'), { recursive: true, force: true });

    // the install's share: what `npm install` / `npm ci` run after fetching the packages
    const install = timed(dir, 'npm', ['run', '--silent', 'prepare']);
    loads.push(`install ${load()}`);

    const first = await timeStart(dir, 'npm start', { GONGKAI_DATA_DIR: data('new') });
    loads.push(`first ${load()}`);
    const second = await timeStart(dir, 'npm start', { GONGKAI_DATA_DIR: data('new') });
    loads.push(`second ${load()}`);
    const fromSnapshot = first.output.includes('示范数据快照');
    const signIn = /reset-password --username/.test(second.output);

    console.log(`\n## npm install && npm start: seconds to the first page, demo included (fresh copy; ${npmCi ? 'npm ci' : 'node_modules linked'})`);
    console.log('| run | `/` 200 (s) | API 200 (s) | CPU s to `/` 200 |');
    console.log('| --- | ---: | ---: | ---: |');
    console.log(`| baseline, first start (tsx; web build and demo seeding at start) | ${f1(oldFirst.page)} | ${f1(oldFirst.api)} | ${f1(oldFirst.cpu)} |`);
    console.log(`| baseline, second start | ${f1(oldSecond.page)} | ${f1(oldSecond.api)} | ${f1(oldSecond.cpu)} |`);
    console.log(`| \`npm start\`, first start${fromSnapshot ? ' (demo snapshot copied)' : ' (NO SNAPSHOT: demo seeded)'} | ${f1(first.page)} | ${f1(first.api)} | ${f1(first.cpu)} |`);
    console.log(`| \`npm start\`, second start | ${f1(second.page)} | ${f1(second.api)} | ${f1(second.cpu)} |`);
    const steps = install.output.split('\n').filter((l) => l.includes('秒 s）')).map((l) => l.replace(/…完成 done（/, ': ').replace(/ 秒 s）/, ' s'));
    console.log(`install build (\`npm run prepare\`): ${f1(install.seconds)} s (${steps.join('; ')}); copying the files: ${f1(copied)} s`);
    console.log(`→ first page ${f1(first.page)} s after \`npm start\` (baseline ${f1(oldFirst.page)} s: ${(oldFirst.page / first.page).toFixed(1)}× faster); API ${f1(first.api)} s (${(oldFirst.api / first.api).toFixed(1)}×); second start ${f1(second.page)} s (baseline ${f1(oldSecond.page)} s: ${(oldSecond.page / second.page).toFixed(1)}×); CPU to the first page ${f1(first.cpu)} s (baseline ${f1(oldFirst.cpu)} s: ${(oldFirst.cpu / first.cpu).toFixed(1)}×)`);
    console.log(`second start says how to sign in: ${signIn ? 'yes' : 'NO'}; load average (1 min) at each step: ${loads.join(', ')}`);
    if (!signIn) process.exitCode = 1;
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}
