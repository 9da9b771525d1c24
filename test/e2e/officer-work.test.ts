/**
 * In the browser, working the way officers do (issue 11 item 3), the points that are the screen's own:
 *  - 25 extension days typed stay 25 and are refused with the limit (条例第三十三条第二款), not made 20;
 *  - the reviewer's queue has a 延期待审核 tab listing the case whose request waits;
 *  - the 公开类别 dropdown is searchable by its Chinese label ("预算") or number;
 *  - a page that does not exist highlights nothing in the back office's menu nor the portal's;
 *  - the State Council's notice pasted as published is shown festival by festival before it is saved, and
 *    a weekday that disagrees with its date stops it;
 *  - records are changed and deleted from their list; 主动公开 items are imported from the registry page, and
 *    the same file a second time is refused there.
 *
 * Screenshots: test-results/e2e/officer-NN-name.png.
 */
import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { applications, decisions } from '../../src/db/schema';
import { publicAgencies } from '../../src/services/agencies';
import { Screenshots, WAIT, e2eSession, fieldError, logIn, logOut, storySteps, type E2EServer } from './browser';

const TODAY = '2026-03-04'; // a Wednesday
const LIMIT = '延长的期限最长不得超过 20 个工作日（条例第三十三条第二款）';

let server: E2EServer;
let page: Page;
let base: string;
const shots = new Screenshots('officer-').clear();

e2eSession(TODAY, { label: 'e2e officer work', shots }, (session) => {
  ({ server, page, base } = session);
});

/** The labels of the highlighted entries of a menu. */
const highlighted = (menu: string) => page.locator(`${menu} .ant-menu-item-selected`).allInnerTexts();

