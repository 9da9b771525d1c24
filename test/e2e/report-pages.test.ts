/**
 * In the browser, as the people who use them: the annual report (年度报告) and the 主动公开 registry.
 *
 * 1. The health bureau's officer opens this year's report: the six sections and the three tables; the four
 *    passages the draft leaves to write are errors, named by their section; a sentence typed into section 一
 *    with a wrong number of applications is flagged at once, next to the sentence and in the findings panel,
 *    and the flag goes when the sentence does; a figure of table 三 opens the records it counts.
 * 2. The report's workflow: the officer writes the passages left and saves; the year is not over, so the page
 *    says when it may be submitted and offers no submission; on 5 January the officer submits it, the reviewer
 *    approves it, the officer (the one the page offers it to) publishes it; the version shows in the list, and
 *    the public portal has it, with its Word and Excel files.
 * 2b. An earlier year's published report brought in: what was read and its findings shown first, nothing
 *    saved until confirmed; then an imported version, not on the portal. A report printed by another agency of
 *    the city is refused, naming both.
 * 3. 主动公开: the officer registers an item and does the 保密审查, the reviewer approves it, the officer
 *    publishes it, and the public catalogue finds it. A bulk import of decisions with one wrong row is refused
 *    as a whole, naming the row.
 * 4. The city government's supervisor opens 监督检查 and sees the agencies' reports charted.
 *
 * "Today" is fixed (server and browser) at 2026-11-23, a Monday: the demo agency then has its 2025 report
 * published and 2026's not yet written. Story 2 moves it to 2027-01-05 to submit and publish, and back. Every page visited is saved as test-results/e2e/rNN-name.png (the
 * "r" keeps them apart from the application story's NN-name.png).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { decisions, reportVersions } from '../../src/db/schema';
import { publicAgencies } from '../../src/services/agencies';
import { clone, expectedReport } from '../helpers/fixtures';
import { layoutText } from '../helpers/variants';
import { Screenshots, WAIT, e2eSession, logIn, logOut, pickOption, storySteps, type E2EBrowser, type E2EServer } from './browser';

const TODAY = '2026-11-23';
const YEAR = 2026;
/** the first working days after the year: the report is submitted, approved and published */
const AFTER_YEAR = '2027-01-05';
const AGENCY = '示范市卫生健康局';

/** the sentence typed into section 一: the number is not the table's */
const WRONG_SENTENCE = '本年度共收到政府信息公开申请999件。';

/** what the officer writes where the draft asks for it */
const OVERVIEW_PLATFORM = '（四）政府信息管理和平台建设情况。落实信息发布保密审查制度，及时更新政府信息公开指南和公开目录，加强政府网站和“健康示范”微信公众号建设。';
const OVERVIEW_OVERSIGHT = '（五）监督保障情况。调整政务公开工作领导小组，组织业务培训3次，将政务公开纳入年度绩效考核。';
const PROBLEMS = '（一）存在的主要问题。依申请公开答复文书的说理还不够充分，政策解读形式较为单一。\n（二）改进情况。修订答复书模板，推行图解、短视频等解读形式。';

const DISPLAY_NAMES: Record<string, string> = { officer: '卫健局 陈晓', reviewer: '卫健局 王科长', supervisor: '政务公开办 林主任' };

const ITEM = {
  title: '示范市卫生健康局关于做好2026—2027年冬春季流行性感冒防控工作的通知',
  number: '示卫发〔2026〕45号',
  formedOn: '2026-11-18',
  column: '通知公告栏目',
  summary: '部署今冬明春流感疫苗接种、发热门诊设置和重点人群健康监测等防控工作。',
};

let server: E2EServer;
let browser: E2EBrowser;
let page: Page;
let base: string;
let healthId: number;
const shots = new Screenshots('r').clear();

