/**
 * The supervising office's console tried as a new user would (issue 10, "Done when"): the city's supervisor
 * uploads a .zip of 50 generated reports (src/demo/city.ts: the government and 16 departments × 2020–2022, one
 * clean report left out) in four formats, watches the progress bar reach the end, finds every planted mistake in
 * 审核 and no error on the clean reports, dismisses one finding with a reason, uploads the same .zip again and
 * finds the decision carried over (沿用), confirms another and sends a 整改 notice, uploads the corrected report
 * (the same report without its plant) and sees the notice closed (已办结), exports the workbook, and on 比较
 * reads the applications received of every agency and year, compared with the generated reports.
 *
 * The charts' numbers are read from the page: each chart's description for screen readers (echarts' aria label,
 * web/src/components/EChart.tsx) lists every value by agency.
 */
import { zipOf } from '../helpers/zip';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { agencies } from '../../src/db/schema';
import { RULES, SEVERITY_LABELS, type RuleId } from '../../src/core/report/findings';
import { generateCity, type CityReport } from '../../src/demo/city';
import { renderReport, type DemoFormat } from '../../src/demo/write';
import { createAgency } from '../../src/services/agencies';
import { Screenshots, WAIT, download, e2eSession, logIn, pickOption, storySteps, type E2EServer } from './browser';

const TODAY = '2023-03-10';
const FORMATS: DemoFormat[] = ['txt', 'docx', 'html', 'pdf'];
const city = generateCity({ agencies: 16, years: [2020, 2021, 2022], seed: 7 });
// 17 agencies × 3 years = 51: one clean report of the last year left out (nothing later depends on it)
const left = city.reports.find((r) => r.year === 2022 && !r.plant)!;
const reports: CityReport[] = city.reports.filter((r) => r !== left);
const planted = reports.filter((r) => r.plant);
/** the report whose mistake is confirmed, sent in a notice and corrected: a negative figure in table 二 */
const target = planted.find((r) => r.plant!.kind === 'negative')!;
/** the report whose finding is dismissed */
const dismissed = planted.find((r) => r.plant!.kind === 'rowTotal')!;

/** The same report without its plant: 行政强制 处理决定 not negative (the narrative never states it). */
function corrected(r: CityReport): CityReport {
  const report = structuredClone(r.report);
  (report.proactive.enforcement as { decisions: number | null }).decisions = 0;
  return { ...r, report, plant: null };
}

const shots = new Screenshots('supervision-').clear();

/**
 * One series' values by category from an echarts chart's description (locale ZH):
 * "…第1个系列是一个表示新收申请的柱状图，其数据是——示范市教育局的数据是25，示范市公安局的数据是53；第2个系列…"
 */
function seriesValues(description: string, series: string): Map<string, number> {
  const start = description.indexOf(`表示${series}的`);
  if (start < 0) throw new Error(`no series ${series} in: ${description.slice(0, 200)}`);
  const body = description.slice(description.indexOf('——', start) + 2).split(/[；。]/)[0];
  return new Map(
    body.split('，').map((item) => {
      const m = /^(.+)的数据是(-?\d+)$/.exec(item);
      if (!m) throw new Error(`unreadable item "${item}" of series ${series}`);
      return [m[1], Number(m[2])] as const;
    }),
  );
}

interface Row {
  agency: string;
  year: number;
  severity: string;
  rule: string;
  decision: string;
}

