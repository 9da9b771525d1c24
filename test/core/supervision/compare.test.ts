/**
 * A report compared with its corrected version (src/core/supervision/compare.ts): findings fixed, remaining and
 * new by fingerprint, and the changed cells. Reports and findings written by hand.
 */
import { describe, expect, it } from 'vitest';
import { blankReportOf } from '../../../src/core/report/blank';
import type { Finding } from '../../../src/core/report/findings';
import { changedCells, compareReports, listedOutcome } from '../../../src/core/supervision/compare';

const A: Finding = { rule: 'applications.rowTotal', severity: 'error', message: '三、（七）总计，总计列：应为 5，实为 7', where: 'applications.total[6]' };
const B: Finding = { rule: 'narrative.received', severity: 'error', message: '正文“共收到申请12件”称 12，表三为 10', where: 'line 3' };
const C: Finding = { rule: 'applications.carryOver', severity: 'error', message: '二、上年结转，自然人列：应为 4，实为 6', where: 'applications.carriedOver[0]' };
const D: Finding = { rule: 'applications.rowTotal', severity: 'error', message: '三、（七）总计，总计列：应为 5，实为 8', where: 'applications.total[6]' };

const FP = {
  A: 'applications.rowTotal|applications.total[6]|5,7',
  B: 'narrative.received|text:共收到申请#件|12,12,10',
  C: 'applications.carryOver|applications.carriedOver[0]|4,6',
  D: 'applications.rowTotal|applications.total[6]|5,8',
};

function reports() {
  const first = blankReportOf('2021', 'split', '示范市教育局', 2025, 0);
  const second = blankReportOf('2021', 'split', '示范市教育局', 2025, 0);
  first.applications.received[0] = 1;
  second.applications.received[0] = 2;
  first.applications.total[6] = 7;
  second.applications.total[6] = 8;
  return { first, second };
}

describe('compareReports', () => {
  it('fixed: only in the first; remaining: in both (a sentence on another line too); added: only in the corrected one', () => {
    const { first, second } = reports();
    const c = compareReports({ report: first, findings: [A, B, C] }, { report: second, findings: [{ ...B, where: 'line 9' }, D] });
    expect(c.fixed.map((f) => f.fingerprint)).toEqual([FP.A, FP.C]);
    expect(c.remaining.map((f) => f.fingerprint)).toEqual([FP.B]);
    expect(c.added.map((f) => f.fingerprint)).toEqual([FP.D]);
  });

  it('the changed cells, in the order the report prints them, named as the report names them', () => {
    const { first, second } = reports();
    expect(changedCells(first, second)).toEqual([
      { path: 'applications.received[0]', cell: '一、本年新收政府信息公开申请数量，自然人列', before: 1, after: 2 },
      { path: 'applications.total[6]', cell: '三、（七）总计，总计列', before: 7, after: 8 },
    ]);
    expect(changedCells(first, first)).toEqual([]);
  });

  it('a finding listed in a notice is fixed when the corrected report no longer has it', () => {
    expect(listedOutcome([FP.A, FP.B], [B, D])).toEqual([
      { fingerprint: FP.A, fixed: true },
      { fingerprint: FP.B, fixed: false },
    ]);
  });
});
