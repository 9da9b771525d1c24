/**
 * A file's bytes → the reader's source (lines of cells), whatever the file is: plain text in any common
 * Chinese encoding, HTML, .docx or PDF. The kind is told from the bytes, not the file name.
 * Anything else is refused with a Chinese message saying why; this never throws on bad input.
 */
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { textSource, type SourceDoc } from '../core/reader/source';
import { readHtml, type HtmlWarning } from './html';
import { zipBombReason } from './zip';

export type SourceKind = 'text' | 'html' | 'docx' | 'pdf';

/** `warnings`: what a limit on untrusted input cut off (e.g. an oversized table), for the findings. */
export type Extracted =
  | { ok: true; kind: SourceKind; doc: SourceDoc; note?: string; warnings?: HtmlWarning[] }
  | { ok: false; kind?: SourceKind; message: string };

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

export async function extractSource(buf: Uint8Array): Promise<Extracted> {
  if (buf.length === 0) return { ok: false, message: '文件为空' };
  if (buf.length > MAX_INPUT_BYTES) return { ok: false, message: `文件过大（${(buf.length / 1048576).toFixed(1)} MB，上限 ${MAX_INPUT_BYTES / 1048576} MB）` };
  if (startsWith(buf, [0x25, 0x50, 0x44, 0x46])) {
    try {
      const { readPdf } = await import('./pdf');
      const { doc, warnings } = await readPdf(new Uint8Array(buf));
      return { ok: true, kind: 'pdf', doc, warnings };
    } catch (e) {
      return { ok: false, kind: 'pdf', message: `PDF 文件无法解析：${(e as Error).message}` };
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
