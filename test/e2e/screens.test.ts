/**
 * In the browser: screens that fit (issue 11 item 2). Every back-office page, as the people who use it
 * (officer, reviewer, supervisor, administrator), at 1366×768 (the common office screen) and 1920×1080: a
 * screenshot of each, and the check, in the page, that nothing is cut off.
 *
 * What "cut off" means here, measured in the DOM (inspectLayout below):
 *  - a table's column: every header cell (th) of every visible table (antd's .ant-table, and the report's own
 *    .report-grid) must be in view, horizontally, inside every box that clips it (each ancestor whose
 *    overflow is not visible, and the window less a scroll bar), and under no fixed column of its row
 *    (antd's .ant-table-cell-fix-*), as the page opens: a table that needs sideways scrolling to show a column
 *    hides it from whoever does not think of scrolling (the queue's 承办人, the registry's status under the
 *    fixed 操作, 表三's 其他 and 总计 were found so). Only the tables of MAY_SCROLL may scroll; theirs are
 *    scrolled from start to end, half a box at a time, and each column must be fully in view at one of
 *    those positions. No fixed cell may lie over another cell of its row (header and body): a left one as
 *    the page opens, a right one at the end of the scroll.
 *  - a column's label: no character of a header cell's text may lie outside what the cell (and any box
 *    inside it that clips) leaves visible, unless it is antd's ellipsis cell with a title to show the whole
 *    label. Measured on the text itself (a Range), not scrollWidth, which counts a fixed column's shadow.
 *  - a column's content: in the first 40 rows, no cell's text may run outside its cell (into the next
 *    column, or under a fixed one), unless antd's ellipsis cuts it with a title.
 *  - a card's title (.ant-card-head-title) must not be cut (same measure), and tabs must not be pushed into
 *    the tab bar's "…" menu.
 *  - the page itself must not scroll sideways: its content (the document's, the app root's scrollWidth) no
 *    wider than the window less the scroll bar.
 * Each failure names the page, the viewport and the column or title. The window keeps the 17 px of a Windows
 * scroll bar free at its right (SCROLLBAR): this Chromium hides its scroll bars, an office computer's do not.
 *
 * "Today" is 2026-11-23 (the demo agency has its 2025 report published and 2026's being written).
 * Screenshots: test-results/e2e/screens-NN-<viewport>-<page>.png.
 */
import { describe, expect, it } from 'vitest';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { applicationEvents, applications } from '../../src/db/schema';
import { publicAgencies } from '../../src/services/agencies';
import { Screenshots, WAIT, e2eSession, logIn, logOut, type E2EServer } from './browser';

const TODAY = '2026-11-23';
const AGENCY = '示范市卫生健康局';

const VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;
type Viewport = (typeof VIEWPORTS)[number];

/**
 * The tables allowed to need sideways scrolling (by data-testid): 比较's 明细, every agency and year against
 * some thirty figures of the reports, wider than any screen (its 机关 column stays fixed on the left).
 */
const MAY_SCROLL = ['compare-table'];

/**
 * The width of a classic scroll bar (Chrome and Edge on Windows, at 100 %), kept free at the right of every
 * page: this Chromium runs headless with its scroll bars hidden, an office computer's takes 17 px.
 */
const SCROLLBAR = 17;

let server: E2EServer;
let page: Page;
let base: string;
const shots = new Screenshots('screens-').clear();

e2eSession(TODAY, { label: 'e2e screens', shots }, (session) => {
  ({ server, page, base } = session);
});

/** A back-office page: where it is, what shows it is there (not a login, an error or a spinner). */
interface Screen {
  name: string;
  path: string;
  /** a selector that is on this page once it has loaded */
  ready: string;
  /** something to do on the page before it is measured (open a tab, a drawer) */
  then?: (page: Page) => Promise<void>;
}

// ---------------------------------------------------------------------------------------------------------
// The check, run in the page

/**
 * Everything cut off on the page as it is now, one line per problem. Runs in the browser (page.evaluate):
 * self-contained, no closure over the test's variables. `mayScroll`: the data-testid of the tables allowed to
 * need sideways scrolling (a matrix of figures wider than any screen); every other table is to show all its
 * columns as the page opens.
 */
