/**
 * The nine real reports of the fixture folder, and variants derived from each into every layout family a
 * supervising office meets (issue 9): Markdown from a converter with lost headers, pipes one cell or one row
 * per line, page-broken PDF text with furniture and vertical headers, traditional characters, and the report
 * cut off at 25/50/75 %. Each must read into the hand-checked data.
 */
import * as OpenCC from 'opencc-js/cn2t';
import { beforeAll, describe, expect, it } from 'vitest';
import { readReport, readReportText } from '../../../src/core/reader/read';
import { getCell, otherFormFor, type Report } from '../../../src/core/report/model';
import { PROACTIVE, appRows } from '../../../src/core/report/template';
import { extractSource } from '../../../src/extract/index';
import type { SourceDoc } from '../../../src/core/reader/source';
import { REPORT_FIXTURES, cellPaths, clone, expectedReport, fixtureBytes, type ReportFixtureName } from '../../helpers/fixtures';
import { cutAt, cutLayout, layoutText, sourceRows, toMarkdown, toPdfText, toPipes, toTabs } from '../../helpers/variants';

const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
const errorsOf = (r: ReturnType<typeof readReportText>) => r.findings.filter((f) => f.severity === 'error').map((f) => `${f.rule}:${f.where}`);

const sources = new Map<ReportFixtureName, SourceDoc>();
beforeAll(async () => {
  for (const fx of REPORT_FIXTURES) {
    const x = await extractSource(fixtureBytes(fx));
    if (!x.ok) throw new Error(`${fx.name}: ${x.message}`);
    sources.set(fx.name, x.doc);
  }
});
const rowsOf = (name: ReportFixtureName) => sourceRows(sources.get(name)!);

describe('the nine fixtures read exactly into their expected data', () => {
  for (const fx of REPORT_FIXTURES) {
    it(`${fx.name}.${fx.ext}`, () => {
      const r = readReport(sources.get(fx.name)!);
      expect(r.report).toEqual(expectedReport(fx.name));
      expect(errorsOf(r)).toEqual([]);
    });
  }

  it('Shanghai (Markdown): the blank 总计 of 四、结转下年度 is restored as 1 with a warning, the stray "1" is not read', () => {
    const r = readReport(sources.get('shanghai-stcsm-2024-markdown')!);
    expect(r.report?.applications.carriedForward).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(r.findings.map((f) => `${f.severity}:${f.rule}:${f.where}`)).toEqual(['warning:read.restored:applications.carriedForward']);
    expect(r.findings[0].message).toContain('总计列为 1');
  });

  it('Shuyang: the agency is read without the crawler\'s "标题：" prefix', () => {
    expect(readReport(sources.get('shuyang-fgj-2023')!).report?.agency).toBe('沭阳县发展和改革局');
  });
});

const FAMILIES: { name: string; make: (rows: string[][]) => string; agency?: (a: string) => string }[] = [
  { name: 'Markdown from a converter (lost headers, invented 数据1…, split tables, OCR 0→O, 一→—)', make: (rows) => toMarkdown(rows) },
  { name: 'pipes, one cell per line', make: (rows) => toPipes(rows, 'cell') },
  { name: 'pipes, one row per line', make: (rows) => toPipes(rows, 'row') },
  { name: 'page-broken PDF text (furniture, vertical headers, figures on one line)', make: (rows) => toPdfText(rows) },
  { name: 'traditional characters (OpenCC)', make: (rows) => toTraditional(toTabs(rows)), agency: toTraditional },
];

describe('variants of every fixture in every layout family read into the same data', () => {
  for (const family of FAMILIES) {
    describe(family.name, () => {
      for (const fx of REPORT_FIXTURES) {
        it(fx.name, () => {
          const text = family.make(rowsOf(fx.name));
          const r = readReportText(text);
          const expected = clone(expectedReport(fx.name));
          if (family.agency) expected.agency = family.agency(expected.agency);
          expect(r.report).toEqual(expected);
          expect(errorsOf(r)).toEqual([]);
        });
      }
    });
  }

  it('the families really are what they claim (so that a passing read means something)', () => {
    const rows = rowsOf('pingtan-2023');
    const md = toMarkdown(rows);
    expect(md).toContain('| 数据1 | 数据2 |');
    expect(md).not.toContain('本年制发件数'); // the header is lost
    expect(md).toMatch(/\| O \|/);
    expect(md).toContain('## 二、主动公开政府信息情况');
    expect(toPipes(rows, 'cell')).toMatch(/\n规章 \|\n0 \|\n0 \|\n0 \|\n\|\|\|\n/);
    expect(toPipes(rows, 'row')).toContain('规章 | 0 | 0 | 0 |');
    const pdf = toPdfText(rows);
    expect(pdf).toMatch(/\n结 结 其 尚/);
    expect(pdf).toMatch(/\nPage \d+ - 2020年报_审计局\n/);
    expect(toTraditional(toTabs(rows))).toContain('收到和處理政府信息公開申請情況');
  });

  it('a traditional copy keeps the agency as printed', () => {
    const r = readReportText(toTraditional(toTabs(rowsOf('jinjiang-health-2022'))));
    expect(r.report?.agency).toBe('晉江市衛生健康局');
  });
});