describe.sequential('browser: working the way officers do', () => {
  let code = '';
  const need = storySteps();

  it('1. 25 extension days are refused with the limit and left as typed; 10 are taken', { timeout: 120_000 }, async () => {
    const health = (await publicAgencies(server.ctx.db)).find((a) => a.name === '示范市卫生健康局')!;
    const r = await fetch(`${base}/api/public/applications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        agencyId: health.id,
        applicantType: 'natural',
        applicantName: '周敏',
        idType: 'idCard',
        idNumber: '11010519491231002X',
        phone: '13912345678',
        email: 'zhoumin@example.com',
        description: '示范市卫生健康局2020年至2025年医疗机构校验结果',
        form: 'electronic',
        delivery: 'email',
      }),
    });
    expect(r.status).toBe(201);
    code = ((await r.json()) as { trackingCode: string }).trackingCode;
    const [row] = await server.ctx.db.select({ id: applications.id }).from(applications).where(and(eq(applications.agencyId, health.id), eq(applications.trackingCode, code)));

    await logIn(page, base, 'officer');
    await page.goto(`${base}/admin/applications/${row.id}`);
    await page.getByTestId('action-requestExtension').click();
    const days = page.locator('#action-requestExtension_days');
    await days.fill('25');
    await page.locator('#action-requestExtension_reason').fill('涉及2020年至2025年共六个年度的校验档案，需调取归档材料');
    await days.blur();
    await page.getByTestId('action-submit').click();
    await expect.poll(() => fieldError(page, 'action-requestExtension_days'), { timeout: WAIT }).toBe(LIMIT);
    // the typed value is kept, never changed to 20
    expect(await days.inputValue()).toBe('25');
    await shots.take(page, 'extension-25-refused');
    // nothing was sent: the case has no extension step
    expect(await page.getByTestId('case-event-requestExtension').count()).toBe(0);

    await days.fill('10');
    await expect.poll(() => fieldError(page, 'action-requestExtension_days'), { timeout: WAIT }).toBe('');
    await page.getByTestId('action-submit').click();
    await page.getByTestId('case-event-requestExtension').waitFor();
    await logOut(page);
  });

  it("2. the reviewer's queue: the 延期待审核 tab lists that case", { timeout: 120_000 }, async () => {
    need('查询码', code);
    await logIn(page, base, 'reviewer');
    const tab = page.getByTestId('queue-view-extension');
    await tab.waitFor();
    await expect.poll(async () => (await tab.innerText()).replace(/\s+/g, ''), { timeout: WAIT }).toMatch(/^延期待审核[1-9]\d*$/);
    await tab.click();
    await page.waitForURL((u) => u.searchParams.get('view') === 'extension');
    await page.getByTestId(`case-row-${code}`).waitFor();
    await shots.take(page, 'queue-extension-waiting');
    await page.getByTestId('queue-view-reports').click();
    await page.getByTestId('queue-reports-waiting').waitFor();
    await logOut(page);
  });

  it('3. the 公开类别 dropdown finds a category by its Chinese label or its number', { timeout: 120_000 }, async () => {
    await logIn(page, base, 'officer');
    await page.goto(`${base}/admin/registry`);
    await page.getByTestId('registry-new').click();
    const select = page.locator('#disclosure_category');
    await select.click();
    await page.keyboard.type('预算');
    const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await expect.poll(() => options.allInnerTexts(), { timeout: WAIT }).toEqual(['（七）财政预算、决算信息']);
    await shots.take(page, 'category-search');
    await options.first().click();
    await expect.poll(() => page.locator('.ant-form-item').filter({ has: page.locator('#disclosure_category') }).innerText(), { timeout: WAIT }).toContain('第二十条第（七）项：财政预算、决算信息');
    // by its number
    await select.click();
    await page.keyboard.type('11');
    await expect.poll(() => options.allInnerTexts(), { timeout: WAIT }).toEqual(['（十一）扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况']);
    await page.keyboard.press('Escape');
  });

  it('4. a page that does not exist highlights nothing, in the back office and in the portal', { timeout: 120_000 }, async () => {
    await page.goto(`${base}/admin/records`);
    await expect.poll(() => highlighted('.admin-sider'), { timeout: WAIT }).toEqual(['行政决定与收费']);
    await page.goto(`${base}/admin/no-such-page`);
    await page.getByText('页面不存在', { exact: true }).waitFor();
    expect(await highlighted('.admin-sider')).toEqual([]);
    // a page under an entry's address that is not one of its pages
    await page.goto(`${base}/admin/records-old`);
    await page.getByText('页面不存在', { exact: true }).waitFor();
    expect(await highlighted('.admin-sider')).toEqual([]);
    await shots.take(page, 'admin-404');

    await page.goto(`${base}/catalogue`);
    await expect.poll(() => highlighted('.portal-menu'), { timeout: WAIT }).toEqual(['公开目录']);
    await page.goto(`${base}/no-such-page`);
    await page.getByText('页面不存在', { exact: true }).waitFor();
    expect(await highlighted('.portal-menu')).toEqual([]);
    await shots.take(page, 'portal-404');
  });

  it('5. records changed and deleted from their list, each in the audit trail', { timeout: 120_000 }, async () => {
    await page.goto(`${base}/admin/records`);
    const table = page.getByTestId('records-table-decisions');
    await table.waitFor();
    await expect.poll(() => page.locator('.ant-spin-spinning').count(), { timeout: WAIT }).toBe(0);
    const firstRow = table.locator('tbody tr.ant-table-row').first();
    const id = await firstRow.getAttribute('data-row-key');
    expect(id).toBeTruthy();
    await firstRow.getByTestId('records-edit').click();
    const subject = page.locator('#record-decisions_subject');
    await expect.poll(() => subject.inputValue(), { timeout: WAIT }).not.toBe('');
    await subject.fill('示范市更正后的诊所');
    await page.getByTestId('records-submit').click();
    await expect.poll(() => table.locator(`tr[data-row-key="${id}"]`).innerText(), { timeout: WAIT }).toContain('示范市更正后的诊所');
    await shots.take(page, 'record-edited');

    await table.locator(`tr[data-row-key="${id}"]`).getByTestId('records-delete').click();
    await page.locator('.ant-popconfirm:visible').getByRole('button', { name: /^删\s*除$/ }).click();
    await expect.poll(() => table.locator(`tr[data-row-key="${id}"]`).count(), { timeout: WAIT }).toBe(0);
    expect(await server.ctx.db.select().from(decisions).where(eq(decisions.id, id!))).toEqual([]);
  });

  it('6. 主动公开 items imported on the registry page; the same file again is refused, naming when', { timeout: 120_000 }, async () => {
    await page.goto(`${base}/admin/registry`);
    const csv = ['标题,公开类别,形成或变更日期,公开日期,公开渠道', '示范市卫生健康局2026年部门预算,（七）财政预算、决算信息,2026-02-10,2026-02-12,政府网站：财政资金', '示范市卫生健康局机构职能,2,2026-03-02,,'].join('\r\n');
    const file = { name: '主动公开事项.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${csv}\r\n`, 'utf8') };
    const input = page.getByTestId('registry-import').locator('input[type="file"]');
    await input.setInputFiles(file);
    await expect.poll(() => page.getByTestId('registry-import-ok').innerText(), { timeout: WAIT }).toContain('“主动公开事项.csv”已导入 2 行');
    await input.setInputFiles(file);
    const failed = page.getByTestId('registry-import-failed');
    await failed.waitFor();
    expect(await page.getByTestId('registry-import-message').innerText()).toMatch(/^该文件已于 \d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d 导入（文件“主动公开事项.csv”，共 2 行，导入人：卫健局 陈晓），不能重复导入。/);
    await shots.take(page, 'registry-import-twice');
    await logOut(page);
  });

  it('7. the 2027 holidays pasted as published: shown for confirmation; a wrong weekday stops it; saved once right', { timeout: 120_000 }, async () => {
    await logIn(page, base, 'admin');
    await page.goto(`${base}/admin/settings?tab=calendar`);
    const paste = page.getByTestId('calendar-notice');
    await paste.waitFor();
    // 2026's dates pasted as 2027's: in 2027, 2月15日 is a Monday
    await paste.fill('国务院办公厅关于2027年部分节假日安排的通知\n一、元旦：1月1日（周五）放假1天，不调休。二、春节：2月15日（周日）至2月23日（周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。');
    await page.getByTestId('calendar-notice-read').click();
    const problems = page.getByTestId('calendar-notice-problems');
    await problems.waitFor();
    expect(await problems.innerText()).toContain('二、春节：2月15日注明为周日，但 2027-02-15 是周一，请核对');
    await page.getByTestId('calendar-notice-source').fill('国办发明电〔2026〕99号');
    expect(await page.getByTestId('calendar-notice-save').isDisabled()).toBe(true);
    await shots.take(page, 'calendar-notice-refused');
    await page.locator('.ant-modal:visible').getByRole('button', { name: /^取\s*消$/ }).click();

    await paste.fill('国务院办公厅关于2027年部分节假日安排的通知\n一、元旦：1月1日（周五）至3日（周日）放假，共3天。\n二、春节：2月5日（周五）至13日（周六）放假调休，共9天。2月20日（周六）上班。');
    await page.getByTestId('calendar-notice-read').click();
    const festivals = page.getByTestId('calendar-notice-festivals');
    await festivals.waitFor();
    const rows = await festivals.locator('tbody tr.ant-table-row').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));
    expect(rows).toEqual([
      ['元旦', '1月1日（周五）至1月3日（周日）', '3 天', '不调休'],
      ['春节', '2月5日（周五）至2月13日（周六）', '9 天', '2月20日（周六）'],
    ]);
    expect(await page.getByTestId('calendar-notice-confirm').innerText()).toContain('共放假 12 天，调休上班 1 天');
    const save = page.getByTestId('calendar-notice-save');
    expect(await save.isDisabled()).toBe(true); // no 文号 yet
    await page.getByTestId('calendar-notice-source').fill('国办发明电〔2026〕99号');
    await shots.take(page, 'calendar-notice-confirm');
    await save.click();
    await page.getByText('2027 年（国办发明电〔2026〕99号', { exact: false }).waitFor();
    await shots.take(page, 'calendar-saved');
  });
});
