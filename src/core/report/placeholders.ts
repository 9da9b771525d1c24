/**
 * Template text left in a report: the prompts the report editor pre-fills for the officer to write (the
 * generated draft, ./draft.ts, writes exactly these), and the blanks of templates from elsewhere. The
 * narrative checks (./narrative.ts) flag any left, in the editor and in a published report read back — one
 * list, so the draft's prompts and the check cannot drift apart.
 */

/** What opens a passage of the draft the officer still has to write: "（请补充：…）". */
export const PLACEHOLDER = '请补充：';

/** Every prompt of the generated draft, by what it asks for. */
export const PROMPTS = {
  /** 一（四）政府信息管理和平台建设情况 */
  platform: `（${PLACEHOLDER}公开审查、目录指南更新、网站和政务新媒体建设等工作情况。）`,
  /** 一（五）监督保障情况 */
  oversight: `（${PLACEHOLDER}组织领导、制度建设、人员培训、考核评议等情况。）`,
  /** 五（一）存在的主要问题 */
  problems: '（请根据本年度工作实际填写。）',
  /** 五（二）改进情况 */
  improvements: '（请填写针对上述问题的改进措施及落实情况。）',
} as const;

export type PromptKey = keyof typeof PROMPTS;

/**
 * The patterns, on compact text (src/core/normalize.ts `compact`: no spaces, full-width brackets and colons
 * folded to "(", ")", ":"). Each prompt above is a "request" (the test checks it).
 *
 * - request: a bracketed passage that opens with 请 and asks for text to be written — "（请补充：…）",
 *   "（请…填写…）", "（请补写…）", "（请完善…）", "（请填报…）"; a bracket never closed (a prompt cut short)
 *   counts to the end of the text. Requests in brackets that ask for something else (（请注明…）) are prose.
 * - marked: "【请…】".
 * - blank: two or more X (Latin or full-width, either case) or ×, not inside a Latin word ("XXL"), or
 *   "X月X日" — "XX件", "20XX年", "××局"; quoted with the words before it in the clause and its unit.
 */
const REQUEST = /\(请(?:补充:?)?[^()]{0,120}?(?:补充|填写|补写|完善|填报)[^()]{0,120}?(?:\)|$)|请补充:[^()。]{0,120}/g;
const MARKED = /【请[^【】]{0,120}】/g;
// the words before a blank: matching starts at the leftmost place it can, so this takes up to 10 of the clause
const BLANK = /[^,，。；;:：()（）【】“”"、!！?？\n]{0,10}?(?<![A-Za-z])(?:[Xx×]{2,}(?![A-Za-z])|[Xx×]月[Xx×]日)[件条个次篇份项人家年月日%元万]?/g;

export interface Placeholder {
  /** offset and length in the compact text */
  index: number;
  length: number;
  /** as it would be printed (full-width brackets and colons) */
  text: string;
  kind: 'template' | 'blank';
}

const PRINTED: Record<string, string> = { '(': '（', ')': '）', ':': '：', ',': '，', ';': '；' };

/** Every placeholder in a compact text, in order (a blank inside a prompt is the prompt's). */
export function findPlaceholders(compactText: string): Placeholder[] {
  const out: Placeholder[] = [];
  const add = (re: RegExp, kind: Placeholder['kind']) => {
    for (const m of compactText.matchAll(re)) {
      const index = m.index!;
      if (out.some((p) => index < p.index + p.length && index + m[0].length > p.index)) continue;
      out.push({ index, length: m[0].length, text: m[0].replace(/[():,;]/g, (c) => PRINTED[c]), kind });
    }
  };
  add(REQUEST, 'template');
  add(MARKED, 'template');
  add(BLANK, 'blank');
  return out.sort((a, b) => a.index - b.index);
}
