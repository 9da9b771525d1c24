/**
 * The web app's files as the server sends them: compressed (the brotli or gzip copy the build wrote, to a
 * browser that accepts it), a hashed file under /assets kept by the browser for a year (immutable), index.html
 * asked for again each time (no-cache), and the security headers on all of them.
 *
 * The folder served is a stand-in for web/dist (an index.html and hashed scripts), precompressed by the same
 * code the Vite build runs (scripts/compress-web.ts); the real build is measured in the browser
 * (test/e2e/page-weight.test.ts).
 */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compressWeb } from '../../scripts/compress-web';
import { webCacheControl } from '../../src/http/app';
import { startServer, type TestServer } from '../helpers/server';

const YEAR_IMMUTABLE = 'public, max-age=31536000, immutable';

/** a script as Vite writes one: long enough to be worth compressing, named by its hash */
const SCRIPT = 'assets/index-DbZneoHK.js';
const SCRIPT_TEXT = Array.from({ length: 200 }, (_, i) => `export const label${i} = "政府信息公开申请 ${i}";`).join('\n');
/** a hash with "-" and "_" in it, as Vite's are (base64url) */
const STYLE = 'assets/index-fa_Nou-q.css';
const STYLE_TEXT = Array.from({ length: 100 }, (_, i) => `.portal-item-${i} { margin: ${i}px; color: #1d4f91; }`).join('\n');
/** too small for a compressed copy to be smaller */
const TINY = 'assets/tiny-Ab12Cd34.js';
const TINY_TEXT = 'export{};';
const INDEX_TEXT =
  '<!doctype html><html lang="zh-CN"><head><meta charset="UTF-8" /><title>政府信息公开</title>' +
  `<script type="module" crossorigin src="/${SCRIPT}"></script><link rel="stylesheet" crossorigin href="/${STYLE}"></head>` +
  `<body><div id="root"></div>${'<!-- 依申请公开 -->'.repeat(30)}</body></html>`;

