/**
 * Browser end-to-end tests: the built web app served by a real Gongkai server (in this process, on a free
 * port, over a fresh in-memory PGlite database with the demo agency), driven by Debian's Chromium through
 * playwright-core. Chromium is required: when it is missing the suite fails (CI installs it).
 *
 * "Today" is fixed on both sides and moved forward by the tests: the server through its injectable clock
 * (ctx.clock, see src/services/context.ts) and the browser through Playwright's clock, so the date pickers
 * of the back office (which default to the browser's today) and the server agree on what today is.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { seedDemo } from '../../src/services/demo';
import { ROOT } from '../helpers/cli';
import { startServer, type TestServer } from '../helpers/server';
import { DEMO_PASSWORD } from '../helpers/world';

export { DEMO_PASSWORD };

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SHOTS_DIR = path.join(ROOT, 'test-results', 'e2e');

/** Patient waits: the suite runs next to ~20 other test files on 2 cores. */
export const WAIT = 60_000;

// ---------------------------------------------------------------------------------------------------------
// The web app

const LOCK = path.join(tmpdir(), `gongkai-ensure-web-${createHash('sha1').update(ROOT).digest('hex').slice(0, 12)}.lock`);

async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      // a lock left behind by a killed run
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > 300_000) rmSync(LOCK, { recursive: true, force: true });
      } catch {
        /* gone meanwhile */
      }
      if (Date.now() - started > 600_000) throw new Error(`等待网页前端构建超时（锁 ${LOCK}）`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/**
 * Build web/dist when it is missing or older than its sources: scripts/ensure-web.ts (what `npm start` runs),
 * in a child process, one build at a time (two test files building at once would empty each other's output).
 */
async function ensureWeb(): Promise<string> {
  const tsx = path.join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'tsx.cmd' : 'tsx');
  // Vitest sets NODE_ENV=test; Vite would then build React and antd in development mode into web/dist
  const env = { ...process.env };
  delete env.NODE_ENV;
  await withLock(
    () =>
      new Promise<void>((resolve, reject) => {
        execFile(tsx, ['scripts/ensure-web.ts'], { cwd: ROOT, env, timeout: 300_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
          if (error) reject(new Error(`网页前端构建失败（scripts/ensure-web.ts）：${error.message}\n${stdout}\n${stderr}`));
          else resolve();
        });
      }),
  );
  const dist = path.join(ROOT, 'web', 'dist');
  if (!existsSync(path.join(dist, 'index.html'))) throw new Error('网页前端构建后仍缺少 web/dist/index.html');
  return dist;
}

// ---------------------------------------------------------------------------------------------------------
// The server

export interface E2EServer extends TestServer {
  /** move "today" (server side; the browser side is E2EBrowser.setToday) */
  setToday(date: string): void;
}

/** A real server with the web app and the demo agency (every account's password DEMO_PASSWORD). */
export async function startE2EServer(today: string): Promise<E2EServer> {
  const webDir = await ensureWeb();
  // Login and tracking limits raised above what one person clicking through needs in a minute (each day of
  // the story logs in again); the intake limit stays as deployed (20 an hour): the story sends the form twice.
  const server = await startServer('pglite', { webDir, rateLimit: { intakePerHour: 20, trackPerMinute: 600, loginPerMinute: 100 } }, today);
  try {
    await seedDemo(server.ctx, { password: DEMO_PASSWORD, casesPerYear: 12 });
    return { ...server, setToday: (d) => server.ctx.setToday(d) };
  } catch (e) {
    await server.close();
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------------------
// The browser

export interface E2EBrowser {
  context: BrowserContext;
  page: Page;
  /** uncaught errors in the pages (each should fail the test that caused it) */
  pageErrors: string[];
  setToday(date: string): Promise<void>;
  close(): Promise<void>;
}

/** 10:00 China time on `date`, as the server's fixed clock has it */
const at10 = (date: string) => new Date(`${date}T10:00:00+08:00`);

/** Fail (never skip) when Chromium is not installed: CI installs it, and a skipped suite would hide that. */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `浏览器端到端测试需要 Chromium，但 ${CHROMIUM} 不存在。请安装（Debian/Ubuntu：apt-get install chromium），CI 会安装它。` +
        ` The browser end-to-end tests need Chromium at ${CHROMIUM}; install it (apt-get install chromium).`,
    );
  }
}

