/**
 * Round trip: a report the engine produced, rendered to .docx and to .html and read back by the report core's
 * reader, gives back the same data — for both template versions.
 */
import { describe, expect, it } from 'vitest';
import { computeReport, type EngineRecords } from '../../src/core/report/engine';
import { readReport } from '../../src/core/reader/read';
import { checkReport } from '../../src/core/report/checks';
import { draftSections } from '../../src/core/report/draft';
import { narrativeLines } from '../../src/core/report/layout';
import { extractSource } from '../../src/extract/index';
import { reportDocx } from '../../src/render/docx';
import { reportHtml } from '../../src/render/html';
import { reportXlsx } from '../../src/render/xlsx';
import ExcelJS from 'exceljs';
import { writeSections } from '../helpers/report-text';

function records(year: number): EngineRecords {
  let n = 0;
  const id = () => `x${++n}`;
  const decisions = ['provided', 'provided', 'alreadyPublic', 'partial', 'notExist', 'notOurs', 'thirdPartyRights', 'complaint', 'noCorrection', 'withdrawn'];
  const types = ['natural', 'natural', 'natural', 'commercial', 'legal', 'natural', 'research', 'natural', 'otherOrg', 'natural'];
  return {
    applications: [
      ...decisions.map((d, i) => ({ id: id(), applicantType: types[i], receivedOn: `${year}-0${1 + (i % 9)}-10`, repliedOn: `${year}-0${1 + (i % 9)}-25`, decision: d })),
      { id: id(), applicantType: 'natural', receivedOn: `${year - 1}-12-28`, repliedOn: `${year}-01-20`, decision: 'needsCreation' },
      { id: id(), applicantType: 'publicInterest', receivedOn: `${year}-12-20`, repliedOn: null, decision: null },
    ],
    documents: [
      { id: id(), docKind: 'normativeDocument', issuedOn: `${year}-03-01`, repealedOn: null, publishedOn: `${year}-03-04` },
      { id: id(), docKind: 'normativeDocument', issuedOn: `${year - 2}-03-01`, repealedOn: `${year}-06-30`, publishedOn: `${year - 2}-03-04` },
      { id: id(), docKind: 'regulation', issuedOn: `${year - 4}-03-01`, repealedOn: null, publishedOn: `${year - 4}-03-02` },
    ],
    decisions: [
      ...Array.from({ length: 37 }, () => ({ id: id(), kind: 'licensing' as const, decidedOn: `${year}-05-05` })),
      ...Array.from({ length: 4 }, () => ({ id: id(), kind: 'punishment' as const, decidedOn: `${year}-06-06` })),
    ],
    fees: [{ id: id(), collectedOn: `${year}-04-01`, amountYuan: 3500 }],
    matters: [
      { id: id(), kind: 'licensing', establishedOn: '2015-01-01', abolishedOn: null },
      { id: id(), kind: 'licensing', establishedOn: '2015-01-01', abolishedOn: `${year}-04-01` },
      { id: id(), kind: 'fees', establishedOn: '2016-01-01', abolishedOn: null },
    ],
    procurements: [{ id: id(), contractedOn: `${year}-05-20`, amountYuan: 4192613.35 }],
    reviewCases: [{ id: id(), kind: 'reconsideration', filedOn: `${year}-05-01`, outcome: 'upheld', decidedOn: `${year}-07-01` }],
  };
}

for (const year of [2020, 2025]) {
  describe(`round trip, ${year} (${year <= 2020 ? '2019' : '2021'} format)`, () => {
    const report = computeReport(records(year), '示范市卫生健康局', year);
    // the draft as the editor pre-fills it, its prompts written by the officer (a prompt left is an error)
    const sections = writeSections(draftSections({ report }));

    it('the engine report and its drafted text pass every check', () => {
      expect(checkReport(report, { narrative: narrativeLines(sections) }).filter((f) => f.severity === 'error')).toEqual([]);
    });

    it('.docx read back gives the same data', async () => {
      const x = await extractSource(await reportDocx(report, sections, { signatureDate: `${year + 1}年1月20日` }));
      if (!x.ok) throw new Error(x.message);
      const back = readReport(x.doc);
      expect(back.report).toEqual(report);
      expect(back.findings).toEqual([]);
      expect(checkReport(back.report!, { narrative: back.narrative }).filter((f) => f.severity === 'error')).toEqual([]);
    });

    it('.html read back gives the same data', async () => {
      const x = await extractSource(Buffer.from(reportHtml(report, sections, { signatureDate: `${year + 1}年1月20日` })));
      if (!x.ok) throw new Error(x.message);
      expect(readReport(x.doc).report).toEqual(report);
    });

    it('.xlsx holds the same figures in its cells', async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await reportXlsx(report)) as unknown as ArrayBuffer);
      expect(wb.worksheets.map((w) => w.name)).toEqual(['报告', '二、主动公开', '三、依申请公开', '四、复议诉讼']);
      const t3 = wb.getWorksheet('三、依申请公开')!;
      // row 5 of the sheet is table 三's first data row (一、本年新收…): its 7 figures from column D
      const received = [4, 5, 6, 7, 8, 9, 10].map((c) => t3.getCell(5, c).value);
      expect(received).toEqual(report.applications.received);
      expect(t3.getCell(5, 1).value).toBe('一、本年新收政府信息公开申请数量');
    });
  });
}
