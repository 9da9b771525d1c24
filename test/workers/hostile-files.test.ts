/**
 * Issue 8: a file can never take Gongkai down. Four files that each once did (a PDF with a broken xref entry,
 * 12,000 cells of rowspan=200 colspan=200, 4,000 nested <div>, a 1 MB .docx that inflates to 1 GB) are given
 * to the real `gongkai` command and uploaded to a real server's report import; each is answered, and the
 * server answers the next request.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/core/report/model';
import { ROOT, gongkai, gongkaiWith } from '../helpers/cli';
import { expectedReport, fixturePath } from '../helpers/fixtures';
import { Client, startServer, type TestServer } from '../helpers/server';
import { PASSWORD, makeWorld, type World } from '../helpers/world';
import { writeHostileFiles, type HostileFiles } from './hostile';

interface Item {
  file: string;
  report: Report | null;
  findings: { rule: string; severity: string; message: string }[];
}

const dir = mkdtempSync(path.join(tmpdir(), 'gongkai-hostile-'));
let files: HostileFiles;

beforeAll(async () => {
  files = await writeHostileFiles(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What each file is answered with, worked out from how it is built (hostile.ts). */
const EXPECTED: Record<keyof HostileFiles, { rules: string[]; error: RegExp }> = {
  // the page's contents object is said to start 7 bytes into itself: pdf.js refuses the entry
  pdf: { rules: ['read.file'], error: /^PDF 文件无法解析：/ },
  // five cells fill the 1,000 columns of the first row; no report table among them
  spans: { rules: ['read.limit', 'read.notReport'], error: /^未找到年度报告的表格/ },
  // parsing stops at 500 levels; the title alone is no report
  nested: { rules: ['read.limit', 'read.notReport'], error: /^未找到年度报告的表格/ },
  // 1 GB declared for word/document.xml, over the 50 MB limit: refused before inflating
  docx: { rules: ['read.file'], error: /^Word 文件解压后超过 50 MB（压缩炸弹），拒绝读取$/ },
};
const KINDS = Object.keys(EXPECTED) as (keyof HostileFiles)[];

describe('gongkai report parse/check on hostile files (a real process)', () => {
  for (const kind of KINDS) {
    it(`${kind}: JSON on stdout and exit 2 (unreadable as a report)`, { timeout: 60_000 }, async () => {
      const r = await gongkai('report', 'parse', files[kind], '--json');
      expect(r.code).toBe(2);
      const out = JSON.parse(r.stdout) as Item;
      expect(out.file).toBe(files[kind]);
      expect(out.report).toBeNull();
      expect(out.findings.map((f) => f.rule)).toEqual(EXPECTED[kind].rules);
      expect(out.findings.find((f) => f.severity === 'error')!.message).toMatch(EXPECTED[kind].error);
    });
  }

  it('a batch of the four and a real report: one JSON array in order, the real report read in full', { timeout: 60_000 }, async () => {
    const fuqing = fixturePath('fuqing-health-2020', 'txt');
    const r = await gongkai('report', 'check', files.pdf, files.spans, fuqing, files.nested, files.docx, '--json');
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout) as Item[];
    expect(out.map((o) => o.file)).toEqual([files.pdf, files.spans, fuqing, files.nested, files.docx]);
    expect(out[2].report).toEqual(expectedReport('fuqing-health-2020'));
    expect(out.filter((o) => o.report === null).length).toBe(4);
  });

  it('run as `tsx src/cli/main.ts` (the TypeScript loader given on the command line, not by bin/gongkai.js), the workers load too', { timeout: 60_000 }, async () => {
    const tsx = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');
    const r = await new Promise<{ code: number; stdout: string }>((resolve) =>
      execFile(process.execPath, [tsx, 'src/cli/main.ts', 'report', 'parse', files.docx, fixturePath('fuqing-health-2020', 'txt'), '--json'], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } }, (err, stdout) =>
        resolve({ code: err ? Number(err.code) : 0, stdout }),
      ),
    );
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout) as Item[];
    expect(out[0].findings.map((f) => f.rule)).toEqual(['read.file']);
    expect(out[1].report).toEqual(expectedReport('fuqing-health-2020'));
  });

  it('a file that costs its worker is a file.unreadable finding, and the batch JSON is still given', { timeout: 60_000 }, async () => {
    // a worker heap of 64 MB: the fixture reads, a page of a million elements (a million DOM nodes) does not
    const heavy = path.join(dir, 'heavy.html');
    writeFileSync(heavy, `<html><body>${'<i></i>'.repeat(1_000_000)}</body></html>`);
    const fuqing = fixturePath('fuqing-health-2020', 'txt');
    const r = await gongkaiWith({ GONGKAI_READ_MEMORY_MB: '64' }, 'report', 'parse', heavy, fuqing, '--json');
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout) as Item[];
    expect(out[0]).toEqual({
      file: heavy,
      report: null,
      findings: [{ rule: 'file.unreadable', severity: 'error', message: '文件损坏或过于复杂，无法读取：读取所需内存超过 64 MB', where: heavy }],
    });
    expect(out[1].report).toEqual(expectedReport('fuqing-health-2020'));
  });
});

