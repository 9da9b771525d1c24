/**
 * The figures a supervisor compares across agencies and years, and the ranking tables annual reports and
 * evaluations cite ("申请量位列所辖 12 个机关第 2"). Pure.
 *
 * Ranking is standard competition ranking: equal values share a rank and the next rank skips as many places
 * ("1, 2, 2, 4"); an agency without the figure is not ranked.
 */
import type { Report } from '../report/model';

/** The figures of one report (null where a cell it needs is unknown, or the format has no such figure). */
export interface ReportFigures {
  format: Report['format'];
  /** 表三 一、本年新收 (总计) */
  received: number | null;
  /** 表三 二、上年结转 */
  carriedOver: number | null;
  /** 表三 （七）总计: the applications answered */
  answered: number | null;
  /** 表三 四、结转下年度 */
  carriedForward: number | null;
  /** 表三 outcomes (总计 column of each group) */
  disclosed: number | null;
  partial: number | null;
  withheld: number | null;
  unavailable: number | null;
  notProcessed: number | null;
  otherOutcome: number | null;
  /** (予以公开 + 部分公开) / 总计 */
  disclosedShare: number | null;
  /** 表四 行政复议 */
  reconsideration: number | null;
  reconsiderationUpheld: number | null;
  reconsiderationCorrected: number | null;
  reconsiderationOther: number | null;
  reconsiderationPending: number | null;
  /** 表四 行政诉讼 (未经复议直接起诉 + 复议后起诉) */
  litigation: number | null;
  litigationUpheld: number | null;
  litigationCorrected: number | null;
  litigationOther: number | null;
  litigationPending: number | null;
  /** 纠错率: 结果纠正 of 复议 and 诉讼 over their totals */
  correctedShare: number | null;
  /** 表二: 规章 and 规范性文件 made (2019 format) or issued (2021 format) in the year */
  documents: number | null;
  /** 表二 (2021 format): 规章 and 规范性文件 现行有效 */
  documentsInForce: number | null;
  licensing: number | null;
  punishment: number | null;
  enforcement: number | null;
  /** 表二 (2021 format): 行政事业性收费 本年收费金额（万元） */
  feesWan: number | null;
}

const T = 6;

/** The sum, or null when any part is unknown. */
export function sumKnown(values: readonly (number | null | undefined)[]): number | null {
  let s = 0;
  for (const v of values) {
    if (v == null) return null;
    s += v;
  }
  return s;
}

const ratio = (part: number | null, whole: number | null) => (part == null || whole == null || whole === 0 ? null : part / whole);

export function reportFigures(report: Report): ReportFigures {
  const a = report.applications;
  const rows = (group: Record<string, (number | null)[]>) => sumKnown(Object.values(group).map((r) => r[T]));
  const other = Array.isArray(a.other) ? a.other[T] : rows(a.other);
  const r = report.reviewLitigation;
  const lit = (k: 'upheld' | 'corrected' | 'other' | 'pending' | 'total') => sumKnown([r.litigationDirect[k], r.litigationAfterReconsideration[k]]);
  const p = report.proactive;
  const is2021 = report.format === '2021';
  const documents = report.format === '2021' ? sumKnown([report.proactive.regulations.issued, report.proactive.normativeDocuments.issued]) : sumKnown([report.proactive.regulations.made, report.proactive.normativeDocuments.made]);
  const answered = a.total[T];
  return {
    format: report.format,
    received: a.received[T],
    carriedOver: a.carriedOver[T],
    answered,
    carriedForward: a.carriedForward[T],
    disclosed: a.disclosed[T],
    partial: a.partial[T],
    withheld: rows(a.withheld),
    unavailable: rows(a.unavailable),
    notProcessed: rows(a.notProcessed),
    otherOutcome: other,
    disclosedShare: ratio(sumKnown([a.disclosed[T], a.partial[T]]), answered),
    reconsideration: r.reconsideration.total,
    reconsiderationUpheld: r.reconsideration.upheld,
    reconsiderationCorrected: r.reconsideration.corrected,
    reconsiderationOther: r.reconsideration.other,
    reconsiderationPending: r.reconsideration.pending,
    litigation: lit('total'),
    litigationUpheld: lit('upheld'),
    litigationCorrected: lit('corrected'),
    litigationOther: lit('other'),
    litigationPending: lit('pending'),
    correctedShare: ratio(sumKnown([r.reconsideration.corrected, lit('corrected')]), sumKnown([r.reconsideration.total, lit('total')])),
    documents,
    documentsInForce: report.format === '2021' ? sumKnown([report.proactive.regulations.inForce, report.proactive.normativeDocuments.inForce]) : null,
    licensing: p.licensing.decisions,
    punishment: p.punishment.decisions,
    enforcement: p.enforcement.decisions,
    feesWan: is2021 ? report.proactive.fees.amountWan : null,
  };
}

