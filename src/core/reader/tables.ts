/**
 * Finding the three tables in a report's runs and reading each row's raw value slots.
 *
 * A table is found by its rows, not by its section heading (headings also appear in prose, and some reports
 * print the tables in another order): table 三 starts where the 本年新收 row is followed by the 上年结转
 * row; table 二 where 规章 is followed by 规范性文件; table 四 where its header words are followed by values.
 * Rows are then matched in template order, tolerating missing rows, group headers and label fragments.
 */
import type { Format } from '../report/model';
import {
  APP_ROWS,
  FORMAT_SIGNS,
  PROACTIVE,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
  REVIEW_HEADER_MIN_SIGNS,
  REVIEW_HEADER_SIGNS,
  SECTIONS,
  type AppRowDef,
} from '../report/template';

const REVIEW_CELLS = REVIEW_COLUMNS.length * REVIEW_GROUPS.length;
import { lastLineOf, lineOf, textOnLine, type Run, type Slot } from './tokens';

export interface RawRow {
  /** row path, e.g. "applications.disclosed" or "proactive.licensing" */
  path: string;
  slots: Slot[];
  found: boolean;
  /** line of the label */
  line: number;
  /** rows whose labels came before this one's in the same run, with no values of their own */
  sharedWith?: string[];
}

export interface RawTable {
  rows: Map<string, RawRow>;
  /** index of the first and last run of the table */
  firstRun: number;
  lastRun: number;
  firstLine: number;
  lastLine: number;
  /** found without its first rows (the text starts inside the table) */
  partial?: boolean;
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
      const bare = next ? [] : hits.slice(0, k).map((o) => patterns[o.j].path).filter((p) => rows.get(p)?.slots.length === 0);
      rows.set(path, { path, slots, found: true, line: lineOf(run, h.index), ...(bare.length > 0 ? { sharedWith: bare } : {}) });
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
    unshare(table);
    return byPosition(runs, table) ?? table;
  }
  return partOfApplicationsTable(runs);
}

/** Values a run must hold to count as a row of table 三 found without its first rows. */
const PART_MIN_VALUES = 5;

/**
 * Table 三 without its first rows (a single page of a report, a text that starts mid-table): two rows in
 * template order, each with a row's values, start it; it is read from there.
 */
function partOfApplicationsTable(runs: Run[]): RawTable | null {
  const values = (run: Run) => run.slots.filter((s) => s.kind === 'num' || s.dash).length;
  for (let i = 0; i + 1 < runs.length; i++) {
    if (values(runs[i]) < PART_MIN_VALUES) continue;
    for (let j = 2; j + 1 < APP_ROWS.length; j++) {
      if (!APP_ROWS[j].match.test(runs[i].text)) continue;
      const next = runs[i + 1];
      if (values(next) < PART_MIN_VALUES || !APP_ROWS.slice(j + 1, j + 4).some((r) => r.match.test(next.text))) continue;
      const table = walk(runs, i, APP_ROWS.slice(j), never);
      unshare(table);
      return { ...table, partial: true };
    }
  }
  return null;
}

const APP_WIDTH = 7; // the 7 applicant columns; a part of table 三 is found by rows of at least PART_MIN_VALUES

/**
 * Two row labels printed together and one row of values after them ("5.属于三类内部事务信息 / 1.本机关不掌握相关
 * 政府信息 / 1 0 0 0 0 0 1", as a converter tears labels off their rows): the values may be either row's, so
 * neither takes them. A group header followed by its first sub-row ("（六）其他处理 1.申请人…") is not such a pair.
 */
function unshare(table: RawTable): void {
  for (const row of table.rows.values()) {
    const others = (row.sharedWith ?? []).filter((p) => p !== 'applications.other');
    if (others.length === 0) continue;
    if (row.slots.filter((s) => s.kind === 'num' || s.dash).length > APP_WIDTH) continue;
    row.slots = [];
  }
}

/** Whether a row read by its label has what a row of table 三 needs: its 7 cells. */
function complete(row: RawRow | undefined): boolean {
  return row !== undefined && row.slots.filter((s) => s.kind === 'num' || s.dash).length === APP_WIDTH;
}

/**
 * Table 三 read by position: what converters make of it (Markdown tables with the labels torn off some rows,
 * labels printed elsewhere as wrapped text, a garbage header) still prints the value rows in table order, one
 * line each. When the table's lines that hold a row of values are exactly as many as the rows of one form of
 * (六), and every such line that carries a label carries the label of the row at its position, the rows are
 * placed by position. Used only where reading by label left a row incomplete or missing.
 */
