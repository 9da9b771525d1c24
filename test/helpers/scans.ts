/**
 * Scans made at test time from the fixture reports, as people make them: the report printed (an HTML
 * fixture through Chromium's print to PDF, a PDF fixture as it is), rasterised by poppler's pdftoppm at 150 or
 * 300 dpi in grey or colour, each page turned by a small angle or a quarter turn, a red seal stamped over
 * table 三, and the page images bound into an image-only PDF (pdfkit) or written as PNG files.
 * Nothing large is committed: every scan is made in a temporary folder.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCanvas, loadImage, type SKRSContext2D } from '@napi-rs/canvas';
import PDFDocument from 'pdfkit';
import { fixturePath, type ReportFixtureName } from './fixtures';
import { has } from './tools';

export const CAN_SCAN = has('pdftoppm') && has('pdftotext') && (has('chromium') || has('chromium-browser'));

const WORK = mkdtempSync(path.join(tmpdir(), 'gongkai-scans-'));

export interface ScanSpec {
  fixture: ReportFixtureName;
  dpi: 150 | 300;
  colour?: boolean;
  /** degrees, counter-clockwise as seen */
  rotate?: number;
  /** quarter turns clockwise */
  quarter?: 0 | 1 | 2 | 3;
  /** stamp a red seal over table 三 */
  seal?: boolean;
  /** only these pages (1-based) of the printed report */
  pages?: number[];
}

const printed = new Map<string, string>();

/** The fixture as a printed PDF. */
export function printedPdf(fixture: ReportFixtureName): string {
  const known = printed.get(fixture);
  if (known) return known;
  let pdf: string;
  if (fixture === 'hongze-district-2024') pdf = fixturePath(fixture, 'pdf');
  else {
    pdf = path.join(WORK, `${fixture}.pdf`);
    const chromium = has('chromium') ? 'chromium' : 'chromium-browser';
    execFileSync(chromium, ['--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer', `--print-to-pdf=${pdf}`, `file://${fixturePath(fixture, 'html')}`], { stdio: 'ignore', timeout: 60_000 });
  }
  printed.set(fixture, pdf);
  return pdf;
}

/**
 * The pages of the printed report that hold its tables (二, 三, 四) and its title: what a scan test reads. A
 * table runs over pages, so every page from the first table's to the one where section 五 begins (the end of
 * table 四), or to the end of the report.
 */
export function reportPages(fixture: ReportFixtureName): number[] {
  const pdf = printedPdf(fixture);
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const count = Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);
  const text = (p: number) => execFileSync('pdftotext', ['-f', String(p), '-l', String(p), pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  let first = 0;
  let last = count;
  for (let p = 1; p <= count; p++) {
    const t = text(p);
    if (!first && /第二十条第/.test(t)) first = p;
    if (first && /五、(?:存在|政府信息公开工作存在|主要问题)/.test(t)) {
      last = p;
      break;
    }
  }
  if (!first) throw new Error(`${fixture}: no table page found`);
  const out = new Set([1]);
  for (let p = first; p <= last; p++) out.add(p);
  return [...out].sort((a, b) => a - b);
}

function stampSeal(ctx: SKRSContext2D, cx: number, cy: number, r: number): void {
  ctx.save();
  // stamp ink over print multiplies: black stays black under the red, paper turns red
  ctx.globalCompositeOperation = 'multiply';
  ctx.strokeStyle = 'rgb(220, 30, 30)';
  ctx.fillStyle = 'rgb(220, 30, 30)';
  ctx.lineWidth = r * 0.06;
  ctx.beginPath();
  ctx.arc(cx, cy, r, 0, Math.PI * 2);
  ctx.stroke();
  // a five-pointed star in the middle
  ctx.beginPath();
  for (let i = 0; i < 10; i++) {
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const rr = i % 2 === 0 ? r * 0.3 : r * 0.12;
    ctx[i === 0 ? 'moveTo' : 'lineTo'](cx + rr * Math.cos(a), cy + rr * Math.sin(a));
  }
  ctx.closePath();
  ctx.fill();
  // the agency's name round the rim
  ctx.font = `${Math.round(r * 0.22)}px "Noto Sans CJK SC", sans-serif`;
  const name = '某某市人民政府办公室政务公开专用章';
  for (let i = 0; i < name.length; i++) {
    const a = Math.PI * (-1.1 + (2.2 * i) / (name.length - 1)) - Math.PI / 2;
    ctx.save();
    ctx.translate(cx + r * 0.75 * Math.cos(a), cy + r * 0.75 * Math.sin(a));
    ctx.rotate(a + Math.PI / 2);
    ctx.fillText(name[i], -r * 0.1, r * 0.08);
    ctx.restore();
  }
  ctx.restore();
}

export interface Scan {
  /** the page images (PNG) */
  pngs: string[];
  /** the same pages as an image-only PDF */
  pdf: string;
  pages: number[];
}

/** Make a scan of a fixture (cached by its spec within the test run). */
const made = new Map<string, Scan>();
export async function makeScan(spec: ScanSpec): Promise<Scan> {
  const key = JSON.stringify(spec);
  const known = made.get(key);
  if (known) return known;
  const pdf = printedPdf(spec.fixture);
  const pages = spec.pages ?? reportPages(spec.fixture);
  const dir = path.join(WORK, `${spec.fixture}-${made.size}`);
  mkdirSync(dir, { recursive: true });
  const pngs: string[] = [];
  const sealPage = spec.seal ? pages.find((p) => /本年新收/.test(execFileSync('pdftotext', ['-f', String(p), '-l', String(p), pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ''))) : undefined;
  const out = new PDFDocument({ autoFirstPage: false });
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => out.on('end', () => resolve()));
  for (const p of pages) {
    const base = path.join(dir, `raw-${p}`);
    execFileSync('pdftoppm', ['-r', String(spec.dpi), ...(spec.colour ? [] : ['-gray']), '-png', '-singlefile', '-f', String(p), '-l', String(p), pdf, base]);
    const img = await loadImage(readFileSync(`${base}.png`));
    const quarter = spec.quarter ?? 0;
    const w = quarter % 2 === 1 ? img.height : img.width;
    const h = quarter % 2 === 1 ? img.width : img.height;
    const canvas = createCanvas(w, h);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, w, h);
    ctx.save();
    ctx.translate(w / 2, h / 2);
    ctx.rotate((quarter * Math.PI) / 2 - ((spec.rotate ?? 0) * Math.PI) / 180);
    ctx.drawImage(img, -img.width / 2, -img.height / 2);
    ctx.restore();
    if (p === sealPage) {
      // over the upper part of table 三 (its rows of figures), as a stamp lands
      stampSeal(ctx, w * 0.62, h * 0.62, spec.dpi * 0.8);
    }
    const png = path.join(dir, `page-${p}.png`);
    const bytes = canvas.toBuffer('image/png');
    writeFileSync(png, bytes);
    pngs.push(png);
    out.addPage({ size: [(w * 72) / spec.dpi, (h * 72) / spec.dpi], margin: 0 });
    out.image(bytes, 0, 0, { width: (w * 72) / spec.dpi, height: (h * 72) / spec.dpi });
  }
  out.end();
  await done;
  const scanPdf = path.join(dir, 'scan.pdf');
  writeFileSync(scanPdf, Buffer.concat(chunks));
  const scan = { pngs, pdf: scanPdf, pages };
  made.set(key, scan);
  return scan;
}
