import { describe, expect, it } from 'vitest';
import { DECISIONS } from '../../../src/core/applications/decisions';
import { checkReport, reportCells } from '../../../src/core/report/checks';
import { cellRecords, computeReport, type AppRecord, type EngineRecords } from '../../../src/core/report/engine';
import { getCell, type Report } from '../../../src/core/report/model';
import { APPLICANT_COLUMNS } from '../../../src/core/report/template';

const Y = 2025;
let seq = 0;
const id = () => `r${++seq}`;
const app = (over: Partial<AppRecord> = {}): AppRecord => ({ id: id(), applicantType: 'natural', receivedOn: `${Y}-03-02`, repliedOn: `${Y}-03-20`, decision: 'provided', ...over });

/** A year of records of every kind, so that a change shows against non-zero neighbours. */
function base(): EngineRecords {
  const types = APPLICANT_COLUMNS.slice(0, 6).map((c) => c.key);
  return {
    applications: [
      ...DECISIONS.map((d, i) => app({ decision: d.key, applicantType: types[i % 6] })),
      app({ receivedOn: `${Y - 1}-12-20`, repliedOn: `${Y}-01-10` }), // carried over, replied this year
      app({ receivedOn: `${Y}-12-15`, repliedOn: null }), // carried forward
      app({ receivedOn: `${Y - 1}-06-01`, repliedOn: `${Y - 1}-06-20` }), // last year only: counts nowhere
    ],
    documents: [
      { id: id(), docKind: 'normativeDocument', issuedOn: `${Y - 2}-05-01`, repealedOn: null, publishedOn: `${Y - 2}-05-03` },
      { id: id(), docKind: 'normativeDocument', issuedOn: `${Y}-04-01`, repealedOn: null, publishedOn: `${Y}-04-03` },
      { id: id(), docKind: 'regulation', issuedOn: `${Y - 3}-01-01`, repealedOn: `${Y}-09-30`, publishedOn: `${Y - 3}-01-05` },
    ],
    decisions: [
      { id: id(), kind: 'licensing', decidedOn: `${Y}-02-01` },
      { id: id(), kind: 'licensing', decidedOn: `${Y}-05-01` },
      { id: id(), kind: 'punishment', decidedOn: `${Y}-06-01` },
      { id: id(), kind: 'enforcement', decidedOn: `${Y - 1}-06-01` },
    ],
    fees: [{ id: id(), collectedOn: `${Y}-07-01`, amountYuan: 12_345 }],
    matters: [{ id: id(), kind: 'licensing', establishedOn: `${Y - 5}-01-01`, abolishedOn: null }],
    procurements: [],
    reviewCases: [
      { id: id(), kind: 'reconsideration', filedOn: `${Y}-04-01`, outcome: 'upheld', decidedOn: `${Y}-06-01` },
      { id: id(), kind: 'litigationDirect', filedOn: `${Y}-10-01`, outcome: 'corrected', decidedOn: `${Y + 1}-02-01` }, // pending at year end
    ],
  };
}

function changed(a: Report, b: Report): string[] {
  return reportCells(a)
    .map((c) => c.path)
    .filter((p) => getCell(a, p) !== getCell(b, p))
    .sort();
}

const agency = '示范局';

