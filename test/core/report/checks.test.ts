import { describe, expect, it } from 'vitest';
import { checkAcrossYears, checkReport } from '../../../src/core/report/checks';
import { setCell, type Report, type Report2019, type Report2021 } from '../../../src/core/report/model';
import { ALL_FIXTURES, clone, expectedReport } from '../../helpers/fixtures';

const errors = (r: Report) => checkReport(r).filter((f) => f.severity === 'error');

describe('checks on the hand-checked fixtures', () => {
  it.each(ALL_FIXTURES)('%s passes every rule', (name) => {
    expect(checkReport(expectedReport(name))).toEqual([]);
  });
});

describe('rules 1–4: relations inside one report', () => {
  it('names the single faulty cell when one cell breaks a row and a column (the issue\'s example)', () => {
    const r = clone(expectedReport('fuqing-health-2020'));
    setCell(r, 'applications.total[0]', 4);
    const found = errors(r);
    expect(found).toHaveLength(1);
    expect(found[0].where).toBe('applications.total[0]');
    expect(found[0].message).toMatch(/^三、（七）总计，自然人列：应为 3，实为 4/);
    expect(found[0].rule).toBe('applications.rowTotal');
  });

  it('names an outcome cell that breaks its row total and its column total', () => {
    const r = clone(expectedReport('jinjiang-health-2022'));
    setCell(r, 'applications.withheld.processInfo[2]', 1);
    const found = errors(r);
    expect(found).toHaveLength(1);
    expect(found[0].where).toBe('applications.withheld.processInfo[2]');
    expect(found[0].message).toContain('三、（三）不予公开 6.属于四类过程性信息，科研机构列：应为 0，实为 1');
  });

  it('rule 1 (一 + 二 = 三(七) + 四) alone, named by the carried-forward cell', () => {
    const r = clone(expectedReport('jinjiang-health-2022'));
    // received 2 → 3 in both its 自然人 and 总计 cells keeps the row total, breaks the balance in two columns
    setCell(r, 'applications.received[0]', 3);
    setCell(r, 'applications.received[6]', 3);
    const found = errors(r);
    expect(found.map((f) => f.rule)).toEqual(['applications.balance', 'applications.balance']);
    expect(found.map((f) => f.where)).toEqual(['applications.carriedForward[0]', 'applications.carriedForward[6]']);
    expect(found[0].message).toContain('第一项加第二项之和为 3，第三项加第四项之和为 2');
  });

  it('rule 2 (row total) alone', () => {
    const r = clone(expectedReport('hongze-district-2024'));
    // move 1 application from 自然人 to 商业企业 in both (一) and (七): columns still add up, rows too — so break only (一)'s total
    setCell(r, 'applications.disclosed[6]', 51);
    setCell(r, 'applications.total[6]', 96);
    setCell(r, 'applications.received[6]', 96);
    const found = errors(r);
    const rules = found.map((f) => f.rule).sort();
    expect(rules).toEqual(['applications.rowTotal', 'applications.rowTotal', 'applications.rowTotal']);
    expect(found.map((f) => f.where).sort()).toEqual(['applications.disclosed[6]', 'applications.received[6]', 'applications.total[6]']);
  });

  it('rule 3 (column total) alone', () => {
    const r = clone(expectedReport('hongze-district-2024'));
    // (七)总计 row moved consistently: total 95 → 96 in 自然人 and 总计, and 四 adjusted so rule 1 holds
    setCell(r, 'applications.total[0]', 96);
    setCell(r, 'applications.total[6]', 96);
    setCell(r, 'applications.received[0]', 96);
    setCell(r, 'applications.received[6]', 96);
    const found = errors(r);
    expect(found.map((f) => f.rule)).toEqual(['applications.columnTotal', 'applications.columnTotal']);
    expect(found[0].message).toMatch(/^三、（七）总计，自然人列：应为 95，实为 96/);
  });

  it('rule 4 (table 四 totals) names the group and lists its parts', () => {
    const r = clone(expectedReport('hongze-district-2024'));
    setCell(r, 'reviewLitigation.litigationAfterReconsideration.pending', 2);
    const found = errors(r);
    expect(found).toHaveLength(1);
    expect(found[0].rule).toBe('reviewLitigation.total');
    expect(found[0].where).toBe('reviewLitigation.litigationAfterReconsideration.total');
    expect(found[0].message).toBe(
      '行政诉讼（复议后起诉），总计：应为 5，实为 3（结果维持 2 + 其他结果 1 + 尚未审结 2 = 5，其余1项为 0；行政诉讼（复议后起诉）：总计应等于结果维持、结果纠正、其他结果、尚未审结之和）',
    );
  });

  it('two independent faults are both named', () => {
    const r = clone(expectedReport('hongze-district-2024'));
    setCell(r, 'applications.disclosed[0]', 49);
    setCell(r, 'applications.unavailable.notHeld[6]', 30);
    const found = errors(r);
    expect(found.map((f) => f.where).sort()).toEqual(['applications.disclosed[0]', 'applications.unavailable.notHeld[6]']);
  });

  it('a relation with an unknown cell is undecided, not passed or failed', () => {
    const r = clone(expectedReport('jinjiang-health-2022'));
    setCell(r, 'applications.partial[3]', null);
    const found = checkReport(r);
    expect(found.filter((f) => f.severity === 'error')).toEqual([]);
    const undecided = found.filter((f) => f.rule === 'check.undecided');
    expect(undecided).toHaveLength(2); // the row total of (二) and the 社会公益组织 column total
    expect(undecided.every((f) => f.severity === 'warning' && f.where === 'applications.partial[3]')).toBe(true);
  });
});