interface Raw {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** GET with exactly these headers (fetch would add its own Accept-Encoding and decompress the answer). */
function get(base: string, pathname: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(pathname, base), { method: 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the precompressed copies (scripts/compress-web.ts)', () => {
  it('writes a .br and a .gz copy that decompress to the file, and none that would not be smaller', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gongkai-compress-'));
    try {
      mkdirSync(path.join(dir, 'assets'));
      writeFileSync(path.join(dir, SCRIPT), SCRIPT_TEXT);
      writeFileSync(path.join(dir, TINY), TINY_TEXT);
      writeFileSync(path.join(dir, 'assets', 'logo-Ab12Cd34.png'), Buffer.alloc(4096, 7));
      // a stale copy of a file that compresses no more is removed
      writeFileSync(path.join(dir, TINY + '.br'), 'stale');

      const done = await compressWeb(dir);

      expect(done.map((f) => f.file)).toEqual([SCRIPT, TINY]); // not the image
      const script = done[0];
      expect(script.raw).toBe(Buffer.byteLength(SCRIPT_TEXT));
      expect(brotliDecompressSync(readFileSync(path.join(dir, SCRIPT + '.br'))).toString()).toBe(SCRIPT_TEXT);
      expect(gunzipSync(readFileSync(path.join(dir, SCRIPT + '.gz'))).toString()).toBe(SCRIPT_TEXT);
      expect(script.br).toBe(readFileSync(path.join(dir, SCRIPT + '.br')).length);
      expect(script.br!).toBeLessThan(script.raw / 4); // 200 near-identical lines
      expect(done[1]).toEqual({ file: TINY, raw: TINY_TEXT.length, br: null, gz: null });
      expect(existsSync(path.join(dir, TINY + '.br'))).toBe(false);
      expect(existsSync(path.join(dir, TINY + '.gz'))).toBe(false);
      expect(existsSync(path.join(dir, 'assets', 'logo-Ab12Cd34.png.br'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('how long a browser keeps a file (webCacheControl)', () => {
  it.each([
    ['assets/index-DbZneoHK.js', YEAR_IMMUTABLE],
    ['assets/AdminLayout-DabuTMA-.js', YEAR_IMMUTABLE],
    ['assets/index-DbZneoHK.js.br', YEAR_IMMUTABLE],
    ['assets/index-faGNoN2q.css.gz', YEAR_IMMUTABLE],
    ['index.html', 'no-cache'],
    ['index.html.br', 'no-cache'],
    // not named by a hash, or not under assets/: may change under the same name
    ['assets/logo.svg', 'no-cache'],
    ['robots.txt', 'no-cache'],
    ['assets/sub/index-DbZneoHK.js', 'no-cache'],
    ['index-DbZneoHK.js', 'no-cache'],
  ])('%s → %s', (file, expected) => {
    expect(webCacheControl(file)).toBe(expected);
  });
});

describe('the web app as served', () => {
  let server: TestServer;
  let webDir: string;
  let base: string;

  beforeAll(async () => {
    webDir = mkdtempSync(path.join(tmpdir(), 'gongkai-web-'));
    mkdirSync(path.join(webDir, 'assets'));
    writeFileSync(path.join(webDir, 'index.html'), INDEX_TEXT);
    writeFileSync(path.join(webDir, SCRIPT), SCRIPT_TEXT);
    writeFileSync(path.join(webDir, STYLE), STYLE_TEXT);
    writeFileSync(path.join(webDir, TINY), TINY_TEXT);
    await compressWeb(webDir);
    server = await startServer('pglite', { webDir });
    base = server.url;
  });
  afterAll(async () => {
    await server?.close();
    if (webDir) rmSync(webDir, { recursive: true, force: true });
  });

  it('sends a script brotli-compressed to a browser that accepts br, kept for a year', async () => {
    const r = await get(base, `/${SCRIPT}`, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBe('br');
    expect(r.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(r.headers.vary).toMatch(/accept-encoding/i);
    expect(r.headers['cache-control']).toBe(YEAR_IMMUTABLE);
    expect(r.body.length).toBeLessThan(Buffer.byteLength(SCRIPT_TEXT) / 4);
    expect(brotliDecompressSync(r.body).toString()).toBe(SCRIPT_TEXT);
  });

  it('sends it gzip-compressed to one that accepts only gzip (Chromium over plain HTTP did once)', async () => {
    const r = await get(base, `/${SCRIPT}`, { 'accept-encoding': 'gzip, deflate' });
    expect(r.headers['content-encoding']).toBe('gzip');
    expect(r.headers['cache-control']).toBe(YEAR_IMMUTABLE);
    expect(gunzipSync(r.body).toString()).toBe(SCRIPT_TEXT);
  });

  it('sends the file itself to one that accepts no compression, still kept for a year', async () => {
    const r = await get(base, `/${SCRIPT}`);
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(r.headers.vary).toMatch(/accept-encoding/i);
    expect(r.headers['cache-control']).toBe(YEAR_IMMUTABLE);
    expect(r.body.toString()).toBe(SCRIPT_TEXT);
  });

  it('compresses the styles the same way', async () => {
    const r = await get(base, `/${STYLE}`, { 'accept-encoding': 'br' });
    expect(r.headers['content-encoding']).toBe('br');
    expect(r.headers['content-type']).toMatch(/^text\/css/);
    expect(r.headers['cache-control']).toBe(YEAR_IMMUTABLE);
    expect(brotliDecompressSync(r.body).toString()).toBe(STYLE_TEXT);
  });

  it('sends a file with no smaller copy as it is', async () => {
    const r = await get(base, `/${TINY}`, { 'accept-encoding': 'br, gzip' });
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(r.headers['cache-control']).toBe(YEAR_IMMUTABLE);
    expect(r.body.toString()).toBe(TINY_TEXT);
  });

  it.each(['/', '/index.html', '/apply', '/admin/reports/2026'])('%s: the page, compressed, asked for again each time', async (url) => {
    const r = await get(base, url, { 'accept-encoding': 'gzip, deflate, br' });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/html/);
    expect(r.headers['content-encoding']).toBe('br');
    expect(r.headers['cache-control']).toBe('no-cache');
    expect(brotliDecompressSync(r.body).toString()).toBe(INDEX_TEXT);
  });

  it('answers the page unchanged with 304 when the browser asks again with its ETag', async () => {
    const first = await get(base, '/', { 'accept-encoding': 'br' });
    expect(first.headers.etag).toBeTruthy();
    const again = await get(base, '/', { 'accept-encoding': 'br', 'if-none-match': String(first.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it.each([`/${SCRIPT}`, '/', '/apply'])('%s keeps the Content-Security-Policy and the other security headers', async (url) => {
    const r = await get(base, url, { 'accept-encoding': 'br' });
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
  });

  it('does not serve the compressed copies at their own address', async () => {
    for (const url of [`/${SCRIPT}.br`, `/${SCRIPT}.gz`]) {
      const r = await get(base, url, { 'accept-encoding': 'br' });
      expect(r.status, url).toBe(404);
      expect(r.headers['content-encoding'], url).toBeUndefined();
    }
    // outside /assets, an address that is no file is a page of the web app: the page, not the brotli bytes
    const r = await get(base, '/index.html.br', { 'accept-encoding': 'gzip' });
    expect(r.headers['content-type']).toMatch(/^text\/html/);
    expect(r.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(r.body).toString()).toBe(INDEX_TEXT);
  });

  it('answers 404, not the page, for a file of /assets that does not exist (an earlier build)', async () => {
    const r = await get(base, '/assets/index-OldHash1.js', { 'accept-encoding': 'br' });
    expect(r.status).toBe(404);
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    expect(r.headers['cache-control']).not.toBe(YEAR_IMMUTABLE);
  });
});
