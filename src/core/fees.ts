/**
 * 信息处理费 (information processing fee) per 《政府信息公开信息处理费管理办法》(国办函〔2020〕109号), Arts. 3–5.
 * Both standards are progressive (超额累进): each band's price applies only to the part inside the band.
 *
 * - 按件计收 (Art. 4), the same applicant's applications in one natural month, cumulative count k:
 *   1–10 free; 11–30 100元/件; from the 31st, every further band of 10 raises the price by 100元/件
 *   (31–40 → 200, 41–50 → 300, …), i.e. 100 × (1 + ⌈(k − 30) / 10⌉) for k ≥ 31.
 * - 按量计收 (Art. 5), pages of one application: ≤30 free; 31–100 10元/页; 101–200 20元/页; 201+ 40元/页.
 * - One standard per application, never both (Art. 3).
 *
 * Amounts are whole yuan. Pure: no I/O.
 */

export class FeeInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeeInputError';
  }
}

export type FeeStandard = 'count' | 'pages';

export interface FeeBand {
  /** First unit (件 or 页) of the band, 1-based. */
  from: number;
  /** Last unit of the band that is charged here. */
  to: number;
  units: number;
  /** 元 per unit. */
  unitPrice: number;
  amount: number;
}

export interface FeeResult {
  standard: FeeStandard;
  /** Number of applications in the month, or pages of the application. */
  quantity: number;
  /** Total in yuan. */
  fee: number;
  bands: FeeBand[];
  /** Chinese breakdown, e.g. "第 11–30 件：20 件 × 100 元 = 2000 元", ending with the total. */
  lines: string[];
}

const UNIT: Record<FeeStandard, string> = { count: '件', pages: '页' };
const BASIS: Record<FeeStandard, string> = {
  count: '按件计收（《政府信息公开信息处理费管理办法》第四条）',
  pages: '按量计收（《政府信息公开信息处理费管理办法》第五条）',
};

function assertQuantity(n: number, what: string, min: number): void {
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < min) {
    const kind = min === 0 ? '非负整数' : '正整数';
    throw new FeeInputError(`${what}必须是${kind}，收到：${String(n)}`);
  }
}

/** 按件: the fee of the k-th application of one applicant in one natural month (k ≥ 1). */
export function feeOfNthApplication(k: number): number {
  assertQuantity(k, '当月累计申请件序号', 1);
  if (k <= 10) return 0;
  if (k <= 30) return 100;
  return 100 * (1 + Math.ceil((k - 30) / 10));
}

/** 按量: the price of the p-th page of one application (p ≥ 1). */
export function feeOfNthPage(p: number): number {
  assertQuantity(p, '页码', 1);
  if (p <= 30) return 0;
  if (p <= 100) return 10;
  if (p <= 200) return 20;
  return 40;
}

/** Groups units 1..n by price into bands. */
function bandsOf(n: number, priceOf: (k: number) => number, bandEnds: (price: number) => number): FeeBand[] {
  const bands: FeeBand[] = [];
  let k = 1;
  while (k <= n) {
    const price = priceOf(k);
    const to = Math.min(n, bandEnds(price));
    bands.push({ from: k, to, units: to - k + 1, unitPrice: price, amount: (to - k + 1) * price });
    k = to + 1;
  }
  return bands;
}

function describe(standard: FeeStandard, quantity: number, bands: FeeBand[], fee: number): string[] {
  const u = UNIT[standard];
  const lines = [`${BASIS[standard]}：共 ${quantity} ${u}`];
  for (const b of bands) {
    const span = b.from === b.to ? `第 ${b.from} ${u}` : `第 ${b.from}–${b.to} ${u}`;
    lines.push(b.unitPrice === 0 ? `${span}：${b.units} ${u}，不收费` : `${span}：${b.units} ${u} × ${b.unitPrice} 元 = ${b.amount} 元`);
  }
  lines.push(`合计：${fee} 元`);
  return lines;
}

/** 按件: the total fee for n applications by one applicant in one natural month (n ≥ 0). */
export function feeByCount(n: number): FeeResult {
  assertQuantity(n, '当月累计申请件数', 0);
  // The k-th application costs 100 × (1 + ⌈(k − 30)/10⌉) for k ≥ 31: a price p ≥ 200 covers k up to 30 + 10 × (p/100 − 1).
  const bands = bandsOf(n, feeOfNthApplication, (price) => (price === 0 ? 10 : price === 100 ? 30 : 30 + 10 * (price / 100 - 1)));
  const fee = bands.reduce((s, b) => s + b.amount, 0);
  return { standard: 'count', quantity: n, fee, bands, lines: describe('count', n, bands, fee) };
}

/** 按量: the fee for one application of p pages (p ≥ 0). */
export function feeByPages(p: number): FeeResult {
  assertQuantity(p, '页数', 0);
  const bands = bandsOf(p, feeOfNthPage, (price) => (price === 0 ? 30 : price === 10 ? 100 : price === 20 ? 200 : Infinity));
  const fee = bands.reduce((s, b) => s + b.amount, 0);
  return { standard: 'pages', quantity: p, fee, bands, lines: describe('pages', p, bands, fee) };
}

/**
 * The fee under exactly one standard (办法 Art. 3: 对每件申请…选择适用其中一种标准，但不得同时按照两种标准重复计算).
 */
export function informationProcessingFee(input: { count?: number; pages?: number }): FeeResult {
  const hasCount = input.count !== undefined;
  const hasPages = input.pages !== undefined;
  if (hasCount && hasPages) {
    throw new FeeInputError('按件计收与按量计收只能选择一种标准，不得同时按照两种标准重复计算（《政府信息公开信息处理费管理办法》第三条）');
  }
  if (!hasCount && !hasPages) throw new FeeInputError('请指定按件计收的件数或按量计收的页数（二者选一）');
  return hasCount ? feeByCount(input.count as number) : feeByPages(input.pages as number);
}
