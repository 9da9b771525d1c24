/**
 * Rule 6 of domain.md §5: figures stated in the text (sections 一, 五, 六) agree with the tables and with
 * each other — the number of applications received, the outcomes, "其中…X条，占Y%" shares, the items of
 * table 二 and the cases of table 四.
 *
 * Prose is read conservatively: a statement is only compared when its wording ties it to this year and to one
 * cell; cumulative figures (历年累计), other years and comparisons (较上年) are left alone.
 * A statement that matches is tied to one cell by its wording, so a mismatch is an error; the one exception
 * is the same total stated twice, which may be counted over different channels (a warning).
 */
import { compact, compactWithLines } from '../normalize';
import { finding, type Finding, type RuleId, type Severity } from './findings';
import type { AppRow, Report } from './model';
import { SECTIONS, TOTAL_COLUMN, describeCell } from './template';
import { findPlaceholders } from './placeholders';

export interface NarrativeLine {
  /** 1-based line of the source text */
  line: number;
  text: string;
  /** the section the line is in, when known (the editor's sections); else told from the headings read */
  section?: (typeof SECTIONS)[number]['key'];
}

interface Clause {
  text: string;
  start: number;
}

interface Sentence extends Clause {
  clauses: Clause[];
}

function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  const re = /[^。！？!?]+/g;
  for (const m of text.matchAll(re)) {
    // a closing bracket after the full stop ends the sentence before it ("…情况。）"), not the next one
    const lead = /^[)\]}）】〕》」』]+/.exec(m[0])?.[0].length ?? 0;
    const body = m[0].slice(lead);
    if (body === '') continue;
    const start = m.index! + lead;
    const clauses: Clause[] = [];
    for (const c of body.matchAll(/[^，,；;：:]+/g)) clauses.push({ text: c[0], start: start + c.index! });
    out.push({ text: body, start, clauses });
  }
  return out;
}

/** A clause about another period, a cumulative figure or a comparison. */
function otherPeriod(clause: string, year: number): boolean {
  if (/历年|以来|上年|上一年|去年|同比|较上|环比|累计至|截至|截止/.test(clause)) return true;
  for (const m of clause.matchAll(/(20\d\d)年/g)) if (Number(m[1]) !== year) return true;
  return false;
}

const total = (row: AppRow | undefined): number | null => (row ? row[TOTAL_COLUMN] : null);

function sumTotals(rows: AppRow[]): number | null {
  let s = 0;
  for (const r of rows) {
    const v = r[TOTAL_COLUMN];
    if (v == null) return null;
    s += v;
  }
  return s;
}

interface Statement {
  rule: RuleId;
  severity: Severity;
  /** its last group is the figure stated (digits: a clause without one is never tried) */
  pattern: RegExp;
  /** what the table says, or null if unknown; a list when several readings are acceptable */
  expected: (report: Report) => number | null | (number | null)[];
  /** how the table cell is named in the message */
  cell: string;
  /** whether a matched clause qualifies (beyond the period test) */
  accept?: (clause: string) => boolean;
}

const outcomes = (report: Report) => report.applications;

/** Words between an outcome and its figure, not running into another outcome ("予以公开及部分公开42件"). */
const GAP = '(?:(?!部分公开|不予|无法提供|予以公开)[^。；，,\\d]){0,8}?';

/** Table 四 counts cases about disclosure brought against the agency, not reconsideration work it handles. */
const aboutDisclosureCases = (clause: string) => /信息公开|被申请|被提起|被诉|被起诉/.test(clause);