/** move "today", server and browser */
const setToday = async (d: string) => {
  server.setToday(d);
  await browser.setToday(d);
};
const text = async (testId: string) => (await page.getByTestId(testId).innerText()).trim();
const statusIs = (testId: string, label: string) => expect.poll(() => text(testId), { timeout: WAIT }).toBe(label);

/** Log in as `username`, whoever is logged in now. */
async function switchTo(username: string): Promise<void> {
  await page.goto(`${base}/admin`);
  const name = page.getByTestId('user-name');
  await page.getByTestId('login-submit').or(name).first().waitFor();
  if (await name.isVisible()) await logOut(page);
  await logIn(page, base, username);
  expect(await text('user-name')).toBe(DISPLAY_NAMES[username]);
}

/** Open a back-office page from the menu on the left, as a user does. */
async function menu(label: string, pathname: string): Promise<void> {
  await page.locator('.admin-sider').getByRole('link', { name: label, exact: true }).first().click();
  await page.waitForURL((u) => u.pathname === pathname);
}

/** The row of the registry's table with this title (the list filtered by it). */
async function registryRow(title: string) {
  const search = page.getByTestId('registry-search').locator('input');
  await search.fill(title);
  await search.press('Enter');
  await page.waitForURL((u) => u.searchParams.get('q') === title);
  const rows = page.locator('[data-testid^="registry-row-"]');
  await expect.poll(() => rows.count(), { timeout: WAIT }).toBe(1);
  const row = rows.filter({ hasText: title });
  await row.waitFor();
  return row;
}

/** Take a step on a registry row (保密审查, 审核批准, 发布) in its modal, with the modal's defaults. */
async function registryStep(title: string, step: string, label: string, after: string): Promise<void> {
  const row = await registryRow(title);
  await row.getByTestId(`registry-step-${step}`).click();
  const modal = page.locator('.ant-modal').filter({ hasText: `${label}：${title}` });
  await modal.waitFor();
  // the date defaults to today
  await expect.poll(() => modal.locator('input').first().inputValue(), { timeout: WAIT }).toBe(TODAY);
  await modal.getByTestId('registry-step-submit').click();
  await modal.waitFor({ state: 'hidden' });
  await expect.poll(() => row.innerText(), { timeout: WAIT }).toContain(after);
}

e2eSession(TODAY, { label: 'e2e reports', shots }, async (session) => {
  ({ server, browser, page, base } = session);
  healthId = (await publicAgencies(server.ctx.db)).find((a) => a.name === AGENCY)!.id;
});

