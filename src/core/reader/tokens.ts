/**
 * Tokens and runs.
 *
 * A token is a piece of text, a number, or an empty cell. A run is a stretch of consecutive text tokens (a
 * label, maybe broken over lines and cells, maybe preceded by group headers) together with the value slots
 * that follow it up to the next text. Table rows are found by matching labels in a run's compact text; the
 * run's slots are that row's values.
 */
import { compact, halfWidth, isDashCell, parseNumber } from '../normalize';
import { LOST_CELL, type SourceDoc } from './source';

export type Token =
  | { kind: 'text'; text: string; line: number }
  | { kind: 'num'; value: number; raw: string; unit?: string; signed: boolean; line: number; sep: Separator; unsafe?: boolean; lost?: LostFigure }
  | { kind: 'empty'; line: number; dash: boolean; place: EmptyPlace };

/**
 * A figure extraction could not read (source.ts LOST_CELL): a number slot with no value (`unsafe`, so never
 * used as one), and the figures it might be.
 */
export interface LostFigure {
  candidates: number[];
}

/** A lost cell's marker → its candidates; null when the cell is not one. */
function lostFigure(cell: string): LostFigure | null {
  if (!cell.startsWith(LOST_CELL)) return null;
  const candidates = cell
    .slice(LOST_CELL.length)
    .split('|')
    .map((t) => parseNumber(t.trim()))
    .filter((n): n is NonNullable<typeof n> => n !== null)
    .map((n) => n.value);
  return { candidates };
}

/** what separated a number from the token before it */
export type Separator = 'cell' | 'space';
/**
 * where an empty cell sits in its line (plain text): interior and trailing ones may be real blanks or
 * artefacts of merged cells; "alone" is a line holding only a tab (one cell per line layouts).
 */
export type EmptyPlace = 'interior' | 'trailing' | 'alone' | 'structured';

const UNIT_ONLY = /^(?:万元|元|件|条|项|个|宗|份|篇|%)$/;

/**
 * A figure a number cannot hold exactly (an integer beyond 2^53, a decimal of more than 15 significant digits)
 * is marked, never used as a rounded number: the reader reports the cell as unreadable, naming the digits.
 */
function unsafe(value: number, raw: string): { unsafe?: true } {
  if (Number.isInteger(value)) return Math.abs(value) > Number.MAX_SAFE_INTEGER ? { unsafe: true } : {};
  // a decimal is exact as printed up to 15 significant digits
  const digits = raw.replace(/[^\d.]/g, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return digits.length > 15 ? { unsafe: true } : {};
}

/** A figure whose zeros OCR read as the letter O ("O", "1O"): the cell holds digits and O only. */
const OCR_ZERO = /^[0-9]*[OoＯ][0-9OoＯ]*$/;

function ocrDigits(cell: string): string {
  return OCR_ZERO.test(cell) ? cell.replace(/[OoＯ]/g, '0') : cell;
}

/**
 * Whether a trimmed cell or part (already folded by `halfWidth`) may be a number or an empty-cell mark, by its
 * first character: a number starts with a sign or a digit (or OCR's letter O for 0), a mark with a dash, a
 * slash or "无". Any other cell is text (most labels start with a Chinese character), and is not parsed.
 */
function mayBeValue(t: string): boolean {
  const c = t.charCodeAt(0);
  return (
    (c >= 48 && c <= 57) || // 0-9
    c === 43 || c === 45 || // + -
    c === 79 || c === 111 || c === 0xff2f || // O o Ｏ
    c === 0x2014 || c === 0x2013 || c === 0xff0d || // — – －
    c === 47 || c === 0xff0f || c === 92 || // / ／ \
    c === 0x65e0 // 无
  );
}

/** Whether a text holds whitespace (as `\s` matches it): most cells are one word, and need no split. */
function hasSpace(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c >= 0x4e00 && c <= 0x9fff) continue;
    if (c === 32 || (c >= 9 && c <= 13)) return true;
    if (c >= 0x80 && (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff)) return true;
  }
  return false;
}

