/**
 * In the browser, as new users would do it: a citizen applies on the public portal and follows the case by its
 * tracking code; the health bureau's officer asks for a correction, the citizen sends it from the tracking
 * page, the officer asks for more time and the reviewer grants it, the officer replies (with the reply letter)
 * and closes the case; the tracking page and the case's audit history show every step. Then the refusals:
 * a wrong password, and an officer of another agency opening the case.
 *
 * Every page visited is saved as a full-page screenshot in test-results/e2e/NN-name.png.
 *
 * The calendar: "today" is fixed (server and browser) and moved forward step by step, 2026-03-02 → 2026-04-28,
 * whatever the machine's date, so every limit (the 20 working days, the correction period, the 20-day
 * extension) falls inside 2026, whose holidays the built-in calendar (chinese-days) has, and can be checked
 * exactly. Late in a year an extension reaches into the next one, whose holiday arrangement may not be entered
 * yet: the app still takes the step, but the case's limit becomes unknown ("2027年节假日安排未录入，无法计算
 * 期限"; on the tracking page "期限暂时无法计算") until an admin enters that year under 设置 → 节假日. That is
 * not what this story is about, so the dates are chosen to stay inside 2026.
 */
import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { applications } from '../../src/db/schema';
import { validResidentId } from '../../src/core/applications/intake';
import { publicAgencies } from '../../src/services/agencies';
import { DEMO_PASSWORD, Screenshots, WAIT, download, e2eSession, fieldError, logIn, logOut, openAs, pickOption, storySteps, type E2EBrowser, type E2EServer } from './browser';

// the smallest valid PNG: 1×1 transparent pixel (the applicant's "ID copy")
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4d00000000049454e44ae426082', 'hex');

/** The story's days (all working days of 2026). */
const DAY = {
  apply: '2026-03-02', // Monday
  correctionAsked: '2026-03-04',
  corrected: '2026-03-09',
  extension: '2026-03-30',
  reply: '2026-04-28',
};
/**
 * The limits, worked out by hand on the 2026 calendar (条例 Art. 33: 20 working days, the day of receipt not
 * counted; a correction restarts the count from the corrected application; an extension adds 20 more):
 *  - received Mon 03-02: Mar 3–6 (4), 9–13 (9), 16–20 (14), 23–27 (19), 30 (20) → 03-30;
 *  - corrected Mon 03-09: Mar 10–13 (4), 16–20 (9), 23–27 (14), 30–31 (16), Apr 1–3 (19), 清明 Apr 4–6 off,
 *    Apr 7 (20) → 04-07;
 *  - extended by 20 from 04-07: Apr 8–10 (3), 13–17 (8), 20–24 (13), 27–30 (17), 劳动节 May 1–5 off,
 *    May 6–8 (20) → 05-08.
 */
const DUE = { first: '2026-03-30', afterCorrection: '2026-04-07', extended: '2026-05-08' };

const APPLICANT = {
  name: '林晓明',
  idNumber: '11010519491231002X', // GB 11643's own example: valid check digit
  badIdNumber: '110105194912310021', // the same with a wrong check digit
  phone: '13912345678',
  email: 'linxiaoming@example.com',
  description: '示范市卫生健康局2025年度医疗机构执业许可证发放名单（含许可决定书文号）',
  purpose: '了解本区医疗机构设置情况',
};
const CORRECTION_ITEMS = '请写明所需许可证对应的医疗机构所在区县，以及发放时间的大致范围';
const CORRECTION_TEXT = '所需信息为鼓楼区医疗机构，许可证发放时间为2025年1月至6月。';
const EXTENSION_REASON = '所需信息涉及多个科室的档案，需要检索整理';
const REPLY_REASON = '所需名单及许可决定书见附件。';

let server: E2EServer;
let browser: E2EBrowser;
let page: Page;
let base: string;
const shots = new Screenshots().clear();

/** a new day: the server's clock and the browser's */
const setToday = async (d: string) => {
  server.setToday(d);
  await browser.setToday(d);
};
const text = async (testId: string) => (await page.getByTestId(testId).innerText()).trim();
const statusIs = (testId: string, label: string) => expect.poll(() => text(testId), { timeout: WAIT }).toBe(label);

