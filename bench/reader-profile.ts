/**
 * The reader alone in a loop, for a profiler: `node --import tsx --cpu-prof --cpu-prof-dir=/tmp/prof bench/reader-profile.ts [seconds] [fixture…]`.
 * Prints per-fixture CPU time per read.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readReportText } from '../src/core/reader/read';
import { FIXTURE_DIR as dir } from '../test/helpers/fixtures';

const args = process.argv.slice(2);
const seconds = Number(args[0] ?? 5);
const names = args.length > 1 ? args.slice(1) : ['fuqing-health-2020.txt', 'jinjiang-health-2022.txt'];
const texts = names.map((f) => readFileSync(path.join(dir, f), 'utf8'));
for (const [i, t] of texts.entries()) {
  for (let k = 0; k < 200; k++) readReportText(t);
  const c0 = process.cpuUsage();
  let n = 0;
  while (process.cpuUsage(c0).user < 1e6) {
    for (let k = 0; k < 50; k++) readReportText(t);
    n += 50;
  }
  const c = process.cpuUsage(c0);
  console.log(`${names[i]}: ${((c.user + c.system) / n / 1000).toFixed(3)} ms CPU per read`);
}
const c0 = process.cpuUsage();
let n = 0;
while (process.cpuUsage(c0).user < seconds * 1e6) {
  for (let k = 0; k < 50; k++) for (const t of texts) readReportText(t);
  n += 50 * texts.length;
}
const c = process.cpuUsage(c0);
console.log(`all: ${((n * 1e6) / (c.user + c.system)).toFixed(0)} reports per CPU second`);