function numToken(n: NonNullable<ReturnType<typeof parseNumber>>, raw: string, line: number, sep: Separator): Token {
  const token: Token = { kind: 'num', value: n.value, raw, unit: n.unit, signed: n.signed, line, sep };
  if (unsafe(n.value, raw).unsafe) token.unsafe = true;
  return token;
}

export function tokenize(doc: SourceDoc): Token[] {
  const tokens: Token[] = [];
  const lines = doc.lines;
  for (let i = 0; i < lines.length; i++) {
    const srcLine = lines[i];
    const line = i + 1;
    const cells = srcLine.cells;
    const trimmedCells: string[] = new Array(cells.length);
    let first = -1;
    let last = -1;
    for (let c = 0; c < cells.length; c++) {
      const t = halfWidth(cells[c]).trim();
      trimmedCells[c] = t;
      if (t.length > 0) {
        if (first < 0) first = c;
        last = c;
      }
    }
    if (first < 0) {
      // a whitespace-only line holding a tab is an empty cell (one cell per line layouts); a bare empty line is not
      if (!doc.structured && cells.length > 1) tokens.push({ kind: 'empty', line, dash: false, place: 'alone' });
      continue;
    }
    for (let c = 0; c < trimmedCells.length; c++) {
      const trimmed = trimmedCells[c];
      if (trimmed.length === 0) {
        // in plain text a leading tab is indentation or a merged cell, never a blank value
        if (!doc.structured && c < first) continue;
        const place: EmptyPlace = doc.structured ? 'structured' : c > last ? 'trailing' : 'interior';
        tokens.push({ kind: 'empty', line, dash: false, place });
        continue;
      }
      const lost = lostFigure(trimmed);
      if (lost) {
        tokens.push({ kind: 'num', value: Number.NaN, raw: '？', signed: false, line, sep: 'cell', unsafe: true, lost });
        continue;
      }
      if (mayBeValue(trimmed)) {
        if (isDashCell(trimmed)) {
          tokens.push({ kind: 'empty', line, dash: true, place: doc.structured ? 'structured' : 'interior' });
          continue;
        }
        const whole = parseNumber(ocrDigits(trimmed));
        if (whole) {
          tokens.push(numToken(whole, trimmed, line, 'cell'));
          continue;
        }
      }
      let firstPart = true;
      const parts = hasSpace(trimmed) ? trimmed.split(/\s+/) : [trimmed];
      for (let p = 0; p < parts.length; p++) {
        const part = parts[p];
        if (!mayBeValue(part)) {
          // text (or a unit after its number): no number, no mark
          if (UNIT_ONLY.test(part) && tokens.length > 0 && tokens[tokens.length - 1].kind === 'num') {
            // "251000 元": the unit belongs to the number before it
          } else {
            tokens.push({ kind: 'text', text: part, line });
          }
          firstPart = false;
          continue;
        }
        // a sub-row's number spaced off its label ("3 、其他", "3 .其他") is part of the label
        if (p + 1 < parts.length && /^\d{1,2}$/.test(part) && /^[、.．]/.test(parts[p + 1])) {
          tokens.push({ kind: 'text', text: part + parts[++p], line });
          firstPart = false;
          continue;
        }
        const n = parseNumber(part);
        if (n) {
          tokens.push(numToken(n, part, line, firstPart ? 'cell' : 'space'));
        } else if (UNIT_ONLY.test(part) && tokens.length > 0 && tokens[tokens.length - 1].kind === 'num') {
          // "251000 元": the unit belongs to the number before it
        } else if (isDashCell(part) && part !== '无') {
          // "—" between numbers; "无" only counts as an empty value when it is the whole cell
          tokens.push({ kind: 'empty', line, dash: true, place: 'interior' });
        } else {
          tokens.push({ kind: 'text', text: part, line });
        }
        firstPart = false;
      }
    }
  }
  return tokens;
}

export type Slot =
  | { kind: 'num'; value: number; raw: string; unit?: string; signed: boolean; line: number; sep: Separator; unsafe?: boolean; lost?: LostFigure }
  | { kind: 'empty'; line: number; dash: boolean; place: EmptyPlace };

