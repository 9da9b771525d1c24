/**
 * Scans of the fixture reports, made here (test/helpers/scans.ts) from every fixture that is a printed page
 * (the HTML and PDF ones: a plain-text fixture has no printed table to scan), read by OCR into the fixture's
 * hand-checked data: at least 99.5 % of the cells of tables 二, 三 and 四 exact, and every cell that is not exact
 * null and named in a finding — never a wrong number (test/helpers/scan-check.ts). This file: 150 dpi in grey,
 * a whole report turned a quarter and one upside down; the 300 dpi scans, rotated by 1–3°, and the red seal
 * are in ocr-scans-300.test.ts (the two files run side by side).
 *
 * Long: about 5–10 s of one core a page. Skipped where poppler or Chromium is missing, or with
 * GONGKAI_TEST_OCR=0.
 */
import { readFileSync } from 'node:fs';
import { createCanvas } from '@napi-rs/canvas';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { readReport } from '../../src/core/reader/read';
import { extractSource, OCR_NO_TABLE, OCR_NOTE } from '../../src/extract/index';
import { readReportFile } from '../../src/services/report-files';
import { checkScan, LONG, type ScanCase } from '../helpers/scan-check';
import { CAN_SCAN, makeScan, type ScanSpec } from '../helpers/scans';

const RUN = CAN_SCAN && process.env.GONGKAI_TEST_OCR !== '0';

const SCANS: ScanCase[] = [
  { name: 'hongze-district-2024, 150 dpi grey', spec: { fixture: 'hongze-district-2024', dpi: 150 }, minShare: 0.995 },
  { name: 'shuyang-fgj-2023, 150 dpi grey', spec: { fixture: 'shuyang-fgj-2023', dpi: 150 }, minShare: 0.995 },
  { name: 'pingtan-2019, 150 dpi grey', spec: { fixture: 'pingtan-2019', dpi: 150 }, minShare: 0.995 },
  { name: 'pingtan-2023, 150 dpi grey', spec: { fixture: 'pingtan-2023', dpi: 150 }, minShare: 0.995 },
  { name: 'pingtan-czj-2024, 150 dpi grey', spec: { fixture: 'pingtan-czj-2024', dpi: 150 }, minShare: 0.995 },
  { name: 'shuyang-fgj-2023, 150 dpi grey, every page turned a quarter (90°)', spec: { fixture: 'shuyang-fgj-2023', dpi: 150, quarter: 1 }, minShare: 0.995 },
  { name: 'pingtan-2023, 150 dpi grey, upside down', spec: { fixture: 'pingtan-2023', dpi: 150, quarter: 2 }, minShare: 0.995 },
];

async function readScan(spec: ScanSpec, what: 'pdf' | 'png' = 'pdf') {
  const scan = await makeScan(spec);
  const extracted = await extractSource(readFileSync(what === 'pdf' ? scan.pdf : scan.pngs[0]));
  return { scan, extracted };
}

describe.skipIf(!RUN)('scans of the fixtures read by OCR (long)', () => {
  for (const c of SCANS) it(c.name, () => checkScan(c), LONG);

  it(
    'a report read by OCR says so in its findings',
    async () => {
      const scan = await makeScan({ fixture: 'hongze-district-2024', dpi: 150, pages: [3] });
      const r = await readReportFile(scan.pdf);
      expect(r.kind).toBe('pdf');
      expect(r.findings[0]).toEqual({ rule: 'read.ocr', severity: 'info', message: OCR_NOTE, where: scan.pdf });
    },
    LONG,
  );

  it(
    'a page image turned a quarter, as a PNG file: table 三 read upright',
    async () => {
      const { extracted } = await readScan({ fixture: 'hongze-district-2024', dpi: 150, quarter: 1, pages: [3] }, 'png');
      // one page of the report: its tables are read (the title page is not in the image, so no agency)
      if (!extracted.ok) throw new Error(extracted.message);
      expect(extracted.kind).toBe('image');
      const report = readReport(extracted.doc).report!;
      expect(report.applications.received).toEqual([95, 0, 0, 0, 0, 0, 95]);
      expect(report.applications.disclosed).toEqual([50, 0, 0, 0, 0, 0, 50]);
    },
    LONG,
  );

  it(
    'a PDF whose text layer is mis-encoded is read from its page images',
    async () => {
      const scan = await makeScan({ fixture: 'hongze-district-2024', dpi: 150, pages: [3] });
      // the page image with an invisible text layer of mojibake over it, as a font without a proper encoding gives
      const pdf = new PDFDocument({ autoFirstPage: false });
      const chunks: Buffer[] = [];
      pdf.on('data', (c: Buffer) => chunks.push(c));
      const done = new Promise((r) => pdf.on('end', r));
      pdf.addPage({ size: 'A4', margin: 0 });
      pdf.image(readFileSync(scan.pngs[0]), 0, 0, { width: 595.28, height: 841.89 });
      pdf.fillOpacity(0).fontSize(12);
      for (let y = 60; y < 800; y += 20) pdf.text('Ã¦Â·Â®Ã¥Â®â€°Ã¥Â¸â€šÃ¦Â´ÂªÃ¦Â³Â½Ã¥Å’Âº', 40, y, { lineBreak: false });
      pdf.end();
      await done;
      const extracted = await extractSource(Buffer.concat(chunks));
      if (!extracted.ok) throw new Error(extracted.message);
      expect(extracted.note).toBe(OCR_NOTE);
      expect(readReport(extracted.doc).report!.applications.received).toEqual([95, 0, 0, 0, 0, 0, 95]);
    },
    LONG,
  );

  it(
    'an image-only PDF that is no report: read by OCR, and said so',
    async () => {
      const canvas = createCanvas(1240, 1754);
      const ctx = canvas.getContext('2d');
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, 1240, 1754);
      ctx.fillStyle = '#000';
      ctx.font = '40px "Noto Sans CJK SC", sans-serif';
      ctx.fillText('关于召开全市安全生产工作会议的通知', 200, 200);
      ctx.fillText('各有关单位：定于下周一上午九时召开会议。', 120, 320);
      const pdf = new PDFDocument({ autoFirstPage: false });
      const chunks: Buffer[] = [];
      pdf.on('data', (c: Buffer) => chunks.push(c));
      const done = new Promise((r) => pdf.on('end', r));
      pdf.addPage({ size: 'A4', margin: 0 });
      pdf.image(canvas.toBuffer('image/png'), 0, 0, { width: 595.28, height: 841.89 });
      pdf.end();
      await done;
      const extracted = await extractSource(Buffer.concat(chunks));
      expect(extracted).toEqual({ ok: false, kind: 'pdf', message: OCR_NO_TABLE });
    },
    LONG,
  );
});
