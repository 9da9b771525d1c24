/**
 * What an upload of reports to the supervising office holds: each file given, and each entry of each .zip
 * given (src/extract/archive.ts, with the upload's byte budget); checked by name and by bytes. A file given
 * directly that is no report file refuses the whole upload (4xx); an entry of a .zip that is none is kept, with
 * the reason it is not read (the rest of the archive is not lost for it). Files the operating system adds to an
 * archive (__MACOSX, .DS_Store, Thumbs.db) are left out.
 */
import { fileTypeFromBuffer } from 'file-type';
import { badCharacter } from '../../core/safe-input';
import { readArchive } from '../../extract/archive';
import { ServiceError } from '../errors';
import { isPdf, pdfActivity, type Upload } from '../uploads';

import { MAX_BATCH_BYTES, MAX_BATCH_FILES, MAX_REPORT_BYTES, MB, REPORT_EXTENSIONS } from '../../core/supervision/limits';

export { MAX_BATCH_BYTES, MAX_BATCH_FILES, MAX_REPORT_BYTES, REPORT_EXTENSIONS };
const ACCEPTED = '.txt、.md、.html、.htm、.docx、.pdf 文件或其 .zip 压缩包';
/** Types a report file's bytes may be (a report is read by its bytes, whatever its name says). */
const READABLE_TYPES = new Set(['pdf', 'docx', 'zip', 'cfb', 'xml']);

export function extensionOf(name: string): string {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(name);
  return m ? `.${m[1].toLowerCase()}` : '';
}

/** A name safe to store and show: no control character or lone surrogate; at most 300 characters (the end kept). */
function cleanName(name: string, keepPath: boolean): string {
  let n = (name || '未命名文件').replace(/[\u0000-\u001f\u007f]/g, '_').replace(/\\/g, '/');
  if (!keepPath) n = n.slice(n.lastIndexOf('/') + 1) || '未命名文件';
  if (badCharacter(n)) n = n.replace(/\p{Cs}/gu, '_');
  return n.slice(-300);
}

/** What the operating system adds to an archive (not the user's files): left out. */
function systemEntry(name: string): boolean {
  const base = name.slice(name.lastIndexOf('/') + 1);
  return name.startsWith('__MACOSX/') || base.startsWith('.') || /^(?:thumbs\.db|desktop\.ini)$/i.test(base);
}

/** Why a file cannot be a report file (null: it may be one; the reader then decides). */
async function fileProblem(name: string, bytes: Uint8Array): Promise<string | null> {
  const ext = extensionOf(name);
  if (ext === '.zip') return '压缩包中的压缩包不展开，请解压后另行上传';
  if (!(REPORT_EXTENSIONS as readonly string[]).includes(ext)) return `不是年度报告文件（仅接受 ${ACCEPTED}）`;
  if (bytes.length === 0) return '空文件';
  if (bytes.length > MAX_REPORT_BYTES) return `文件超过 ${MB(MAX_REPORT_BYTES)}`;
  const detected = await fileTypeFromBuffer(bytes);
  if (detected && !READABLE_TYPES.has(detected.ext)) return `文件内容是 ${detected.ext.toUpperCase()} 文件，不是年度报告`;
  if (isPdf(bytes)) {
    const activity = pdfActivity(bytes);
    if (activity?.kind === 'active') return `PDF 含有${activity.name === 'Launch' ? '启动外部程序的动作（/Launch）' : ` JavaScript 脚本（/${activity.name}）`}，出于安全考虑不予读取；请打印为不含脚本的 PDF 后重新上传`;
    if (activity?.kind === 'unreadable') return 'PDF 含有无法检查的加密或压缩内容，出于安全考虑不予读取；请另存为普通 PDF 后重新上传';
  }
  return null;
}

export interface Entry {
  name: string;
  bytes: Uint8Array;
  /** why it is kept without being read (an entry of a .zip that is no report file) */
  error: string | null;
}

/** The files of an upload: each file, and each entry of each .zip; refused (4xx) as a whole where it must be. */
export async function entriesOf(uploads: Upload[]): Promise<Entry[]> {
  const entries: Entry[] = [];
  let total = 0;
  const fail = (status: 400 | 413 | 415, message: string) => new ServiceError(status, message, [{ path: 'files', message }]);
  const add = (e: Entry) => {
    total += e.bytes.length;
    if (total > MAX_BATCH_BYTES) throw fail(413, `一次上传的文件合计不能超过 ${MB(MAX_BATCH_BYTES)}（压缩包按解压后计算），请分批上传`);
    entries.push(e);
    if (entries.length > MAX_BATCH_FILES) throw fail(413, `一次最多上传 ${MAX_BATCH_FILES} 个报告文件，请分批上传`);
  };
  for (const u of uploads) {
    const name = cleanName(u.filename, false);
    if (u.bytes.length === 0) throw fail(400, `“${name}”是空文件`);
    if (extensionOf(name) === '.zip') {
      if (u.bytes.length > MAX_BATCH_BYTES) throw fail(413, `“${name}”超过 ${MB(MAX_BATCH_BYTES)}，请分批上传`);
      const archive = readArchive(u.bytes, (n) => !systemEntry(n), MAX_BATCH_BYTES - total);
      if (!archive.ok) throw fail(/超过/.test(archive.message) ? 413 : 400, `“${name}”：${archive.message}`);
      for (const e of archive.entries) {
        const inner = cleanName(`${name}/${e.name}`, true);
        add({ name: inner, bytes: e.bytes, error: await fileProblem(inner, e.bytes) });
      }
      continue;
    }
    if (u.bytes.length > MAX_REPORT_BYTES) throw fail(413, `“${name}”超过 ${MB(MAX_REPORT_BYTES)}`);
    const problem = await fileProblem(name, u.bytes);
    if (problem) throw fail(415, `“${name}”${problem.startsWith('不是') ? '' : '：'}${problem}`);
    add({ name, bytes: u.bytes, error: null });
  }
  if (entries.length === 0) throw fail(400, `没有可读取的报告文件（仅接受 ${ACCEPTED}）`);
  return entries;
}
