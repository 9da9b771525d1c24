/**
 * The limits on untrusted input inside the extractors (issue 8): the HTML table grid, nesting depth, zip bombs.
 * Expected values are worked out from the documents built here.
 */
import { describe, expect, it } from 'vitest';
import { MAX_CELLS, readHtml } from '../../src/extract/html';
import { extractSource } from '../../src/extract/index';
import { MAX_INFLATED_BYTES, zipBombReason } from '../../src/extract/zip';
import { reportDocx } from '../../src/render/docx';
import { readReportFile } from '../../src/services/report-files';
import { expectedReport } from '../helpers/fixtures';
import { docxBomb, nestedDivsHtml, spanBombHtml } from '../workers/hostile';

const TITLE = '某某市人民政府2024年政府信息公开工作年度报告';

describe('HTML table grid', () => {
  it('12,000 cells of rowspan=200 colspan=200: five cells fill the 1,000 columns of row 1, the rest is cut with a warning', () => {
    // row 1: cells at columns 0, 200, 400, 600, 800; the sixth would end at column 1,199
    // rows 2–60: every column is covered by row 1's cells until row 201, so no cell has a place
    const { doc, warnings } = readHtml(spanBombHtml());
    expect(doc.lines).toEqual([{ cells: [TITLE] }, { cells: ['1', '1', '1', '1', '1'] }]);
    expect(warnings).toEqual([{ rule: 'read.limit', message: '表格超过 1000 列，超出部分的单元格未读取' }]);
  });

  it('a span over 200 is read as 200, with a warning', () => {
    const { doc, warnings } = readHtml('<table><tr><td colspan="5000">甲</td><td>乙</td></tr><tr><td>丙</td><td rowspan=9999>丁</td></tr><tr><td>戊</td></tr></table>');
    // 甲 covers columns 0–199, 乙 is at 200; row 2: 丙 at 0, 丁 at 1 (rows 2–201); row 3: 戊 at 0
    expect(doc.lines).toEqual([{ cells: ['甲', '乙'] }, { cells: ['丙', '丁'] }, { cells: ['戊'] }]);
    expect(warnings).toEqual([{ rule: 'read.limit', message: '表格中有跨越超过 200 行或列的合并单元格，已按 200 读取' }]);
  });

  it('merged cells keep their places: a cell under a rowspan moves right', () => {
    const html = '<table><tr><td rowspan="2">项目</td><td colspan="2">数量</td></tr><tr><td>新收</td><td>结转</td></tr><tr><td>合计</td><td>3</td><td>4</td></tr></table>';
    const { doc, warnings } = readHtml(html);
    expect(doc.lines).toEqual([{ cells: ['项目', '数量'] }, { cells: ['新收', '结转'] }, { cells: ['合计', '3', '4'] }]);
    expect(warnings).toEqual([]);
  });

  it(`a document of more than ${MAX_CELLS.toLocaleString('en-US')} cells is read up to that many, with a warning`, () => {
    // 1,001 rows of 100 cells: the first 1,000 rows are exactly 100,000 cells; row 1,001 gets none
    const row = `<tr>${'<td>1</td>'.repeat(100)}</tr>`;
    const { doc, warnings } = readHtml(`<table>${row.repeat(1001)}</table>`);
    expect(doc.lines.length).toBe(1000);
    expect(doc.lines[999].cells.length).toBe(100);
    expect(warnings.map((w) => w.rule)).toEqual(['read.limit']);
    expect(warnings[0].message).toMatch(/^文件中的表格过大（超过 100,000 个单元格/);
  });
});

describe('nesting depth', () => {
  const DEEP = { rule: 'read.limit', message: '网页的元素嵌套超过 500 层，其后的内容未读取' };

  it('4,000 nested <div>: what comes before is read, parsing stops at 500 levels, with a warning', () => {
    expect(readHtml(nestedDivsHtml())).toEqual({ doc: { lines: [{ cells: [TITLE] }], structured: true }, warnings: [DEEP] });
  });

  it('100,000 nested <div> are cut the same way (parsing them whole took 8 s)', () => {
    expect(readHtml(nestedDivsHtml(100_000)).warnings).toEqual([DEEP]);
  });

  it('100 tables nested in one another’s cells (300 levels) are read without recursion: the innermost row is the line', () => {
    const tables = `${'<table><tr><td>'.repeat(100)}${TITLE}${'</td></tr></table>'.repeat(100)}`;
    expect(readHtml(tables)).toEqual({ doc: { lines: [{ cells: [TITLE] }], structured: true }, warnings: [] });
  });

  it('the use case answers a deeply nested page with "not a report", not an exception', async () => {
    const r = await readReportFile('nested.html', Buffer.from(nestedDivsHtml()));
    expect(r.report).toBeNull();
    expect(r.findings.map((f) => `${f.rule}/${f.severity}`)).toEqual(['read.limit/warning', 'read.notReport/error']);
  });

  it('a page cut by a limit carries the warning into the findings', async () => {
    const r = await readReportFile('spans.html', Buffer.from(spanBombHtml()));
    expect(r.findings.map((f) => `${f.rule}/${f.severity}`)).toEqual(['read.limit/warning', 'read.notReport/error']);
  });
});

describe('zip bombs', () => {
  it('a .docx whose parts are declared to inflate past 50 MB is refused before inflating', async () => {
    const bomb = await docxBomb(64);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(zipBombReason(bomb)).toBe('Word 文件解压后超过 50 MB（压缩炸弹），拒绝读取');
    const x = await extractSource(bomb);
    expect(x).toEqual({ ok: false, kind: 'docx', message: 'Word 文件解压后超过 50 MB（压缩炸弹），拒绝读取' });
  });

  it('a .docx whose directory lies about the size is stopped while inflating, at the limit', async () => {
    const liar = await docxBomb(64, { declaredSize: 1000 });
    expect(zipBombReason(liar)).toBe('Word 文件解压后超过 50 MB（压缩炸弹），拒绝读取');
    // just under the limit it passes the guard (and mammoth then reads it)
    expect(zipBombReason(await docxBomb(MAX_INFLATED_BYTES / 1048576 - 1, { declaredSize: 1000 }))).toBeNull();
  });

  it('a real report as .docx passes the guard and is read', async () => {
    const docx = await reportDocx(expectedReport('fuqing-health-2020'), { overview: '本机关认真贯彻落实条例。' });
    expect(zipBombReason(docx)).toBeNull();
    const r = await readReportFile('fuqing.docx', docx);
    expect(r.report).toEqual(expectedReport('fuqing-health-2020'));
  });
});