describe('report import on a real server, uploading hostile files', () => {
  let server: TestServer;
  let officer: Client;
  let w: World;

  const heapBefore = process.env.GONGKAI_READ_MEMORY_MB;
  beforeAll(async () => {
    // the server's readers get a 64 MB heap (the pool is made at the first import, in this process)
    process.env.GONGKAI_READ_MEMORY_MB = '64';
    server = await startServer('pglite');
    w = await makeWorld(server.ctx);
    officer = new Client(server.url);
    expect((await officer.post('/api/auth/login', { username: 'officer', password: PASSWORD })).status).toBe(200);
  });
  afterAll(async () => {
    if (heapBefore === undefined) delete process.env.GONGKAI_READ_MEMORY_MB;
    else process.env.GONGKAI_READ_MEMORY_MB = heapBefore;
    await server?.close();
  });

  const upload = (name: string, bytes: Uint8Array) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)]), name);
    return officer.post(`/api/agencies/${w.health.id}/reports/import`, form);
  };

  for (const kind of KINDS) {
    it(`${kind}: a 400 with the reason in Chinese, and the server answers the next request`, { timeout: 60_000 }, async () => {
      const r = await upload(path.basename(files[kind]), readFileSync(files[kind]));
      expect(r.status).toBe(400);
      expect(r.body.error).toMatch(/^无法读取为年度报告：/);
      expect(r.body.error.slice('无法读取为年度报告：'.length)).toMatch(EXPECTED[kind].error);
      const me = await officer.get('/api/auth/me');
      expect(me.status).toBe(200);
    });
  }

  it('a file that exhausts its reader\'s heap: a 400 saying so, and the server answers the next request', { timeout: 60_000 }, async () => {
    // a million empty elements (7 MB, under the 10 MB upload limit) make a DOM of far more than 64 MB
    const r = await upload('heavy.html', Buffer.from(`<html><body>${'<i></i>'.repeat(1_000_000)}</body></html>`));
    expect(r.status).toBe(400);
    expect(r.body.error).toBe('无法读取为年度报告：文件损坏或过于复杂，无法读取：读取所需内存超过 64 MB');
    expect((await officer.get('/api/auth/me')).status).toBe(200);
  });

  it('after them, a real report is imported through the same pool', { timeout: 60_000 }, async () => {
    // the import's first step: the preview of what was read
    const r = await upload('福清卫健2020.txt', readFileSync(fixturePath('fuqing-health-2020', 'txt')));
    expect(r.status).toBe(200);
    expect(r.body.year).toBe(2020);
    expect(r.body.report.applications).toEqual(expectedReport('fuqing-health-2020').applications);
  });
});
