/**
 * Uploaded files are checked by size and by what their bytes are (not by their name or declared type).
 */
import { fileTypeFromBuffer } from 'file-type';
import { ServiceError } from './errors';

export interface Upload {
  filename: string;
  bytes: Uint8Array;
  /** idCopy | supporting | correction | …; defaults to supporting */
  kind?: string;
}

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

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

export async function checkUpload(u: Upload, who: 'applicant' | 'staff', path: string): Promise<{ mime: string; ext: string; kind: string; filename: string }> {
  const name = (u.filename || '附件').replace(/[\\/\u0000-\u001f]/g, '_').slice(-120);
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
  return { mime: types[detected.ext], ext: detected.ext, kind, filename: name };
}