function byPosition(runs: Run[], table: RawTable): RawTable | null {
  const labelled = APP_ROWS.filter((r) => table.rows.has(r.path));
  const defects = APP_ROWS.filter((r) => !r.otherForm).some((r) => !complete(table.rows.get(r.path)));
  if (!defects && labelled.every((r) => complete(table.rows.get(r.path)))) return null;
  // the lines of values, in order, each with the label text printed on the same line
  interface ValueLine {
    line: number;
    slots: Slot[];
    label: string;
  }
  const lines: ValueLine[] = [];
  let last = table.lastRun;
  while (last + 1 < runs.length && runs[last + 1].text.length === 0) last++;
  const isValue = (s: Slot) => s.kind === 'num' || s.dash;
  for (let r = table.firstRun; r <= last; r++) {
    const run = runs[r];
    const labelOn = (line: number) => textOnLine(run, line);
    let slots = run.slots;
    if (slots.length >= APP_WIDTH && slots.every((s, k) => k === 0 || s.line !== slots[k - 1].line)) {
      // an empty cell after the last row's values closes the row (a blank cell beyond the table's width)
      while (slots.length % APP_WIDTH !== 0 && !isValue(slots[slots.length - 1])) slots = slots.slice(0, -1);
      // one cell per line: the run's cells in rows of 7, after a stray number or two the converter moved
      // before them (they are not read)
      const stray = slots.length % APP_WIDTH;
      if (stray > 2 || !slots.slice(0, stray).every(isValue)) continue;
      for (let k = stray; k < slots.length; k += APP_WIDTH) {
        lines.push({ line: slots[k].line, slots: slots.slice(k, k + APP_WIDTH), label: k === stray ? labelOn(slots[0].line) : '' });
      }
      continue;
    }
    let current: ValueLine | null = null;
    for (const s of slots) {
      if (!current || current.line !== s.line) {
        if (current) lines.push(current);
        current = { line: s.line, slots: [], label: current === null ? labelOn(s.line) : '' };
      }
      current.slots.push(s);
    }
    if (current) lines.push(current);
  }
  const rows = lines
    .map((l) => {
      const values = l.slots.filter(isValue).length;
      if (values === APP_WIDTH) return { ...l, slots: l.slots.filter((s) => isValue(s) || (s.kind === 'empty' && s.place !== 'trailing')) };
      // a row of cells with blanks among them (a Markdown row "| 1 | 0 | … |  |")
      if (values >= 1 && values < APP_WIDTH && l.slots.length >= APP_WIDTH) return { ...l, slots: l.slots.slice(0, APP_WIDTH) };
      // a row that lost a cell or two (a blank total at the end of a line of text)
      if (values >= APP_WIDTH - 2 && values < APP_WIDTH) return l;
      return null;
    })
    .filter((l): l is ValueLine => l !== null);
  // (六) as its labels print it: the other form's rows are not there to be placed
  const labelledForm = APP_ROWS.some((r) => r.otherForm === 'split' && table.rows.has(r.path)) ? 'split' : table.rows.has('applications.other') ? 'single' : null;
  const firstValueLine = (slots: Slot[]) => slots.find(isValue)?.line;
  for (const form of ['split', 'single'] as const) {
    if (labelledForm !== null && form !== labelledForm) continue;
    const defs = APP_ROWS.filter((r) => !r.otherForm || r.otherForm === form);
    if (rows.length !== defs.length) continue;
    // a label on a line must be its position's (or no row's: a header fragment)
    const agrees = rows.every((l, i) => {
      if (l.label.length === 0 || defs[i].match.test(l.label)) return true;
      return !APP_ROWS.some((d) => d.match.test(l.label));
    });
    if (!agrees) continue;
    // a row read in full by its label must be the line at its position: else a line of values went missing
    // (a row cut in two, say) and every row after it would take its neighbour's values
    const placed = defs.every((d, i) => {
      const r = table.rows.get(d.path);
      return !complete(r) || firstValueLine(r!.slots) === firstValueLine(rows[i].slots);
    });
    if (!placed) continue;
    const out = new Map<string, RawRow>();
    defs.forEach((d, i) => out.set(d.path, { path: d.path, slots: rows[i].slots, found: true, line: rows[i].line }));
    return { ...table, rows: out, lastLine: Math.max(table.lastLine, rows[rows.length - 1].line) };
  }
  return null;
}

/** The layout of (六) as printed: three sub-rows when any of them was found, one row when it was; else null. */
export function otherFormFound(table: RawTable): 'single' | 'split' | null {
  const split = APP_ROWS.filter((r: AppRowDef) => r.otherForm === 'split');
  if (split.some((r) => table.rows.has(r.path))) return 'split';
  if (table.rows.has('applications.other')) return 'single';
  // a table that goes on past (六) without either form printed the single row unrecognised
  return table.rows.has('applications.total') || table.rows.has('applications.carriedForward') ? 'single' : null;
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
  const table = walk(runs, i, PROACTIVE_ROWS, stop);
  findStrayRows(runs, table, PROACTIVE_ROWS);
  return table;
}