e2eSession(DAY.apply, { label: 'e2e', shots }, (session) => {
  ({ server, browser, page, base } = session);
});

describe.sequential('browser: a public application from the form to the closed case', () => {
  /** set as the story goes on */
  let code = '';
  let caseUrl = '';
  /** fails a step when an earlier one failed or left `what` unfound */
  const need = storySteps();

  it('1. the citizen applies: an empty form is refused field by field, a valid one gets a tracking code', { timeout: 120_000 }, async () => {
    expect(validResidentId(APPLICANT.idNumber)).toBe(true);
    expect(validResidentId(APPLICANT.badIdNumber)).toBe(false);

    await page.goto(`${base}/`);
    await page.getByTestId('agency-list').getByText('示范市卫生健康局', { exact: true }).waitFor();
    await shots.take(page, 'home');

    await page.getByTestId('home-apply').click();
    await page.waitForURL(`${base}/apply`);
    await page.getByTestId('apply-submit').waitFor();
    await shots.take(page, 'apply-form');

    // nothing filled in: each required field says what is missing, in Chinese, next to the field
    await page.getByTestId('apply-submit').click();
    const expected: Record<string, string> = {
      apply_agencyId: '请选择受理机关',
      apply_applicantName: '请填写姓名或名称',
      apply_idNumber: '请填写证件号码',
      apply_phone: '请填写联系电话',
      apply_description: '请描述所需的政府信息',
    };
    for (const [id, message] of Object.entries(expected)) {
      await expect.poll(() => fieldError(page, id), { timeout: WAIT }).toBe(message);
    }
    await shots.take(page, 'apply-empty-refused');

    // a natural person, by e-mail, with a copy of the ID card
    await pickOption(page, '#apply_agencyId', '示范市卫生健康局', '卫生健康');
    await pickOption(page, '#apply_applicantType', '自然人');
    await page.locator('#apply_applicantName').fill(APPLICANT.name);
    await pickOption(page, '#apply_idType', '居民身份证');
    await page.locator('#apply_idNumber').fill(APPLICANT.badIdNumber);
    await page.locator('#apply_phone').fill(APPLICANT.phone);
    await page.locator('#apply_email').fill(APPLICANT.email);
    await page.locator('#apply_description').fill(APPLICANT.description);
    await page.locator('#apply_purpose').fill(APPLICANT.purpose);
    await page.locator('#apply_form').getByText('电子', { exact: true }).click();
    await page.locator('#apply_delivery').getByText('电子邮件', { exact: true }).click();
    await page.locator('#apply_idCopy').setInputFiles({ name: '身份证.png', mimeType: 'image/png', buffer: PNG });
    await page.getByText('身份证.png').waitFor();
    for (const id of Object.keys(expected)) expect(await fieldError(page, id), id).toBe('');

    // 18 digits but a wrong check digit: the form lets it through, the server refuses it next to the field
    await page.getByTestId('apply-submit').click();
    await expect.poll(() => fieldError(page, 'apply_idNumber'), { timeout: WAIT }).toContain('居民身份证号码不正确');
    await page.getByTestId('apply-error').waitFor();
    await shots.take(page, 'apply-id-refused');

    await page.locator('#apply_idNumber').fill(APPLICANT.idNumber);
    await page.getByTestId('apply-submit').click();
    await page.getByTestId('tracking-code').waitFor();
    code = await text('tracking-code');
    expect(code).toMatch(/^\d+-[0-9A-Z]{6,}$/);
    await page.getByText(`示范市卫生健康局已于 ${DAY.apply} 收到您的政府信息公开申请`).waitFor();
    await shots.take(page, 'apply-submitted');
  });

  it('2. the tracking page shows the status and the due date with how it was worked out', { timeout: 120_000 }, async () => {
    need('查询码', code);
    await page.getByTestId('tracking-link').click();
    await page.waitForURL(`${base}/track/${code}`);
    await statusIs('track-status', '待办理');
    expect(await text('track-due')).toContain(DUE.first);
    expect(await text('track-steps')).toContain('收到申请');
    await page.getByText('期限计算说明').click();
    await page.getByTestId('track-clock-lines').waitFor();
    const lines = await text('track-clock-lines');
    expect(lines).toContain(DAY.apply);
    expect(lines).toContain('20');
    expect(lines).toContain(DUE.first);
    await shots.take(page, 'track-received');
  });

  it('3. the officer asks for a correction, the citizen sends it online, the case resumes with a new due date', { timeout: 120_000 }, async () => {
    need('查询码', code);
    await setToday(DAY.correctionAsked);
    await logIn(page, base, 'officer');
    await page.getByTestId('queue-search').waitFor();
    await shots.take(page, 'admin-queue');

    // the open cases are only ours (the demo's are all answered): list every case, then find ours by its code
    const rows = page.locator('[data-testid^="case-row-"]');
    await pickOption(page, page.getByTestId('queue-status'), '全部');
    await page.waitForURL((u) => u.searchParams.get('status') === 'all');
    await expect.poll(() => rows.count(), { timeout: WAIT }).toBeGreaterThan(5);
    await page.getByTestId('queue-search').locator('input').fill(code);
    await page.getByTestId('queue-search').locator('input').press('Enter');
    await page.waitForURL((u) => u.searchParams.get('q') === code);
    const row = page.getByTestId(`case-row-${code}`);
    await expect.poll(() => rows.count(), { timeout: WAIT }).toBe(1);
    await row.waitFor();
    expect(await row.innerText()).toContain(APPLICANT.name);
    await shots.take(page, 'admin-queue-search');
    await row.click();
    await page.waitForURL(/\/admin\/applications\/[0-9a-f-]{36}$/);
    caseUrl = page.url();
    await statusIs('case-status', '待办理');
    expect(await text('case-due')).toContain(DUE.first);
    await shots.take(page, 'case-new');

    // take it on: 分配承办人 (self)
    await page.getByTestId('action-assign').click();
    await pickOption(page, '#action-assign_assigneeId', /^卫健局 陈晓（/);
    await page.getByTestId('action-submit').click();
    await statusIs('case-status', '办理中');

    // 告知补正
    await page.getByTestId('action-requestCorrection').click();
    await page.locator('#action-requestCorrection_items').fill(CORRECTION_ITEMS);
    await shots.take(page, 'case-correction-form');
    await page.getByTestId('action-submit').click();
    // the 补正告知书 is previewed before it is issued (条例第三十条: what to correct, by when)
    await page.getByTestId('notice-text').waitFor();
    expect(await page.getByTestId('notice-text').inputValue()).toContain(CORRECTION_ITEMS);
    await page.getByTestId('action-submit').click();
    await statusIs('case-status', '待补正');
    await page.getByTestId('case-event-requestCorrection').waitFor();
    await shots.take(page, 'case-correction-requested');

    // the citizen, days later, on the tracking page
    await setToday(DAY.corrected);
    await page.goto(`${base}/track/${code}`);
    await statusIs('track-status', '待补正');
    const card = page.getByTestId('correction-card');
    await card.getByText(CORRECTION_ITEMS).waitFor();
    await page.getByTestId('correction-text').fill(CORRECTION_TEXT);
    await shots.take(page, 'track-correction-form');
    await page.getByTestId('correction-submit').click();
    await statusIs('track-status', '办理中');
    await card.waitFor({ state: 'detached' });
    await expect.poll(() => text('track-due'), { timeout: WAIT }).toContain(DUE.afterCorrection);
    await shots.take(page, 'track-corrected');

    // the officer, that day: a new session, the case is back in hand and its limit counts from the correction
    await openAs(page, base, caseUrl, 'officer');
    expect(await text('user-name')).toBe('卫健局 陈晓');
    await statusIs('case-status', '办理中');
    expect(await text('case-due')).toContain(DUE.afterCorrection);
    expect(await text('case-clock-lines')).toContain(DAY.corrected);
    await page.getByTestId('case-event-receiveCorrection').getByText(CORRECTION_TEXT).waitFor();
    await shots.take(page, 'case-corrected');
  });

  it('4. the officer asks for an extension, the reviewer approves it, the due date moves', { timeout: 120_000 }, async () => {
    need('案件页面', caseUrl);
    await setToday(DAY.extension);
    await openAs(page, base, caseUrl, 'officer');
    await page.getByTestId('action-requestExtension').click();
    await page.locator('#action-requestExtension_reason').fill(EXTENSION_REASON);
    expect(await page.locator('#action-requestExtension_days').inputValue()).toBe('20');
    await shots.take(page, 'case-extension-form');
    await page.getByTestId('action-submit').click();
    await page.getByTestId('action-requestExtension').waitFor({ state: 'detached' });
    await page.getByText('延期申请待审核').waitFor();
    expect(await text('case-due')).toContain(DUE.afterCorrection);
    await shots.take(page, 'case-extension-requested');
    await logOut(page);

    // the reviewer finds it in the queue; the steps offered are a reviewer's
    await logIn(page, base, 'reviewer');
    await page.getByTestId('queue-search').locator('input').fill(code);
    await page.getByTestId('queue-search').locator('input').press('Enter');
    await page.getByTestId(`case-row-${code}`).click();
    await page.waitForURL(caseUrl);
    await page.getByTestId('action-approveExtension').waitFor();
    const offered = await page.locator('[data-testid^="action-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(offered.sort()).toEqual(['action-approveExtension', 'action-assign', 'action-rejectExtension']);
    await shots.take(page, 'case-reviewer');

    await page.getByTestId('action-approveExtension').click();
    expect(await page.locator('#action-approveExtension_days').inputValue()).toBe('20');
    await page.locator('#action-approveExtension_note').fill('同意延期');
    await page.getByTestId('action-submit').click();
    await page.getByTestId('notice-text').waitFor(); // the 延期答复告知书
    await page.getByTestId('action-submit').click();
    await page.getByTestId('action-approveExtension').waitFor({ state: 'detached' });
    await expect.poll(() => text('case-due'), { timeout: WAIT }).toContain(DUE.extended);
    await page.getByText('已批准延期').waitFor();
    expect(await text('case-clock-lines')).toContain(`延长 20 个工作日`);
    await shots.take(page, 'case-extended');
    await logOut(page);
  });

  it('5. the officer replies 予以公开 with its legal basis (a .docx reply letter) and closes the case', { timeout: 120_000 }, async () => {
    need('案件页面', caseUrl);
    await setToday(DAY.reply);
    await openAs(page, base, caseUrl, 'officer');

    await page.getByTestId('action-reply').click();
    await pickOption(page, '#action-reply_decision', /^予以公开：提供所申请的政府信息/, '提供所申请');
    expect(await text('decision-basis')).toContain('《中华人民共和国政府信息公开条例》第三十六条第（二）项');
    await page.locator('#action-reply_reason').fill(REPLY_REASON);
    expect(await page.locator('#action-reply_on').inputValue()).toBe(DAY.reply);
    await shots.take(page, 'case-reply-form');
    await page.getByTestId('action-submit').click();
    await page.getByTestId('notice-text').waitFor();
    expect(await page.getByTestId('notice-text').inputValue()).toContain('第三十六条第（二）项');
    await page.getByTestId('action-submit').click();
    await statusIs('case-status', '已答复');

    const letter = page.getByTestId('case-letter').filter({ hasText: '答复书' });
    await letter.waitFor();
    expect(await letter.innerText()).toMatch(/政府信息公开申请答复书（.+〔\d{4}〕\d+号）\.docx/);
    const file = await download(page, letter.getByRole('link'));
    expect(file.filename).toMatch(/^政府信息公开申请答复书（.+〔\d{4}〕\d+号）\.docx$/);
    expect(file.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(file.bytes.length).toBeGreaterThan(2000);
    await shots.take(page, 'case-replied');

    await page.getByTestId('action-close').click();
    expect(await page.locator('#action-close_on').inputValue()).toBe(DAY.reply);
    await page.getByTestId('action-submit').click();
    await statusIs('case-status', '已办结');
    await shots.take(page, 'case-closed');
  });

  it('6. the tracking page shows every step and offers the reply letter', { timeout: 120_000 }, async () => {
    need('查询码', code);
    await page.goto(`${base}/track/${code}`);
    await statusIs('track-status', '已办结');
    const steps = page.getByTestId('track-step').locator('.step-label');
    await expect.poll(() => steps.allInnerTexts(), { timeout: WAIT }).toEqual(['收到申请', '告知补正', '收到补正', '延长答复期限', '作出答复', '办结']);
    const stepsText = await text('track-steps');
    for (const d of Object.values(DAY)) expect(stepsText).toContain(d);
    expect(stepsText).toContain('予以公开：提供所申请的政府信息');
    expect(stepsText).toContain('答复期限延长 20 个工作日');
    const file = await download(page, page.getByTestId('track-notice-item').filter({ hasText: '答复书' }).getByTestId('track-notice'));
    expect(file.filename).toMatch(/^政府信息公开申请答复书（.+〔\d{4}〕\d+号）\.docx$/);
    expect(file.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    await shots.take(page, 'track-closed');
  });

  it("7. the case's audit history lists every step with who and when", { timeout: 120_000 }, async () => {
    need('案件页面', caseUrl);
    await openAs(page, base, caseUrl, 'officer');
    await page.getByTestId('case-audit-tab').click();
    const rows = page.getByTestId('case-audit').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count(), { timeout: WAIT }).toBe(8);
    const cells = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 3).map((td) => (td.textContent ?? '').trim())));
    const officer = '卫健局 陈晓';
    const expected = [
      [`${DAY.apply} 10:00`, '申请人（公众）', '网上提交申请'],
      [`${DAY.correctionAsked} 10:00`, officer, '分配承办人'],
      [`${DAY.correctionAsked} 10:00`, officer, '告知补正'],
      [`${DAY.corrected} 10:00`, '申请人（公众）', '收到补正'],
      [`${DAY.extension} 10:00`, officer, '申请延期答复'],
      [`${DAY.extension} 10:00`, '卫健局 王科长', '批准延期'],
      [`${DAY.reply} 10:00`, officer, '作出答复'],
      [`${DAY.reply} 10:00`, officer, '办结'],
    ];
    // newest first or oldest first, as the page lists them: the same steps
    const ordered = cells[0][2] === '网上提交申请' ? cells : [...cells].reverse();
    expect(ordered).toEqual(expected);
    await shots.take(page, 'case-audit');
  });
});

