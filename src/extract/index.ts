/**
 * A file's bytes → the reader's source (lines of cells), whatever the file is: plain text in any common
 * Chinese encoding, HTML, .docx, PDF, or a scan (a PDF of page images, a PNG, JPEG or TIFF image), read by
 * OCR on this machine (`./ocr`). The kind is told from the bytes, not the file name.
 * Anything else is refused with a Chinese message saying why; this never throws on bad input.
 */
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { textSource, type SourceDoc } from '../core/reader/source';
import { readReport } from '../core/reader/read';
import type { RuleId } from '../core/report/findings';
import { readHtml } from './html';
import { imageKind } from './ocr/image';
import type { OcrProgress, OcrResult } from './ocr/index';
import { zipBombReason } from './zip';

export type SourceKind = 'text' | 'html' | 'docx' | 'pdf' | 'image';

export interface ExtractWarning {
  rule: RuleId;
  message: string;
}

/** How a scan was read: pages, the uncertain figures (also in `warnings`), cells and lines recognised. */
export interface OcrSummary {
  pages: number;
  pieces: number;
  uncertain: number;
}

/**
 * `warnings`: what a limit on untrusted input cut off (e.g. an oversized table), and the figures OCR was not
 * sure of, for the findings. `note`: how the file was read, for an info finding (its encoding; that it was read
 * by OCR).
 */
export type Extracted =
  | { ok: true; kind: SourceKind; doc: SourceDoc; note?: string; warnings?: ExtractWarning[]; ocr?: OcrSummary }
  | { ok: false; kind?: SourceKind; message: string };

export interface ExtractOptions {
  /** told after each page read by OCR (a scan's pages take seconds each) */
  onOcrPage?: (p: OcrProgress) => void;
}

export const OCR_NOTE = '本文件为扫描件（图像），已在本机通过文字识别（OCR）读取；识别不确定的数字不作为读取结果，仅在勾稽关系能唯一确定其数值（且为识别候选之一）时恢复，均已单独列出';
export const OCR_NO_TABLE = '已通过文字识别（OCR）读取该文件的页面图像，但未找到政府信息公开工作年度报告的表格，不是可读取的年度报告';

/**
 * The extraction of a scan: the OCR note, and as a warning each uncertain figure the reader did not place in the
 * report (one it placed is a lost cell there, and the reader's finding on its row names it with its candidates).
 */
async function fromOcr(kind: SourceKind, result: OcrResult): Promise<Extracted> {
  const { agencyDoubt, uncertainMessage } = await import('./ocr/index');
  const { report } = readReport(result.doc);
  if (!report) return { ok: false, kind, message: OCR_NO_TABLE };
  const warnings: ExtractWarning[] = result.uncertain.filter((u) => !u.path).map((u) => ({ rule: 'read.cellLost', message: uncertainMessage(u) }));
  const doubt = agencyDoubt(result.pages, report.agency);
  if (doubt) warnings.unshift({ rule: 'read.agency', message: doubt });
  return { ok: true, kind, doc: result.doc, note: OCR_NOTE, warnings, ocr: { pages: result.pages.length, pieces: result.pieces, uncertain: result.uncertain.length } };
}

async function ocrPdf(buf: Uint8Array, opts: ExtractOptions): Promise<Extracted> {
  const { renderPdfPages } = await import('./ocr/render');
  const { ocrFromPages, PageReader } = await import('./ocr/index');
  const { MAX_PDF_PAGES } = await import('./pdf');
  let reader: InstanceType<typeof PageReader> | undefined;
  await renderPdfPages(buf, {
    maxPages: MAX_PDF_PAGES,
    onPage: async (page, total, image, dpi) => {
      reader ??= new PageReader(total, opts.onOcrPage);
      await reader.add(page - 1, image, dpi);
    },
  });
  return fromOcr('pdf', ocrFromPages(reader ? await reader.finish() : []));
}

async function ocrImage(buf: Uint8Array, opts: ExtractOptions): Promise<Extracted> {
  const { decodeImage } = await import('./ocr/image');
  const { ocrPages } = await import('./ocr/index');
  let images;
  try {
    images = await decodeImage(buf);
  } catch (e) {
    return { ok: false, kind: 'image', message: `图像文件无法解析：${(e as Error).message}` };
  }
  // an image carries no size on paper worth trusting: take its long side as an A4 page's (11.69 in)
  const result = await ocrPages(
    images.map((image) => ({ image, dpi: Math.max(image.width, image.height) / 11.69 })),
    opts.onOcrPage,
  );
  return fromOcr('image', result);
}

export const MAX_INPUT_BYTES = 100 * 1024 * 1024;

function startsWith(buf: Uint8Array, bytes: number[]): boolean {
  return bytes.every((b, i) => buf[i] === b);
}

