/**
 * The report's workbook prints: read back with exceljs, every sheet is set to A4, one page wide and as many
 * pages down as it takes, with the heading and the tables' header rows repeated on each page; table 三's
 * labels wrap in rows tall enough for them; a sheet holds the report's text. Then LibreOffice prints it to
 * PDF: every page is A4, every page of table 三 has its first and last columns, and the text sheet's words
 * are all on the page (none cut at an edge).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { draftSections } from '../../src/core/report/draft';
import type { ReportSections } from '../../src/core/report/layout';
import { reportXlsx } from '../../src/render/xlsx';
import { expectedReport } from '../helpers/fixtures';
import { has } from '../helpers/tools';

const report = expectedReport('fuqing-health-2020');
const sections: ReportSections = {
  ...draftSections({ report }),
  problems: '（一）存在的主要问题。一是依申请公开答复文书的规范性有待提升，部分答复书援引条款不够准确，告知救济途径的表述不够统一；二是政策解读形式较为单一。\n（二）改进情况。制定答复书模板和办理指引。',
};

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** Display width written out here on its own: a character from the CJK blocks or full-width forms is two units. */
function units(text: string): number {
  let n = 0;
  for (const ch of text) n += ch.codePointAt(0)! >= 0x2e80 ? 2 : 1;
  return n;
}

/** The merged range a cell heads, as [top, left, bottom, right], or the cell alone. */
function extent(ws: ExcelJS.Worksheet, row: number, col: number): [number, number, number, number] {
  const merges = (ws.model as unknown as { merges: string[] }).merges ?? [];
  for (const m of merges) {
    const [a, b] = m.split(':').map((ref) => ws.getCell(ref));
    if (Number(a.row) === row && Number(a.col) === col) return [Number(a.row), Number(a.col), Number(b.row), Number(b.col)];
  }
  return [row, col, row, col];
}

