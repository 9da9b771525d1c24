/**
 * A performance change to the reader must not change any result. This script reads many inputs (the fixtures,
 * every layout family of each, cuts, and seeded mutations that drop, split, blank or duplicate cells so that the
 * solver's trial readings run) and writes every result (report, findings, narrative, checks) as JSON lines.
 * Run it before and after a change and compare the files:
 *
 *   npx tsx bench/reader-golden.ts > /tmp/before.jsonl   (change…)   npx tsx bench/reader-golden.ts > /tmp/after.jsonl
 *   cmp /tmp/before.jsonl /tmp/after.jsonl
 */
import * as OpenCC from 'opencc-js/cn2t';
import { readReport, readReportText } from '../src/core/reader/read';
import { checkReport } from '../src/core/report/checks';
import { checkNarrative } from '../src/core/report/narrative';
import { extractSource } from '../src/extract/index';
import { seededRandom } from '../src/core/random';
import { REPORT_FIXTURES, expectedReport, fixtureBytes, fixtureText } from '../test/helpers/fixtures';
import {
  crlf,
  cutAt,
  cutLayout,
  fullWidthDigits,
  layoutText,
  pageFooters,
  padNumbers,
  reorderTables,
  sourceRows,
  spaceOutLabels,
  tabsToLines,
  toMarkdown,
  toPdfText,
  toPipes,
  toTabs,
} from '../test/helpers/variants';

const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });

/** Seeded damage to the numbers of a text: drop one, blank one, split one, duplicate one, change one. */
function mutate(text: string, seed: number): string {
  const random = seededRandom(seed);
  const lines = text.split('\n');
  for (let k = 0; k < 1 + Math.floor(random() * 4); k++) {
    const i = Math.floor(random() * lines.length);
    const cells = lines[i].split('\t');
    const nums = cells.map((c, j) => (/^\s*\d+\s*$/.test(c) ? j : -1)).filter((j) => j >= 0);
    if (nums.length === 0) continue;
    const j = nums[Math.floor(random() * nums.length)];
    const what = Math.floor(random() * 6);
    if (what === 0) cells.splice(j, 1);
    else if (what === 1) cells[j] = '';
    else if (what === 2 && cells[j].trim().length > 1) cells[j] = `${cells[j].trim()[0]} ${cells[j].trim().slice(1)}`;
    else if (what === 3) cells.splice(j, 0, cells[j]);
    else if (what === 4) cells[j] = String(Number(cells[j]) + 1 + Math.floor(random() * 3));
    else cells[j] = '—';
    lines[i] = cells.join('\t');
  }
  return lines.join('\n');
}

const out: string[] = [];
const emit = (name: string, r: ReturnType<typeof readReportText>) => {
  const checks = r.report ? [...checkReport(r.report), ...checkNarrative(r.report, r.narrative)] : null;
  out.push(JSON.stringify({ name, ...r, checks }));
};

for (const fx of REPORT_FIXTURES) {
  const x = await extractSource(fixtureBytes(fx));
  if (!x.ok) throw new Error(`${fx.name}: ${x.message}`);
  emit(`${fx.name}:source`, readReport(x.doc));
  const rows = sourceRows(x.doc);
  const tabs = toTabs(rows);
  const texts: [string, string][] = [
    ['tabs', tabs],
    ['markdown', toMarkdown(rows)],
    ['pipes-cell', toPipes(rows, 'cell')],
    ['pipes-row', toPipes(rows, 'row')],
    ['pdf', toPdfText(rows)],
    ['traditional', toTraditional(tabs)],
    ['lines', tabsToLines(tabs)],
    ['spaced', spaceOutLabels(tabs)],
    ['fullwidth', fullWidthDigits(tabs)],
    ['padded', padNumbers(tabs)],
    ['crlf', crlf(tabs)],
    ['footers', pageFooters(tabs)],
  ];
  for (const style of ['tabs', 'lines', 'spaces'] as const) texts.push([`layout-${style}`, layoutText(expectedReport(fx.name), style)]);
  for (const share of [0.25, 0.5, 0.75]) {
    texts.push([`cut-${share}`, cutAt(tabs, share)]);
    texts.push([`cutLayout-${share}`, cutLayout(expectedReport(fx.name), share).text]);
  }
  for (let seed = 1; seed <= 40; seed++) texts.push([`mutated-${seed}`, mutate(tabs, seed * 7919 + fx.name.length)]);
  for (let seed = 1; seed <= 10; seed++) texts.push([`mutated-md-${seed}`, mutate(toMarkdown(rows).replace(/ \| /g, '\t'), seed * 104729)]);
  try {
    texts.push(['reordered', reorderTables(tabs)]);
  } catch {
    // a fixture without the plain section headings
  }
  for (const [name, text] of texts) emit(`${fx.name}:${name}`, readReportText(text));
}
// the reader test's random damage (lines dropped or repeated, numbers or digits dropped, tabs lost)
const damage = (text: string, seed: number): string => {
  let s = seed;
  const next = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const lines = text.split('\n');
  for (let k = 0; k < 6; k++) {
    const i = Math.floor(next() * lines.length);
    const op = next();
    if (op < 0.3) lines.splice(i, 1);
    else if (op < 0.5) lines[i] = lines[i].replace(/\t\d+/, '');
    else if (op < 0.7) lines[i] = lines[i].replace(/\t/g, ' ');
    else if (op < 0.85) lines.splice(i, 0, lines[Math.floor(next() * lines.length)]);
    else lines[i] = lines[i].replace(/\d/, '');
  }
  return lines.join('\n');
};
for (const name of ['fuqing-health-2020', 'jinjiang-health-2022'] as const) {
  for (let seed = 1; seed <= 300; seed++) emit(`${name}:damage-${seed}`, readReportText(damage(fixtureText(name), seed)));
}
for (const [name, text] of [
  ['empty', ''],
  ['garbage', 'hello\u0000\u0001 world\n'.repeat(1000)],
  ['numbers', '1 2 3 4 5 6 7\n'.repeat(500)],
] as const) {
  emit(name, readReportText(text));
}
process.stdout.write(out.join('\n') + '\n');