/** Decode text bytes: BOM, else strict UTF-8, else the detected encoding (GB18030 covers GBK and GB2312). */
export function decodeText(buf: Uint8Array): { text: string; encoding: string } {
  if (startsWith(buf, [0xef, 0xbb, 0xbf])) return { text: new TextDecoder('utf-8').decode(buf.subarray(3)), encoding: 'UTF-8' };
  if (startsWith(buf, [0xff, 0xfe])) return { text: new TextDecoder('utf-16le').decode(buf.subarray(2)), encoding: 'UTF-16LE' };
  if (startsWith(buf, [0xfe, 0xff])) return { text: new TextDecoder('utf-16be').decode(buf.subarray(2)), encoding: 'UTF-16BE' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'UTF-8' };
  } catch {
    const guess = chardet.detect(buf.subarray(0, 64 * 1024)) ?? 'GB18030';
    const encoding = /^(GB|EUC-CN|HZ|windows-936)/i.test(guess) || /^ISO-8859/i.test(guess) ? 'GB18030' : guess;
    if (!iconv.encodingExists(encoding)) return { text: iconv.decode(Buffer.from(buf), 'GB18030'), encoding: 'GB18030' };
    return { text: iconv.decode(Buffer.from(buf), encoding), encoding };
  }
}

/** Share of characters that are control characters or replacement marks: high for binary data. */
function binaryShare(text: string): number {
  const sample = text.slice(0, 64 * 1024);
  if (sample.length === 0) return 0;
  let bad = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) bad++;
  }
  return bad / sample.length;
}

function looksLikeHtml(text: string): boolean {
  return /^\s*(?:<!doctype\s+html|<html|<head|<body|<meta|<table|<div|<p[\s>])/i.test(text.slice(0, 2048)) || /<table[\s>]/i.test(text.slice(0, 200_000)) && /<\/t[dr]>/i.test(text);
}

export async function extractSource(buf: Uint8Array, opts: ExtractOptions = {}): Promise<Extracted> {
  if (buf.length === 0) return { ok: false, message: '文件为空' };
  if (buf.length > MAX_INPUT_BYTES) return { ok: false, message: `文件过大（${(buf.length / 1048576).toFixed(1)} MB，上限 ${MAX_INPUT_BYTES / 1048576} MB）` };
  if (startsWith(buf, [0x25, 0x50, 0x44, 0x46])) {
    let read;
    try {
      const { readPdf } = await import('./pdf');
      read = await readPdf(new Uint8Array(buf));
    } catch (e) {
      return { ok: false, kind: 'pdf', message: `PDF 文件无法解析：${(e as Error).message}` };
    }
    const { doc, warnings, textless } = read;
    // A text layer that reads as a report is used as it is. Otherwise, pages without usable text (a scan, or
    // glyphs without a proper encoding), or a text that never names 信息公开, mean the printed page must be read.
    if (readReport(doc).report || (textless === 0 && /信息公开|年度报告/.test(doc.lines.map((l) => l.cells.join('')).join('')))) {
      return { ok: true, kind: 'pdf', doc, warnings };
    }
    try {
      return await ocrPdf(new Uint8Array(buf), opts);
    } catch (e) {
      return { ok: false, kind: 'pdf', message: `PDF 文件无文字层，文字识别（OCR）失败：${(e as Error).message}` };
    }
  }
  if (imageKind(buf)) {
    try {
      return await ocrImage(buf, opts);
    } catch (e) {
      return { ok: false, kind: 'image', message: `图像文件文字识别（OCR）失败：${(e as Error).message}` };
    }
  }
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) {
    try {
      const bomb = zipBombReason(buf);
      if (bomb) return { ok: false, kind: 'docx', message: bomb };
      const { default: mammoth } = await import('mammoth');
      const result = await mammoth.convertToHtml({ buffer: Buffer.from(buf) });
      const { doc, warnings } = readHtml(result.value);
      return { ok: true, kind: 'docx', doc, warnings };
    } catch (e) {
      return { ok: false, kind: 'docx', message: `不是可读取的 Word（.docx）文件：${(e as Error).message}` };
    }
  }
  if (startsWith(buf, [0xd0, 0xcf, 0x11, 0xe0])) {
    return { ok: false, message: '这是旧版 Word（.doc）或 WPS 文件，暂不支持直接读取，请另存为 .docx 或 PDF 后再试' };
  }
  const { text, encoding } = decodeText(buf);
  if (binaryShare(text) > 0.02) return { ok: false, message: '不是文本文件，也不是 PDF、Word（.docx）或网页文件' };
  const note = encoding === 'UTF-8' ? undefined : `文本编码为 ${encoding}`;
  if (looksLikeHtml(text)) {
    const { doc, warnings } = readHtml(text);
    return { ok: true, kind: 'html', doc, note, warnings };
  }
  return { ok: true, kind: 'text', doc: textSource(text), note };
}