async function inspectLayout({ mayScroll, gutter }: { mayScroll: string[]; gutter: number }): Promise<string[]> {
  const problems: string[] = [];
  // the window's width left to the page: less the scroll bar's, unless a drawer or a modal has locked the scrolling
  const viewRight = window.innerWidth - (getComputedStyle(document.body).overflowY === 'hidden' ? 0 : gutter);
  const frames = () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
  const shown = (el: Element) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  };
  const text = (el: Element) => (el.textContent ?? '').replace(/\s+/g, '');
  /** the horizontal span left visible by the boxes that clip, from `from` up to `to` (the window when none) */
  const clipOf = (from: Element | null, to?: Element): [number, number] => {
    let left = to ? -Infinity : 0;
    let right = to ? Infinity : viewRight;
    for (let a = from; a && a !== document.body && a !== document.documentElement; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== 'visible') {
        const r = a.getBoundingClientRect();
        const l = r.left + a.clientLeft;
        left = Math.max(left, l);
        right = Math.min(right, l + a.clientWidth);
      }
      if (a === to) break;
    }
    return [left, right];
  };
  /**
   * Text of `box` cut by a box inside it (itself included): some of its characters lie outside what the
   * boxes between them and `box` leave visible. Measured on the text (a Range), so a decoration drawn outside
   * the box (a fixed column's shadow) is not taken for text.
   */
  const textCut = (box: Element, spill = false): boolean => {
    const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    const own = box.getBoundingClientRect();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!(n.textContent ?? '').trim() || !n.parentElement || !shown(n.parentElement)) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      let [left, right] = clipOf(n.parentElement, box);
      // `spill`: the text is not to leave the box, even where the box lets it show (a table cell's content
      // running into the next column)
      if (spill) [left, right] = [Math.max(left, own.left), Math.min(right, own.right)];
      for (const r of range.getClientRects()) if (r.width > 0 && (r.left < left - 1 || r.right > right + 1)) return true;
    }
    return false;
  };
  const overlap = (a: DOMRect, b: DOMRect) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1;
  const FIX_START = /\bant-table-cell-fix-(left|start)\b/;
  const FIX_END = /\bant-table-cell-fix-(right|end)\b/;
  const isFixed = (el: Element) => FIX_START.test(el.className) || FIX_END.test(el.className);

  // ---- tables
  const tables: { kind: 'antd' | 'report'; el: Element; name: string; testId: string }[] = [];
  for (const t of document.querySelectorAll('.ant-table')) if (shown(t) && !t.parentElement?.closest('.ant-table')) tables.push({ kind: 'antd', el: t, name: '', testId: '' });
  for (const t of document.querySelectorAll('table.report-grid')) if (shown(t)) tables.push({ kind: 'report', el: t, name: '', testId: '' });
  tables.forEach((t, i) => {
    const title = t.el.closest('.ant-card')?.querySelector(':scope > .ant-card-head .ant-card-head-title');
    t.testId = t.el.closest('[data-testid]')?.getAttribute('data-testid') ?? '';
    t.name = `表格${i + 1}${title ? `（${text(title)}）` : t.testId ? `（${t.testId}）` : ''}`;
  });

  for (const t of tables) {
    const own = (el: Element) => t.kind === 'report' || el.closest('.ant-table') === t.el;
    const heads = [...t.el.querySelectorAll('th')].filter(
      (th) => own(th) && shown(th) && !th.classList.contains('ant-table-cell-scrollbar') && !th.classList.contains('ant-table-selection-column'),
    ) as Element[];
    if (heads.length === 0) continue;
    const labelOf = (th: Element) => text(th) || th.getAttribute('title') || `第 ${heads.indexOf(th) + 1} 列（无标题）`;
    /** the header cell fully in view, and under no fixed cell of its row */
    const inView = (th: Element) => {
      const r = th.getBoundingClientRect();
      const [left, right] = clipOf(th.parentElement);
      if (r.left < left - 1 || r.right > right + 1) return false;
      return isFixed(th) || ![...(th.parentElement?.children ?? [])].some((c) => c !== th && isFixed(c) && shown(c) && overlap(r, c.getBoundingClientRect()));
    };
    // the box that scrolls the table sideways, when the table is wider than it
    let scroller: HTMLElement | null = null;
    for (let a = heads[0].parentElement; a && a !== document.body; a = a.parentElement) {
      const o = getComputedStyle(a).overflowX;
      if ((o === 'auto' || o === 'scroll') && a.scrollWidth > a.clientWidth + 1) {
        scroller = a;
        break;
      }
    }
    const scrollTo = async (x: number) => {
      if (!scroller) return;
      scroller.scrollLeft = x;
      scroller.dispatchEvent(new Event('scroll'));
      await frames();
    };
    /** a fixed cell of `fixed` kind that lies over another cell of its row */
    const fixedOver = (fixed: RegExp) => {
      const rows = [...t.el.querySelectorAll('tr')].filter(own).slice(0, 40);
      for (const tr of rows) {
        const cells = [...tr.children].filter(shown);
        for (const f of cells.filter((c) => fixed.test(c.className))) {
          const under = cells.find((c) => c !== f && !isFixed(c) && overlap(f.getBoundingClientRect(), c.getBoundingClientRect()));
          if (under) {
            const name = (c: Element) => (tr.closest('thead') ? text(c) : heads[cells.indexOf(c)] ? labelOf(heads[cells.indexOf(c)]) : `第 ${cells.indexOf(c) + 1} 列`);
            return `固定列“${name(f)}”遮住了列“${name(under)}”`;
          }
        }
      }
      return null;
    };

    await scrollTo(0);
    // as the page opens: every column in view (the report's tables, and every table not allowed to scroll)
    if (t.kind === 'report' || !mayScroll.includes(t.testId)) {
      const out = heads.filter((th) => !inView(th));
      if (scroller || out.length > 0) {
        problems.push(
          `${t.name}：${t.kind === 'report' ? '报告表格' : '表格'}须不横向滚动就显示全部列，但${out.length > 0 ? `列${out.map((th) => `“${labelOf(th)}”`).join('')}不在视野内或被固定列遮住` : '需要横向滚动'}` +
            `（表格宽 ${scroller?.scrollWidth ?? t.el.scrollWidth}px，可见 ${scroller?.clientWidth ?? '—'}px）`,
        );
      }
    }
    const overStart = fixedOver(FIX_START);
    if (overStart) problems.push(`${t.name}：${overStart}（未滚动时）`);

    // scrolled from start to end, half a box at a time: each column fully in view at some point, under no
    // fixed column
    const seen = new Set<Element>();
    const max = scroller ? scroller.scrollWidth - scroller.clientWidth : 0;
    const step = scroller ? Math.max(40, Math.floor(scroller.clientWidth / 2)) : 1;
    const positions: number[] = [];
    for (let x = 0; x < max; x += step) positions.push(x);
    positions.push(max);
    for (const x of positions) {
      await scrollTo(x);
      for (const th of heads) if (inView(th)) seen.add(th);
    }
    const overEnd = fixedOver(FIX_END);
    if (overEnd) problems.push(`${t.name}：${overEnd}（横向滚动到头时）`);
    await scrollTo(0);

    // the content of the cells (the first rows): within its column, unless antd's ellipsis cuts it with a title
    const spilled = new Set<Element>();
    for (const tr of [...t.el.querySelectorAll('tbody tr')].filter(own).slice(0, 40)) {
      for (const td of [...tr.children].filter((c) => c.tagName === 'TD' && shown(c))) {
        if (td.classList.contains('ant-table-cell-ellipsis') || !textCut(td, true)) continue;
        // the column: the header cell over most of the cell's width, the lowest when several
        const r = td.getBoundingClientRect();
        let column: Element | null = null;
        let best = 1;
        for (const th of heads) {
          const h = th.getBoundingClientRect();
          const o = Math.min(r.right, h.right) - Math.max(r.left, h.left);
          if (o >= best) [column, best] = [th, o];
        }
        const key = column ?? td;
        if (spilled.has(key)) continue;
        spilled.add(key);
        problems.push(`${t.name}：列“${column ? labelOf(column) : text(td).slice(0, 12)}”的内容超出列宽（“${text(td).slice(0, 24)}”）`);
      }
    }

    for (const th of heads) {
      if (!seen.has(th)) problems.push(`${t.name}：列“${labelOf(th)}”显示不全（${scroller ? '横向滚动到头也看不全，或被固定列遮住' : '被裁掉，表格不能横向滚动'}）`);
      const ellipsisWithTitle = th.classList.contains('ant-table-cell-ellipsis') && Boolean(th.getAttribute('title'));
      if (!ellipsisWithTitle && textCut(th)) problems.push(`${t.name}：列标题“${labelOf(th)}”被截断（列宽 ${th.clientWidth}px）`);
    }
  }

  // ---- card titles and tab bars
  for (const h of document.querySelectorAll('.ant-card-head-title')) {
    if (shown(h) && textCut(h)) problems.push(`卡片标题“${text(h)}”被截断（宽 ${h.clientWidth}px）`);
  }
  for (const more of document.querySelectorAll('.ant-tabs-nav-operations')) {
    if (shown(more) && !more.classList.contains('ant-tabs-nav-operations-hidden')) {
      const bar = more.closest('.ant-tabs');
      problems.push(`标签页放不下，部分收进了“…”菜单：${[...(bar?.querySelectorAll('.ant-tabs-tab') ?? [])].map(text).join('、')}`);
    }
  }

  // ---- the page
  const doc = document.documentElement;
  const root = document.getElementById('root');
  const wide = Math.max(doc.scrollWidth - (window.innerWidth - viewRight), root ? root.getBoundingClientRect().left + root.scrollWidth : 0);
  if (wide > viewRight + 1) problems.push(`页面出现横向滚动条（内容宽 ${wide}px，窗口宽 ${viewRight}px）`);
  return problems;
}

