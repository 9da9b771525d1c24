/**
 * Uploaded files are checked by size and by what their bytes are (not by their name or declared type); a PDF
 * that would run code when opened is refused. Public intake is bounded twice: the attachments of one
 * application together, and the bytes all public intake may write to disk in an hour.
 */
import { inflateSync } from 'node:zlib';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { fileTypeFromBuffer } from 'file-type';
import type { Db } from '../db/index';
import { applications, attachments } from '../db/schema';
import { badCharacter } from '../core/safe-input';
import { ServiceError } from './errors';

export interface Upload {
  filename: string;
  bytes: Uint8Array;
  /** idCopy | supporting | correction | …; defaults to supporting */
  kind?: string;
}

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** the attachments an applicant sends for one application, over its intake and its corrections */
export const MAX_APPLICANT_TOTAL_BYTES = 20 * 1024 * 1024;

/** Media types of the files the platform accepts and writes. */
export const MIME = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  png: 'image/png',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

const APPLICANT_TYPES: Record<string, string> = { pdf: MIME.pdf, jpg: MIME.jpg, png: MIME.png };
const STAFF_TYPES: Record<string, string> = { ...APPLICANT_TYPES, docx: MIME.docx, xlsx: MIME.xlsx };
const APPLICANT_KINDS = ['idCopy', 'supporting', 'correction'];
const STAFF_KINDS = ['supporting', 'providedInformation', 'correction', 'consultation', 'other'];

/** Extensions a file of a type may carry already (a ".jpeg" photo keeps its name). */
const SAME_TYPE: Record<string, string[]> = { jpg: ['jpg', 'jpeg', 'jpe'] };

/**
 * The name with the extension of its type: "身份证.jpeg" stays, "材料.exe" of a PDF becomes "材料.pdf",
 * "扫描件" becomes "扫描件.pdf". Without a type the name is kept.
 */
export function withExtension(filename: string, ext: string | undefined): string {
  if (!ext) return filename;
  const m = /^(.+)\.([A-Za-z0-9]{1,8})$/.exec(filename);
  if (m && (SAME_TYPE[ext] ?? [ext]).includes(m[2].toLowerCase())) return filename;
  return `${m ? m[1] : filename}.${ext}`;
}

/** A file name safe to store and show: no path, no control character, no lone surrogate, at most 120 characters. */
function safeName(filename: string): string {
  let name = (filename || '附件').replace(/[\\/\u0000-\u001f\u007f]/g, '_');
  if (badCharacter(name)) name = name.replace(/\p{Cs}/gu, '_');
  return name.slice(-120);
}

export async function checkUpload(u: Upload, who: 'applicant' | 'staff', path: string): Promise<{ mime: string; ext: string; kind: string; filename: string }> {
  const name = safeName(u.filename);
  const fail = (status: 400 | 413 | 415, message: string) => new ServiceError(status, message, [{ path, message }]);
  if (u.bytes.length === 0) throw fail(400, `附件“${name}”是空文件`);
  if (u.bytes.length > MAX_UPLOAD_BYTES) throw fail(413, `附件“${name}”超过 ${MAX_UPLOAD_BYTES / 1048576} MB`);
  const kinds = who === 'applicant' ? APPLICANT_KINDS : STAFF_KINDS;
  const kind = u.kind ?? 'supporting';
  if (!kinds.includes(kind)) throw fail(400, `附件类别“${kind}”无效`);
  const types = who === 'applicant' ? APPLICANT_TYPES : STAFF_TYPES;
  const detected = await fileTypeFromBuffer(u.bytes);
  if (!detected || !types[detected.ext]) {
    const allowed = Object.keys(types).map((e) => e.toUpperCase()).join('、');
    throw fail(415, `附件“${name}”的文件类型不支持，仅接受 ${allowed} 文件`);
  }
  if (detected.ext === 'pdf') refuseActivePdf(u.bytes, name, path);
  return { mime: types[detected.ext], ext: detected.ext, kind, filename: withExtension(name, detected.ext) };
}

// ---------------------------------------------------------------------------------------------------------
// PDFs that act when opened

/** Names of a PDF action that runs code or another program: a JavaScript action, a launch action. */
const ACTIVE_NAMES = new Set(['JS', 'JavaScript', 'Launch']);
/** what an object stream may be inflated to, at most (a small file cannot unpack into gigabytes) */
const MAX_INFLATED_BYTES = 64 * 1024 * 1024;

export type PdfActivity = { kind: 'active'; name: string } | { kind: 'unreadable' } | null;

/** PDF names ("/JavaScript", "/J#61vaScript" with #xx escapes undone) in a stretch of PDF syntax. */
function* pdfNames(text: string): Generator<string> {
  for (const m of text.matchAll(/\/([^\s/<>[\]()%{}]*)/g)) {
    yield m[1].includes('#') ? m[1].replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))) : m[1];
  }
}

function activeName(text: string): string | null {
  for (const n of pdfNames(text)) if (ACTIVE_NAMES.has(n)) return n;
  return null;
}

/**
 * Whether a PDF holds a JavaScript or launch action. Actions are dictionaries: in the file's own syntax, or
 * packed in compressed object streams (/Type /ObjStm), which are unpacked and read too. The contents of other
 * streams (page content, images, fonts) are skipped, as their bytes may spell anything. An object stream
 * that cannot be unpacked (encrypted, or a filter other than Flate) cannot be checked: "unreadable".
 */
