/**
 * Finding the three tables in a report's runs and reading each row's raw value slots.
 *
 * A table is found by its rows, not by its section heading (headings also appear in prose, and some reports
 * print the tables in another order): table 三 starts where the 本年新收 row is followed by the 上年结转
 * row; table 二 where 规章 is followed by 规范性文件; table 四 where its header words are followed by values.
 * Rows are then matched in template order, tolerating missing rows, group headers and label fragments.
 */
import type { Format } from '../report/model';
import { APP_ROWS, FORMAT_SIGNS, PROACTIVE, REVIEW_HEADER_MIN_SIGNS, REVIEW_HEADER_SIGNS, type AppRowDef } from '../report/template';
import { lastLineOf, lineOf, type Run, type Slot } from './tokens';

export interface RawRow {
  /** row path, e.g. "applications.disclosed" or "proactive.licensing" */
  path: string;
  slots: Slot[];
  found: boolean;
  /** line of the label */
  line: number;
}

export interface RawTable {
  rows: Map<string, RawRow>;
  /** index of the first and last run of the table */
  firstRun: number;
  lastRun: number;
  firstLine: number;
  lastLine: number;
}

const WINDOW = 8;
/** characters of a broken group header that may stand between the two halves of a broken row label */
const INTERLEAVED = 4;

interface RowPattern {
  path: string;
  match: RegExp;
}

/**
 * Walk the runs from `start`, matching row patterns in order. In a run that matches several rows (a group
 * header and its first sub-row, say) the row matched last owns the run's values.
 */
/** A pattern's global twin, to match from an offset (made once per pattern). */
const globals = new WeakMap<RegExp, RegExp>();
function sticky(re: RegExp): RegExp {
  let g = globals.get(re);
  if (!g) {
    g = new RegExp(re.source, re.flags.replace('g', '') + 'g');
    globals.set(re, g);
  }
  return g;
}

function walk(runs: Run[], start: number, patterns: RowPattern[], stop: (run: number) => boolean): RawTable {
  const rows = new Map<string, RawRow>();
  let pointer = 0;
  let misses = 0;
  let lastRun = start;
  // characters at the start of run r already taken by a label that began in run r − 1
  let consumed = 0;
  const matchIn = (text: string, from: number) => {
    const hits: { j: number; end: number; index: number }[] = [];
    for (let j = pointer; j < Math.min(patterns.length, pointer + WINDOW); j++) {
      const re = sticky(patterns[j].match);
      re.lastIndex = from;
      const m = re.exec(text);
      if (m) hits.push({ j, end: m.index + m[0].length, index: m.index });
    }
    return hits;
  };
  for (let r = start; r < runs.length && pointer < patterns.length; r++) {
    if (r > start && stop(r)) break;
    const run = runs[r];
    const skip = consumed;
    consumed = 0;
    let hits = matchIn(run.text, skip);
    if (hits.length === 0 && run.slots.length > 0 && r + 1 < runs.length && !(stop(r + 1))) {
      // A label broken around its values: a cell of several lines whose numbers sit on a middle line
      // ("5.要求行政机关确认或重" | 0 0 0 … | "新出具已获取信息"). The label starts in this run and ends in the
      // next: this run's values are that row's, and the next run is read from where the label ended.
      // A few characters may come between the two halves: the rest of a group header broken the same way
      // ("（六）其" … "他处理"), which the label's second half follows.
      const nextText = runs[r + 1].text;
      for (let drop = 0; drop <= INTERLEAVED && drop < nextText.length; drop++) {
        const joined = run.text + nextText.slice(drop);
        const across = matchIn(joined, skip).filter((h) => h.index < run.text.length && h.end > run.text.length);
        if (across.length === 0) continue;
        const h = across.sort((a, b) => a.index - b.index || a.j - b.j)[0];
        hits = [{ j: h.j, index: h.index, end: run.text.length }];
        consumed = drop + h.end - run.text.length;
        break;
      }
    }
    if (hits.length === 0) {
      if (++misses > 4) break;
      continue;
    }
    misses = 0;
    hits.sort((a, b) => a.end - b.end || a.j - b.j);
    hits.forEach((h, k) => {
      const path = patterns[h.j].path;
      if (rows.has(path)) return;
      // the last label owns the run's values; an earlier one owns the empty cells that follow it, if any
      const next = hits[k + 1];
      const slots = next ? (run.gaps.find((g) => g.at >= h.end && g.at <= next.index)?.slots ?? []) : run.slots;
      rows.set(path, { path, slots, found: true, line: lineOf(run, h.index) });
    });
    pointer = Math.max(...hits.map((h) => h.j)) + 1;
    lastRun = r;
  }
  const first = runs[start];
  const firstHit = [...rows.values()][0];
  return {
    rows,
    firstRun: start,
    lastRun,
    firstLine: firstHit?.line ?? first.line,
    lastLine: lastLineOf(runs[lastRun]),
  };
}

/**
 * Numbers printed before their label (a label vertically centred over several lines) or all labels
 * first and all numbers after: where one row holds k × n values and its k − 1 neighbours hold none,
 * deal the values out in row order.
 */
