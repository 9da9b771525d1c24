/**
 * The checker's words on real reports (issue 9): findings read as a person would write them, in the report's
 * own words; a stated sum of several rows is compared with that sum; prose about table 四 is checked against
 * its cells. Fixtures are read through the reader, then changed where a test needs a fault.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readReport, readReportText } from '../../../src/core/reader/read';
import { checkReport } from '../../../src/core/report/checks';
import { checkNarrative } from '../../../src/core/report/narrative';
import { setCell } from '../../../src/core/report/model';
import { extractSource } from '../../../src/extract/index';
import { clone, expectedReport, fixturePath } from '../../helpers/fixtures';

async function readHtml(name: 'pingtan-2023', edit: (html: string) => string = (h) => h) {
  const html = edit(readFileSync(fixturePath(name, 'html'), 'utf8'));
  const x = await extractSource(Buffer.from(html));
  if (!x.ok) throw new Error(x.message);
  return readReport(x.doc);
}
const shanghai = () => readFileSync(fixturePath('shanghai-stcsm-2024-markdown', 'txt'), 'utf8');
const checked = (r: ReturnType<typeof readReportText>) => checkReport(r.report!, { narrative: r.narrative });

describe('a sum stated for several rows is compared with that sum', () => {
  it('Pingtan 2023: "予以公开及部分公开42件" is 予以公开 22 + 部分公开 20, no false alarm on either row', async () => {
    const r = await readHtml('pingtan-2023');
    expect(r.narrative.map((l) => l.text).join('')).toContain('予以公开及部分公开42件');
    expect(checked(r).filter((f) => f.rule === 'narrative.outcome')).toEqual([]);
  });

  it('the same sentence stating 43 is one error naming both rows', async () => {
    const r = await readHtml('pingtan-2023', (h) => h.replace('予以公开及部分公开42件', '予以公开及部分公开43件'));
    const found = checked(r).filter((f) => f.rule === 'narrative.outcome');
    expect(found.map((f) => f.severity)).toEqual(['error']);
    expect(found[0].message).toBe('正文“予以公开及部分公开43件”称 43，表三“三、（一）予以公开”与“（二）部分公开”总计之和为 42');
  });

  it('each row stated alone is still compared with its own row', () => {
    const report = expectedReport('pingtan-2023');
    const lines = [{ line: 1, text: '2023年，予以公开22件，部分公开21件，不予公开5件。' }];
    const found = checkNarrative(report, lines);
    expect(found.map((f) => f.message)).toEqual(['正文“部分公开21件”称 21，表三 三、（二）部分公开，总计列为 20']);
  });
});

describe('prose about table 四 is checked against its cells', () => {
  it('Shanghai: "该行政复议件未被复议审查机关纠错" agrees with the table (1 维持)', () => {
    const r = readReportText(shanghai());
    expect(checked(r).filter((f) => f.rule === 'narrative.reviewLitigation')).toEqual([]);
  });

  it('Shanghai with table 四 changed to 1 纠正: the sentence is an error naming the cell', () => {
    const text = shanghai().replace('| 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |', '| 0 | 1 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |');
    const r = readReportText(text);
    expect(r.report?.reviewLitigation.reconsideration).toEqual({ upheld: 0, corrected: 1, other: 0, pending: 0, total: 1 });
    const found = checked(r).filter((f) => f.rule === 'narrative.reviewLitigation');
    expect(found.map((f) => [f.severity, f.message])).toEqual([['error', '正文“该行政复议件未被复议审查机关纠错”称无败诉、未被纠正，表四 行政复议结果纠正为 1']]);
  });

  const hongze = () => expectedReport('hongze-district-2024'); // 复议 1 维持 1 纠正 (2); 直接起诉 1 维持; 复议后起诉 2 维持 1 其他 (3)
  const says = (text: string) => checkNarrative(hongze(), [{ line: 1, text }]).map((f) => f.message);

  it('"未发生行政复议" against 2 cases', () => {
    expect(says('本年度未发生因政府信息公开引起的行政复议。')).toEqual(['正文“本年度未发生因政府信息公开引起的行政复议”称未发生，表四 行政复议总计为 2']);
  });
  it('"均获维持" against a case corrected', () => {
    expect(says('因政府信息公开被申请行政复议的案件均获维持。')).toEqual([
      '正文“因政府信息公开被申请行政复议的案件均获维持”称均获维持，表四 行政复议结果纠正为 1',
    ]);
  });
  it('"均已审结，无败诉" about litigation: true for Hongze', () => {
    expect(says('政府信息公开行政诉讼案件均已审结，无败诉。')).toEqual([]);
  });
  it('"均已审结" false once a case is pending', () => {
    const report = clone(hongze());
    setCell(report, 'reviewLitigation.litigationDirect.pending', 1);
    setCell(report, 'reviewLitigation.litigationDirect.upheld', 0);
    const found = checkNarrative(report, [{ line: 1, text: '政府信息公开行政诉讼案件均已审结。' }]);
    expect(found.map((f) => f.message)).toEqual(['正文“政府信息公开行政诉讼案件均已审结”称均已审结，表四 行政诉讼（未经复议直接起诉）尚未审结为 1']);
  });
  it('"未发生行政复议、行政诉讼" where table 四 is all 0: no finding', () => {
    expect(checkNarrative(expectedReport('jinjiang-health-2022'), [{ line: 1, text: '全年未发生政府信息公开行政复议、行政诉讼案件。' }])).toEqual([]);
  });
});

describe('findings name rows in the report\'s words', () => {
  it('a total that does not add up lists the rows it adds, by their labels', () => {
    const r = clone(expectedReport('hongze-district-2024'));
    // (一) 50 → 51 in 自然人 and 总计: (一)'s own row still adds up; the 自然人 and 总计 columns do not
    setCell(r, 'applications.disclosed[0]', 51);
    setCell(r, 'applications.disclosed[6]', 51);
    const found = checkReport(r).filter((f) => f.severity === 'error');
    expect(found.map((f) => f.where)).toEqual(['applications.total[0]', 'applications.total[6]']);
    expect(found[0].message).toMatch(/^三、（七）总计，自然人列：应为 96，实为 95（（一）予以公开 51 \+ （二）部分公开 9 \+ /);
    expect(found[0].message).not.toMatch(/自然人列 \d+、/);
  });

  it('a report in the template of another year is a warning naming both documents', () => {
    const r = clone(expectedReport('fuqing-health-2020'));
    r.year = 2022;
    const found = checkReport(r).filter((f) => f.rule === 'report.format');
    expect(found.map((f) => [f.severity, f.message])).toEqual([
      ['warning', '2022 年度报告使用了 2019 年版模板（国办公开办函〔2019〕60号）；自 2021 年度起应使用 2021 年版模板（国办公开办函〔2021〕30号）'],
    ]);
    const j = clone(expectedReport('jinjiang-health-2022'));
    j.year = 2020;
    expect(checkReport(j).filter((f) => f.rule === 'report.format').map((f) => f.severity)).toEqual(['warning']);
    expect(checkReport(expectedReport('jinjiang-health-2022')).filter((f) => f.rule === 'report.format')).toEqual([]);
  });
});