/** Runs of a table's neighbourhood searched for its rows printed out of order. */
const STRAY_REACH = 60;

/**
 * Rows of table 二 printed away from the others (a converter that moved the 第（一）项 block after the rest):
 * a line that starts with the row's label and holds its values, near the table. The label must begin its line,
 * so that prose ("全年办理行政许可 97 件") is not taken for a row.
 */
function findStrayRows(runs: Run[], table: RawTable, patterns: RowPattern[]): void {
  for (const pattern of patterns) {
    if (table.rows.has(pattern.path)) continue;
    let best: { r: number; row: RawRow } | null = null;
    const from = Math.max(0, table.firstRun - STRAY_REACH);
    const to = Math.min(runs.length - 1, table.lastRun + STRAY_REACH);
    for (let r = from; r <= to; r++) {
      const run = runs[r];
      if (run.slots.length === 0 || run.slots.length > 4) continue;
      const m = pattern.match.exec(run.text);
      if (!m) continue;
      const at = m.index;
      const line = lineOf(run, at);
      const startsLine = at === 0 || lineOf(run, at - 1) !== line;
      const sameLine = run.slots.every((s) => s.line === run.slots[0].line) && run.slots[0].line - lineOf(run, run.text.length - 1) <= 1;
      if (!startsLine || !sameLine || !run.slots.some((s) => s.kind === 'num')) continue;
      if (!best || Math.abs(r - table.firstRun) < Math.abs(best.r - table.firstRun)) best = { r, row: { path: pattern.path, slots: run.slots, found: true, line } };
    }
    if (!best) continue;
    table.rows.set(pattern.path, best.row);
    table.firstLine = Math.min(table.firstLine, best.row.line);
    table.lastLine = Math.max(table.lastLine, best.row.line);
  }
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
    // a run with fewer than 5 values is no row of table 四: its header is not looked at
    const values = runs[i].slots.filter((s) => s.kind === 'num' || (s.kind === 'empty' && (s.dash || s.place !== 'trailing'))).length;
    if (values < 5) continue;
    // the header may span several runs that hold no numbers (header lines ending in empty cells)
    let header = runs[i].text;
    for (let k = i - 1; k >= Math.max(0, i - 6) && !runs[k].slots.some((s) => s.kind === 'num'); k--) header = runs[k].text + header;
    const signs = REVIEW_HEADER_SIGNS.filter((re) => re.test(header)).length;
    if (signs < REVIEW_HEADER_MIN_SIGNS) continue;
    const at = runs[i].text.search(/行政复议/);
    return { slots: runs[i].slots, run: i, firstLine: lineOf(runs[i], Math.max(0, at)), lastLine: lastLineOf(runs[i]) };
  }
  return reviewTableAfterHeading(runs);
}

/** The titles of section 四 without punctuation, longest first. */
const REVIEW_TITLES = (() => {
  const s = SECTIONS.find((x) => x.key === 'reviewLitigation')!;
  return [s.title, ...s.variants].map((t) => t.replace(/[、，,]/g, '')).sort((a, b) => b.length - a.length);
})();
/** Runs after section 四's heading searched for its row of values. */
const REVIEW_REACH = 8;

/**
 * Table 四 whose header is lost or unreadable (a converter's invented column names, a header set vertically
 * one character per line): the first row of 15 values (one may be lost) after the section's heading.
 */
function reviewTableAfterHeading(runs: Run[]): RawReviewTable | null {
  for (let i = 0; i < runs.length; i++) {
    const text = runs[i].text.replace(/[、，,]/g, '');
    const at = REVIEW_TITLES.map((t) => text.lastIndexOf(t)).find((k) => k >= 0);
    if (at === undefined) continue;
    for (let k = i; k < Math.min(runs.length, i + REVIEW_REACH); k++) {
      const values = runs[k].slots.filter((s) => s.kind === 'num' || (s.kind === 'empty' && (s.dash || s.place !== 'trailing'))).length;
      if (values >= REVIEW_CELLS - 1 && values <= REVIEW_CELLS + 2) {
        return { slots: runs[k].slots, run: k, firstLine: lineOf(runs[i], at), lastLine: lastLineOf(runs[k]) };
      }
      if (k > i && runs[k].slots.some((s) => s.kind === 'num')) break;
    }
  }
  return null;
}