function redistribute(table: RawTable, order: string[], width: number): void {
  const rows = order.map((p) => table.rows.get(p)).filter((r): r is RawRow => r !== undefined);
  for (let i = 0; i < rows.length; i++) {
    const nums = rows[i].slots.filter((s) => s.kind === 'num').length;
    const k = Math.round(nums / width);
    if (k < 2 || nums !== k * width || rows[i].slots.length !== nums) continue;
    // empty neighbours after (values first) or before (labels first)
    const after = rows.slice(i + 1, i + k);
    const before = rows.slice(i - k + 1, i);
    const group = after.length === k - 1 && after.every((r) => r.slots.length === 0) ? [rows[i], ...after] : before.length === k - 1 && before.every((r) => r.slots.length === 0) ? [...before, rows[i]] : null;
    if (!group) continue;
    const slots = rows[i].slots;
    group.forEach((r, g) => {
      r.slots = slots.slice(g * width, (g + 1) * width);
    });
  }
}

// ---------------------------------------------------------------------------------------------------------
// Table 三

const hasValues = (run: Run) => run.slots.length > 0;

const never = () => false;

export function findApplicationsTable(runs: Run[]): RawTable | null {
  const [received, carriedOver] = APP_ROWS;
  for (let i = 0; i < runs.length; i++) {
    if (!received.match.test(runs[i].text) || !hasValues(runs[i])) continue;
    const follows = runs.slice(i + 1, i + 5).some((r) => carriedOver.match.test(r.text));
    if (!follows) continue;
    const table = walk(runs, i, APP_ROWS, never);
    redistribute(table, APP_ROWS.map((r) => r.path), 7);
    return table;
  }
  return null;
}

/** The layout of (六): three sub-rows when any of them was found. */
export function otherFormFound(table: RawTable): 'single' | 'split' {
  const split = APP_ROWS.filter((r: AppRowDef) => r.otherForm === 'split');
  return split.some((r) => table.rows.has(r.path)) ? 'split' : 'single';
}

// ---------------------------------------------------------------------------------------------------------
// Table 二

/** Rows of table 二 over both formats, in printed order, matched at the end of a run's text. */
const PROACTIVE_ROWS: RowPattern[] = (() => {
  const seen = new Map<string, RegExp[]>();
  for (const format of ['2019', '2021'] as Format[]) {
    for (const block of PROACTIVE[format]) {
      for (const row of block.rows) seen.set(row.key, [...(seen.get(row.key) ?? []), row.match]);
    }
  }
  const order = ['regulations', 'normativeDocuments', 'licensing', 'otherServices', 'punishment', 'enforcement', 'fees', 'procurement'];
  return order.map((key) => {
    // the template patterns match a whole label cell; in a run the label is at the end of the text
    const sources = (seen.get(key) ?? []).map((re) => re.source.replace(/^\^/, '').replace(/\$$/, ''));
    return { path: `proactive.${key}`, match: new RegExp(`(?:${sources.join('|')})$`) };
  });
})();

export function findProactiveTable(runs: Run[], stop: (run: number) => boolean = () => false): RawTable | null {
  const [regulations, normative, licensing] = PROACTIVE_ROWS;
  const start = (ok: (i: number) => boolean) => {
    for (let i = 0; i < runs.length; i++) if (ok(i)) return i;
    return -1;
  };
  let i = start(
    (i) => regulations.match.test(runs[i].text) && hasValues(runs[i]) && runs.slice(i + 1, i + 4).some((r) => normative.match.test(r.text)),
  );
  if (i < 0) i = start((i) => (normative.match.test(runs[i].text) || licensing.match.test(runs[i].text)) && hasValues(runs[i]) && /第二十条/.test(runs[i].text));
  if (i < 0) return null;
  return walk(runs, i, PROACTIVE_ROWS, stop);
}

/** Header words of each template version found in table 二's runs. */
export function formatSigns(runs: Run[], table: RawTable): Record<Format, number> {
  const text = runs
    .slice(Math.max(0, table.firstRun), table.lastRun + 1)
    .map((r) => r.text)
    .join('|');
  const count = (signs: RegExp[]) => signs.filter((re) => re.test(text)).length;
  return { '2019': count(FORMAT_SIGNS['2019']), '2021': count(FORMAT_SIGNS['2021']) };
}

// ---------------------------------------------------------------------------------------------------------
// Table 四

export interface RawReviewTable {
  slots: Slot[];
  run: number;
  firstLine: number;
  lastLine: number;
}

export function findReviewTable(runs: Run[]): RawReviewTable | null {
  for (let i = 0; i < runs.length; i++) {
    // the header may span several runs that hold no numbers (header lines ending in empty cells)
    let header = runs[i].text;
    for (let k = i - 1; k >= Math.max(0, i - 6) && !runs[k].slots.some((s) => s.kind === 'num'); k--) header = runs[k].text + header;
    const signs = REVIEW_HEADER_SIGNS.filter((re) => re.test(header)).length;
    const values = runs[i].slots.filter((s) => s.kind === 'num' || (s.kind === 'empty' && (s.dash || s.place !== 'trailing'))).length;
    if (signs < REVIEW_HEADER_MIN_SIGNS || values < 5) continue;
    const at = runs[i].text.search(/行政复议/);
    return { slots: runs[i].slots, run: i, firstLine: lineOf(runs[i], Math.max(0, at)), lastLine: lastLineOf(runs[i]) };
  }
  return null;
}