describe('the engine computes a report that passes every check', () => {
  it('2021 format: figures as counted by hand', () => {
    const r = computeReport(base(), agency, Y);
    expect(r.format).toBe('2021');
    expect(checkReport(r).filter((f) => f.severity !== 'info')).toEqual([]);
    // one application per decision (24) + the one carried over replied this year: 25 replied; received: 24 + the carried-forward one
    expect(r.applications.received[6]).toBe(DECISIONS.length + 1);
    expect(r.applications.carriedOver[6]).toBe(1);
    expect(r.applications.total[6]).toBe(DECISIONS.length + 1);
    expect(r.applications.carriedForward[6]).toBe(1);
    // 予以公开: provided + alreadyPublic, plus the carried-over one (provided)
    expect(r.applications.disclosed[6]).toBe(3);
    expect(r.applications.unavailable.notHeld[6]).toBe(2); // notExist + notOurs
    expect(r.proactive).toEqual({
      regulations: { issued: 0, repealed: 1, inForce: 0 },
      normativeDocuments: { issued: 1, repealed: 0, inForce: 2 },
      licensing: { decisions: 2 },
      punishment: { decisions: 1 },
      enforcement: { decisions: 0 },
      fees: { amountWan: 1.2345 },
    });
    expect(r.reviewLitigation.reconsideration).toEqual({ upheld: 1, corrected: 0, other: 0, pending: 0, total: 1 });
    expect(r.reviewLitigation.litigationDirect).toEqual({ upheld: 0, corrected: 0, other: 0, pending: 1, total: 1 });
  });

  it('2019 format for years up to 2020: 其他处理 in one row, items and procurement', () => {
    const recs = base();
    const year = 2020;
    const shift = (d: string | null) => (d ? d.replace(String(Y - 1), String(year - 1)).replace(String(Y), String(year)) : d);
    recs.applications = recs.applications.map((a) => ({ ...a, receivedOn: shift(a.receivedOn)!, repliedOn: shift(a.repliedOn) }));
    recs.matters = [
      { id: id(), kind: 'licensing', establishedOn: '2015-01-01', abolishedOn: null },
      { id: id(), kind: 'licensing', establishedOn: '2016-01-01', abolishedOn: '2020-05-01' },
      { id: id(), kind: 'otherServices', establishedOn: '2020-03-01', abolishedOn: null },
    ];
    recs.procurements = [{ id: id(), contractedOn: '2020-05-20', amountYuan: 251000.5 }];
    const r = computeReport(recs, agency, year);
    expect(r.format).toBe('2019');
    expect(Array.isArray(r.applications.other)).toBe(true);
    expect((r.applications.other as number[])[6]).toBe(3); // noCorrection + feeUnpaid + withdrawn in one row
    expect(r.proactive).toMatchObject({
      licensing: { previousItems: 2, change: -1 },
      otherServices: { previousItems: 0, change: 1 },
      procurement: { projects: 1, amount: 251000.5 },
    });
    expect(checkReport(r).filter((f) => f.severity !== 'info')).toEqual([]);
  });
});

