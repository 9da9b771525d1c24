/**
 * The 整改通知 a supervising office sends an agency about the confirmed findings of its annual report: title,
 * 文号, the agency, each problem in the report's own words with the rule it breaks, the due date and the
 * supervising office. Pure: the text, laid out as src/render/letter.ts lays out a notice (title first, the
 * number under it, the salutation, the body, the office and the date last).
 */
import { RULES, type Finding, type RuleId } from '../report/findings';
import { formatValue } from '../report/layout';
import { getCell, type Report } from '../report/model';
import { describeCell } from '../report/template';
import { quotedPassages } from './highlight';

export interface ListedFinding {
  fingerprint: string;
  rule: string;
  ruleLabel: string;
  severity: Finding['severity'];
  where: string;
  message: string;
  /** the report's own words: the cell and its printed figure, or the sentence */
  words: string;
}

const CELL = /^(?:applications|proactive|reviewLitigation)\./;

/** What the report printed where a finding is: "三、（七）总计，总计列填报为 7", or the sentence quoted. */
export function reportWords(f: Pick<Finding, 'where' | 'message'>, report: Report): string {
  if (CELL.test(f.where)) {
    const v = getCell(report, f.where);
    return `${describeCell(f.where)}填报为 ${v == null ? '空白' : formatValue(v)}`;
  }
  const quoted = quotedPassages(f.message);
  if (quoted.length > 0) return quoted.map((q) => `正文“${q}”`).join('；');
  return f.message;
}

export function listFinding(f: Finding & { fingerprint: string }, report: Report): ListedFinding {
  return {
    fingerprint: f.fingerprint,
    rule: f.rule,
    ruleLabel: RULES[f.rule as RuleId] ?? f.rule,
    severity: f.severity,
    where: f.where,
    message: f.message,
    words: reportWords(f, report),
  };
}

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
export function chineseOrdinal(n: number): string {
  if (n <= 10) return NUMERALS[n - 1];
  if (n < 20) return `十${NUMERALS[n - 11]}`;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${NUMERALS[tens - 1]}十${ones ? NUMERALS[ones - 1] : ''}`;
}

export function rectificationTitle(year: number): string {
  return `关于${year}年政府信息公开工作年度报告问题整改的通知`;
}

export interface NoticeInput {
  number: string;
  /** the agency the notice is sent to */
  agency: string;
  year: number;
  findings: readonly ListedFinding[];
  /** 2026年3月31日 */
  dueOn: string;
  /** the supervising office, as it signs */
  office: string;
  /** 2026年3月2日 */
  issuedOn: string;
}

/** The notice's text, one paragraph a line. */
export function rectificationText(n: NoticeInput): string {
  const lines = [
    rectificationTitle(n.year),
    n.number,
    `${n.agency}：`,
    `经审查，你单位公开的《${n.agency}${n.year}年政府信息公开工作年度报告》存在以下 ${n.findings.length} 个问题，现通知如下：`,
    ...n.findings.map((f, i) => `${chineseOrdinal(i + 1)}、${f.words}。${f.message}（${f.ruleLabel}）。`),
    `请对照《中华人民共和国政府信息公开条例》和国务院办公厅政府信息与政务公开办公室印发的年度报告格式要求逐项整改，于${n.dueOn}前重新公开更正后的年度报告，并将整改情况书面报送我单位。`,
    n.office,
    n.issuedOn,
  ];
  return lines.join('\n');
}