export function pdfActivity(bytes: Uint8Array): PdfActivity {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const streamStart = /(>>\s*)stream(?:\r\n|\n|\r)/g;
  let pos = 0;
  let inflated = 0;
  let unreadable = false;
  for (let m = streamStart.exec(text); m; m = streamStart.exec(text)) {
    const dictEnd = m.index + m[1].length;
    const syntax = text.slice(pos, dictEnd);
    const found = activeName(syntax);
    if (found) return { kind: 'active', name: found };
    const dataStart = m.index + m[0].length;
    // the stream's dictionary: from the "obj" that opens it
    const dict = syntax.slice(Math.max(0, syntax.lastIndexOf('obj')));
    // where the data ends: by its /Length when that is a number (not a reference) and "endstream" follows
    const length = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dict);
    let dataEnd = -1;
    if (length) {
      const end = dataStart + Number(length[1]);
      if (/^\s*endstream/.test(text.slice(end, end + 16))) dataEnd = end;
    }
    if (dataEnd < 0) dataEnd = text.indexOf('endstream', dataStart);
    if (dataEnd < 0) dataEnd = text.length;
    const names = [...pdfNames(dict)];
    if (names.includes('ObjStm')) {
      const filters = names.filter((n) => n.endsWith('Decode'));
      const data = bytes.subarray(dataStart, dataEnd);
      let unpacked: string | null = null;
      if (filters.length === 0) unpacked = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1');
      else if (filters.length === 1 && filters[0] === 'FlateDecode' && !names.includes('DecodeParms')) {
        try {
          const out = inflateSync(data, { finishFlush: 2 /* Z_SYNC_FLUSH: tolerate the end-of-line before endstream */, maxOutputLength: MAX_INFLATED_BYTES - inflated });
          inflated += out.length;
          unpacked = out.toString('latin1');
        } catch {
          unpacked = null;
        }
      }
      if (unpacked === null) unreadable = true;
      else {
        const inner = activeName(unpacked);
        if (inner) return { kind: 'active', name: inner };
      }
    }
    const close = text.indexOf('endstream', dataEnd);
    pos = close < 0 ? text.length : close + 'endstream'.length;
    streamStart.lastIndex = pos;
  }
  const found = activeName(text.slice(pos));
  if (found) return { kind: 'active', name: found };
  return unreadable ? { kind: 'unreadable' } : null;
}

/** Whether the bytes are a PDF (its header within the first kilobyte, as readers accept it). */
export function isPdf(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).includes('%PDF-');
}

/** Refuse a PDF that would run JavaScript or launch a program when opened (or that cannot be checked). */
export function refuseActivePdf(bytes: Uint8Array, name: string, path: string): void {
  const activity = pdfActivity(bytes);
  if (!activity) return;
  const message =
    activity.kind === 'active'
      ? `附件“${name}”含有${activity.name === 'Launch' ? '启动外部程序的动作（/Launch）' : ` JavaScript 脚本（/${activity.name}）`}，出于安全考虑不予接收；请打印为不含脚本的 PDF 或扫描件后重新上传`
      : `附件“${name}”含有无法检查的加密或压缩内容，出于安全考虑不予接收；请另存为普通 PDF 后重新上传`;
  throw new ServiceError(415, message, [{ path, message }]);
}

// ---------------------------------------------------------------------------------------------------------
// Public intake's bounds

/** The bytes the applicant has attached to an application so far (its intake and corrections). */
export async function applicantUploadBytes(db: Db, agencyId: number, trackingCode: string): Promise<number> {
  const [row] = await db
    .select({ bytes: sql<string | null>`sum(${attachments.size})` })
    .from(attachments)
    .innerJoin(applications, and(eq(applications.agencyId, attachments.agencyId), eq(applications.id, attachments.applicationId)))
    .where(and(eq(attachments.agencyId, agencyId), eq(applications.trackingCode, trackingCode.trim().toUpperCase()), isNull(attachments.uploadedBy)));
  return Number(row?.bytes ?? 0);
}

/**
 * The disk all public intake may fill in an hour (GONGKAI_INTAKE_MB_PER_HOUR): a sliding window over what
 * was accepted. A submission reserves its bytes before it is stored and gets them back if it fails; beyond
 * the budget it is refused with 429 and when to try again. Per process: each instance of a deployment
 * behind a load balancer has its own.
 */
export class IntakeBudget {
  private readonly spent: { at: number; bytes: number }[] = [];
  private readonly limit: number;

  constructor(
    mbPerHour: number,
    private readonly now: () => number = Date.now,
  ) {
    this.limit = mbPerHour * 1024 * 1024;
  }

  private used(at: number): number {
    while (this.spent.length > 0 && this.spent[0].at <= at - 3_600_000) this.spent.shift();
    return this.spent.reduce((s, e) => s + e.bytes, 0);
  }

  /** Run `store` with the uploads' bytes reserved; refused (429) when they do not fit in this hour's budget. */
  async spend<T>(uploads: Upload[], store: () => Promise<T>): Promise<T> {
    const bytes = uploads.reduce((s, u) => s + u.bytes.length, 0);
    if (bytes === 0) return store();
    const at = this.now();
    if (this.used(at) + bytes > this.limit) {
      const minutes = Math.max(1, Math.ceil((this.spent[0] ? this.spent[0].at + 3_600_000 - at : 3_600_000) / 60_000));
      const message = `网上提交的附件已达到本小时的接收上限（${Math.round(this.limit / 1048576)} MB），请于 ${minutes} 分钟后再试，或通过当面、邮寄方式提交`;
      throw new ServiceError(429, message, [{ path: 'files', message }]);
    }
    const entry = { at, bytes };
    this.spent.push(entry);
    try {
      return await store();
    } catch (e) {
      const i = this.spent.indexOf(entry);
      if (i >= 0) this.spent.splice(i, 1);
      throw e;
    }
  }
}