export type FigureKey = Exclude<keyof ReportFigures, 'format'>;

/** The figures as columns: label, whether more ranks higher, and whether it is a share (shown as %). */
export const FIGURES: { key: FigureKey; label: string; higherFirst: boolean; share?: boolean }[] = [
  { key: 'received', label: '新收申请', higherFirst: true },
  { key: 'carriedOver', label: '上年结转', higherFirst: true },
  { key: 'answered', label: '办理总计', higherFirst: true },
  { key: 'carriedForward', label: '结转下年度', higherFirst: true },
  { key: 'disclosed', label: '予以公开', higherFirst: true },
  { key: 'partial', label: '部分公开', higherFirst: true },
  { key: 'withheld', label: '不予公开', higherFirst: true },
  { key: 'unavailable', label: '无法提供', higherFirst: true },
  { key: 'notProcessed', label: '不予处理', higherFirst: true },
  { key: 'otherOutcome', label: '其他处理', higherFirst: true },
  { key: 'disclosedShare', label: '公开率（予以公开与部分公开占办理总计）', higherFirst: true, share: true },
  { key: 'reconsideration', label: '行政复议', higherFirst: true },
  { key: 'reconsiderationUpheld', label: '复议结果维持', higherFirst: true },
  { key: 'reconsiderationCorrected', label: '复议结果纠正', higherFirst: true },
  { key: 'reconsiderationOther', label: '复议其他结果', higherFirst: true },
  { key: 'reconsiderationPending', label: '复议尚未审结', higherFirst: true },
  { key: 'litigation', label: '行政诉讼', higherFirst: true },
  { key: 'litigationUpheld', label: '诉讼结果维持', higherFirst: true },
  { key: 'litigationCorrected', label: '诉讼结果纠正', higherFirst: true },
  { key: 'litigationOther', label: '诉讼其他结果', higherFirst: true },
  { key: 'litigationPending', label: '诉讼尚未审结', higherFirst: true },
  { key: 'correctedShare', label: '复议诉讼纠错率', higherFirst: false, share: true },
  { key: 'documents', label: '制发规章和规范性文件', higherFirst: true },
  { key: 'documentsInForce', label: '现行有效规章和规范性文件', higherFirst: true },
  { key: 'licensing', label: '行政许可', higherFirst: true },
  { key: 'punishment', label: '行政处罚', higherFirst: true },
  { key: 'enforcement', label: '行政强制', higherFirst: true },
  { key: 'feesWan', label: '行政事业性收费（万元）', higherFirst: true },
];

export interface Ranked<T> {
  item: T;
  value: number | null;
  /** null: no figure, not ranked */
  rank: number | null;
  /** another ranked item has the same value */
  tied: boolean;
}

/**
 * Rank items by a value (highest first, or lowest first): equal values share a rank, the next one skips
 * ("1, 2, 2, 4"); items without a value come last, unranked. Ties keep the items' given order.
 */
export function rank<T>(items: readonly T[], value: (t: T) => number | null, higherFirst = true): Ranked<T>[] {
  const known = items.map((item, i) => ({ item, value: value(item), i })).filter((x): x is { item: T; value: number; i: number } => x.value !== null);
  known.sort((a, b) => (higherFirst ? b.value - a.value : a.value - b.value) || a.i - b.i);
  const counts = new Map<number, number>();
  for (const k of known) counts.set(k.value, (counts.get(k.value) ?? 0) + 1);
  const out: Ranked<T>[] = [];
  known.forEach((k, i) => {
    const prev = out[i - 1];
    const r = prev && prev.value === k.value ? prev.rank! : i + 1;
    out.push({ item: k.item, value: k.value, rank: r, tied: counts.get(k.value)! > 1 });
  });
  for (const item of items) {
    const v = value(item);
    if (v === null) out.push({ item, value: null, rank: null, tied: false });
  }
  return out;
}

/** The phrase a report cites: "位列所辖 12 个机关第 2", "并列第 2" on a tie. */
export function rankPhrase(r: { rank: number | null; tied: boolean }, of: number, scope = '所辖'): string {
  if (r.rank === null) return '—';
  return `位列${scope} ${of} 个机关${r.tied ? '并列' : ''}第 ${r.rank}`;
}
