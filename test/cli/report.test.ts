/**
 * `gongkai report parse|check` as a user runs it (report-model.md, "Command line").
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/core/report/model';
import { BIN, ROOT, gongkai } from '../helpers/cli';
import { clone, expectedReport, fixturePath, fixtureText } from '../helpers/fixtures';
import { layoutText } from '../helpers/variants';
import { zipOf } from '../helpers/zip';

const fuqing = fixturePath('fuqing-health-2020', 'txt');
const jinjiang = fixturePath('jinjiang-health-2022', 'txt');
const hongze = fixturePath('hongze-district-2024', 'pdf');
const tmp = mkdtempSync(path.join(tmpdir(), 'gongkai-cli-'));
const file = (name: string, text: string) => {
  const p = path.join(tmp, name);
  writeFileSync(p, text);
  return p;
};

describe.concurrent('gongkai report parse', () => {
  it('gives the expected JSON for both text fixtures (an array for several files)', async () => {
    const r = await gongkai('report', 'parse', fuqing, jinjiang, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { file: string; report: Report; findings: { rule: string; severity: string }[] }[];
    expect(out.map((o) => o.file)).toEqual([fuqing, jinjiang]);
    expect(out[0].report).toEqual(expectedReport('fuqing-health-2020'));
    expect(out[1].report).toEqual(expectedReport('jinjiang-health-2022'));
    expect(out[0].findings.map((f) => `${f.severity}:${f.rule}`)).toEqual(['warning:read.restored', 'warning:read.restored', 'warning:read.extraValues']);
    expect(out[1].findings).toEqual([]);
  });

  it('one file gives one object; the PDF fixture reads too', async () => {
    const r = await gongkai('report', 'parse', hongze, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['file', 'report', 'findings']);
    expect(out.report).toEqual(expectedReport('hongze-district-2024'));
  });

  it('a file that is not a report gives report null and exit 2', async () => {
    const r = await gongkai('report', 'parse', path.join(ROOT, 'package.json'), '--json');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ report: null, findings: [{ rule: 'read.notReport', severity: 'error' }] });
  });
});

describe.concurrent('gongkai report check', () => {
  it('exits 0 on both text fixtures, showing the Fuqing restorations as warnings and a summary table', async () => {
    const r = await gongkai('report', 'check', fuqing, jinjiang);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('警告 [read.restored] applications.disclosed');
    expect(r.stdout).toContain('三、（一）予以公开：原文此行只有 6 个数（2 0 0 0 0 2）');
    expect(r.stdout).toContain('未发现问题');
    expect(r.stdout).toMatch(/文件 File.*机关 Agency.*年度 Year.*格式 Format.*错误 Errors.*警告 Warnings/);
    expect(r.stdout).toMatch(/fuqing-health-2020\.txt\s*│\s*福清市卫生健康局\s*│\s*2020\s*│\s*2019\s*│\s*0\s*│\s*3/);
    expect(r.stdout).not.toContain('\u001b['); // no colour codes when not on a terminal
  });

  it('exits 1 when a report breaks a rule, naming the cell', async () => {
    const changed = file('fuqing-changed.txt', fixtureText('fuqing-health-2020').replace('1. 本机关不掌握相关政府信息\t1\t0', '1. 本机关不掌握相关政府信息\t2\t0'));
    const r = await gongkai('report', 'check', changed);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('错误 [applications.rowTotal] applications.unavailable.notHeld[0]');
    expect(r.stdout).toContain('三、（四）无法提供 1.本机关不掌握相关政府信息，自然人列：应为 1，实为 2');
  });

  it('exits 1 on the Hongze PDF: its prose says 17 applications where table 三 says 95', async () => {
    const r = await gongkai('report', 'check', hongze, '--json');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.findings).toEqual([expect.objectContaining({ rule: 'narrative.received', severity: 'error' })]);
  });

  it('exits 2 when any file cannot be read as a report', async () => {
    const r = await gongkai('report', 'check', jinjiang, path.join(ROOT, 'package.json'));
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('不是可读取的政府信息公开工作年度报告');
  });

  describe('across years', () => {
    // Jinjiang 2021 as it would have been: one application carried forward into 2022
    const prev = clone(expectedReport('jinjiang-health-2022'));
    prev.year = 2021;
    prev.applications.received = [3, 0, 0, 0, 0, 0, 3];
    prev.applications.disclosed = [2, 0, 0, 0, 0, 0, 2];
    prev.applications.total = [2, 0, 0, 0, 0, 0, 2];
    prev.applications.carriedForward = [1, 0, 0, 0, 0, 0, 1];
    const prevFile = file('jinjiang-2021.txt', layoutText(prev, 'tabs'));

    it('--previous: 2022 "上年结转" must equal 2021 "结转下年度继续办理"', async () => {
      const r = await gongkai('report', 'check', jinjiang, '--previous', prevFile);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('二、上年结转政府信息公开申请数量，自然人列：应为 1（2021年报告“四、结转下年度继续办理”自然人列），实为 0');
    });

    it('finds the previous year among the files given (same agency, year − 1)', async () => {
      const r = await gongkai('report', 'check', prevFile, jinjiang, '--json');
      expect(r.code).toBe(1);
      const out = JSON.parse(r.stdout) as { findings: { rule: string }[] }[];
      expect(out[0].findings).toEqual([]);
      expect(out[1].findings.map((f) => f.rule)).toEqual(['applications.carryOver', 'applications.carryOver']);
    });
  });
});

describe('on a terminal', () => {
  it('shows a progress bar on stderr while reading many files', async () => {
    const files = Array.from({ length: 6 }, (_, i) => file(`r${i}.txt`, fixtureText('jinjiang-health-2022')));
    const out = await new Promise<string>((resolve) => {
      // `script` gives the command a real pseudo-terminal
      execFile('script', ['-qec', `${process.execPath} ${BIN} report check ${files.join(' ')}`, '/dev/null'], { cwd: ROOT }, (_e, stdout) => resolve(stdout));
    });
    expect(out).toContain('读取报告 Reading');
    expect(out).toMatch(/\d\/6/);
  });

  it('--help is in Chinese and English', async () => {
    const r = await gongkai('report', 'check', '--help');
    expect(r.stdout).toContain('检查年度报告');
    expect(r.stdout).toContain('check reports against the consistency rules');
    expect(r.stdout).toContain('退出码 Exit codes');
  });
});

describe('gongkai report with a folder', () => {
  it('reads every report file below a folder (recursing, in name order) on all cores', async () => {
    const { copyFileSync, mkdirSync } = await import('node:fs');
    const dir = mkdtempSync(path.join(tmpdir(), 'gongkai-folder-'));
    mkdirSync(path.join(dir, '2022', '卫健'), { recursive: true });
    copyFileSync(fuqing, path.join(dir, 'a-fuqing.txt'));
    copyFileSync(jinjiang, path.join(dir, '2022', '卫健', 'b-jinjiang.TXT'));
    writeFileSync(path.join(dir, 'notes.json'), '{}'); // not a report file: passed over
    const r = await gongkai('report', 'parse', dir, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { file: string; report: Report }[];
    expect(out.map((o) => path.relative(dir, o.file))).toEqual([path.join('2022', '卫健', 'b-jinjiang.TXT'), 'a-fuqing.txt']);
    expect(out[0].report).toEqual(expectedReport('jinjiang-health-2022'));
    expect(out[1].report).toEqual(expectedReport('fuqing-health-2020'));
  });

  it('a folder with no report file is bad usage (exit 2), named in the message', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gongkai-empty-'));
    const r = await gongkai('report', 'check', dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`文件夹 ${dir} 中没有可读取的报告文件`);
  });
});

describe('gongkai report check on a generated city, with a .zip and --xlsx', () => {
  it('reads the folder and the reports inside a .zip (nested folders), and writes the workbook', async () => {
    const { readFileSync, rmSync } = await import('node:fs');
    const { writeCity } = await import('../../src/demo/write');
    const ExcelJS = (await import('exceljs')).default;
    const dir = mkdtempSync(path.join(tmpdir(), 'gongkai-city-check-'));
    // the government and 2 departments, 2021–2022, as text; the 2022 reports are moved into a .zip
    const manifest = await writeCity(dir, { agencies: 2, years: [2021, 2022], formats: ['txt'], seed: 5 });
    const inZip = manifest.reports.filter((r) => r.year === 2022);
    const zip = zipOf(inZip.map((r) => ({ name: `各部门/2022/${path.basename(r.files.txt!)}`, bytes: readFileSync(path.join(dir, r.files.txt!)) })));
    writeFileSync(path.join(dir, '2022年报告.zip'), zip);
    rmSync(path.join(dir, '2022'), { recursive: true });
    const xlsx = path.join(dir, 'out.xlsx');

    const r = await gongkai('report', 'check', dir, '--json', '--xlsx', xlsx);
    const out = JSON.parse(r.stdout) as { file: string; report: Report | null; findings: { rule: string; severity: string; where: string }[] }[];
    expect(out).toHaveLength(6);
    const nameOf = (m: (typeof manifest.reports)[number]) =>
      m.year === 2022 ? path.join(dir, '2022年报告.zip') + `/各部门/2022/${path.basename(m.files.txt!)}` : path.join(dir, m.files.txt!);
    for (const m of manifest.reports) {
      const got = out.find((o) => o.file === nameOf(m));
      expect(got, nameOf(m)).toBeDefined();
      expect(got!.report).toEqual(m.report);
      // the cross-year rule works between a file in the folder and one in the archive
      // a sentence is named by its line in the file ("line 5"): compared as "narrative"
      const where = (f: { rule: string; where: string }) => `${f.rule}@${/^line \d+$/.test(f.where) ? 'narrative' : f.where}`;
      expect(got!.findings.map(where).sort()).toEqual((m.plant?.findings ?? []).map(where).sort());
    }
    const errors = manifest.reports.filter((m) => m.plant?.findings.some((f) => f.severity === 'error'));
    expect(r.code).toBe(errors.length > 0 ? 1 : 0);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(xlsx) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['报告', '问题']);
    const reports = wb.getWorksheet('报告')!;
    expect(reports.getRow(1).values).toEqual([undefined, '文件', '机关', '年度', '模板版本', '错误', '警告']);
    expect(reports.rowCount).toBe(7);
    expect(reports.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(reports.pageSetup).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1 });
    for (let row = 2; row <= 7; row++) {
      const file = reports.getCell(row, 1).value as string;
      const o = out.find((x) => x.file === file)!;
      expect(reports.getCell(row, 2).value).toBe(o.report!.agency);
      expect(reports.getCell(row, 3).value).toBe(o.report!.year);
      expect(reports.getCell(row, 4).value).toBe(`${o.report!.format}年版`);
      expect(reports.getCell(row, 5).value).toBe(o.findings.filter((f) => f.severity === 'error').length);
      expect(reports.getCell(row, 6).value).toBe(o.findings.filter((f) => f.severity === 'warning').length);
    }
    const problems = wb.getWorksheet('问题')!;
    expect(problems.getRow(1).values).toEqual([undefined, '文件', '规则', '规则说明', '严重程度', '问题', '位置']);
    const all = out.flatMap((o) => o.findings.map((f) => [o.file, f.rule, f.severity === 'error' ? '错误' : f.severity === 'warning' ? '警告' : '提示', f.where]));
    expect(problems.rowCount).toBe(all.length + 1);
    const rows = Array.from({ length: all.length }, (_, i) => [1, 2, 4, 6].map((c) => problems.getCell(i + 2, c).value));
    expect(rows).toEqual(all);
    expect(all.length).toBeGreaterThan(0);
  }, 120_000);

  it('an archive that is not a zip is one file with its error (exit 2)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gongkai-badzip-'));
    writeFileSync(path.join(dir, '坏.zip'), 'not a zip at all');
    const r = await gongkai('report', 'check', dir, '--json');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ file: path.join(dir, '坏.zip'), report: null, findings: [{ rule: 'read.file', severity: 'error', message: '不是有效的 ZIP 压缩文件' }] });
  });
});