export interface Run {
  /** compact text of the run's text tokens */
  text: string;
  /**
   * where each text token's characters start in `text`, with its source line, in order (tokens that leave no
   * characters are not listed): the line of character k is that of the last piece starting at or before k
   */
  pieces: { at: number; line: number }[];
  /** the numbers and empty cells after the text, up to the next text */
  slots: Slot[];
  /** empty cells that came between the run's text tokens, with the position in `text` where they came */
  gaps: { at: number; slots: Slot[] }[];
  /** line of the first text token */
  line: number;
}

const CHINESE_DIGITS = '一二三四五六七八九';

/**
 * A sub-row number written another way reads as "1.": "（1）", "(1)", "①" (already "1" after folding),
 * "一是". Group numbers in Chinese numerals ("（一）") are left as they are.
 */
function numbering(text: string): string {
  const c = text.charCodeAt(0);
  if (c === 40 /* ( */) return text.replace(/^\((\d{1,2})\)/, '$1.');
  if (text.charCodeAt(1) === 26159 /* 是 */) {
    const d = CHINESE_DIGITS.indexOf(text[0]);
    if (d >= 0) return `${d + 1}.${text.slice(2)}`;
  }
  return text;
}

export function buildRuns(tokens: Token[], structured: boolean): Run[] {
  const runs: Run[] = [];
  let cur: Run = { text: '', pieces: [], slots: [], gaps: [], line: 1 };
  const push = () => {
    if (cur.text.length > 0 || cur.slots.length > 0) runs.push(cur);
  };
  for (const t of tokens) {
    if (t.kind === 'text') {
      // Numbers end a run. Empty cells end it in a document's table (a row of blank cells); in plain text
      // only at the end of a line, since empty cells between words are merged-cell placeholders.
      // Empty cells ending a line of tab-separated text ("二、上年结转…\t\t\t\t\t\t\t") close the run too.
      const values = cur.slots.some((s) => s.kind === 'num' || (s.kind === 'empty' && s.dash));
      const lineEnd = cur.slots.length > 0 && cur.slots[cur.slots.length - 1].kind === 'empty' && (cur.slots[cur.slots.length - 1] as { place: string }).place === 'trailing';
      if (values || (cur.text.length > 0 && cur.slots.length > 0 && (structured || lineEnd))) {
        push();
        cur = { text: '', pieces: [], slots: [], gaps: [], line: t.line };
      }
      // empty cells inside a header or between labels: kept aside (a label followed only by empty cells
      // may be a row of blanks), not as the run's values
      else if (cur.slots.length > 0 && cur.text.length > 0) cur.gaps.push({ at: cur.text.length, slots: cur.slots });
      if (cur.text.length === 0) cur.line = t.line;
      cur.slots = [];
      const c = numbering(compact(t.text));
      if (c.length > 0) cur.pieces.push({ at: cur.text.length, line: t.line });
      cur.text += c;
    } else {
      cur.slots.push(t);
    }
  }
  push();
  return runs;
}

/** The source line of a character of a run's text. */
export function lineOf(run: Run, index: number): number {
  const { pieces } = run;
  if (pieces.length === 0) return run.line;
  const k = Math.max(0, Math.min(index, run.text.length - 1));
  if (Number.isNaN(k)) return run.line;
  // the last piece starting at or before k (binary search: a run of prose has many pieces)
  let lo = 0;
  let hi = pieces.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (pieces[mid].at <= k) lo = mid;
    else hi = mid - 1;
  }
  return pieces[lo].line;
}

/** The characters of a run's text that came from a given source line. */
export function textOnLine(run: Run, line: number): string {
  let out = '';
  const { pieces } = run;
  for (let p = 0; p < pieces.length; p++) {
    if (pieces[p].line === line) out += run.text.slice(pieces[p].at, p + 1 < pieces.length ? pieces[p + 1].at : run.text.length);
  }
  return out;
}

/** The last line a run touches (text or slots). */
export function lastLineOf(run: Run): number {
  const s = run.slots[run.slots.length - 1];
  return s ? s.line : run.pieces.length > 0 ? run.pieces[run.pieces.length - 1].line : run.line;
}