describe.sequential('browser: the annual report', () => {
  /** fails a step when an earlier one failed */
  const need = storySteps();
  // story 2 moves the clock to the new year; the stories after it are on TODAY again
  afterAll(() => setToday(TODAY));

  it('1. the editor: six sections, live check of the text against the tables, the records behind a figure', { timeout: 120_000 }, async () => {
    await switchTo('officer');
    await menu('年度报告', '/admin/reports');
    await statusIs(`report-status-${YEAR}`, '未编写');
    await statusIs(`report-status-${YEAR - 1}`, '已发布');
    await shots.take(page, 'reports-list');

    await page.getByTestId(`report-year-${YEAR}`).click();
    await page.waitForURL(`${base}/admin/reports/${YEAR}`);
    const editor = page.getByTestId('report-editor');
    await editor.waitFor();
    const headings = await Promise.all([1, 2, 3, 4, 5, 6].map(async (n) => (await page.getByTestId(`report-section-${n}`).locator('.ant-card-head-title').innerText()).trim()));
    expect(headings.map((h) => h.slice(0, 2))).toEqual(['一、', '二、', '三、', '四、', '五、', '六、']);
    expect(headings[0]).toContain('总体情况');
    // the three tables (二、三、四), each in its section
    for (const n of [2, 3, 4]) await expect.poll(() => page.getByTestId(`report-section-${n}`).locator('table.report-grid').count(), { timeout: WAIT }).toBe(1);
    expect(await editor.innerText()).toContain(`${AGENCY}${YEAR}年政府信息公开工作年度报告`);
    // the drafted text agrees with the tables: its only errors are the four passages left to write, by section
    await expect.poll(() => text('report-count-error'), { timeout: WAIT }).toMatch(/^4\s*错误$/);
    const prompts = page.getByTestId('report-findings').getByTestId('finding-narrative.placeholder');
    await expect.poll(() => prompts.count(), { timeout: WAIT }).toBe(4);
    const promptTexts = await prompts.allInnerTexts();
    expect(promptTexts.filter((t) => t.includes('第一部分（总体情况）留有未填写的模板内容：“（请补充：'))).toHaveLength(2);
    expect(promptTexts.filter((t) => t.includes('第五部分（存在的主要问题及改进情况）留有未填写的模板内容'))).toHaveLength(2);
    // the year is not over: written and previewed now, submitted from 1 January
    expect(await text('report-year-open')).toContain(`${YEAR}年尚未结束：报告可以编写、保存和预览，${YEAR + 1}年1月1日起方可提交审核和发布`);
    await shots.take(page, 'report-editor');

    // the table's figure: new applications this year (table 三, 总计 column)
    const receivedCell = page.getByTestId('report-cell-applications.received[6]');
    const received = Number((await receivedCell.innerText()).trim());
    expect(received).toBeGreaterThan(0);
    expect(received).not.toBe(999);

    // a sentence with another number, typed at the end of section 一
    const overview = page.getByTestId('report-text-overview');
    const drafted = await overview.inputValue();
    await overview.click();
    await overview.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type(WRONG_SENTENCE);
    expect(await overview.inputValue()).toBe(`${drafted}\n${WRONG_SENTENCE}`);

    // flagged next to the sentence …
    const mark = page.getByTestId('report-proof-overview').getByTestId('narrative-finding').filter({ hasText: '999' });
    await mark.waitFor();
    expect((await mark.innerText()).trim()).toBe(WRONG_SENTENCE);
    const beside = page.getByTestId('report-proof-overview').locator('.report-proof-msg').filter({ hasText: '999' });
    await beside.first().waitFor();
    // … and in the findings panel, in Chinese, with the number stated and the table's
    const finding = page.getByTestId('report-findings').getByTestId('finding-narrative.received');
    await finding.waitFor();
    const message = (await finding.innerText()).trim();
    expect(message).toContain('错误');
    expect(message).toContain('本年度共收到政府信息公开申请999件');
    expect(message).toContain('称 999');
    expect(message).toContain(`为 ${received}`);
    await expect.poll(() => text('report-count-error'), { timeout: WAIT }).toMatch(/^5\s*错误$/);
    await shots.take(page, 'report-live-finding');

    // the sentence removed: the finding goes
    for (let i = 0; i < WRONG_SENTENCE.length + 1; i++) await page.keyboard.press('Backspace');
    expect(await overview.inputValue()).toBe(drafted);
    await finding.waitFor({ state: 'detached' });
    await mark.waitFor({ state: 'detached' });
    await expect.poll(() => text('report-count-error'), { timeout: WAIT }).toMatch(/^4\s*错误$/);
    expect(await page.getByTestId('report-findings').innerText()).not.toContain('999');

    // the records behind the figure: one row per application received this year
    await receivedCell.click();
    const drawer = page.getByTestId('report-cell-drawer');
    await drawer.waitFor();
    expect(await drawer.innerText()).toContain('新收政府信息公开申请数量');
    const rows = drawer.locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count(), { timeout: WAIT }).toBe(received);
    const dates = await rows.evaluateAll((trs) => trs.map((tr) => (tr.querySelectorAll('td')[2]?.textContent ?? '').trim()));
    for (const d of dates) expect(d.slice(0, 4)).toBe(String(YEAR));
    await shots.take(page, 'report-cell-records');
    await page.locator('.ant-drawer-open .ant-drawer-close').click();
    await drawer.waitFor({ state: 'detached' });
  });

  it('2. written and saved; submitted once the year is over, approved by the reviewer, published by the officer; on the portal with its files', { timeout: 180_000 }, async () => {
    need();
    const editorUrl = `${base}/admin/reports/${YEAR}`;
    if (page.url() !== editorUrl) await page.goto(editorUrl);
    await page.getByTestId('report-editor').waitFor();

    // the parts of the draft left for the officer to write (（请补充：…）), written
    const overview = page.getByTestId('report-text-overview');
    const drafted = await overview.inputValue();
    expect(drafted).toContain('（请补充：');
    const written = drafted
      .replace(/（四）政府信息管理和平台建设情况。（请补充：[^）]*）/, OVERVIEW_PLATFORM)
      .replace(/（五）监督保障情况。（请补充：[^）]*）/, OVERVIEW_OVERSIGHT);
    expect(written).not.toContain('请补充');
    await overview.fill(written);
    await page.getByTestId('report-text-problems').fill(PROBLEMS);
    await page.getByText('有未保存的修改').waitFor();
    await expect.poll(() => text('report-count-error'), { timeout: WAIT }).toMatch(/^0\s*错误$/);

    await page.getByTestId('report-save').click();
    await statusIs('report-status', '草稿');
    await page.getByText('有未保存的修改').waitFor({ state: 'detached' });
    // not before the year has ended: no submission offered, and the page says from when
    expect(await page.getByTestId('report-submit').count()).toBe(0);
    expect(await text('report-year-open')).toContain(`${YEAR + 1}年1月1日起方可提交审核和发布`);
    await shots.take(page, 'report-year-open');

    // 5 January: the year is over
    await setToday(AFTER_YEAR);
    await switchTo('officer');
    await page.goto(editorUrl);
    await page.getByTestId('report-editor').waitFor();
    await statusIs('report-status', '草稿');
    expect(await page.getByTestId('report-year-open').count()).toBe(0);
    await expect.poll(() => text('report-count-error'), { timeout: WAIT }).toMatch(/^0\s*错误$/);
    await page.getByTestId('report-submit').click();
    await statusIs('report-status', '待审核');
    // the officer can neither approve nor publish
    expect(await page.getByTestId('report-approve').count()).toBe(0);
    expect(await page.getByTestId('report-publish').count()).toBe(0);
    await shots.take(page, 'report-submitted');

    // the reviewer finds it waiting in the list
    await switchTo('reviewer');
    await menu('年度报告', '/admin/reports');
    await statusIs(`report-status-${YEAR}`, '待审核');
    expect(await text(`report-year-${YEAR}`)).toBe('审核');
    await page.getByTestId(`report-year-${YEAR}`).click();
    await page.waitForURL(editorUrl);
    await page.getByTestId('report-approve').waitFor();
    expect(await page.getByTestId('report-return').count()).toBe(1);
    expect(await page.getByTestId('report-save').count()).toBe(0);
    await shots.take(page, 'report-review');
    // 退回 asks for the reason: sent without one, the dialog says so next to the field and stays open
    await page.getByTestId('report-return').click();
    const returnDialog = page.locator('.ant-modal').filter({ hasText: '退回修改' });
    await page.getByTestId('report-return-confirm').click();
    await returnDialog.getByText('请填写退回意见').waitFor();
    await returnDialog.getByRole('button', { name: /取\s*消/ }).click();
    await returnDialog.waitFor({ state: 'hidden' });
    await statusIs('report-status', '待审核');
    await expect.poll(() => page.getByTestId('report-approve').isEnabled(), { timeout: WAIT }).toBe(true);
    await page.getByTestId('report-approve').click();
    await statusIs('report-status', '已批准');
    await page.getByTestId('report-approve').waitFor({ state: 'detached' });
    // publishing is the writers' step, not the reviewer's
    expect(await page.getByTestId('report-publish').count()).toBe(0);

    await switchTo('officer');
    await menu('年度报告', '/admin/reports');
    await statusIs(`report-status-${YEAR}`, '已批准');
    await page.getByTestId(`report-year-${YEAR}`).click();
    await page.waitForURL(editorUrl);
    await page.getByTestId('report-publish').click();
    const confirm = page.locator('.ant-modal-confirm').filter({ hasText: `发布${YEAR}年度报告` });
    await confirm.waitFor();
    expect(await confirm.innerText()).toContain('冻结为第 1 版');
    await confirm.getByRole('button', { name: '确认发布' }).click();
    await statusIs('report-status', '已发布');
    await page.getByText('本年度报告已发布（第 1 版）').waitFor();
    await shots.take(page, 'report-published');

    // the version, with its files, in the list
    await menu('年度报告', '/admin/reports');
    await statusIs(`report-status-${YEAR}`, '已发布');
    const versionRow = page.locator('tr').filter({ has: page.getByTestId(`report-year-${YEAR}`) });
    await versionRow.getByText('第 1 版').waitFor();
    expect(await versionRow.innerText()).toContain('本系统发布');
    expect(await versionRow.innerText()).toContain(AFTER_YEAR);
    const versionDocx = versionRow.getByTestId('version-1-docx');
    const own = await page.request.get(new URL((await versionDocx.getAttribute('href'))!, base).href);
    expect(own.status()).toBe(200);
    expect((await own.body()).subarray(0, 2).toString('latin1')).toBe('PK');
    await shots.take(page, 'reports-list-published');

    // the public portal: 年度报告 → the agency → 2026
    await page.goto(`${base}/reports`);
    await page.getByTestId(`public-report-agency-${healthId}`).click();
    await page.waitForURL(`${base}/reports/${healthId}`);
    const entry = page.getByTestId(`public-report-${YEAR}`);
    await entry.waitFor();
    expect(await entry.innerText()).toContain(`${AGENCY}${YEAR}年政府信息公开工作年度报告`);
    await page.getByTestId(`public-report-${YEAR - 1}`).waitFor();
    await entry.getByRole('button', { name: /阅\s*读/ }).click();
    await page.waitForURL(`${base}/reports/${healthId}/${YEAR}`);
    await page.getByTestId('public-report').waitFor();
    const paper = page.frameLocator('[data-testid="public-report"]');
    await paper.getByText(`${AGENCY}${YEAR}年政府信息公开工作年度报告`).first().waitFor();
    const body = await paper.locator('body').innerText();
    for (const heading of ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项']) {
      expect(body).toContain(heading);
    }
    expect(body).toContain(`${YEAR + 1}年1月5日`);
    expect(body).toContain(OVERVIEW_OVERSIGHT);
    expect(body).toContain('（二）改进情况。');
    expect(body).not.toContain('请补充');
    // the page has grown to the report's height
    await expect.poll(async () => (await page.getByTestId('public-report').boundingBox())?.height ?? 0, { timeout: WAIT }).toBeGreaterThan(1000);
    await shots.take(page, 'public-report-page');

    // its downloads: a Word file and an Excel file (both zip containers)
    for (const [testId, ext] of [
      ['public-report-docx', 'docx'],
      ['public-report-xlsx', 'xlsx'],
    ] as const) {
      const href = await page.getByTestId(testId).getAttribute('href');
      expect(href).toBe(`/api/public/agencies/${healthId}/reports/${YEAR}/download/${ext}`);
      const res = await page.request.get(new URL(href!, base).href);
      expect(res.status(), testId).toBe(200);
      const bytes = await res.body();
      expect(bytes.subarray(0, 2).toString('latin1'), testId).toBe('PK');
      expect(bytes.length).toBeGreaterThan(2000);
      const disposition = decodeURIComponent(res.headers()['content-disposition'] ?? '');
      expect(disposition).toContain(`.${ext}`);
    }
    await setToday(TODAY);
  });

  it('2b. an earlier report brought in: read and shown first, saved on confirmation, not on the portal; another agency\'s refused', { timeout: 120_000 }, async () => {
    await setToday(TODAY);
    await switchTo('officer');
    await menu('年度报告', '/admin/reports');
    await statusIs(`report-status-${YEAR - 1}`, '已发布');
    /** a 2023 report as published, printed with `agency` as its author (the 2022 Jinjiang figures: 2 applications) */
    const file = (agency: string) => {
      const r = clone(expectedReport('jinjiang-health-2022'));
      r.agency = agency;
      r.year = 2023;
      return { name: `${agency}2023年报告.txt`, mimeType: 'text/plain', buffer: Buffer.from(layoutText(r, 'tabs')) };
    };
    const versions2023 = () => server.ctx.db.select().from(reportVersions).where(and(eq(reportVersions.agencyId, healthId), eq(reportVersions.year, 2023)));

    await page.getByTestId('report-import').click();
    const modal = page.locator('.ant-modal').filter({ hasText: '导入以往年度报告' });
    await modal.waitFor();
    await modal.locator('input[type="file"]').setInputFiles(file(AGENCY));
    await modal.getByTestId('report-import-submit').click();
    const preview = modal.getByTestId('report-import-preview');
    await preview.waitFor();
    const shown = await preview.innerText();
    expect(shown).toContain('读取结果：2023 年度报告（尚未保存）');
    expect(shown).toContain(AGENCY);
    expect(await modal.getByTestId('report-import-figures').innerText()).toMatch(/本年新收申请\s*2/);
    expect(shown).toContain('检查结果');
    expect(await modal.getByTestId('report-import-agency-warning').count()).toBe(0);
    await shots.take(page, 'report-import-preview');
    // read and shown, nothing saved
    expect(await versions2023()).toEqual([]);

    await modal.getByTestId('report-import-confirm').click();
    const result = modal.getByTestId('report-import-result');
    await result.waitFor();
    expect(await result.innerText()).toContain('已导入 2023 年度报告（第 1 版）');
    expect(await result.innerText()).toContain('不在门户网站公开');
    expect((await versions2023()).map((v) => [v.version, v.source])).toEqual([[1, 'imported']]);
    await shots.take(page, 'report-import-result');
    await modal.getByTestId('report-import-done').click();
    await modal.waitFor({ state: 'hidden' });
    await statusIs('report-status-2023', '已导入');
    // not on the portal
    const portal = (await (await page.request.get(`${base}/api/public/agencies/${healthId}/reports`)).json()) as { year: number }[];
    expect(portal.map((r) => r.year)).not.toContain(2023);

    // the education bureau's report is not brought in as the health bureau's
    await page.getByTestId('report-import').click();
    await modal.waitFor();
    await modal.locator('input[type="file"]').setInputFiles(file('示范市教育局'));
    await modal.getByTestId('report-import-submit').click();
    const refused = modal.getByTestId('report-import-error');
    await refused.waitFor();
    expect((await refused.innerText()).trim()).toBe(`报告所载机关为“示范市教育局”，是本系统中的另一机关，不能导入为“${AGENCY}”的报告`);
    expect(await modal.getByTestId('report-import-preview').count()).toBe(0);
    await shots.take(page, 'report-import-refused');
    await modal.getByRole('button', { name: /取\s*消/ }).click();
    await modal.waitFor({ state: 'hidden' });
    expect((await versions2023()).map((v) => v.version)).toEqual([1]);
  });
});