// ---------------------------------------------------------------------------------------------------------
// Visiting the pages

/** Wait until the page has loaded: its marker shown, nothing spinning, no skeleton, the fonts in. */
async function settle(screen: Screen): Promise<void> {
  await page.locator(screen.ready).first().waitFor({ state: 'visible' });
  await page.waitForLoadState('networkidle').catch(() => {});
  await expect.poll(() => page.locator('.ant-spin-spinning, .ant-skeleton').count(), { timeout: WAIT }).toBe(0);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  // antd measures fixed columns and scroll shadows after a resize observer's callback
  await page.waitForTimeout(300);
}

async function visit(screen: Screen, viewport: Viewport): Promise<string[]> {
  await page.goto(`${base}${screen.path}`);
  await page.addStyleTag({ content: `body { margin-right: ${SCROLLBAR}px !important; }` });
  await settle(screen);
  if (screen.then) {
    await screen.then(page);
    await page.waitForTimeout(300);
  }
  // it is the page asked for, not the login page nor an error
  expect(new URL(page.url()).pathname, screen.name).not.toBe('/admin/login');
  expect(await page.locator('.admin-content .ant-result').count(), `${screen.name}：页面显示错误`).toBe(0);
  await shots.take(page, `${viewport.width}-${screen.name}`);
  const problems = await page.evaluate(inspectLayout, { mayScroll: MAY_SCROLL, gutter: SCROLLBAR });
  return problems.map((p) => `${screen.name} @ ${viewport.width}×${viewport.height}：${p}`);
}

