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

/** Characters of report text that NFKC leaves as they are: CJK punctuation, brackets and quotes. */
const NFKC_STABLE = new Set([0x3001, 0x3002, 0x300a, 0x300b, 0x300c, 0x300d, 0x300e, 0x300f, 0x3010, 0x3011, 0x3014, 0x3015, 0x2018, 0x2019, 0x201c, 0x201d, 0x2014, 0xb7]);

/**
 * `halfWidth` without NFKC for the common case, a text of ASCII, Chinese characters, CJK punctuation and
 * full-width ASCII forms: each full-width form is its ASCII character (NFKC's <wide> mapping), ideographic and
 * no-break spaces are spaces, "−" and "–" are "-". Null when another character needs NFKC (the caller runs it).
 * Exactly NFKC's result for such text (none of these characters composes with another).
 */
function foldCommon(s: string): string | null {
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80 || (c >= 0x4e00 && c <= 0x9fff)) continue;
    let to: string;
    if (c >= 0xff01 && c <= 0xff5e) to = String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000 || c === 0xa0) to = ' ';
    else if (c === 0x2013 || c === 0x2212) to = '-';
    else if (NFKC_STABLE.has(c)) continue;
    else return null;
    out += s.slice(from, i) + to;
    from = i + 1;
  }
  return out + s.slice(from);
}

/** A UTF-16 code unit that NEEDS_FOLDING matches (for `compact`, which looks at each character anyway). */
function needsFolding(c: number): boolean {
  return (
    (c >= 0x2010 && c <= 0x2015) ||
    c === 0x2212 ||
    (c >= 0x2150 && c <= 0x218f) ||
    (c >= 0x2460 && c <= 0x24ff) ||
    (c >= 0x2e80 && c <= 0x2fdf) ||
    c === 0x3000 ||
    (c >= 0x3200 && c <= 0x33ff) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xffef)
  );
}

/** Full-width forms to ASCII (digits, letters, brackets, %, +, −), ideographic space to space. */
export function halfWidth(s: string): string {
  if (!NEEDS_FOLDING.test(s)) return s;
  const common = foldCommon(s);
  if (common !== null) return common;
  return s
    .normalize('NFKC')
    .replace(/[−–—－]/g, (c) => (c === '—' ? c : '-'))
    .replace(/\u3000/g, ' ');
}

const QUOTES = /[“”"'‘’「」『』〝〞]/g;

/** Whitespace (as `\s` matches it) or one of QUOTES: characters `compact` drops. */
function dropped(c: number): boolean {
  if (c < 0x80) return (c >= 9 && c <= 13) || c === 32 || c === 34 || c === 39;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff ||
    c === 0x201c || c === 0x201d || c === 0x2018 || c === 0x2019 || c === 0x300c || c === 0x300d || c === 0x300e || c === 0x300f || c === 0x301d || c === 0x301e
  );
}

/**
 * Compact form for matching labels: no whitespace, no quotes, "1、" → "1.". One pass over the text (the same
 * result as `halfWidth`, then removing whitespace, then quotes, then replacing /(\d)[、．。]/g with "$1."): the
 * common characters are folded on the way (see `foldCommon`); a text with any other character to fold takes
 * `halfWidth` first.
 */
export function compact(s: string): string {
  let out = '';
  let from = 0;
  let prev = 0; // the last character kept
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // most characters: Chinese characters and ASCII letters, digits and punctuation, kept as they are
    if (c >= 0x4e00 && c <= 0x9fff) {
      prev = c;
      continue;
    }
    if (c < 0x80) {
      if (c === 32 || (c >= 9 && c <= 13) || c === 34 || c === 39) {
        if (i > from) out += s.slice(from, i);
        from = i + 1;
      } else prev = c;
      continue;
    }
    // the rest: a common character folded (as foldCommon does), kept or dropped; any other character to fold
    // needs halfWidth first
    let m: number;
    if (c >= 0xff01 && c <= 0xff5e) m = c - 0xfee0;
    else if (c === 0x3000 || c === 0xa0) m = 32;
    else if (c === 0x2013 || c === 0x2212) m = 45;
    else if (NFKC_STABLE.has(c) || (dropped(c) && !needsFolding(c))) m = c;
    else return compactFolded(halfWidth(s));
    if (dropped(m)) {
      if (i > from) out += s.slice(from, i);
      from = i + 1;
      continue;
    }
    if ((m === 0x3001 || m === 0x3002) && prev >= 48 && prev <= 57) {
      out += s.slice(from, i) + '.';
      from = i + 1;
    } else if (m !== c) {
      out += s.slice(from, i) + String.fromCharCode(m);
      from = i + 1;
    }
    prev = m;
  }
  return from === 0 ? s : out + s.slice(from);
}

/** `compact` of a text already through `halfWidth`. */
function compactFolded(t: string): string {
  let out = '';
  let from = 0;
  let prev = 0; // the last character kept
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (dropped(c)) {
      if (i > from) out += t.slice(from, i);
      from = i + 1;
      continue;
    }
    if ((c === 0x3001 || c === 0xff0e || c === 0x3002) && prev >= 48 && prev <= 57) {
      out += t.slice(from, i) + '.';
      from = i + 1;
    }
    prev = c;
  }
  return from === 0 ? t : out + t.slice(from);
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