describe('the report workbook, as printed', () => {
  it('has the cover, the text and the three tables; without the text when no sections are given', async () => {
    const wb = await load(await reportXlsx(report, sections));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['报告', '正文', '二、主动公开', '三、依申请公开', '四、复议诉讼']);
    const bare = await load(await reportXlsx(report));
    expect(bare.worksheets.map((w) => w.name)).toEqual(['报告', '二、主动公开', '三、依申请公开', '四、复议诉讼']);
  });

  it('sets every sheet to A4, one page wide, as many pages down as it takes', async () => {
    const wb = await load(await reportXlsx(report, sections));
    for (const ws of wb.worksheets) {
      expect({ sheet: ws.name, ...ws.pageSetup }).toMatchObject({ sheet: ws.name, paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    }
    // table 四's 15 columns lie across the page; table 三's 10 stand
    expect(wb.getWorksheet('四、复议诉讼')!.pageSetup.orientation).toBe('landscape');
    expect(wb.getWorksheet('三、依申请公开')!.pageSetup.orientation).toBe('portrait');
  });

  it('repeats the heading row, and tables 三 and 四 their three header rows, on every page', async () => {
    const wb = await load(await reportXlsx(report, sections));
    expect(wb.getWorksheet('三、依申请公开')!.pageSetup.printTitlesRow).toBe('1:4');
    expect(wb.getWorksheet('四、复议诉讼')!.pageSetup.printTitlesRow).toBe('1:4');
    expect(wb.getWorksheet('二、主动公开')!.pageSetup.printTitlesRow).toBe('1:1');
    expect(wb.getWorksheet('正文')!.pageSetup.printTitlesRow).toBe('1:1');
  });

  it('wraps table 三\'s labels, in rows tall enough for the wrapped lines', async () => {
    const ws = (await load(await reportXlsx(report, sections))).getWorksheet('三、依申请公开')!;
    // the organisations' row: 社会公益组织 is six full-width characters, 12 units, in a column of 8 (7 for text):
    // two lines, so the row is at least two lines of 11-point text high
    expect(ws.getCell('G4').value).toBe('社会公益组织');
    expect(ws.getColumn('G').width).toBeLessThan(13);
    expect(ws.getRow(4).height).toBeGreaterThanOrEqual(28);

    const lineHeight = 14; // points, 11-point type
    let checked = 0;
    ws.eachRow((row, r) => {
      row.eachCell((cell, c) => {
        if (r === 1 || typeof cell.value !== 'string' || cell.isMerged && cell.master !== cell) return;
        expect(cell.alignment?.wrapText, `${cell.address} wraps`).toBe(true);
        const [top, left, bottom, right] = extent(ws, r, c);
        let width = 0;
        for (let k = left; k <= right; k++) width += ws.getColumn(k).width!;
        let height = 0;
        for (let k = top; k <= bottom; k++) height += ws.getRow(k).height ?? 15;
        const lines = Math.ceil(units(cell.value) / (width - 1));
        expect(height, `${cell.address} “${cell.value}”: ${lines} lines in ${width} units`).toBeGreaterThanOrEqual(lines * lineHeight);
        checked++;
      });
    });
    expect(checked).toBeGreaterThan(30);
  });

  it('holds the report\'s text: the title, sections 一 to 六 in order, every paragraph, and where the tables are', async () => {
    const ws = (await load(await reportXlsx(report, sections))).getWorksheet('正文')!;
    const rows: string[] = [];
    ws.eachRow((row) => rows.push(String(row.getCell(1).value)));
    expect(rows[0]).toBe('福清市卫生健康局2020年政府信息公开工作年度报告');
    const headings = rows.filter((t) => /^[一二三四五六]、/.test(t));
    expect(headings).toEqual([
      '一、总体情况',
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况',
      '五、存在的主要问题及改进情况',
      '六、其他需要报告的事项',
    ]);
    const body = rows.map((t) => t.trim());
    for (const paragraph of [...sections.overview!.split('\n'), ...sections.problems!.split('\n'), ...sections.other!.split('\n')]) {
      if (paragraph.trim()) expect(body).toContain(paragraph.trim());
    }
    expect(body).toContain('（见“三、依申请公开”工作表）');
    // the long paragraph of 五 wraps, in a row tall enough
    const long = rows.findIndex((t) => t.includes('援引条款不够准确')) + 1;
    expect(ws.getCell(long, 1).alignment?.wrapText).toBe(true);
    const lines = Math.ceil(units(ws.getCell(long, 1).value as string) / (ws.getColumn(1).width! - 1));
    expect(lines).toBeGreaterThanOrEqual(2);
    expect(ws.getRow(long).height).toBeGreaterThanOrEqual(lines * 14);
  });
});

// LibreOffice with Calc (Debian's libreoffice-calc-nogui), and poppler for pdfinfo / pdftotext
const calc = has('soffice') && has('pdfinfo') && has('pdftotext') && existsSync('/usr/lib/libreoffice/program/libsclo.so');
if (!calc) console.warn('跳过 .xlsx 打印测试：未安装 LibreOffice Calc 或 poppler (skipped: no LibreOffice Calc)');

describe.skipIf(!calc)('the report workbook printed by LibreOffice', () => {
  it('prints every sheet on A4 pages, one page wide, with all of its text', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gk-xlsx-'));
    const xlsx = path.join(dir, 'report.xlsx');
    writeFileSync(xlsx, await reportXlsx(report, sections));
    execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', dir, xlsx], { stdio: 'ignore', timeout: 120_000, env: { ...process.env, HOME: dir } });
    const pdf = path.join(dir, 'report.pdf');
    const info = execFileSync('pdfinfo', ['-f', '1', '-l', '99', pdf], { encoding: 'utf8' });
    const sizes = [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => [Number(m[1]), Number(m[2])].sort((a, b) => a - b));
    expect(sizes.length).toBeGreaterThanOrEqual(5); // cover, text, three tables
    for (const [short, long] of sizes) {
      // A4 is 595 × 842 points, either way round
      expect(Math.abs(short - 595)).toBeLessThan(2);
      expect(Math.abs(long - 842)).toBeLessThan(2);
    }
    const pages = sizes.map((_, i) => execFileSync('pdftotext', ['-layout', '-f', String(i + 1), '-l', String(i + 1), pdf, '-'], { encoding: 'utf8' }));
    // table 三: a page with its rows has the first column of figures (自然人) and the last (总计) — not cut in two
    const t3 = pages.filter((p) => p.includes('一、本年新收政府信息公开申请数量') || p.includes('四、结转下年度继续办理'));
    expect(t3.length).toBeGreaterThanOrEqual(1);
    for (const p of t3) expect(p).toMatch(/自然人[\s\S]*总计/);
    // table 四: both ends of its 15 columns on one page
    const t4 = pages.filter((p) => p.includes('行政复议') && p.includes('复议后起诉'));
    expect(t4.length).toBe(1);
    expect(t4[0]).toContain('未经复议直接起诉');
    // the text: every paragraph whole (nothing cut at the page's edges); compared without spaces and line ends
    const flat = (s: string) => s.replace(/\s+/g, '');
    const all = flat(pages.join(''));
    for (const heading of ['一、总体情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项']) expect(all).toContain(heading);
    for (const paragraph of [...sections.overview!.split('\n'), ...sections.problems!.split('\n')]) expect(all).toContain(flat(paragraph));
  }, 180_000);
});