/** Visit every page as `username` at `viewport`: the problems found on all of them. */
async function tour(username: string, viewport: Viewport, screens: Screen[] | (() => Promise<Screen[]>)): Promise<string[]> {
  await page.setViewportSize(viewport);
  await page.goto(`${base}/admin`);
  const name = page.getByTestId('user-name');
  await page.getByTestId('login-submit').or(name).first().waitFor();
  if (await name.isVisible()) await logOut(page);
  await logIn(page, base, username);
  const problems: string[] = [];
  for (const s of typeof screens === 'function' ? await screens() : screens) problems.push(...(await visit(s, viewport)));
  return problems;
}

/** The health bureau's case with the longest history (most steps): its detail page has the most to show. */
async function busiestCase(): Promise<string> {
  const health = (await publicAgencies(server.ctx.db)).find((a) => a.name === AGENCY)!;
  const [row] = await server.ctx.db
    .select({ id: applications.id })
    .from(applications)
    .innerJoin(applicationEvents, and(eq(applicationEvents.agencyId, applications.agencyId), eq(applicationEvents.applicationId, applications.id)))
    .where(eq(applications.agencyId, health.id))
    .groupBy(applications.id)
    .orderBy(desc(sql`count(${applicationEvents.id})`))
    .limit(1);
  return String(row.id);
}

/** The tabs of 行政决定与收费 (one per kind of record), read from the page. */
async function recordTabs(): Promise<string[]> {
  await page.goto(`${base}/admin/records`);
  const tabs = page.locator('[data-testid^="records-tab-"]');
  await tabs.first().waitFor();
  return (await tabs.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!))).map((t) => t.replace(/^records-tab-/, ''));
}