const STATEMENTS: Statement[] = [
  {
    rule: 'narrative.received',
    severity: 'error',
    pattern: /(?:收到|受理|接收|新收)([^。；，,\d]{0,14}?)申请([^。；，,\d]{0,10}?)(\d+)(?:件|份|宗|个)/g,
    expected: (r) => {
      const received = total(r.applications.received);
      const carried = total(r.applications.carriedOver);
      return [received, received != null && carried != null ? received + carried : null];
    },
    cell: `表三 ${describeCell('applications.received[6]')}`,
    accept: (clause) => /公开/.test(clause) && !/复议|诉讼|许可|审批|投诉|举报|信访|办件|业务/.test(clause),
  },
  {
    // a sum stated for two rows: "予以公开及部分公开258件", "全部或部分公开 12 件"
    rule: 'narrative.outcome',
    severity: 'error',
    pattern: /(?:(?<!不)(?:予以公开|同意公开|全部公开)|全部)(?:及|和|与|、|或|以及)(?:予以)?部分公开[^。；，,\d]{0,6}?(\d+)件/g,
    expected: (r) => sumTotals([outcomes(r).disclosed, outcomes(r).partial]),
    cell: '表三“三、（一）予以公开”与“（二）部分公开”总计之和',
  },
  {
    rule: 'narrative.outcome',
    severity: 'error',
    pattern: new RegExp(`(?<!不)(?:予以公开|同意公开|全部公开)(?![及和与、或]|以及)${GAP}(\\d+)件`, 'g'),
    expected: (r) => total(outcomes(r).disclosed),
    cell: `表三 ${describeCell('applications.disclosed[6]')}`,
  },
  {
    rule: 'narrative.outcome',
    severity: 'error',
    pattern: new RegExp(`(?<![及和与、或]|以及|全部|予以|同意)(?:部分公开|区分处理)${GAP}(\\d+)件`, 'g'),
    expected: (r) => total(outcomes(r).partial),
    cell: `表三 ${describeCell('applications.partial[6]')}`,
  },
  {
    rule: 'narrative.outcome',
    severity: 'error',
    pattern: /不予公开[^。；，,\d]{0,8}?(\d+)件/g,
    expected: (r) => sumTotals(Object.values(outcomes(r).withheld)),
    cell: '表三“三、（三）不予公开”各项总计之和',
  },
  {
    rule: 'narrative.outcome',
    severity: 'error',
    pattern: /无法提供[^。；，,\d]{0,8}?(\d+)件/g,
    expected: (r) => sumTotals(Object.values(outcomes(r).unavailable)),
    cell: '表三“三、（四）无法提供”各项总计之和',
  },
  {
    rule: 'narrative.outcome',
    severity: 'error',
    pattern: /不予处理[^。；，,\d]{0,8}?(\d+)件/g,
    expected: (r) => sumTotals(Object.values(outcomes(r).notProcessed)),
    cell: '表三“三、（五）不予处理”各项总计之和',
  },
  ...(
    [
      ['licensing', '行政许可'],
      ['punishment', '行政处罚'],
      ['enforcement', '行政强制'],
    ] as const
  ).map(
    ([key, label]): Statement => ({
      rule: 'narrative.proactiveItems',
      severity: 'error',
      pattern: new RegExp(`${label}(?:决定|处理决定|决定书|案件)?(?:信息)?(?:共)?(\\d+)(?:条|件)(?!次)`, 'g'),
      expected: (r) => (r.proactive[key] as { decisions: number | null }).decisions,
      cell: `表二 ${describeCell(`proactive.${key}.decisions`)}`,
      accept: (clause) => !/事项|权责|职权|清单|目录/.test(clause),
    }),
  ),
  {
    rule: 'narrative.proactiveItems',
    severity: 'error',
    pattern: /(?:制发|出台|印发)(?:行政)?规范性文件(?:共)?(\d+)件/g,
    expected: (r) => (r.format === '2021' ? r.proactive.normativeDocuments.issued : r.proactive.normativeDocuments.made),
    cell: '表二 规范性文件本年制发（新制作）件数',
  },
  {
    rule: 'narrative.reviewLitigation',
    severity: 'error',
    pattern: /行政复议(?:案件|申请)?(?:共)?(\d+)(?:件|起|宗)/g,
    expected: (r) => r.reviewLitigation.reconsideration.total,
    cell: `表四 ${describeCell('reviewLitigation.reconsideration.total')}`,
    accept: aboutDisclosureCases,
  },
  {
    rule: 'narrative.reviewLitigation',
    severity: 'error',
    pattern: /行政诉讼(?:案件)?(?:共)?(\d+)(?:件|起|宗)/g,
    expected: (r) => {
      const a = r.reviewLitigation.litigationDirect.total;
      const b = r.reviewLitigation.litigationAfterReconsideration.total;
      return a == null || b == null ? null : a + b;
    },
    cell: '表四 行政诉讼总计（未经复议直接起诉与复议后起诉之和）',
    accept: aboutDisclosureCases,
  },
];

