/**
 * What makes a finding "the same finding" across re-reads of a file and new versions of a report, so that a
 * reviewer's decision on it (confirmed, dismissed) is kept for as long as it is the same and no longer:
 *
 *  - the rule;
 *  - the place: the cell (its JSON path, e.g. `applications.total[6]`) or, for a finding about the text
 *    (`where` = "line N"), the words of the sentence it quotes, without their figures — never the line number,
 *    which moves when a paragraph is added above or when the same report is read from another format;
 *    a finding about the whole file (its name as `where`) has the place `file`;
 *  - the figures: every number the message states, in order (the value found, the value expected, the
 *    figures of the sentence). A changed figure makes a new finding.
 *
 * The fingerprint is readable: `rule|place|figures`, e.g.
 * `applications.rowTotal|applications.total[6]|5,2` or `narrative.received|text:本年共收到政府信息公开申请#件|120,118`.
 */
import type { Finding } from '../report/findings';

/** Where-values that are JSON paths into a report (or name a part of it). */
const REPORT_PATH = /^(?:applications|proactive|reviewLitigation)(?:[.[]|$)|^(?:format|agency|year)$/;
const TEXT_LINE = /^line \d+$/;
/** the numbers of a message: integers and decimals, with a minus sign where one is written before them */
const NUMBER = /-?\d+(?:\.\d+)?/g;
/** a passage quoted in a message (the checks quote the report's words between “ and ”) */
const QUOTED = /“([^”]*)”/g;

/** The numbers a message states, in order ("应为 2，实为 5" → ["2", "5"]). */
export function figuresOf(message: string): string[] {
  return [...message.matchAll(NUMBER)].map((m) => normalNumber(m[0]));
}

/** "5.0" and "5" are the same figure; "-0" is "0". */
function normalNumber(s: string): string {
  const n = Number(s);
  return Number.isFinite(n) ? String(n === 0 ? 0 : n) : s;
}

/** The words of a text without its figures (each run of digits becomes "#"), whitespace dropped. */
export function wordsOf(text: string): string {
  return text.replace(/\s+/g, '').replace(/-?\d+(?:\.\d+)?/g, '#');
}

/** The place of a finding: its cell, the words of its sentence, or the whole file. */
export function placeOf(f: Pick<Finding, 'where' | 'message'>): string {
  if (REPORT_PATH.test(f.where)) return f.where;
  if (TEXT_LINE.test(f.where)) {
    const quoted = [...f.message.matchAll(QUOTED)].map((m) => wordsOf(m[1]));
    // no quotation (e.g. "标题年度为 2024 年，统计时限为 2023 年"): the message's own words stand for the sentence
    return `text:${quoted.length > 0 ? quoted.join('/') : wordsOf(f.message)}`;
  }
  return 'file';
}

export function fingerprint(f: Pick<Finding, 'rule' | 'where' | 'message'>): string {
  return `${f.rule}|${placeOf(f)}|${figuresOf(f.message).join(',')}`;
}
