/**
 * In the browser: the notices on paper. The health bureau's administrator sets the short name its 文号 uses
 * and sees the template editor refuse an unknown placeholder; the officer asks for a correction, previews the
 * 补正告知书, edits its text and issues it; the applicant finds it on the tracking page with its number and
 * downloads the Word file, which holds the text as edited.
 *
 * Screenshots: test-results/e2e/notices-NN-name.png.
 */
import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { applications } from '../../src/db/schema';
import { extractSource } from '../../src/extract/index';
import { publicAgencies } from '../../src/services/agencies';
import { Screenshots, WAIT, download, e2eSession, fieldError, logIn, logOut, pickOption, storySteps, type E2EBrowser, type E2EServer } from './browser';

const TODAY = '2026-03-04'; // a Wednesday
const SHORT_NAME = '示范卫健';
/** the 文号 of a notice of 2026 with the default pattern "{简称}依申〔{年}〕{序号}号" (the demo's own notices take earlier numbers) */
const NUMBER = /^示范卫健依申〔2026〕\d+号$/;
const ITEMS = '请写明所需许可证对应的医疗机构所在区县';
/** what the officer adds to the draft before issuing it */
const ADDED = '如有疑问，请致电本机关政府信息公开受理窗口。';

let server: E2EServer;
let browser: E2EBrowser;
let page: Page;
let base: string;
const shots = new Screenshots('notices-').clear();

e2eSession(TODAY, { label: 'e2e notices', shots }, (session) => {
  ({ server, browser, page, base } = session);
});

async function docxText(bytes: Uint8Array): Promise<string> {
  const x = await extractSource(bytes);
  if (!x.ok) throw new Error(x.message);
  return x.doc.lines.map((l) => l.cells.join(' ')).join('\n');
}

describe.sequential('browser: a 补正告知书 previewed, edited, issued and downloaded by the applicant', () => {
  let code = '';
  let caseUrl = '';
  const need = storySteps();

  it('1. the administrator sets the short name of the 文号; the template editor refuses an unknown placeholder', { timeout: 120_000 }, async () => {
    await logIn(page, base, 'wjj-admin');
    await page.goto(`${base}/admin/settings?tab=agency`);
    await page.locator('#agency_shortName').fill(SHORT_NAME);
    await page.getByTestId('agency-submit').click();
    await page.getByText('机关信息已保存').waitFor();

    await page.goto(`${base}/admin/settings?tab=template`);
    await pickOption(page, page.getByTestId('template-kind'), '政府信息公开申请补正告知书');
    const body = page.getByTestId('template-body');
    await expect.poll(async () => (await body.inputValue()).split('\n')[0], { timeout: WAIT }).toBe('政府信息公开申请补正告知书');
    // the preview fills the sample values
    await expect.poll(async () => page.getByTestId('template-preview').innerText(), { timeout: WAIT }).toContain('需要补正的事项如下');
    await body.press('End');
    await body.pressSequentially('{{承办人}}');
    await expect.poll(() => fieldError(page, 'letterTemplate_body'), { timeout: WAIT }).toContain('未知的占位符 {{承办人}}');
    await shots.take(page, 'template-refused');
    await logOut(page);
  });

  it('2. an application arrives; the officer asks for a correction, previews the notice and edits it before issuing', { timeout: 120_000 }, async () => {
    need();
    const health = (await publicAgencies(server.ctx.db)).find((a) => a.name === '示范市卫生健康局')!;
    const r = await fetch(`${base}/api/public/applications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        agencyId: health.id,
        applicantType: 'natural',
        applicantName: '林晓明',
        idType: 'idCard',
        idNumber: '11010519491231002X',
        phone: '13912345678',
        email: 'linxiaoming@example.com',
        description: '“示范市卫生健康局2025年度医疗机构执业许可证发放名单。”',
        form: 'electronic',
        delivery: 'email',
      }),
    });
    expect(r.status).toBe(201);
    code = ((await r.json()) as { trackingCode: string }).trackingCode;
    const [row] = await server.ctx.db.select({ id: applications.id }).from(applications).where(and(eq(applications.agencyId, health.id), eq(applications.trackingCode, code)));
    caseUrl = `${base}/admin/applications/${row.id}`;

    await logIn(page, base, 'officer');
    await page.goto(caseUrl);
    await page.getByTestId('action-requestCorrection').click();
    await page.locator('#action-requestCorrection_items').fill(ITEMS);
    // first the preview: the button says so
    await expect.poll(() => page.getByTestId('action-submit').innerText(), { timeout: WAIT }).toMatch(/预览通知书/);
    await page.getByTestId('action-submit').click();
    const text = page.getByTestId('notice-text');
    await text.waitFor();
    const draft = await text.inputValue();
    const lines = draft.split('\n');
    expect(lines.slice(0, 3)).toEqual(['政府信息公开申请补正告知书', '{{文号}}', '林晓明：']);
    // the request quoted clean: no doubled quotes, no "。" before the closing one
    expect(draft).toContain('申请获取“示范市卫生健康局2025年度医疗机构执业许可证发放名单”。');
    expect(draft).toContain(`需要补正的事项如下：\n${ITEMS}\n`);
    // 15 working days after Wed 03-04: Mar 5–6 (2), 9–13 (7), 16–20 (12), 23–25 (15) → 03-25
    expect(draft).toContain('请您于2026年3月25日前');
    await shots.take(page, 'notice-preview');

    // the officer adds a sentence before 特此告知
    await text.fill(draft.replace('特此告知。', `${ADDED}\n特此告知。`));
    await expect.poll(() => page.getByTestId('action-submit').innerText(), { timeout: WAIT }).toMatch(/发出通知书/);
    await page.getByTestId('action-submit').click();
    await page.getByTestId('case-event-requestCorrection').waitFor();
    await shots.take(page, 'case-after-notice');
    await logOut(page);
  });

  it('3. the applicant sees the notice on the tracking page, with its number, and downloads the text as issued', { timeout: 120_000 }, async () => {
    need('查询码', code);
    await page.goto(`${base}/track/${code}`);
    const item = page.getByTestId('track-notice-item').filter({ hasText: '政府信息公开申请补正告知书' });
    await item.waitFor();
    const [number, issuedOn] = (await item.getByTestId('track-notice-number').innerText()).split(/\s+/);
    expect(number).toMatch(NUMBER);
    expect(issuedOn).toBe(TODAY);
    await shots.take(page, 'track-notices');

    const file = await download(page, item.getByTestId('track-notice'));
    expect(file.filename).toBe(`政府信息公开申请补正告知书（${number}）.docx`);
    const words = await docxText(file.bytes);
    expect(words).toContain('政府信息公开申请补正告知书');
    expect(words).toContain(number);
    expect(words).toContain(ITEMS);
    expect(words).toContain(ADDED);
    expect(words).not.toContain('{{');
  });
});