function quote(s: string): string {
  return s.length > 60 ? `${s.slice(0, 58)}…` : s;
}

export function checkNarrative(report: Report, lines: NarrativeLine[]): Finding[] {
  const { text, lineAt } = compactWithLines(lines);
  const where = (offset: number) => `line ${lineAt[Math.min(offset, lineAt.length - 1)] ?? 0}`;
  const out: Finding[] = [];
  const sentences = splitSentences(text);

  for (const sentence of sentences) {
    for (const clause of sentence.clauses) {
      // every statement states a figure: a clause without a digit has none to compare
      if (!/\d/.test(clause.text) || otherPeriod(clause.text, report.year)) continue;
      for (const st of STATEMENTS) {
        if (st.accept && !st.accept(clause.text)) continue;
        for (const m of clause.text.matchAll(st.pattern)) {
          const stated = Number(m[m.length - 1]);
          const exp = st.expected(report);
          const accepted = (Array.isArray(exp) ? exp : [exp]).filter((v): v is number => v != null);
          if (accepted.length === 0) continue;
          if (accepted.includes(stated)) continue;
          out.push(
            finding(
              st.rule,
              st.severity,
              `正文“${quote(clause.text)}”称 ${stated}，${st.cell}为 ${accepted[0]}`,
              where(clause.start + m.index!),
            ),
          );
        }
      }
    }
    out.push(...checkShares(sentence, where));
  }
  out.push(...checkStatedTotals(sentences, report.year, where));
  out.push(...checkReviewProse(sentences, report, where));
  out.push(...checkPlaceholders(text, lineAt, sectionsOf(lines), where));
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Template text left: the editor's prompts and other templates' blanks (./placeholders.ts)

type SectionKey = (typeof SECTIONS)[number]['key'];

/** A heading of the template ("五、存在的主要问题及改进情况", or one of its variants) opening a line. */
function headingOf(text: string): SectionKey | null {
  const c = compact(text);
  for (const s of SECTIONS) {
    if (!c.startsWith(`${s.numeral}、`) && !c.startsWith(`${s.numeral}.`)) continue;
    const rest = c.slice(s.numeral.length + 1);
    if ([s.title, ...s.variants].some((t) => rest.startsWith(compact(t).slice(0, 4)))) return s.key;
  }
  return null;
}

/** The section of each line: as given (the editor's), or the last template heading read above it. */
function sectionsOf(lines: NarrativeLine[]): Map<number, SectionKey> {
  const out = new Map<number, SectionKey>();
  let current: SectionKey | null = null;
  for (const l of lines) {
    current = l.section ?? headingOf(l.text) ?? current;
    if (current) out.set(l.line, current);
  }
  return out;
}

function sectionName(key: SectionKey | undefined): string {
  const s = SECTIONS.find((x) => x.key === key);
  return s ? `第${s.numeral}部分（${s.title}）` : '正文';
}

function checkPlaceholders(text: string, lineAt: number[], sections: Map<number, SectionKey>, where: (offset: number) => string): Finding[] {
  return findPlaceholders(text).map((p) => {
    const line = lineAt[Math.min(p.index, lineAt.length - 1)] ?? 0;
    const what = p.kind === 'blank' ? '未填写的空白' : '未填写的模板内容';
    return finding('narrative.placeholder', 'error', `${sectionName(sections.get(line))}留有${what}：“${quote(p.text)}”`, where(p.index));
  });
}

// ---------------------------------------------------------------------------------------------------------
// Shares: "在主动公开的 142 条信息中，A类 97 条，占 68.3%；B类 11 条，占 7.7%"

const SHARE = /(\d+)(条|件|项|个|篇|份)[^。；;\d%]{0,4}?(?:占|约占)(?:比|比例|总数的|全部的)?(?:为|约)?(\d+(?:\.\d+)?)%/g;

function acceptableShare(part: number, whole: number, printed: string): boolean {
  const decimals = printed.includes('.') ? printed.split('.')[1].length : 0;
  const exact = (part / whole) * 100;
  const f = 10 ** decimals;
  const value = Number(printed);
  const candidates = [Math.round(exact * f) / f, Math.floor(exact * f + 1e-9) / f, Math.ceil(exact * f - 1e-9) / f];
  return candidates.some((c) => Math.abs(c - value) < 1e-9);
}

function checkShares(sentence: Sentence, where: (offset: number) => string): Finding[] {
  const shares = [...sentence.text.matchAll(SHARE)];
  if (shares.length === 0) return [];
  const unit = shares[0][2];
  const firstAt = shares[0].index!;
  // the whole: the last quantity of the same unit before "其中" or "…中，" that precedes the first share
  const before = sentence.text.slice(0, firstAt);
  const marker = /其中|中[,，]/.exec(before);
  if (!marker) return [];
  const quantities = [...before.slice(0, marker.index).matchAll(new RegExp(`(\\d+)${unit}`, 'g'))];
  if (quantities.length === 0) return [];
  const whole = Number(quantities[quantities.length - 1][1]);
  if (whole <= 0) return [];
  const out: Finding[] = [];
  let sumParts = 0;
  for (const m of shares) {
    if (m[2] !== unit) continue;
    const part = Number(m[1]);
    sumParts += part;
    if (!acceptableShare(part, whole, m[3])) {
      const exact = Math.round((part / whole) * 1000) / 10;
      out.push(
        finding(
          'narrative.share',
          'error',
          `正文“${quote(m[0])}”：${part}/${whole} 应约为 ${exact}%，实为 ${m[3]}%`,
          where(sentence.start + m.index!),
        ),
      );
    }
  }
  if (sumParts > whole) {
    out.push(
      finding(
        'narrative.partsExceedWhole',
        'error',
        `正文“${quote(sentence.text)}”：所列分项合计 ${sumParts}${unit}，超过总数 ${whole}${unit}`,
        where(sentence.start + firstAt),
      ),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// The same total stated twice: "主动公开政府信息 142 条" … "在主动公开的 142 条信息中"

const PROACTIVE_TOTAL = /主动公开(?:的|了)?(?:各类)?(?:政府)?(?:信息)?(?:共|总计|合计)?(\d+)条/g;

function checkStatedTotals(sentences: Sentence[], year: number, where: (offset: number) => string): Finding[] {
  const seen: { value: number; offset: number; text: string }[] = [];
  for (const s of sentences) {
    for (const clause of s.clauses) {
      if (otherPeriod(clause.text, year)) continue;
      for (const m of clause.text.matchAll(PROACTIVE_TOTAL)) {
        seen.push({ value: Number(m[1]), offset: clause.start + m.index!, text: clause.text });
      }
    }
  }
  if (seen.length < 2) return [];
  const first = seen[0];
  return seen
    .filter((s) => s.value !== first.value)
    .map((s) =>
      finding(
        'narrative.statedTotals',
        'warning',
        `正文前后所述主动公开信息数不一致：“${quote(first.text)}”为 ${first.value} 条，“${quote(s.text)}”为 ${s.value} 条`,
        where(s.offset),
      ),
    );
}

// ---------------------------------------------------------------------------------------------------------
// Table 四 in words: "未发生行政复议", "均获维持", "无败诉", "均已审结"

type ReviewKey = keyof Report['reviewLitigation'];
const LITIGATION: ReviewKey[] = ['litigationDirect', 'litigationAfterReconsideration'];
const GROUP_NAMES: Record<ReviewKey, string> = {
  reconsideration: '行政复议',
  litigationDirect: '行政诉讼（未经复议直接起诉）',
  litigationAfterReconsideration: '行政诉讼（复议后起诉）',
};
const COLUMN_NAMES = { upheld: '结果维持', corrected: '结果纠正', other: '其他结果', pending: '尚未审结', total: '总计' } as const;
type ReviewColumn = keyof typeof COLUMN_NAMES;

interface ReviewClaim {
  /** the words */
  pattern: RegExp;
  /** the columns that must be 0 in the groups the clause is about */
  zero: ReviewColumn[];
  /** what the clause says, for the message */
  says: string;
}

const REVIEW_CLAIMS: ReviewClaim[] = [
  { pattern: /(?:未|没有|无)(?:发生|出现|收到)?(?:因?政府信息公开(?:工作)?(?:引起|引发|而)?的?)?(?:被申请)?(?:行政复议|行政诉讼)/, zero: ['total'], says: '未发生' },
  { pattern: /(?:均|全部|都)(?:被|获|得到|予以)?维持/, zero: ['corrected', 'other', 'pending'], says: '均获维持' },
  { pattern: /(?:无|未|没有)(?:一起)?败诉|(?:未被|没有被)[^，。]{0,8}?纠(?:正|错)/, zero: ['corrected'], says: '无败诉、未被纠正' },
  { pattern: /(?:均|全部|都)已?(?:审结|办结|结案)/, zero: ['pending'], says: '均已审结' },
];

/** The groups of table 四 a clause is about: 行政复议, 行政诉讼 or both (the words say which). */
function groupsOf(clause: string, claim: ReviewClaim): ReviewKey[] {
  const reconsideration = /复议/.test(clause.replace(/复议后起诉/g, ''));
  const litigation = /诉讼|起诉|败诉/.test(clause);
  if (claim.says === '未发生') {
    // "未发生行政复议和行政诉讼": each named; "未发生行政复议" alone: only it
    const m = claim.pattern.exec(clause);
    const after = m ? clause.slice(m.index) : clause;
    const out: ReviewKey[] = [];
    if (/复议/.test(after.replace(/复议后起诉/g, ''))) out.push('reconsideration');
    if (/诉讼/.test(after)) out.push(...LITIGATION);
    return out;
  }
  if (claim.says === '无败诉、未被纠正' && /败诉/.test(clause)) return LITIGATION;
  return [...(reconsideration ? (['reconsideration'] as ReviewKey[]) : []), ...(litigation ? LITIGATION : [])];
}

function checkReviewProse(sentences: Sentence[], report: Report, where: (offset: number) => string): Finding[] {
  const out: Finding[] = [];
  for (const sentence of sentences) {
    for (const clause of sentence.clauses) {
      if (!/复议|诉讼/.test(clause.text) || otherPeriod(clause.text, report.year)) continue;
      // cases the agency handles for others (复议机关) are not table 四's
      if (!/信息公开|被申请|被提起|被诉|被起诉|维持|败诉|纠/.test(clause.text) && !/^(?:未|没有|无)/.test(clause.text)) continue;
      for (const claim of REVIEW_CLAIMS) {
        const m = claim.pattern.exec(clause.text);
        if (!m) continue;
        const wrong: string[] = [];
        for (const g of groupsOf(clause.text, claim)) {
          for (const c of claim.zero) {
            const v = report.reviewLitigation[g][c];
            if (v != null && v !== 0) wrong.push(`${GROUP_NAMES[g]}${COLUMN_NAMES[c]}为 ${v}`);
          }
        }
        if (wrong.length > 0) {
          out.push(
            finding('narrative.reviewLitigation', 'error', `正文“${quote(clause.text)}”称${claim.says}，表四 ${wrong.join('、')}`, where(clause.start + m.index)),
          );
        }
      }
    }
  }
  return out;
}