/** Chromium with a fresh, empty profile, its clock at 10:00 on `today` (China time), in Chinese. */
export async function launchBrowser(today: string): Promise<E2EBrowser> {
  requireChromium();
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'gongkai-e2e-profile-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: { width: 1366, height: 900 },
      acceptDownloads: true,
      timeout: WAIT,
    });
  } catch (e) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw e;
  }
  context.setDefaultTimeout(WAIT);
  context.setDefaultNavigationTimeout(WAIT);
  // time flows from 10:00 on the day (timers and animations run as usual); setToday jumps to another day
  await context.clock.install({ time: at10(today) });
  const pageErrors: string[] = [];
  const watch = (p: Page) => p.on('pageerror', (e) => pageErrors.push(`${p.url()}: ${e.message}`));
  context.on('page', watch);
  const page = context.pages()[0] ?? (await context.newPage());
  watch(page);
  return {
    context,
    page,
    pageErrors,
    setToday: (date) => context.clock.setSystemTime(at10(date)),
    close: async () => {
      await context.close().catch(() => {});
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Screenshots: test-results/e2e/<prefix>NN-name.png, numbered in the order the pages were visited (each test
// file its own prefix, so that one file's shots are not another's)

export class Screenshots {
  private n = 0;
  readonly dir = SHOTS_DIR;
  constructor(readonly prefix = '') {
    mkdirSync(this.dir, { recursive: true });
  }

  /** Remove the numbered shots of an earlier run (<prefix>NN-*.png). */
  clear(): this {
    const mine = new RegExp(`^${this.prefix}\\d\\d-.*\\.png$`);
    for (const f of readdirSync(this.dir)) if (mine.test(f)) unlinkSync(path.join(this.dir, f));
    return this;
  }

  async take(page: Page, name: string): Promise<string> {
    const file = path.join(this.dir, `${this.prefix}${String(++this.n).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file, fullPage: true, animations: 'disabled', timeout: WAIT });
    return file;
  }
}

// ---------------------------------------------------------------------------------------------------------
// The hooks of a browser test file

export interface E2ESession {
  server: E2EServer;
  browser: E2EBrowser;
  page: Page;
  /** the server's address, http://127.0.0.1:<port> */
  base: string;
}

/** How a step of a story fails when an earlier step failed (see storySteps). */
const EARLIER_STEP_FAILED = '前一步骤未完成';

/**
 * The hooks of a browser test file: before its tests, the server (with the demo agency) and Chromium, both
 * on `today`, handed to `use`; after each test, a screenshot `failed-<test>` when it failed (not when it only
 * stopped because an earlier step had failed) and the check that no page threw an uncaught error; after all
 * tests, both closed. `label` prefixes the timings logged.
 */
export function e2eSession(today: string, options: { label: string; shots: Screenshots }, use: (session: E2ESession) => void | Promise<void>): void {
  const { label, shots } = options;
  let server: E2EServer | undefined;
  let browser: E2EBrowser | undefined;
  const started = Date.now();
  const elapsed = () => ((Date.now() - started) / 1000).toFixed(1);

  beforeAll(async () => {
    requireChromium(); // before anything else: without it the suite fails at once, with the reason
    server = await startE2EServer(today);
    browser = await launchBrowser(today);
    await use({ server, browser, page: browser.page, base: server.url });
    console.log(`[${label}] server (with the demo agency) and browser ready in ${elapsed()} s`);
  }, 180_000);

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail' && browser && !String(task.result.errors?.[0]?.message).startsWith(EARLIER_STEP_FAILED)) {
      await shots.take(browser.page, `failed-${task.name.replace(/\W+/g, '-').slice(0, 40)}`).catch(() => {});
    }
    const errors = browser?.pageErrors.splice(0) ?? [];
    expect(errors, 'uncaught errors in the page').toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    console.log(`[${label}] done in ${elapsed()} s`);
  });
}

/**
 * For a describe whose tests are the steps of one story, each needing the one before: call the function
 * returned first thing in a step. It fails the step at once when an earlier step failed, or when `what`, a
 * value an earlier step was to find, is missing (`value` empty).
 */
export function storySteps(): (what?: string, value?: string) => void {
  let broken = '';
  afterEach(({ task }) => {
    if (task.result?.state === 'fail' && !broken) broken = task.name;
  });
  return (what, value) => {
    if (broken || (what !== undefined && !value)) throw new Error(`${EARLIER_STEP_FAILED}（${broken || `缺少${what}`}）`);
  };
}

// ---------------------------------------------------------------------------------------------------------
// Working the antd forms as a user does

/**
 * Open an antd Select (its control, e.g. '#apply_agencyId', or a locator inside it) and click an option: the
 * one whose text is exactly `option`, or matches it when a RegExp. `search` is typed first (showSearch).
 * The list is virtual (only the options in view exist), so it is scrolled until the option shows.
 */
export async function pickOption(page: Page, field: string | Locator, option: string | RegExp, search?: string): Promise<void> {
  const control = typeof field === 'string' ? page.locator(field) : field;
  const select = control.locator('xpath=ancestor-or-self::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]');
  await select.click();
  if (search) await page.keyboard.type(search);
  const dropdown = page.locator('.ant-select-dropdown:visible');
  await dropdown.waitFor();
  const match = typeof option === 'string' ? new RegExp(`^\\s*${option.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) : option;
  const item = dropdown.locator('.ant-select-item-option').filter({ hasText: match }).first();
  const holder = dropdown.locator('.ant-select-dropdown-list-holder');
  for (let i = 0; i < 100 && (await item.count()) === 0; i++) {
    if ((await holder.count()) > 0) await holder.first().evaluate((el) => el.scrollBy(0, 64));
    await page.waitForTimeout(100);
  }
  // the list re-renders while the search is typed: a click that lands between renders selects nothing and
  // leaves the list open, so click again
  for (let attempt = 1; ; attempt++) {
    await item.click();
    try {
      await dropdown.waitFor({ state: 'hidden', timeout: 5_000 });
      return;
    } catch (e) {
      if (attempt === 5) throw e;
    }
  }
}

/** The message antd shows under a form field (its `<id>_help`), '' when none. */
export async function fieldError(page: Page, id: string): Promise<string> {
  const help = page.locator(`#${id}_help`);
  return (await help.count()) > 0 ? (await help.innerText()).trim() : '';
}

/** Log in on /admin/login (the page a user is sent to, or opened here) and wait for the back office. */
export async function logIn(page: Page, base: string, username: string, password = DEMO_PASSWORD): Promise<void> {
  if (!new URL(page.url(), base).pathname.startsWith('/admin/login')) await page.goto(`${base}/admin/login`);
  await page.locator('#login_username').fill(username);
  await page.locator('#login_password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => u.pathname.startsWith('/admin') && !u.pathname.startsWith('/admin/login'));
  await page.getByTestId('user-name').waitFor();
}

/**
 * Open a back-office page as `username`: when the session has ended (a new day) the app sends the user to the
 * login page, and after logging in back to the page.
 */
export async function openAs(page: Page, base: string, url: string, username: string): Promise<void> {
  await page.goto(url);
  const login = page.getByTestId('login-submit');
  await login.or(page.getByTestId('user-name')).first().waitFor();
  if (await login.isVisible()) {
    expect(new URL(page.url()).searchParams.get('next')).toBe(new URL(url).pathname + new URL(url).search);
    await logIn(page, base, username);
    await page.waitForURL(url);
  }
}

/** Log out with the header's 退出 button. */
export async function logOut(page: Page): Promise<void> {
  await page.getByTestId('logout').click();
  await page.waitForURL((u) => u.pathname === '/admin/login');
  // not "?next=<the page left>": the next person to log in starts at their own work queue
  await expect.poll(() => new URL(page.url()).search, { timeout: WAIT }).toBe('');
}

/** Click a link that downloads a file and return its bytes. */
export async function download(page: Page, link: Locator): Promise<{ filename: string; bytes: Buffer }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const file = await dl.path();
  return { filename: dl.suggestedFilename(), bytes: readFileSync(file) };
}