/** The errors a cut report must give: each table with no printed cell, and each row of a present table with none. */
function missingErrors(report: Report, printed: Set<string>, otherForm: 'single' | 'split'): string[] {
  const out: string[] = [];
  const proactiveRows = PROACTIVE[report.format].flatMap((b) => b.rows.map((r) => `proactive.${r.key}`));
  const has = (prefix: string) => [...printed].some((p) => p.startsWith(prefix));
  if (!has('proactive.')) out.push('read.tableMissing:proactive');
  else out.push(...proactiveRows.filter((row) => !has(`${row}.`)).map((row) => `read.rowMissing:${row}`));
  if (!has('applications.')) out.push('read.tableMissing:applications');
  else out.push(...appRows(otherForm).filter((row) => !has(`${row.path}[`)).map((row) => `read.rowMissing:${row.path}`));
  if (!has('reviewLitigation.')) out.push('read.tableMissing:reviewLitigation');
  return out.sort();
}

describe('a report cut off at 25 %, 50 % and 75 %: exactly the cells before the cut, an error for each missing table and row', () => {
  for (const fx of REPORT_FIXTURES) {
    for (const share of [0.25, 0.5, 0.75]) {
      it(`${fx.name} cut at ${share * 100} %`, () => {
        const model = expectedReport(fx.name);
        const { text, printed } = cutLayout(model, share);
        const r = readReportText(text);
        expect(r.report).not.toBeNull();
        const report = r.report!;
        expect([report.agency, report.year, report.format]).toEqual([model.agency, model.year, model.format]);
        // (六) not reached: its layout is unknown, the template's is used
        const reached = [...printed].some((p) => p.startsWith('applications.other'));
        const otherForm = reached ? (Array.isArray(model.applications.other) ? 'single' : 'split') : otherFormFor(model.format);
        for (const path of cellPaths(report)) {
          expect(getCell(report, path), path).toBe(printed.has(path) ? getCell(model, path) : null);
        }
        expect(cellPaths(report).filter((p) => printed.has(p)).length).toBe(printed.size);
        expect(errorsOf(r).sort()).toEqual(missingErrors(model, printed, otherForm));
      });
    }
  }

  it('a row after the cut is never restored from the totals (it would be, were it missing in the middle)', () => {
    const { text } = cutLayout(expectedReport('hongze-district-2024'), 0.75);
    const r = readReportText(text);
    expect(r.findings.filter((f) => f.rule === 'read.restored')).toEqual([]);
    expect(r.findings.find((f) => f.where === 'applications.carriedForward')?.message).toBe('四、结转下年度继续办理：原文在此行之前中断（文件不完整），此行缺失');
  });

  it('a single page from the middle of table 三: the rows on it are read, the rows before are errors, agency and year from a sentence', () => {
    const model = expectedReport('hongze-district-2024');
    const lines = layoutText(model, 'tabs').split('\n');
    const from = lines.findIndex((l) => l.startsWith('（四）无法提供'));
    const r = readReportText(['2024年，区政府办公室认真贯彻落实《中华人民共和国政府信息公开条例》。', ...lines.slice(from)].join('\n'));
    const report = r.report!;
    expect([report.agency, report.year, report.format]).toEqual(['区政府办公室', 2024, '2021']);
    const onPage = appRows('single').slice(appRows('single').findIndex((d) => d.path === 'applications.unavailable.notHeld'));
    for (const def of appRows('single')) {
      const row = getCell(report, `${def.path}[0]`);
      expect(row, def.path).toBe(onPage.includes(def) ? getCell(model, `${def.path}[0]`) : null);
    }
    expect(report.reviewLitigation).toEqual(model.reviewLitigation);
    const before = appRows('single').filter((d) => !onPage.includes(d)).map((d) => `read.rowMissing:${d.path}`);
    expect(errorsOf(r).sort()).toEqual(['read.tableMissing:proactive', ...before].sort());
    expect(r.findings.find((f) => f.where === 'applications.received')?.message).toBe('一、本年新收政府信息公开申请数量：原文从此行之后开始（文件不完整），此行缺失');
    expect(r.findings.filter((f) => f.rule === 'read.agency' || f.rule === 'read.year').map((f) => f.severity)).toEqual(['warning', 'warning']);
  });

  it('the real texts cut at 25/50/75 %: every figure read is the report\'s own, the rest null, no crash', () => {
    for (const fx of REPORT_FIXTURES) {
      for (const share of [0.25, 0.5, 0.75]) {
        const r = readReportText(cutAt(toTabs(rowsOf(fx.name)), share));
        if (!r.report) {
          expect(r.findings.map((f) => f.rule)).toEqual(['read.notReport']);
          continue;
        }
        const model = expectedReport(fx.name);
        for (const path of cellPaths(r.report)) {
          const v = getCell(r.report, path);
          if (v !== null) expect(v, `${fx.name} ${share} ${path}`).toBe(getCell(model, path));
        }
      }
    }
  });
});
