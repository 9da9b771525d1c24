/**
 * Text normalisation shared by the report reader and the narrative checks.
 *
 * Published reports mix full-width and half-width digits and brackets, space out characters ("本 年 度"),
 * break labels across lines and use several kinds of quotes. "Compact" text removes all of that so that
 * one pattern matches every variant.
 */

/**
 * Characters NFKC would change that appear in reports: ideographic space, full-width forms, enclosed and
 * circled numbers, Kangxi radicals and CJK compatibility ideographs (PDF text often carries those for
 * ordinary characters, e.g. "⾏" U+2F8F for "行"), and the dashes we fold.
 */
const NEEDS_FOLDING = /[\u2010-\u2015\u2212\u2150-\u218f\u2460-\u24ff\u2e80-\u2fdf\u3000\u3200-\u33ff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/;

/** Full-width forms to ASCII (digits, letters, brackets, %, +, −), ideographic space to space. */
export function halfWidth(s: string): string {
  if (!NEEDS_FOLDING.test(s)) return s;
  return s
    .normalize('NFKC')
    .replace(/[−–—－]/g, (c) => (c === '—' ? c : '-'))
    .replace(/\u3000/g, ' ');
}

const QUOTES = /[“”"'‘’「」『』〝〞]/g;

/** Compact form for matching labels: no whitespace, no quotes, "1、" → "1.". */
export function compact(s: string): string {
  return halfWidth(s)
    .replace(/\s+/g, '')
    .replace(QUOTES, '')
    .replace(/(\d)[、．。]/g, '$1.');
}

export interface ParsedNumber {
  value: number;
  /** unit printed after the number, if any */
  unit?: string;
  signed: boolean;
}

const UNIT = '(?:万元|元|件|条|项|个|宗|份|篇|%)';
const NUMBER_RE = new RegExp(`^([+-])?(\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(\\d+))?(${UNIT})?$`);

/** A cell or token that is a number, as printed ("3028", "+2", "1,851", "4192613.35", "251000元"); else null. */
export function parseNumber(token: string): ParsedNumber | null {
  const t = halfWidth(token).trim();
  if (t.length === 0 || t.length > 24) return null;
  const m = NUMBER_RE.exec(t);
  if (!m) return null;
  const int = m[2].replace(/,/g, '');
  let value = Number(m[3] ? `${int}.${m[3]}` : int);
  if (m[1] === '-') value = -value;
  if (!Number.isFinite(value)) return null;
  return { value, unit: m[4], signed: m[1] !== undefined };
}

/** Tokens that stand for an empty cell in printed tables ("—", "-", "/", "无"). */
export function isDashCell(token: string): boolean {
  return /^(?:[-—–－/／\\]+|无)$/.test(halfWidth(token).trim());
}

/** The last character is an ASCII digit (as `/\d$/` would say, without scanning the string). */
function endsWithDigit(text: string): boolean {
  const c = text.charCodeAt(text.length - 1); // NaN when empty
  return c >= 48 && c <= 57;
}

/**
 * Compact a run of lines for pattern matching over prose, keeping for each character the line it came from.
 * Whitespace is dropped, except one space between two digits (so "3 0" stays two numbers).
 */
export function compactWithLines(lines: { line: number; text: string }[]): { text: string; lineAt: number[] } {
  let text = '';
  const lineAt: number[] = [];
  let pendingSpace = false;
  for (const { line, text: raw } of lines) {
    const s = halfWidth(raw).replace(QUOTES, '');
    for (const ch of s) {
      if (/\s/.test(ch)) {
        pendingSpace = true;
        continue;
      }
      if (pendingSpace && /\d/.test(ch) && endsWithDigit(text)) {
        text += ' ';
        lineAt.push(line);
      }
      pendingSpace = false;
      text += ch;
      for (let i = 0; i < ch.length; i++) lineAt.push(line);
    }
    pendingSpace = true;
  }
  return { text, lineAt };
}
