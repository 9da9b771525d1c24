/**
 * The Word report opens in LibreOffice: `libreoffice --headless --convert-to pdf` succeeds, the pages turn into
 * PNG (saved in test-results/report-pages for a person to look at), and the PDF LibreOffice made reads back
 * through the report reader to the same data.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { draftSections } from '../../src/core/report/draft';
import { readReport } from '../../src/core/reader/read';
import { extractSource } from '../../src/extract/index';
import { reportDocx } from '../../src/render/docx';
import { ROOT } from '../helpers/cli';
import { ALL_FIXTURES, expectedReport } from '../helpers/fixtures';
import { openDemo } from '../helpers/world';
import { publicAgencies } from '../../src/services/agencies';
import { publicReportData, publicReportFile } from '../../src/services/reports';
import { has } from '../helpers/tools';

const available = has('libreoffice') && has('pdftoppm');
// CI (.ci/run sets GONGKAI_REQUIRE_TOOLS=1) installs LibreOffice and poppler: there, their absence is a failure
if (!available && process.env.GONGKAI_REQUIRE_TOOLS === '1') throw new Error('LibreOffice 或 pdftoppm 未安装（apt-get install libreoffice-writer-nogui poppler-utils）');
if (!available) console.warn('跳过 LibreOffice 测试：未安装 libreoffice / pdftoppm (skipped: LibreOffice not installed)');

/** .docx → PDF by LibreOffice → PNG pages in test-results/report-pages → the PDF read back by the report reader */
async function throughLibreOffice(name: string, docxBytes: Buffer, out: string) {
  const dir = mkdtempSync(path.join(tmpdir(), 'gk-lo-'));
  const docx = path.join(dir, `${name}.docx`);
  writeFileSync(docx, docxBytes);
  execFileSync('libreoffice', ['--headless', '--convert-to', 'pdf', '--outdir', dir, docx], { stdio: 'ignore', timeout: 120_000, env: { ...process.env, HOME: dir } });
  const pdf = path.join(dir, `${name}.pdf`);
  expect(existsSync(pdf)).toBe(true);
  execFileSync('pdftoppm', ['-r', '50', '-png', pdf, path.join(out, name)]);
  const pages = readdirSync(out).filter((f) => f.startsWith(name) && f.endsWith('.png'));
  expect(pages.length).toBeGreaterThanOrEqual(3);
  const x = await extractSource(readFileSync(pdf));
  if (!x.ok) throw new Error(x.message);
  return readReport(x.doc).report;
}

describe.skipIf(!available)('the report in LibreOffice', () => {
  const out = path.join(ROOT, 'test-results', 'report-pages');
  mkdirSync(out, { recursive: true });

  it('the demo agency\'s published 2025 report (computed from a year of records): its Word file opens and reads back', async () => {
    // a smaller demo (12 applications a year, not 64) than test/services/demo.test.ts's: seeding is most of this test's time
    const { database, ctx } = await openDemo('pglite', { casesPerYear: 12 });
    try {
      const health = (await publicAgencies(ctx.db)).find((a) => a.name === '示范市卫生健康局')!;
      const published = await publicReportData(ctx, health.id, 2025);
      expect(published.source).toBe('published');
      const file = await publicReportFile(ctx, health.id, 2025, 'docx');
      expect(await throughLibreOffice('demo-2025', file.bytes, out)).toEqual(published.report);
    } finally {
      await database.drop();
    }
  }, 240_000);

  for (const name of ALL_FIXTURES) {
    it(`${name}: converts to PDF, pages to PNG, and the PDF reads back to the same data`, async () => {
      const report = expectedReport(name);
      const bytes = await reportDocx(report, draftSections({ report }), { signatureDate: `${report.year + 1}年1月20日` });
      expect(await throughLibreOffice(name, bytes, out)).toEqual(report);
    }, 180_000);
  }
});