describe.sequential('browser: 主动公开 and the public catalogue', () => {
  it('3a. an item registered, reviewed for secrecy, approved by the reviewer, published, then found in the catalogue', { timeout: 120_000 }, async () => {
    await switchTo('officer');
    await menu('主动公开', '/admin/registry');
    await page.getByTestId('registry-new').click();
    const drawer = page.locator('.ant-drawer.ant-drawer-open').filter({ hasText: '登记主动公开事项' });
    await drawer.waitFor();
    await page.locator('#disclosure_title').fill(ITEM.title);
    await pickOption(page, '#disclosure_category', '（十二）突发公共事件的应急预案、预警信息及应对情况');
    await expect.poll(async () => drawer.innerText(), { timeout: WAIT }).toContain('第二十条第（十二）项');
    await page.locator('#disclosure_documentNumber').fill(ITEM.number);
    await page.locator('#disclosure_formedOn').click();
    await page.locator('#disclosure_formedOn').fill(ITEM.formedOn);
    await page.locator('#disclosure_formedOn').press('Enter');
    await expect.poll(() => page.locator('#disclosure_formedOn').inputValue(), { timeout: WAIT }).toBe(ITEM.formedOn);
    await drawer.getByTestId('channel-website').click();
    await drawer.getByTestId('registry-channels').locator('input.channels-name').fill(ITEM.column);
    await page.locator('#disclosure_summary').fill(ITEM.summary);
    await shots.take(page, 'registry-new');
    await page.getByTestId('registry-submit').click();
    await drawer.waitFor({ state: 'hidden' });

    // 待审核, not yet reviewed or approved; the officer's step is the 保密审查
    let row = await registryRow(ITEM.title);
    const rowText = await row.innerText();
    expect(rowText).toContain(ITEM.number);
    expect(rowText).toContain('待审核');
    expect(rowText).toContain('未审查');
    expect(rowText).toContain('未批准');
    expect(await row.getByTestId('registry-step-approve').count()).toBe(0);
    await registryStep(ITEM.title, 'secrecyReview', '保密审查', `卫健局 陈晓 ${TODAY}`);
    // approval is the reviewer's
    row = await registryRow(ITEM.title);
    expect(await row.getByTestId('registry-step-approve').count()).toBe(0);
    expect(await row.getByTestId('registry-step-publish').count()).toBe(0);
    await shots.take(page, 'registry-reviewed');

    await switchTo('reviewer');
    await menu('主动公开', '/admin/registry');
    await registryStep(ITEM.title, 'approve', '审核批准', `卫健局 王科长 ${TODAY}`);
    row = await registryRow(ITEM.title);
    expect(await row.innerText()).toContain('已批准待发布');
    expect(await row.getByTestId('registry-step-publish').count()).toBe(0);
    await shots.take(page, 'registry-approved');

    await switchTo('officer');
    await menu('主动公开', '/admin/registry');
    row = await registryRow(ITEM.title);
    await row.getByTestId('registry-step-publish').click();
    const modal = page.locator('.ant-modal').filter({ hasText: `发布：${ITEM.title}` });
    await modal.waitFor();
    // the channel chosen at registration is offered
    expect(await modal.getByRole('checkbox', { name: /政府网站/ }).isChecked()).toBe(true);
    expect(await modal.locator('input.channels-name').inputValue()).toBe(ITEM.column);
    await shots.take(page, 'registry-publish-form');
    await modal.getByTestId('registry-step-submit').click();
    await modal.waitFor({ state: 'hidden' });
    await expect.poll(() => row.innerText(), { timeout: WAIT }).toContain('已公开');
    expect(await row.innerText()).toContain('按时公开');
    await shots.take(page, 'registry-published');

    // the public catalogue: 公开目录 → the agency → search
    await page.goto(`${base}/catalogue`);
    await page.getByTestId(`choose-agency-${healthId}`).click();
    await page.waitForURL(`${base}/catalogue/${healthId}`);
    const search = page.getByTestId('catalogue-search').locator('input');
    await search.fill('流行性感冒防控');
    await search.press('Enter');
    await page.waitForURL((u) => u.searchParams.get('q') === '流行性感冒防控');
    const rows = page.getByTestId('catalogue-row');
    await expect.poll(() => rows.count(), { timeout: WAIT }).toBe(1);
    const found = await rows.first().innerText();
    expect(found).toContain(ITEM.title);
    expect(found).toContain(ITEM.number);
    expect(found).toContain(TODAY);
    expect(found).toContain('第二十条第（十二）项');
    await shots.take(page, 'catalogue-search');
    await rows.first().getByTestId('catalogue-open').click();
    const details = page.locator('.ant-modal').filter({ hasText: ITEM.summary });
    await details.waitFor();
    expect(await details.innerText()).toContain(`政府网站（政府信息公开专栏）（${ITEM.column}）`);
    expect(await details.innerText()).toContain('2026年11月23日');
    await shots.take(page, 'catalogue-item');
    await details.locator('.ant-modal-footer').getByRole('button', { name: /关\s*闭/ }).click();
    await details.waitFor({ state: 'hidden' });
  });

  it('3b. a bulk import with one wrong row names the row and imports nothing', { timeout: 120_000 }, async () => {
    await switchTo('officer');
    await menu('行政决定与收费', '/admin/records');
    const table = page.getByTestId('records-table-decisions');
    await table.waitFor();
    const countShown = async () => Number((await page.locator('.ant-statistic').first().locator('.ant-statistic-content-value').innerText()).replace(/\D/g, ''));
    await expect.poll(() => page.locator('.ant-spin-spinning').count(), { timeout: WAIT }).toBe(0);
    const before = await countShown();

    const csv = [
      '类别,决定文号,相对人,决定日期,公开日期,摘要',
      '行政许可,示卫许〔2026〕301号,示范市东城口腔诊所,2026-11-02,2026-11-05,准予医疗机构执业登记',
      '行政审批,示卫许〔2026〕302号,示范市西城康复医院,2026-11-03,2026-11-06,准予变更执业地址',
      '行政处罚,示卫罚〔2026〕88号,示范市南城美容诊所,2026-11-04,2026-11-09,超范围执业，罚款',
    ].join('\r\n');
    await page
      .getByTestId('records-import')
      .locator('input[type="file"]')
      .setInputFiles({ name: '行政决定导入.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${csv}\r\n`, 'utf8') });

    const failed = page.getByTestId('records-import-failed');
    await failed.waitFor();
    const says = await failed.innerText();
    expect(says).toContain('“行政决定导入.csv”未能导入，未导入任何数据');
    expect(says).toContain('整份文件都不会导入');
    const errors = page.getByTestId('records-import-errors').locator('tbody tr.ant-table-row');
    await expect.poll(() => errors.count(), { timeout: WAIT }).toBe(1);
    const cells = await errors.first().evaluate((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim()));
    expect(cells[0]).toBe('3');
    expect(cells[1]).toBe('类别');
    expect(cells[2]).toContain('行政许可、行政处罚、行政强制');
    expect(cells[2]).toContain('行政审批');
    await shots.take(page, 'records-import-refused');

    // nothing imported, not even the good rows
    expect(await countShown()).toBe(before);
    expect(await table.innerText()).not.toContain('示范市东城口腔诊所');
    const stored = await server.ctx.db
      .select({ id: decisions.id })
      .from(decisions)
      .where(and(eq(decisions.agencyId, healthId), eq(decisions.subject, '示范市东城口腔诊所')));
    expect(stored).toEqual([]);
  });
});

describe('browser: 监督检查', () => {
  it("4. the supervisor sees the agencies' reports charted", { timeout: 120_000 }, async () => {
    await switchTo('supervisor');
    await menu('监督检查', '/admin/supervision');
    // the console's 比较 tab: the agencies' figures charted and ranked
    await page.getByRole('tab', { name: '比较' }).click();
    const chart = page.getByTestId('compare-chart-received');
    await chart.waitFor();
    // drawn (echarts paints on a canvas)
    await expect.poll(() => chart.locator('canvas').count(), { timeout: WAIT }).toBeGreaterThan(0);
    const table = page.getByTestId('compare-table');
    await table.waitFor();
    await expect.poll(() => table.innerText(), { timeout: WAIT }).toContain(AGENCY);
    await shots.take(page, 'supervision');
  });
});
