/**
 * Where a finding is in the text of a report as published: the sentence a text finding quotes, or the table
 * row of a cell, as line ranges of the text to highlight. Pure; the text is given as its lines (1-based).
 */
import { compact } from '../normalize';
import type { Finding } from '../report/findings';
import { SECTIONS, appRowByPath, PROACTIVE } from '../report/template';

export interface TextMark {
  /** 1-based line */
  line: number;
  /** UTF-16 offsets in that line's text; the whole line when absent */
  start?: number;
  end?: number;
}

/** The compact form of each character of a text, with the offset each came from (whitespace and quotes dropped). */
function compactIndex(lines: readonly string[], from: number, to: number): { text: string; at: { line: number; offset: number }[] } {
  let text = '';
  const at: { line: number; offset: number }[] = [];
  for (let l = from; l <= to; l++) {
    const s = lines[l - 1] ?? '';
    for (let i = 0; i < s.length; i++) {
      const c = compact(s[i]);
      for (let k = 0; k < c.length; k++) {
        text += c[k];
        at.push({ line: l, offset: i });
      }
    }
  }
  return { text, at };
}

/** Ranges covering `[start, end)` of a compact index, one per line. */
function marksOf(at: { line: number; offset: number }[], start: number, end: number): TextMark[] {
  const out: TextMark[] = [];
  for (let i = start; i < end; i++) {
    const { line, offset } = at[i];
    const last = out[out.length - 1];
    if (last && last.line === line) last.end = offset + 1;
    else out.push({ line, start: offset, end: offset + 1 });
  }
  return out;
}

/** The passages a message quotes (the report's own words), without a trailing "…" of a shortened quotation. */
export function quotedPassages(message: string): string[] {
  return [...message.matchAll(/“([^”]*)”/g)].map((m) => m[1].replace(/…$/, '')).filter((q) => q.length >= 4);
}

/** The quoted sentence of a text finding, searched near its line first, then in the whole text. */
function markSentence(lines: readonly string[], f: Pick<Finding, 'where' | 'message'>): TextMark[] {
  const n = Number(/^line (\d+)$/.exec(f.where)?.[1] ?? 0);
  const windows: [number, number][] = n > 0 ? [[Math.max(1, n - 2), Math.min(lines.length, n + 3)], [1, lines.length]] : [[1, lines.length]];
  const out: TextMark[] = [];
  for (const q of quotedPassages(f.message)) {
    const needle = compact(q);
    for (const [from, to] of windows) {
      const idx = compactIndex(lines, from, to);
      const i = idx.text.indexOf(needle);
      if (i >= 0) {
        out.push(...marksOf(idx.at, i, i + needle.length));
        break;
      }
    }
  }
  if (out.length === 0 && n > 0 && n <= lines.length) out.push({ line: n });
  return out;
}

/** The line where a section's heading is ("三、收到和处理政府信息公开申请情况"), or 1. */
function sectionLine(lines: readonly string[], key: (typeof SECTIONS)[number]['key']): number {
  const s = SECTIONS.find((x) => x.key === key)!;
  const titles = [s.title, ...s.variants].map(compact);
  const i = lines.findIndex((l) => {
    const c = compact(l);
    return c.startsWith(`${s.numeral}.`) || c.startsWith(`${s.numeral}、`) ? titles.some((t) => c.includes(t)) : false;
  });
  return i >= 0 ? i + 1 : 1;
}

/** A line's label: its compact text without the figures that follow the label. */
const labelOf = (line: string) => compact(line).replace(/[-\d.,|/%]+$/, '');

/** The table row a cell is printed in: the first line after its table's heading whose label is the row's. */
function markRow(lines: readonly string[], path: string): TextMark[] {
  const app = /^(applications\.[a-zA-Z.]+)(?:\[\d\])?$/.exec(path);
  if (app) {
    const row = appRowByPath(app[1]);
    if (!row) return [];
    const from = sectionLine(lines, 'applications');
    for (let l = from; l <= lines.length; l++) if (row.match.test(labelOf(lines[l - 1])) || row.match.test(compact(lines[l - 1]))) return [{ line: l }];
    return [];
  }
  const pro = /^proactive\.(\w+)/.exec(path);
  if (pro) {
    const rows = [...PROACTIVE['2019'], ...PROACTIVE['2021']].flatMap((b) => b.rows).filter((r) => r.key === pro[1]);
    const from = sectionLine(lines, 'proactive');
    for (let l = from; l <= lines.length; l++) if (rows.some((r) => r.match.test(labelOf(lines[l - 1])))) return [{ line: l }];
    return [];
  }
  if (path.startsWith('reviewLitigation')) {
    // table 四 prints its 15 figures in one row under a header: the first line after the heading of figures only
    const from = sectionLine(lines, 'reviewLitigation');
    for (let l = from + 1; l <= lines.length; l++) if (/^[\d\s|,.，、-]+$/.test(lines[l - 1]) && (lines[l - 1].match(/\d+/g)?.length ?? 0) >= 5) return [{ line: l }];
    return from > 1 ? [{ line: from }] : [];
  }
  return [];
}

/**
 * What to highlight for a finding in the text (lines numbered from 1): the sentence a text finding quotes
 * (or its line), the row of a cell. Empty when the text does not show it.
 */
export function highlightFinding(lines: readonly string[], f: Pick<Finding, 'where' | 'message'>): TextMark[] {
  if (/^line \d+$/.test(f.where)) return markSentence(lines, f);
  return markRow(lines, f.where);
}