describe('rule 7: values', () => {
  it('a negative count and a fractional count are errors; a negative 本年增/减 is not', () => {
    const r = clone(expectedReport('fuqing-health-2020')) as Report2019;
    r.proactive.licensing.decisions = -1;
    r.proactive.punishment.previousItems = 2.5;
    r.proactive.otherServices.change = -3;
    const found = errors(r);
    expect(found.map((f) => [f.rule, f.where])).toEqual([
      ['values.nonNegative', 'proactive.licensing.decisions'],
      ['values.integer', 'proactive.punishment.previousItems'],
    ]);
  });

  it('money may have decimals but not be negative', () => {
    const r = clone(expectedReport('jinjiang-health-2022')) as Report2021;
    r.proactive.fees.amountWan = 12.35;
    expect(errors(r)).toEqual([]);
    r.proactive.fees.amountWan = -0.5;
    expect(errors(r).map((f) => f.rule)).toEqual(['values.nonNegative']);
  });
});

describe('table 二', () => {
  it('2019: newly published may not exceed the total published', () => {
    const r = clone(expectedReport('fuqing-health-2020')) as Report2019;
    r.proactive.normativeDocuments.published = 2;
    r.proactive.normativeDocuments.totalPublished = 1;
    expect(errors(r).map((f) => [f.rule, f.where])).toEqual([['proactive.publishedWithinTotal', 'proactive.normativeDocuments.published']]);
  });

  it('2021: in force below issued − repealed is a warning (documents also expire), as is below issued alone', () => {
    const r = clone(expectedReport('hongze-district-2024')) as Report2021;
    r.proactive.normativeDocuments = { issued: 3, repealed: 0, inForce: 2 };
    const below = checkReport(r);
    expect(below.map((f) => [f.rule, f.severity, f.where])).toEqual([['proactive.inForceAtLeastIssued', 'warning', 'proactive.normativeDocuments.inForce']]);
    expect(below[0].message).toContain('现行有效件数 为 2，少于第二十条第（一）项 行政规范性文件，本年制发件数 3 减');
    r.proactive.normativeDocuments = { issued: 3, repealed: 2, inForce: 2 };
    const found = checkReport(r);
    expect(found.map((f) => [f.rule, f.severity])).toEqual([['proactive.inForceAtLeastIssued', 'warning']]);
  });
});

describe('rule 5: across years', () => {
  const pair = () => {
    const prev = clone(expectedReport('hongze-district-2024'));
    prev.year = 2023;
    prev.applications.carriedForward = [4, 1, 0, 0, 0, 0, 5];
    const cur = clone(expectedReport('hongze-district-2024'));
    cur.applications.carriedOver = [4, 1, 0, 0, 0, 0, 5];
    return { prev, cur };
  };

  it('carried over equals last year\'s carried forward', () => {
    const { prev, cur } = pair();
    expect(checkAcrossYears(cur, prev).filter((f) => f.rule === 'applications.carryOver')).toEqual([]);
  });

  it('a mismatch names this year\'s cell and last year\'s figure', () => {
    const { prev, cur } = pair();
    prev.applications.carriedForward = [3, 1, 0, 0, 0, 0, 4];
    const found = checkAcrossYears(cur, prev).filter((f) => f.rule === 'applications.carryOver');
    expect(found.map((f) => f.where)).toEqual(['applications.carriedOver[0]', 'applications.carriedOver[6]']);
    expect(found[0].message).toBe('二、上年结转政府信息公开申请数量，自然人列：应为 3（2023年报告“四、结转下年度继续办理”自然人列），实为 4');
  });

  it('a figure higher than last year\'s carried forward is named too (the other direction)', () => {
    const { prev, cur } = pair();
    prev.applications.carriedForward = [6, 1, 0, 0, 0, 0, 7];
    const found = checkAcrossYears(cur, prev).filter((f) => f.rule === 'applications.carryOver');
    expect(found.map((f) => [f.severity, f.where])).toEqual([
      ['error', 'applications.carriedOver[0]'],
      ['error', 'applications.carriedOver[6]'],
    ]);
    expect(found[1].message).toBe('二、上年结转政府信息公开申请数量，总计列：应为 7（2023年报告“四、结转下年度继续办理”总计列），实为 5');
  });

  it('is not applied to reports that are not consecutive', () => {
    const { prev, cur } = pair();
    prev.year = 2021;
    prev.applications.carriedForward = [9, 9, 9, 9, 9, 9, 54];
    expect(checkAcrossYears(cur, prev)).toEqual([]);
  });

  it('2021 format: documents in force carry over (a warning: revisions may explain a difference)', () => {
    const { prev, cur } = pair();
    (prev as Report2021).proactive.normativeDocuments = { issued: 1, repealed: 0, inForce: 6 };
    const found = checkAcrossYears(cur, prev).filter((f) => f.rule === 'proactive.continuity');
    // 6 + 3 − 0 = 9, printed 8
    expect(found.map((f) => [f.severity, f.where])).toEqual([['warning', 'proactive.normativeDocuments.inForce']]);
    expect(found[0].message).toContain('应为 9，实为 8');
  });

  it('2019 format: last year\'s items plus its change give this year\'s previous items', () => {
    const prev = clone(expectedReport('fuqing-health-2020')) as Report2019;
    prev.year = 2019;
    prev.proactive.licensing = { previousItems: 60, change: 24, decisions: 1000 }; // 84 ✓
    prev.proactive.punishment = { previousItems: 120, change: 3, decisions: 10 }; // 123 ≠ 124
    const cur = expectedReport('fuqing-health-2020');
    const found = checkAcrossYears(cur, prev).filter((f) => f.rule === 'proactive.continuity');
    expect(found.map((f) => f.where)).toContain('proactive.punishment.previousItems');
    expect(found.map((f) => f.where)).not.toContain('proactive.licensing.previousItems');
  });
});