const officerScreens = async (): Promise<Screen[]> => {
  const caseId = await busiestCase();
  const kinds = await recordTabs();
  return [
    { name: '工作台', path: '/admin', ready: '[data-testid="queue-view-all"]' },
    { name: '工作台-全部申请', path: '/admin?status=all', ready: '[data-testid^="case-row-"]' },
    { name: '工作台-延期待审核', path: '/admin?view=extension', ready: '[data-testid="queue-view-extension"]' },
    { name: '工作台-待审批年度报告', path: '/admin?view=reports', ready: '[data-testid="queue-reports-waiting"]' },
    { name: '登记申请', path: '/admin/register', ready: '[data-testid="register-submit"]' },
    { name: '申请详情', path: `/admin/applications/${caseId}`, ready: '[data-testid="case-status"]' },
    {
      name: '申请详情-审计记录',
      path: `/admin/applications/${caseId}`,
      ready: '[data-testid="case-audit-tab"]',
      then: async (p) => {
        await p.getByTestId('case-audit-tab').click();
        await p.locator('.ant-table:visible').first().waitFor();
      },
    },
    { name: '行政复议与诉讼', path: '/admin/review-cases', ready: '[data-testid="review-new"]' },
    { name: '主动公开', path: '/admin/registry', ready: '[data-testid^="registry-row-"]' },
    ...kinds.map((k) => ({ name: `行政决定与收费-${k}`, path: `/admin/records?tab=${k}`, ready: `[data-testid="records-table-${k}"]` })),
    { name: '公开指南', path: '/admin/guide', ready: '[data-testid="guide-public-link"]' },
    { name: '年度报告', path: '/admin/reports', ready: '.ant-table-row' },
    { name: '年度报告编辑-2026', path: '/admin/reports/2026', ready: '[data-testid="report-section-3"] table.report-grid' },
    {
      name: '年度报告编辑-表三单元格记录',
      path: '/admin/reports/2026',
      ready: '[data-testid="report-section-3"] table.report-grid',
      then: async (p) => {
        await p.locator('[data-testid="report-cell-applications.received[6]"]').click();
        await p.locator('.ant-drawer-open .ant-table').first().waitFor();
        await expect.poll(() => p.locator('.ant-drawer-open .ant-spin-spinning').count(), { timeout: WAIT }).toBe(0);
      },
    },
    { name: '年度报告编辑-2025已发布', path: '/admin/reports/2025', ready: '[data-testid="report-section-3"] table.report-grid' },
    { name: '修改密码', path: '/admin/password', ready: '[data-testid="password-submit"]' },
  ];
};

const reviewerScreens: Screen[] = [
  { name: '审核人-工作台', path: '/admin?status=all', ready: '[data-testid^="case-row-"]' },
  { name: '审核人-年度报告编辑', path: '/admin/reports/2026', ready: '[data-testid="report-section-3"] table.report-grid' },
];

const supervisorScreens: Screen[] = [
  { name: '监督检查-收集情况', path: '/admin/supervision?tab=collection', ready: '[data-testid="collection-table"]' },
  // the demo's reports have no findings: the list's columns are measured without rows
  { name: '监督检查-审核', path: '/admin/supervision?tab=audit', ready: '[data-testid="audit-table"]' },
  { name: '监督检查-整改', path: '/admin/supervision?tab=followup', ready: '[data-testid="supervision-tab-followup"]' },
  { name: '监督检查-比较', path: '/admin/supervision?tab=compare', ready: '[data-testid="compare-table"]' },
  { name: '监督人员-工作台', path: '/admin', ready: '[data-testid="queue-view-all"]' },
  { name: '监督人员-年度报告', path: '/admin/reports', ready: '.ant-table' },
];

const adminScreens: Screen[] = [
  { name: '设置-账号', path: '/admin/settings?tab=accounts', ready: '[data-testid="account-new"]' },
  { name: '设置-通知书模板', path: '/admin/settings?tab=template', ready: '[data-testid="template-submit"]' },
  { name: '设置-机关信息', path: '/admin/settings?tab=agency', ready: '[data-testid="agency-submit"]' },
  { name: '设置-节假日安排', path: '/admin/settings?tab=calendar', ready: '[data-testid="calendar-notice"]' },
];

for (const viewport of VIEWPORTS) {
  const size = `${viewport.width}×${viewport.height}`;
  describe.sequential(`screens at ${size}: no table column, column label or title cut off`, () => {
    it(`the officer's pages (卫健局 陈晓) at ${size}`, { timeout: 600_000 }, async () => {
      expect(await tour('officer', viewport, officerScreens)).toEqual([]);
    });
    it(`the reviewer's pages (卫健局 王科长) at ${size}`, { timeout: 300_000 }, async () => {
      expect(await tour('reviewer', viewport, reviewerScreens)).toEqual([]);
    });
    it(`the supervisor's pages (政务公开办 林主任) at ${size}`, { timeout: 300_000 }, async () => {
      expect(await tour('supervisor', viewport, supervisorScreens)).toEqual([]);
    });
    it(`the administrator's pages (平台管理员) at ${size}`, { timeout: 300_000 }, async () => {
      expect(await tour('admin', viewport, adminScreens)).toEqual([]);
    });
  });
}
