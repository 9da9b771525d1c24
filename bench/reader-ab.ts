/**
 * A/B timing of the reader in one process: this checkout's reader against another copy of src/ (e.g. the code
 * before a change), interleaved so that both see the same machine load. CPU time per read of each fixture.
 *
 *   mkdir -p /tmp/base && git archive HEAD src | tar -x -C /tmp/base && ln -s "$PWD/node_modules" /tmp/base/node_modules
 *   node --import tsx bench/reader-ab.ts /tmp/base/src [rounds]
 *
 * Each figure is the lower quartile of `rounds` batches of 100 reads (other processes only ever add time).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readReportText } from '../src/core/reader/read';
import { FIXTURE_DIR as dir } from '../test/helpers/fixtures';

const [baseSrc, roundsArg] = process.argv.slice(2);
const rounds = Number(roundsArg ?? 8);
const base = (await import(path.resolve(baseSrc, 'core/reader/read.ts'))) as { readReportText: typeof readReportText };
const names = ['fuqing-health-2020.txt', 'jinjiang-health-2022.txt', 'pingtan-jtj-2020.txt', 'shanghai-stcsm-2024-markdown.txt'];
const texts = names.map((f) => readFileSync(path.join(dir, f), 'utf8'));

const cpu = (fn: () => void, n: number) => {
  const c0 = process.cpuUsage();
  for (let i = 0; i < n; i++) fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / n / 1000;
};
for (const t of texts) for (let i = 0; i < 200; i++) (base.readReportText(t), readReportText(t));
const results = names.map(() => ({ a: [] as number[], b: [] as number[] }));
for (let r = 0; r < rounds; r++) {
  texts.forEach((t, i) => {
    results[i].a.push(cpu(() => base.readReportText(t), 100));
    results[i].b.push(cpu(() => readReportText(t), 100));
  });
}
const lowQuartile = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 4)]; // the lower quartile: other processes only ever add time
console.log('| fixture | before ms CPU | after ms CPU | speed-up |');
console.log('| --- | ---: | ---: | ---: |');
let sa = 0;
let sb = 0;
results.forEach((r, i) => {
  const a = lowQuartile(r.a);
  const b = lowQuartile(r.b);
  if (i < 2) (sa += a), (sb += b);
  console.log(`| ${names[i]} | ${a.toFixed(3)} | ${b.toFixed(3)} | ${(a / b).toFixed(2)}× |`);
});
console.log(`Fuqing + Jinjiang: ${(2000 / sa).toFixed(0)} → ${(2000 / sb).toFixed(0)} reports per CPU second (${(sa / sb).toFixed(2)}×)`);
