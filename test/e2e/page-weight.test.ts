/**
 * In the browser: what the public home page costs to load. A first visit (an empty profile, nothing cached)
 * of / is to load at most 300 KB of JavaScript as transferred (compressed), the back office and the charts
 * staying on the server until a page needs them. The browser's own figures (Chromium's network events, as
 * Playwright reports them: the bytes of each body as received, and the script once decoded) are printed per
 * file, with what the same files weigh gzip-compressed (to a browser that does not accept brotli). Resource
 * Timing (performance.getEntries) is no use here: the test's fake clock replaces `performance`.
 *
 * The limit is in bytes of 1000 (300 000), stricter than 300 KiB.
 */
import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { Page, Response } from 'playwright-core';
import { Screenshots, WAIT, e2eSession } from './browser';

const TODAY = '2026-11-23';
const HOME_JS_LIMIT = 300_000;
/** chunks of the back office and of the charts (web/vite.config.ts names the charts chunk), never needed by / */
const NOT_ON_HOME = /\/assets\/(?:charts|echarts|AdminLayout|Queue|Supervision|ReportEditor|Registry|Records|Settings|Case)-[\w-]{8}\.js$/;

let page: Page;
let base: string;
const shots = new Screenshots('weight-').clear();

e2eSession(TODAY, { label: 'e2e page weight', shots }, (session) => {
  ({ page, base } = session);
});

interface Loaded {
  url: string;
  headers: Record<string, string>;
  /** bytes received for the body (compressed as sent) */
  encoded: number;
  /** bytes of the script itself */
  decoded: number;
  /** bytes received, headers included */
  transfer: number;
}

/** The body size of `url` as sent to a browser accepting only gzip. */
function gzipSize(url: string): Promise<{ bytes: number; encoding: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => resolve({ bytes, encoding: res.headers['content-encoding'] }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const kb = (n: number) => (n / 1000).toFixed(1).padStart(7);

describe('the public home page', () => {
  it(`loads at most ${HOME_JS_LIMIT / 1000} KB of JavaScript (compressed), none of the back office or the charts`, async () => {
    const responses: Response[] = [];
    page.on('response', (r) => {
      if (new URL(r.url()).pathname.endsWith('.js')) responses.push(r);
    });
    const document = await page.goto(`${base}/`);
    await page.getByTestId('agency-list').waitFor({ timeout: WAIT });
    await page.waitForLoadState('networkidle');
    await shots.take(page, 'home');

    // the bytes received as Chromium counts them (CDP's Network events: the body as sent, headers apart) and
    // the script once decoded
    const scripts: Loaded[] = await Promise.all(
      responses.map(async (r) => {
        const sizes = await r.request().sizes();
        return { url: r.url(), encoded: sizes.responseBodySize, decoded: (await r.body()).length, transfer: sizes.responseBodySize + sizes.responseHeadersSize, headers: r.headers() };
      }),
    );
    const gzip = await Promise.all(scripts.map((s) => gzipSize(s.url)));
    const sum = (pick: (s: Loaded, i: number) => number) => scripts.reduce((n, s, i) => n + pick(s, i), 0);
    const total = { encoded: sum((s) => s.encoded), decoded: sum((s) => s.decoded), transfer: sum((s) => s.transfer), gzip: sum((_, i) => gzip[i].bytes) };

    const rows = [...scripts.keys()].sort((a, b) => scripts[b].decoded - scripts[a].decoded);
    console.log(
      [
        `[page weight] / loads ${scripts.length} scripts (KB = 1000 bytes; brotli as received by Chromium, gzip as sent to a browser without brotli)`,
        `   brotli     gzip  uncompressed  file`,
        ...rows.map((i) => `  ${kb(scripts[i].encoded)}  ${kb(gzip[i].bytes)}  ${kb(scripts[i].decoded)}       ${new URL(scripts[i].url).pathname}`),
        `  ${kb(total.encoded)}  ${kb(total.gzip)}  ${kb(total.decoded)}       total (${kb(total.transfer).trim()} KB received with the headers; limit ${HOME_JS_LIMIT / 1000} KB)`,
      ].join('\n'),
    );

    expect(scripts.length).toBeGreaterThan(2);
    // each one compressed with brotli (Chromium accepts it, over plain HTTP too) — but for a script of a few
    // bytes, which compresses no smaller and is sent as it is — and kept for a year
    for (const s of scripts) {
      if (s.decoded >= 1000 || s.headers['content-encoding'] !== undefined) {
        expect(s.headers['content-encoding'], s.url).toBe('br');
        expect(s.encoded, s.url).toBeLessThan(s.decoded);
      }
      expect(s.headers['cache-control'], s.url).toBe('public, max-age=31536000, immutable');
      expect(s.encoded, s.url).toBeGreaterThan(0);
    }
    // the page itself is asked for again on each visit
    expect(document?.headers()['cache-control']).toBe('no-cache');
    expect(gzip.every((g) => g.encoding === 'gzip' || g.bytes < 1000)).toBe(true);

    expect(scripts.map((s) => new URL(s.url).pathname).filter((p) => NOT_ON_HOME.test(p))).toEqual([]);
    expect(total.encoded).toBeLessThanOrEqual(HOME_JS_LIMIT);
  });

  it('comes from the cache on the next visit: no script is downloaded again', async () => {
    const cdp = await page.context().newCDPSession(page);
    const scriptRequests = new Map<string, string>();
    const servedFromCache = new Set<string>();
    cdp.on('Network.requestWillBeSent', ({ requestId, request }) => {
      if (new URL(request.url).pathname.endsWith('.js')) scriptRequests.set(requestId, request.url);
    });
    // Chromium's memory cache (and its disk cache) answering without the server
    cdp.on('Network.requestServedFromCache', ({ requestId }) => servedFromCache.add(requestId));
    cdp.on('Network.responseReceived', ({ requestId, response }) => {
      if (response.fromDiskCache) servedFromCache.add(requestId);
    });
    await cdp.send('Network.enable');
    try {
      await page.goto('about:blank');
      await page.goto(`${base}/`);
      await page.getByTestId('agency-list').waitFor({ timeout: WAIT });
      await page.waitForLoadState('networkidle');
    } finally {
      await cdp.detach();
    }
    expect(scriptRequests.size).toBeGreaterThan(2);
    // immutable: not even a request to ask whether it changed
    expect([...scriptRequests].filter(([id]) => !servedFromCache.has(id)).map(([, url]) => url)).toEqual([]);
  });
});
