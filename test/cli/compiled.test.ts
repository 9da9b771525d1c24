/**
 * The compiled command line (scripts/build-lib.mjs: src/ → JavaScript, what `npm install` builds into
 * dist/server and bin/gongkai.js runs), compiled here into a folder of its own: it answers as the sources do —
 * the version, a fee, a case (its rules imported when the command runs), a PDF report read in a worker thread
 * (the worker's entry rewritten without the TypeScript loader), a mistake on stderr.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../scripts/build-lib.mjs';
import { ROOT, type CliRun } from '../helpers/cli';
import { expectedReport, fixturePath } from '../helpers/fixtures';

// inside the project, so that the compiled files find node_modules
const out = path.join(ROOT, 'dist', `.test-compiled-${process.pid}`);

function compiled(...args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(out, 'cli', 'main.js'), ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 1 << 26 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  await buildServer({ out });
}, 180_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe.concurrent('the compiled command line', () => {
  it('is one JavaScript file per source file, with the migrations and the worker entry beside them', () => {
    expect(existsSync(path.join(out, 'cli', 'main.js'))).toBe(true);
    expect(existsSync(path.join(out, 'db', 'migrations', 'meta', '_journal.json'))).toBe(true);
    const entry = readFileSync(path.join(out, 'workers', 'read-entry.mjs'), 'utf8');
    expect(entry).toContain("import('./read-worker.js')");
    expect(entry).not.toMatch(/^import .*tsx/m);
    expect(readFileSync(path.join(out, 'cli', 'main.js'), 'utf8')).toContain('from "./admin.js"');
  });

  it('prints the version and a fee', async () => {
    const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(await compiled('--version')).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    expect(await compiled('fee', '--count', '35', '--json')).toEqual({ code: 0, stdout: '{\n  "fee": 3000\n}\n', stderr: '' }); // 20 × 100 + 5 × 200
  });

  it('checks a case (the rules and zod imported when the command runs)', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'gk-compiled-')), 'case.json');
    writeFileSync(file, JSON.stringify({ channel: 'online', received: '2026-03-02', asOf: '2026-03-05', steps: [] }));
    const r = await compiled('case', file, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // received Monday 2 March 2026: the 20th working day after it is Monday 30 March (no holiday between)
    expect(JSON.parse(r.stdout)).toMatchObject({ received: '2026-03-02', due: '2026-03-30' });
  });

  it('reads the PDF fixture in a worker thread to the expected report', async () => {
    const r = await compiled('report', 'parse', fixturePath('hongze-district-2024', 'pdf'), '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).report).toEqual(expectedReport('hongze-district-2024'));
  });

  it('says a mistake on stderr, in Chinese and English', async () => {
    expect(await compiled('nosuch')).toEqual({ code: 2, stdout: '', stderr: "错误 Error: 没有“nosuch”这个命令 (unknown command 'nosuch')\n（使用 --help 查看用法 / use --help for usage）\n" });
  });
});
