/**
 * Client-side checks of files before they are sent (the server checks again, by the bytes, and decides).
 */
import type { UploadFile } from 'antd';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_FILES = 5;

export const APPLICANT_ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';
export const STAFF_ACCEPT = `${APPLICANT_ACCEPT},.docx,.xlsx`;

const APPLICANT_EXT = /\.(pdf|jpe?g|png)$/i;
const STAFF_EXT = /\.(pdf|jpe?g|png|docx|xlsx)$/i;

/** What is wrong with a file, or null. */
export function fileProblem(file: { name: string; size?: number }, who: 'applicant' | 'staff' = 'applicant'): string | null {
  const ext = who === 'applicant' ? APPLICANT_EXT : STAFF_EXT;
  if (!ext.test(file.name)) return `“${file.name}”的类型不支持，仅接受 ${who === 'applicant' ? 'PDF、JPG、PNG' : 'PDF、JPG、PNG、DOCX、XLSX'} 文件`;
  if (file.size !== undefined && file.size > MAX_FILE_BYTES) return `“${file.name}”超过 10 MB`;
  if (file.size === 0) return `“${file.name}”是空文件`;
  return null;
}

/** antd Form.Item glue for an <Upload> holding a file list */
export function fileListOf(e: unknown): UploadFile[] {
  if (Array.isArray(e)) return e as UploadFile[];
  return (e as { fileList?: UploadFile[] } | undefined)?.fileList ?? [];
}

/** The File objects of an antd file list (files kept in the browser, not uploaded yet). */
export function filesOf(list: UploadFile[] | undefined): File[] {
  return (list ?? []).map((f) => f.originFileObj).filter((f): f is NonNullable<typeof f> => Boolean(f)) as File[];
}

/** A form rule checking every file of a list. */
export function fileRule(who: 'applicant' | 'staff' = 'applicant') {
  return {
    validator: async (_: unknown, list: UploadFile[] | undefined) => {
      for (const f of list ?? []) {
        const p = fileProblem({ name: f.name, size: f.size }, who);
        if (p) throw new Error(p);
      }
    },
  };
}

export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1048576).toFixed(1)} MB`;
}
