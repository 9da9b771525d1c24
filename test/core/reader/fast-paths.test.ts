/**
 * The reader's text normalisation takes shortcuts for speed (issue 9, item 3): `halfWidth` folds the common
 * full-width characters without NFKC, and `compact` folds, drops and renumbers in one pass. Each must give
 * exactly what the plain definitions give, on every character and on mixed strings.
 */
import { describe, expect, it } from 'vitest';
import { compact, halfWidth } from '../../../src/core/normalize';
import { seededRandom } from '../../../src/core/random';

// the definitions, as the code said them before the shortcuts
const NEEDS_FOLDING = /[\u2010-\u2015\u2212\u2150-\u218f\u2460-\u24ff\u2e80-\u2fdf\u3000\u3200-\u33ff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/;
const halfWidthDefined = (s: string) =>
  NEEDS_FOLDING.test(s)
    ? s
        .normalize('NFKC')
        .replace(/[−–—－]/g, (c) => (c === '—' ? c : '-'))
        .replace(/\u3000/g, ' ')
    : s;
const compactDefined = (s: string) =>
  halfWidthDefined(s)
    .replace(/\s+/g, '')
    .replace(/[“”"'‘’「」『』〝〞]/g, '')
    .replace(/(\d)[、．。]/g, '$1.');

/** Every UTF-16 code unit, alone and in the company that decides which path is taken. */
function* everyCharacter(): Generator<string> {
  for (let c = 0; c < 0x10000; c++) {
    const ch = String.fromCharCode(c);
    yield ch;
    yield `，${ch}`; // a common full-width character: folding without NFKC, unless ch needs NFKC
    yield `1${ch}、`; // the numbering mark after a digit
    yield `（${ch}\u0301`; // a combining mark: only NFKC composes it
    yield `\u3000${ch}2。`;
  }
}

describe('normalisation shortcuts give exactly the defined result', () => {
  it('halfWidth, on every character', () => {
    const wrong: string[] = [];
    for (const s of everyCharacter()) if (halfWidth(s) !== halfWidthDefined(s)) wrong.push(JSON.stringify(s));
    expect(wrong.slice(0, 10)).toEqual([]);
  });

  it('compact, on every character', () => {
    const wrong: string[] = [];
    for (const s of everyCharacter()) if (compact(s) !== compactDefined(s)) wrong.push(JSON.stringify(s));
    expect(wrong.slice(0, 10)).toEqual([]);
  });

  it('both, on random strings of report characters, full-width forms, spaces, quotes and marks', () => {
    const pool = [...'0123456789０１２、．。.，（）“”"\'‘’「」『』〝〞 \t\u3000\u00a0\u2003\ufeff中文公开①⑵㈠⼀ｅ\u0301…－—–−%％'];
    const random = seededRandom(9);
    const wrong: string[] = [];
    for (let k = 0; k < 50_000; k++) {
      let s = '';
      for (let n = 1 + Math.floor(random() * 10); n > 0; n--) s += pool[Math.floor(random() * pool.length)];
      if (halfWidth(s) !== halfWidthDefined(s) || compact(s) !== compactDefined(s)) wrong.push(JSON.stringify(s));
    }
    expect(wrong.slice(0, 10)).toEqual([]);
  });

  it('worked examples', () => {
    expect(halfWidth('（一）予以公开，０')).toBe('(一)予以公开,0');
    expect(halfWidth('１０\u00a0件')).toBe('10 件');
    expect(compact('“ 1 、 属于国家秘密 ”')).toBe('1.属于国家秘密');
    expect(compact('（１）\u3000其他')).toBe('(1)其他');
    expect(compact('３．其他')).toBe('3.其他');
    expect(compact('e\u0301（')).toBe('é(');
  });
});