describe('browser: refusals', () => {
  it('a wrong password is refused; an officer of another agency cannot open the health bureau\'s case', { timeout: 120_000 }, async () => {
    const health = (await publicAgencies(server.ctx.db)).find((a) => a.name === '示范市卫生健康局')!;
    const [healthCase] = await server.ctx.db
      .select({ id: applications.id, description: applications.description })
      .from(applications)
      .where(and(eq(applications.agencyId, health.id), eq(applications.channel, 'online')))
      .limit(1);
    expect(healthCase).toBeDefined();

    // a fresh visitor to the back office
    await browser.context.clearCookies();
    await page.goto(`${base}/admin/login`);
    await page.locator('#login_username').fill('officer');
    await page.locator('#login_password').fill(`${DEMO_PASSWORD}-wrong`);
    await page.getByTestId('login-submit').click();
    await expect.poll(async () => (await page.getByTestId('login-error').count()) > 0 && text('login-error'), { timeout: WAIT }).toBe('用户名或密码错误');
    expect(new URL(page.url()).pathname).toBe('/admin/login');
    await shots.take(page, 'login-wrong-password');

    // the education bureau's officer, with the link to the health bureau's case
    await logIn(page, base, 'edu-officer');
    expect(await text('user-name')).toBe('教育局 刘敏');
    await page.goto(`${base}/admin/applications/${healthCase.id}?agency=${health.id}`);
    await page.getByText('无权查看其他机关的数据').waitFor();
    expect(await page.locator('body').innerText()).not.toContain(healthCase.description);
    expect(await page.getByTestId('case-status').count()).toBe(0);
    await shots.take(page, 'case-other-agency-refused');

    // without the agency in the link the case is looked up in the officer's own agency: not there
    await page.goto(`${base}/admin/applications/${healthCase.id}`);
    await page.getByText('未找到该申请').waitFor();
    expect(await page.locator('body').innerText()).not.toContain(healthCase.description);
    await shots.take(page, 'case-other-agency-not-found');
  });
});
