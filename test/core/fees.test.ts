import { describe, expect, it } from 'vitest';
import {
  FeeInputError,
  feeByCount,
  feeByPages,
  feeOfNthApplication,
  feeOfNthPage,
  informationProcessingFee,
} from '../../src/core/fees';

describe('按件计收 (办法 Art. 4)', () => {
  it.each([
    // [n applications in the month, total 元, reasoning]
    [0, 0, 'nothing applied'],
    [10, 0, '10件以下（含10件）不收费'],
    [11, 100, '1 × 100 (the 11th)'],
    [30, 2000, '20 × 100 (11th–30th)'],
    [31, 2200, '20 × 100 + 1 × 200'],
    [35, 3000, '20 × 100 + 5 × 200'],
    [40, 4000, '20 × 100 + 10 × 200'],
    [41, 4300, '20 × 100 + 10 × 200 + 1 × 300'],
    [50, 7000, '20 × 100 + 10 × 200 + 10 × 300'],
    [60, 11000, '20 × 100 + 10 × 200 + 10 × 300 + 10 × 400'],
  ])('%i applications → %i 元', (n, fee) => {
    expect(feeByCount(n).fee).toBe(fee);
  });

  it.each([
    // [k, price of the k-th application]
    [1, 0],
    [10, 0],
    [11, 100],
    [30, 100],
    [31, 200],
    [40, 200],
    [41, 300],
    [50, 300],
    [51, 400],
    [101, 900], // 100 × (1 + ⌈71/10⌉) = 100 × 9
  ])('the %i-th application costs %i 元', (k, price) => {
    expect(feeOfNthApplication(k)).toBe(price);
  });

  it('gives a Chinese breakdown', () => {
    expect(feeByCount(35)).toEqual({
      standard: 'count',
      quantity: 35,
      fee: 3000,
      bands: [
        { from: 1, to: 10, units: 10, unitPrice: 0, amount: 0 },
        { from: 11, to: 30, units: 20, unitPrice: 100, amount: 2000 },
        { from: 31, to: 35, units: 5, unitPrice: 200, amount: 1000 },
      ],
      lines: [
        '按件计收（《政府信息公开信息处理费管理办法》第四条）：共 35 件',
        '第 1–10 件：10 件，不收费',
        '第 11–30 件：20 件 × 100 元 = 2000 元',
        '第 31–35 件：5 件 × 200 元 = 1000 元',
        '合计：3000 元',
      ],
    });
    expect(feeByCount(41).lines.at(-2)).toBe('第 41 件：1 件 × 300 元 = 300 元');
  });
});

describe('按量计收 (办法 Art. 5)', () => {
  it.each([
    // [pages, total 元, reasoning]
    [0, 0, 'no page'],
    [30, 0, '30页以下（含30页）不收费'],
    [31, 10, '1 × 10'],
    [100, 700, '70 × 10'],
    [101, 720, '70 × 10 + 1 × 20'],
    [150, 1700, '70 × 10 + 50 × 20'],
    [200, 2700, '70 × 10 + 100 × 20'],
    [201, 2740, '70 × 10 + 100 × 20 + 1 × 40'],
    [250, 4700, '70 × 10 + 100 × 20 + 50 × 40'],
  ])('%i pages → %i 元', (p, fee) => {
    expect(feeByPages(p).fee).toBe(fee);
  });

  it.each([
    [30, 0],
    [31, 10],
    [100, 10],
    [101, 20],
    [200, 20],
    [201, 40],
  ])('page %i costs %i 元', (p, price) => {
    expect(feeOfNthPage(p)).toBe(price);
  });

  it('gives a Chinese breakdown', () => {
    expect(feeByPages(201).lines).toEqual([
      '按量计收（《政府信息公开信息处理费管理办法》第五条）：共 201 页',
      '第 1–30 页：30 页，不收费',
      '第 31–100 页：70 页 × 10 元 = 700 元',
      '第 101–200 页：100 页 × 20 元 = 2000 元',
      '第 201 页：1 页 × 40 元 = 40 元',
      '合计：2740 元',
    ]);
  });
});

describe('one standard per application (办法 Art. 3) and bad input', () => {
  it('applies exactly one standard', () => {
    expect(informationProcessingFee({ count: 31 }).fee).toBe(2200);
    expect(informationProcessingFee({ pages: 31 }).fee).toBe(10);
    expect(() => informationProcessingFee({ count: 31, pages: 31 })).toThrow(
      '按件计收与按量计收只能选择一种标准，不得同时按照两种标准重复计算（《政府信息公开信息处理费管理办法》第三条）',
    );
    expect(() => informationProcessingFee({})).toThrow('请指定按件计收的件数或按量计收的页数（二者选一）');
  });

  it.each([
    [() => feeByCount(-1), '当月累计申请件数必须是非负整数，收到：-1'],
    [() => feeByCount(2.5), '当月累计申请件数必须是非负整数，收到：2.5'],
    [() => feeByCount(Number.NaN), '当月累计申请件数必须是非负整数，收到：NaN'],
    [() => feeByPages(-3), '页数必须是非负整数，收到：-3'],
    [() => feeByPages(1.2), '页数必须是非负整数，收到：1.2'],
    [() => feeOfNthApplication(0), '当月累计申请件序号必须是正整数，收到：0'],
    [() => feeOfNthPage(0), '页码必须是正整数，收到：0'],
  ])('rejects bad input (%#)', (fn, message) => {
    expect(fn).toThrow(FeeInputError);
    expect(fn).toThrow(message);
  });
});
