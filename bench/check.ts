/**
 * `gongkai report check` as a user runs it, on a folder of 1,000 generated text reports (the demo city,
 * src/demo): reports per second on all cores, against one core (--jobs 1) in the same run, with the workbook
 * written each time.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCity } from '../src/demo/write';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin/gongkai.js');
const REPORTS = 1000;

function checkOnce(dir: string, jobs: number | null): number {
  const xlsx = path.join(dir, '..', `check-${jobs ?? 'all'}.xlsx`);
  const t0 = performance.now();
  try {
    execFileSync(process.execPath, [BIN, 'report', 'check', dir, '--xlsx', xlsx, ...(jobs ? ['--jobs', String(jobs)] : [])], { stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 1 << 30 });
  } catch (e) {
    // exit 1: some reports break a rule (the planted mistakes), as expected
    if ((e as { status?: number }).status !== 1) throw e;
  }
  const ms = performance.now() - t0;
  if (statSync(xlsx).size === 0) throw new Error('no workbook written');
  return ms;
}

export async function run(): Promise<void> {
  const base = mkdtempSync(path.join(tmpdir(), 'gongkai-bench-check-'));
  const dir = path.join(base, 'reports');
  try {
    // the government and 40 departments over 25 years (2000–2024): 1,025 reports; the first year's last 25 removed
    await writeCity(dir, { agencies: 40, years: Array.from({ length: 25 }, (_, i) => 2000 + i), formats: ['txt'], seed: 1 });
    const first = path.join(dir, '2000');
    for (const f of readdirSync(first).sort().slice(0, 41 * 25 - REPORTS)) rmSync(path.join(first, f));
    const count = readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.txt')).length;
    const cores = availableParallelism();
    const all = checkOnce(dir, null);
    const one = checkOnce(dir, 1);
    console.log(`\n## gongkai report check, ${count} generated text reports, workbook written (--xlsx)`);
    console.log('| run | seconds | reports/s |');
    console.log('| --- | ---: | ---: |');
    console.log(`| all cores (${cores}) | ${(all / 1000).toFixed(1)} | ${((count * 1000) / all).toFixed(0)} |`);
    console.log(`| one core (--jobs 1) | ${(one / 1000).toFixed(1)} | ${((count * 1000) / one).toFixed(0)} |`);
    console.log(`→ ${((count * 1000) / all).toFixed(0)} reports/s on ${cores} cores, ${((count * 1000) / one).toFixed(0)} on one: ${(one / all).toFixed(2)}× (wall time, process start and workbook included)`);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}
