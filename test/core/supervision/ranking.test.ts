/**
 * Ranking as reports cite it (src/core/supervision/ranking.ts): ties share a rank, the next skips; and the
 * figures of a report. Expected values by hand.
 */
import { describe, expect, it } from 'vitest';
import { blankReportOf } from '../../../src/core/report/blank';
import type { Report2021 } from '../../../src/core/report/model';
import { rank, rankPhrase, reportFigures } from '../../../src/core/supervision/ranking';

const items = [
  { name: '甲', v: 5 },
  { name: '乙', v: 7 },
  { name: '丙', v: 7 },
  { name: '丁', v: null },
  { name: '戊', v: 3 },
];

describe('rank', () => {
  it('highest first: 乙 and 丙 share the first place, 甲 is third, 戊 fourth, 丁 (no figure) unranked', () => {
    expect(rank(items, (i) => i.v).map((r) => [r.item.name, r.rank, r.tied])).toEqual([
      ['乙', 1, true],
      ['丙', 1, true],
      ['甲', 3, false],
      ['戊', 4, false],
      ['丁', null, false],
    ]);
  });

  it('lowest first', () => {
    expect(rank(items, (i) => i.v, false).map((r) => [r.item.name, r.rank])).toEqual([
      ['戊', 1],
      ['甲', 2],
      ['乙', 3],
      ['丙', 3],
      ['丁', null],
    ]);
  });

  it('the phrase reports cite', () => {
    expect(rankPhrase({ rank: 2, tied: false }, 12)).toBe('位列所辖 12 个机关第 2');
    expect(rankPhrase({ rank: 1, tied: true }, 4)).toBe('位列所辖 4 个机关并列第 1');
    expect(rankPhrase({ rank: null, tied: false }, 4)).toBe('—');
  });
});

describe('reportFigures', () => {
  it('outcomes, 复议/诉讼 and table 二 of a 2021-format report', () => {
    const r = blankReportOf('2021', 'split', '示范市教育局', 2025, 0) as Report2021;
    const a = r.applications;
    a.received[6] = 20;
    a.total[6] = 16;
    a.disclosed[6] = 8;
    a.partial[6] = 4;
    a.withheld.stateSecret[6] = 1;
    a.withheld.processInfo[6] = 2;
    const other = a.other as { noCorrection: (number | null)[]; feeUnpaid: (number | null)[]; other: (number | null)[] };
    other.noCorrection[6] = 1;
    r.reviewLitigation.reconsideration = { upheld: 2, corrected: 1, other: 0, pending: 1, total: 4 };
    r.reviewLitigation.litigationDirect = { upheld: 1, corrected: 0, other: 0, pending: 0, total: 1 };
    r.reviewLitigation.litigationAfterReconsideration = { upheld: 0, corrected: 1, other: 0, pending: 0, total: 1 };
    r.proactive.regulations = { issued: 1, repealed: 0, inForce: 10 };
    r.proactive.normativeDocuments = { issued: 3, repealed: 1, inForce: 25 };
    r.proactive.fees.amountWan = 12.5;
    const f = reportFigures(r);
    expect(f).toMatchObject({
      received: 20,
      answered: 16,
      disclosed: 8,
      partial: 4,
      withheld: 3,
      otherOutcome: 1,
      disclosedShare: 0.75, // (8 + 4) / 16
      reconsideration: 4,
      reconsiderationCorrected: 1,
      litigation: 2,
      litigationUpheld: 1,
      litigationCorrected: 1,
      correctedShare: 2 / 6, // (1 + 1) / (4 + 2)
      documents: 4,
      documentsInForce: 35,
      feesWan: 12.5,
    });
  });

  it('an unknown cell makes its sums unknown, never a guess', () => {
    const r = blankReportOf('2021', 'split', '示范市教育局', 2025, 0);
    r.applications.withheld.stateSecret[6] = null;
    r.reviewLitigation.litigationDirect.total = null;
    const f = reportFigures(r);
    expect(f.withheld).toBeNull();
    expect(f.litigation).toBeNull();
    expect(f.correctedShare).toBeNull();
  });
});