describe('the supervising office: collect, audit, follow up, compare (browser)', () => {
  let server: E2EServer;
  let page: Page;
  let base: string;
  let zip: Buffer;
  e2eSession(TODAY, { label: 'supervision', shots }, async (s) => {
    ({ server, page, base } = s);
    // the city's departments as agencies of the tree below the demo government (教育局 is there already)
    const all = await server.ctx.db.select().from(agencies);
    const gov = all.find((a) => a.name === '示范市人民政府')!;
    const names = new Set(all.map((a) => a.name));
    for (const name of city.agencies) if (!names.has(name)) await createAgency(server.ctx.db, { name, kind: 'department', parentId: gov.id });
    zip = zipOf(await Promise.all(reports.map(async (r, i) => ({ name: `${r.year}/${r.agency}${r.year}年报告.${FORMATS[i % 4]}`, bytes: await renderReport(r, FORMATS[i % 4]) }))));
  });
  const step = storySteps();

  const tab = async (key: string) => {
    await page.getByTestId(`supervision-tab-${key}`).click();
  };

  /** upload through the dragger and wait until the progress says every file was read */
  async function upload(name: string, bytes: Buffer, total: number): Promise<void> {
    await tab('collection');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/supervision/batches'),
      page.getByTestId('collection-upload').locator('input[type=file]').setInputFiles({ name, mimeType: 'application/octet-stream', buffer: bytes }),
    ]);
    expect(response.status()).toBe(201);
    // the progress of this batch, not the one shown before (the page switches to the new batch)
    const { batch } = (await response.json()) as { batch: { id: string } };
    const bar = page.locator(`[data-testid=batch-progress][data-batch-id="${batch.id}"]`);
    await bar.waitFor({ timeout: WAIT });
    await expect.poll(() => bar.getByTestId('batch-progress-text').innerText(), { timeout: 300_000, interval: 1000 }).toBe(`读取完成：已读取 ${total} / ${total} 个文件`);
  }

  /** every row of the audit table under the current filter, page by page */
  async function auditRows(): Promise<Row[]> {
    await page.getByTestId('audit-summary').waitFor();
    await expect.poll(() => page.locator('[data-testid=audit-table] .ant-spin-spinning').count(), { timeout: WAIT }).toBe(0);
    const out: Row[] = [];
    for (;;) {
      const rows = page.locator('[data-testid=audit-table] tbody tr.ant-table-row');
      for (const cells of await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())))) {
        out.push({ agency: cells[0], year: Number(cells[1]), severity: cells[3], rule: cells[4], decision: cells[7] });
      }
      const next = page.locator('[data-testid=audit-table] .ant-pagination-next');
      if ((await next.count()) === 0 || (await next.getAttribute('aria-disabled')) === 'true') break;
      await next.click();
    }
    return out;
  }

  const rowOf = (r: CityReport, rule: RuleId) =>
    page
      .locator('[data-testid=audit-table] tbody tr.ant-table-row')
      .filter({ has: page.locator('td:nth-child(1)', { hasText: r.agency }) })
      .filter({ has: page.locator('td:nth-child(2)', { hasText: String(r.year) }) })
      .filter({ hasText: RULES[rule] })
      .first();

  it('signs in and uploads the .zip of 50 reports; the progress bar reaches the end', async () => {
    step();
    expect(reports).toHaveLength(50);
    expect(new Set(reports.map((r) => r.agency)).size).toBe(17);
    await logIn(page, base, 'supervisor');
    await page.goto(`${base}/admin/supervision`);
    await upload('各部门2020-2022年报告.zip', zip, 50);
    // the bar full and green (antd shows a tick instead of 100%)
    expect(await page.locator('[data-testid=batch-progress] .ant-progress-status-success').count()).toBe(1);
    await shots.take(page, 'progress-done');
  }, 400_000);

  it('sees every planted mistake in 审核, and no error on the clean reports', async () => {
    step();
    await tab('audit');
    const errors = await auditRows();
    await shots.take(page, 'audit-errors');
    const key = (agency: string, year: number, rule: string) => `${agency} ${year} ${rule}`;
    const expected = new Set(planted.flatMap((r) => r.plant!.findings.filter((f) => f.severity === 'error').map((f) => key(r.agency, r.year, RULES[f.rule]))));
    const seen = new Set(errors.map((e) => key(e.agency, e.year, e.rule)));
    for (const k of expected) expect(seen, k).toContain(k);
    // no error elsewhere among the city's reports
    const cityNames = new Set(city.agencies);
    const stray = errors.filter((e) => cityNames.has(e.agency) && !expected.has(key(e.agency, e.year, e.rule)));
    expect(stray).toEqual([]);
    expect(errors.every((e) => e.severity === SEVERITY_LABELS.error)).toBe(true);

    // the warnings: the report in the other version's template
    await pickOption(page, page.getByTestId('audit-filter-severity'), SEVERITY_LABELS.warning);
    const warnings = await auditRows();
    await shots.take(page, 'audit-warnings');
    const warned = new Set(warnings.map((e) => key(e.agency, e.year, e.rule)));
    const plantedWarnings = new Set(planted.flatMap((r) => r.plant!.findings.filter((f) => f.severity === 'warning').map((f) => key(r.agency, r.year, RULES[f.rule]))));
    for (const k of plantedWarnings) expect(warned).toContain(k);
    // and no warning on a clean report either
    expect(warnings.filter((e) => cityNames.has(e.agency) && !plantedWarnings.has(key(e.agency, e.year, e.rule)))).toEqual([]);
    await pickOption(page, page.getByTestId('audit-filter-severity'), SEVERITY_LABELS.error);
  }, 300_000);

  it('dismisses a finding with a reason', async () => {
    step();
    await auditRows();
    const row = rowOf(dismissed, 'applications.rowTotal');
    await row.getByTestId('finding-dismiss').click();
    await page.getByTestId('dismiss-reason').fill('经核对原件，该格系排版误差，不影响报告');
    await page.getByTestId('dismiss-ok').click();
    await expect.poll(() => rowOf(dismissed, 'applications.rowTotal').innerText(), { timeout: WAIT }).toContain('已排除');
    await shots.take(page, 'dismissed');
  }, 120_000);

  it('uploads the same .zip again: the decision is kept, shown as carried over', async () => {
    step();
    await upload('各部门2020-2022年报告（再次）.zip', zip, 50);
    await shots.take(page, 'reupload-done');
    await tab('audit');
    await auditRows();
    const row = rowOf(dismissed, 'applications.rowTotal');
    await expect.poll(() => row.innerText(), { timeout: WAIT }).toContain('已排除');
    await expect.poll(() => row.getByTestId('decision-carried').innerText(), { timeout: WAIT }).toBe('沿用');
    await shots.take(page, 'carried-over');
  }, 400_000);

  it('confirms a finding and sends a 整改 notice', async () => {
    step();
    const row = rowOf(target, 'values.nonNegative');
    await row.getByTestId('finding-confirm').click();
    await expect.poll(() => rowOf(target, 'values.nonNegative').innerText(), { timeout: WAIT }).toContain('已确认');
    await tab('followup');
    await pickOption(page, page.getByTestId('issue-target'), new RegExp(`^${target.agency} ${target.year} 年度`));
    await page.getByTestId('issue-submit').click();
    await expect.poll(() => page.getByTestId('followup-status').innerText(), { timeout: WAIT }).toContain(target.agency);
    await expect.poll(() => page.getByTestId('followup-status').locator('[data-testid^=rectification-status-]').first().innerText(), { timeout: WAIT }).toBe('已下发');
    await shots.take(page, 'notice-sent');
  }, 120_000);

  it('uploads the corrected report and sees the finding closed', async () => {
    step();
    const fixed = corrected(target);
    await upload(`${target.agency}${target.year}年报告（更正）.txt`, await renderReport(fixed, 'txt'), 1);
    await shots.take(page, 'corrected-uploaded');
    await tab('followup');
    await page.getByTestId('rectification-attach').click();
    await expect.poll(() => page.getByTestId('followup-status').locator('[data-testid^=rectification-status-]').first().innerText(), { timeout: WAIT }).toBe('已办结');
    // the comparison opens by itself: the listed finding fixed, nothing remaining or new, the one cell changed
    const drawer = page; // the one drawer open
    await expect.poll(() => drawer.getByTestId('listed-finding').innerText(), { timeout: WAIT }).toContain('已改正');
    expect(await drawer.getByTestId('listed-finding').count()).toBe(1);
    expect(await drawer.getByTestId('comparison-remaining').innerText()).toMatch(/仍存在的问题\s*0\s*无/);
    expect(await drawer.getByTestId('comparison-added').innerText()).toMatch(/新出现的问题\s*0\s*无/);
    expect(await drawer.getByTestId('comparison-cells').locator('tbody tr.ant-table-row').count()).toBe(1);
    await shots.take(page, 'closed');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.ant-drawer-mask').count(), { timeout: WAIT }).toBe(0);
  }, 300_000);

  it('exports the workbook', async () => {
    step();
    await tab('compare');
    const { filename, bytes } = await download(page, page.getByTestId('compare-export'));
    expect(filename).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toEqual(expect.arrayContaining(['机关数据', '问题', '整改']));
    const figures = wb.getWorksheet('机关数据')!;
    const agenciesInSheet = new Set<string>();
    figures.eachRow((row, n) => n > 1 && agenciesInSheet.add(String(row.getCell(1).value)));
    for (const a of city.agencies) expect(agenciesInSheet).toContain(a);
    const findings = wb.getWorksheet('问题')!;
    const dismissedRows: string[] = [];
    findings.eachRow((row) => {
      if (String(row.getCell(8).value).startsWith('已排除')) dismissedRows.push(`${row.getCell(1).value} ${row.getCell(2).value} ${row.getCell(8).value} ${row.getCell(9).value}`);
    });
    // one dismissal, on the report uploaded again: carried over from the first upload
    expect(dismissedRows).toEqual([`${dismissed.agency} ${dismissed.year} 已排除（沿用） 经核对原件，该格系排版误差，不影响报告`]);
  }, 120_000);

  it('比较: the applications received shown match the reports', async () => {
    step();
    for (const year of city.years) {
      await pickOption(page, page.getByTestId('compare-year'), `${year} 年度`);
      await expect.poll(() => page.getByTestId('compare-ranking').innerText(), { timeout: WAIT }).toContain(city.agencies[1]);
      const shown = new Map(
        (await page.locator('[data-testid=compare-ranking] tbody tr.ant-table-row').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())))).map(
          (c) => [c[1], c[2]] as const,
        ),
      );
      // the chart's own numbers, from the description it gives screen readers (echarts aria)
      const described = await page.getByTestId('compare-chart-received').getAttribute('aria-label');
      const charted = seriesValues(described ?? '', '新收申请');
      for (const r of reports.filter((x) => x.year === year)) {
        expect(shown.get(r.agency)?.replace(/,/g, ''), `${r.agency} ${year}`).toBe(String(r.report.applications.received[6]));
        expect(charted.get(r.agency), `chart: ${r.agency} ${year}`).toBe(r.report.applications.received[6]);
      }
      // and the agencies in Gongkai itself (the demo's 卫生健康局): the chart shows what the ranking shows
      expect([...charted].map(([a, n]) => `${a} ${n}`).sort()).toEqual([...shown].map(([a, n]) => `${a} ${n.replace(/,/g, '')}`).sort());
      await shots.take(page, `compare-${year}`);
    }
  }, 200_000);
});

