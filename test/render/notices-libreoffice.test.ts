/**
 * Every kind of notice, filled from its default template, renders to .docx and opens in LibreOffice: converted
 * to PDF (one LibreOffice run for all of them), the PDF's text (pdftotext) shows the title, the number, the
 * salutation and the signature; the first page of each is saved as PNG in test-results/notice-pages for a
 * person to look at.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NOTICE_KEYS, NOTICE_KINDS, fillNotice, numberedText } from '../../src/core/applications/notices';
import { letterDocx, noticeLayout } from '../../src/render/letter';
import { ROOT } from '../helpers/cli';
import { has } from '../helpers/tools';

const available = has('libreoffice') && has('pdftotext') && has('pdftoppm');
// CI (.ci/run sets GONGKAI_REQUIRE_TOOLS=1) installs LibreOffice and poppler: there, their absence is a failure
if (!available && process.env.GONGKAI_REQUIRE_TOOLS === '1') throw new Error('LibreOffice 或 pdftotext 未安装（apt-get install libreoffice-writer-nogui poppler-utils）');
if (!available) console.warn('跳过通知书 LibreOffice 测试：未安装 libreoffice / pdftotext (skipped: LibreOffice not installed)');

/** the k-th kind gets number k of 2026 */
const numberOf = (k: number) => `示范卫健依申〔2026〕${k + 1}号`;
/** the kind's sample values, {{文号}} left for the issuing */
const sampleOf = (kind: keyof typeof NOTICE_KINDS) => Object.fromEntries(Object.entries(NOTICE_KINDS[kind].sample).filter(([name]) => name !== '文号'));

describe('the layout of a notice', () => {
  it('title, number centred, salutation, body, signature: each line its role', () => {
    const text = numberedText(fillNotice(NOTICE_KINDS.correction.template, sampleOf('correction')), numberOf(0));
    const { title, lines } = noticeLayout(text);
    expect(title).toBe('政府信息公开申请补正告知书');
    expect(lines.map((l) => l.role)).toEqual(['number', 'salutation', 'body', 'body', 'body', 'body', 'signature', 'signature']);
    expect(lines[0].text).toBe('示范卫健依申〔2026〕1号');
    expect(lines[1].text).toBe('张三：');
    expect(lines.slice(-2).map((l) => l.text)).toEqual(['示范市卫生健康局', '2026年3月4日']);
  });
});

describe.skipIf(!available)('every notice in LibreOffice', () => {
  it('renders to .docx, converts to PDF, and the PDF shows its title and number', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gk-notices-'));
    const out = path.join(ROOT, 'test-results', 'notice-pages');
    mkdirSync(out, { recursive: true });
    const files: string[] = [];
    for (const [k, kind] of NOTICE_KEYS.entries()) {
      const def = NOTICE_KINDS[kind];
      const text = numberedText(fillNotice(def.template, sampleOf(kind)), numberOf(k));
      const file = path.join(dir, `${kind}.docx`);
      writeFileSync(file, await letterDocx(text));
      files.push(file);
    }
    execFileSync('libreoffice', ['--headless', '--convert-to', 'pdf', '--outdir', dir, ...files], { stdio: 'ignore', timeout: 240_000, env: { ...process.env, HOME: dir } });
    for (const [k, kind] of NOTICE_KEYS.entries()) {
      const def = NOTICE_KINDS[kind];
      const pdf = path.join(dir, `${kind}.pdf`);
      expect(existsSync(pdf), pdf).toBe(true);
      // pdftotext keeps the lines; CJK text may come out with spaces between glyph runs: compare without them
      const words = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/[ \t\u3000]+/g, '');
      expect(words, kind).toContain(def.title);
      expect(words, kind).toContain(numberOf(k));
      expect(words, kind).toContain(`${kind === 'consultation' ? def.sample.征求对象 : '张三'}：`);
      expect(words, kind).toContain('示范市卫生健康局\n');
      execFileSync('pdftoppm', ['-r', '50', '-png', '-f', '1', '-l', '1', pdf, path.join(out, kind)]);
    }
  }, 300_000);
});