describe('changing one record changes the right cell and nothing else', () => {
  const before = computeReport(base(), agency, Y);
  const col = (key: string) => APPLICANT_COLUMNS.findIndex((c) => c.key === key);

  describe('table 三, row by row', () => {
    // the application answered with 'provided' (a natural person) is given another decision
    for (const d of DECISIONS.filter((x) => x.key !== 'provided' && x.key !== 'alreadyPublic')) {
      it(`予以公开 → ${d.label}`, () => {
        const recs = base();
        const target = recs.applications.find((a) => a.decision === 'provided')!;
        target.decision = d.key;
        const c = col(target.applicantType);
        expect(changed(before, computeReport(recs, agency, Y))).toEqual(
          [`applications.disclosed[${c}]`, 'applications.disclosed[6]', `applications.${d.row}[${c}]`, `applications.${d.row}[6]`].sort(),
        );
      });
    }

    it('一、本年新收 and 四、结转下年度: an application received and not yet answered', () => {
      const recs = base();
      recs.applications.push(app({ applicantType: 'legal', repliedOn: null }));
      const c = col('legal');
      expect(changed(before, computeReport(recs, agency, Y))).toEqual(
        [`applications.received[${c}]`, 'applications.received[6]', `applications.carriedForward[${c}]`, 'applications.carriedForward[6]'].sort(),
      );
    });

    it('二、上年结转: received last year, answered this year (予以公开)', () => {
      const recs = base();
      recs.applications.push(app({ applicantType: 'research', receivedOn: `${Y - 1}-12-30`, repliedOn: `${Y}-01-15` }));
      const c = col('research');
      expect(changed(before, computeReport(recs, agency, Y))).toEqual(
        [
          `applications.carriedOver[${c}]`,
          'applications.carriedOver[6]',
          `applications.disclosed[${c}]`,
          'applications.disclosed[6]',
          `applications.total[${c}]`,
          'applications.total[6]',
        ].sort(),
      );
    });

    it('the applicant type moves an application from one column to another', () => {
      const recs = base();
      const target = recs.applications.find((a) => a.decision === 'notExist')!;
      const from = col(target.applicantType);
      target.applicantType = 'publicInterest';
      const to = col('publicInterest');
      const diff = changed(before, computeReport(recs, agency, Y));
      expect(diff).toEqual(
        [
          `applications.received[${from}]`,
          `applications.received[${to}]`,
          `applications.unavailable.notHeld[${from}]`,
          `applications.unavailable.notHeld[${to}]`,
          `applications.total[${from}]`,
          `applications.total[${to}]`,
        ].sort(),
      );
    });
  });

  describe('table 二, line by line', () => {
    it('规章: one issued this year', () => {
      const recs = base();
      recs.documents.push({ id: id(), docKind: 'regulation', issuedOn: `${Y}-06-01`, repealedOn: null, publishedOn: null });
      expect(changed(before, computeReport(recs, agency, Y))).toEqual(['proactive.regulations.inForce', 'proactive.regulations.issued']);
    });
    it('行政规范性文件: one repealed this year', () => {
      const recs = base();
      recs.documents[0].repealedOn = `${Y}-11-01`;
      expect(changed(before, computeReport(recs, agency, Y))).toEqual(['proactive.normativeDocuments.inForce', 'proactive.normativeDocuments.repealed']);
    });
    for (const kind of ['licensing', 'punishment', 'enforcement'] as const) {
      it(`${kind}: one decision this year`, () => {
        const recs = base();
        recs.decisions.push({ id: id(), kind, decidedOn: `${Y}-08-08` });
        expect(changed(before, computeReport(recs, agency, Y))).toEqual([`proactive.${kind}.decisions`]);
      });
    }
    it('行政事业性收费: a fee collected this year, in 万元', () => {
      const recs = base();
      recs.fees.push({ id: id(), collectedOn: `${Y}-12-31`, amountYuan: 655 });
      const after = computeReport(recs, agency, Y);
      expect(changed(before, after)).toEqual(['proactive.fees.amountWan']);
      expect(after.format === '2021' && after.proactive.fees.amountWan).toBe(1.3);
    });
  });

  describe('table 四', () => {
    it('a reconsideration decided within the year', () => {
      const recs = base();
      recs.reviewCases.push({ id: id(), kind: 'litigationAfterReconsideration', filedOn: `${Y}-02-01`, outcome: 'other', decidedOn: `${Y}-05-01` });
      expect(changed(before, computeReport(recs, agency, Y))).toEqual(['reviewLitigation.litigationAfterReconsideration.other', 'reviewLitigation.litigationAfterReconsideration.total']);
    });
  });
});

describe('drill-down', () => {
  it('gives exactly the records of a cell, and of a total the records of its parts', () => {
    const recs = base();
    const provided = recs.applications.filter((a) => a.decision === 'provided' && a.repliedOn?.startsWith(String(Y)));
    expect(cellRecords(recs, Y, '2021', 'applications.disclosed[0]').map((r) => r.id).sort()).toEqual(provided.map((a) => a.id).sort());
    const answered = cellRecords(recs, Y, '2021', 'applications.total[6]');
    expect(answered).toHaveLength(computeReport(recs, agency, Y).applications.total[6]!);
    expect(cellRecords(recs, Y, '2021', 'proactive.licensing.decisions')).toHaveLength(2);
    expect(cellRecords(recs, Y, '2021', 'reviewLitigation.litigationDirect.total')).toHaveLength(1);
  });
});
