/**
 * Input the database cannot take, refused with a message naming the field instead of failing deep inside a
 * query: NUL characters (PostgreSQL text and jsonb cannot hold U+0000), lone UTF-16 surrogates (not valid
 * Unicode: written out as U+FFFD, so the stored text would silently differ from what was sent), integers
 * beyond a 32-bit integer column, and amounts of money the numeric column cannot hold or would round to 0.
 */
import { z } from 'zod';

export const INT32_MIN = -2_147_483_648;
export const INT32_MAX = 2_147_483_647;

/** U+0000, or a surrogate code unit not part of a pair (with the u flag a proper pair is one code point). */
const BAD_CHARACTER = /[\u0000\p{Cs}]/u;

export type BadCharacter = 'nul' | 'surrogate';

export function badCharacter(s: string): BadCharacter | null {
  const m = BAD_CHARACTER.exec(s);
  if (!m) return null;
  return m[0] === '\u0000' ? 'nul' : 'surrogate';
}

/** A path or key as it can be shown: its own NUL or lone surrogate written out ("a\\u0000"). */
export function printable(path: string): string {
  return path.replace(/[\u0000\p{Cs}]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The message for text at `label` (a field's name or key) that holds a character it may not. */
export function badCharacterMessage(label: string, problem: BadCharacter): string {
  label = printable(label);
  return problem === 'nul'
    ? `${label}含有空字符（U+0000），请删除后再提交`
    : `${label}含有无效的 Unicode 字符（不成对的代理项），请检查后再提交`;
}

/**
 * The first string (or object key) in a parsed JSON value, a query or a form that holds a NUL or a lone
 * surrogate: its dotted path (e.g. "entries.0.name") and the problem; null when there is none. Walks
 * iteratively, so a deeply nested value cannot exhaust the stack.
 */
export function findBadText(value: unknown, base = ''): { path: string; problem: BadCharacter } | null {
  const stack: { v: unknown; path: string }[] = [{ v: value, path: base }];
  while (stack.length > 0) {
    const { v, path } = stack.pop()!;
    if (typeof v === 'string') {
      const problem = badCharacter(v);
      if (problem) return { path, problem };
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: path ? `${path}.${i}` : String(i) });
    } else if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i];
        const at = path ? `${path}.${key}` : key;
        const problem = badCharacter(key);
        if (problem) return { path: printable(at), problem };
        stack.push({ v: (v as Record<string, unknown>)[key], path: at });
      }
    }
  }
  return null;
}

/** Digits as a query string or path parameter writes an integer ("2025", "-3"); anything else is not one. */
const INTEGER_TEXT = /^\s*[+-]?\d+\s*$/;

/**
 * An integer that fits a 32-bit integer column (PostgreSQL `integer`), from a number or from digits (query
 * strings and path parameters), within [min, max]. Anything else is refused with one message naming the
 * field: "年度无效：应为 2019 至 2100 之间的整数". `label` is also the field's description in the API docs.
 */
export function int32(label: string, range: { min?: number; max?: number; message?: string } = {}) {
  const min = Math.max(range.min ?? INT32_MIN, INT32_MIN);
  const max = Math.min(range.max ?? INT32_MAX, INT32_MAX);
  const message = range.message ?? `${label}无效：应为 ${min} 至 ${max} 之间的整数`;
  return z.preprocess(
    (v) => (typeof v === 'string' ? (INTEGER_TEXT.test(v) ? Number(v) : Number.NaN) : v),
    z.number({ error: message }).int(message).min(min, message).max(max, message),
  ).meta({ description: label });
}

/** A positive integer key of a 32-bit column (agency ids, versions). */
export function positiveInt32(label: string, message?: string) {
  return int32(label, { min: 1, message });
}

/** The largest amount a `numeric(precision, 2)` column holds: 10^(precision-2) - 0.01. */
export function numericMax(precision: number): number {
  return Number(`${'9'.repeat(precision - 2)}.99`);
}

/**
 * An amount of money in 元 for a `numeric(precision, 2)` column: at least 0.01 元 (less would be stored as
 * 0), at most what the column holds once rounded to the cent as the database rounds it. A number, or text
 * as a spreadsheet or a form writes it ("1200.00").
 */
export function moneyYuan(label: string, precision: number) {
  const max = numericMax(precision);
  const maxText = max.toLocaleString('en-US', { minimumFractionDigits: 2 });
  return z.coerce
    .number({ error: `${label}应为数字` })
    .refine((v) => Number.isFinite(v), `${label}应为数字`)
    .refine((v) => v >= 0.01, `${label}不能少于 0.01 元`)
    .transform((v) => Math.round(v * 100) / 100)
    .refine((v) => v <= max, `${label}不能超过 ${maxText} 元`);
}

/**
 * Zod's own messages (for fields whose schema gives none) in Chinese, led by the field's path, so a refusal
 * always names the field: "year：无效输入：期望 number，实际接收 string".
 */
export function useChineseZodMessages(): void {
  const zh = z.locales.zhCN().localeError;
  z.config({
    localeError: (issue) => {
      const own = zh?.(issue);
      const message = typeof own === 'string' ? own : (own?.message ?? '输入有误');
      const path = issue.path?.map(String).join('.');
      return path ? `${path}：${message}` : message;
    },
  });
}
