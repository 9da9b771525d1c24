/**
 * Reading a request that is either JSON or multipart (a JSON "data" field and files), and sending a file back
 * as a download.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
import { badCharacterMessage, findBadText } from '../core/safe-input';
import { withExtension, type Upload } from '../services/uploads';
import { ServiceError, badInput } from '../services/errors';

export interface FormLimits {
  /** the most bytes the files may hold together (413 beyond it, before the rest is read) */
  maxTotalBytes?: number;
  /** bytes already counted against that cap (the files an application has already) */
  alreadyBytes?: number;
}

export async function readForm(request: FastifyRequest, limits: FormLimits = {}): Promise<{ data: Record<string, unknown>; files: Upload[] }> {
  if (!request.isMultipart()) return { data: (request.body ?? {}) as Record<string, unknown>, files: [] };
  const data: Record<string, unknown> = {};
  const files: Upload[] = [];
  let total = limits.alreadyBytes ?? 0;
  let reading = '';
  try {
    for await (const part of request.parts()) {
      reading = part.fieldname;
      if (part.type === 'file') {
        const bad = findBadText(part.filename);
        if (bad) throw badInput(badCharacterMessage(`附件“${part.fieldname}”的文件名`, bad.problem), [{ path: part.fieldname, message: badCharacterMessage('文件名', bad.problem) }]);
        const bytes = await part.toBuffer();
        total += bytes.length;
        if (limits.maxTotalBytes !== undefined && total > limits.maxTotalBytes) {
          const cap = `附件合计不能超过 ${limits.maxTotalBytes / 1048576} MB`;
          const message = limits.alreadyBytes ? `一件申请的${cap}（此前已上传 ${(limits.alreadyBytes / 1048576).toFixed(1)} MB）` : cap;
          throw new ServiceError(413, message, [{ path: 'files', message }]);
        }
        files.push({ filename: part.filename, bytes, kind: part.fieldname === 'file' ? undefined : part.fieldname });
      } else if (part.fieldname === 'data') {
        Object.assign(data, parseDataField(String(part.value)));
      } else {
        data[part.fieldname] = part.value;
      }
    }
  } catch (e) {
    throw formError(e, reading);
  }
  const bad = findBadText(data);
  if (bad) throw badInput(badCharacterMessage(`字段“${bad.path}”`, bad.problem), [{ path: bad.path, message: badCharacterMessage('此项', bad.problem) }]);
  return { data, files };
}

/** The form's "data" field: a JSON object, with no key that would reach an object's prototype. */
function parseDataField(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badInput('提交的内容不是有效的 JSON', [{ path: 'data', message: '不是有效的 JSON' }]);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw badInput('表单字段 data 应为 JSON 对象', [{ path: 'data', message: '应为 JSON 对象' }]);
  if (Object.hasOwn(value, '__proto__') || Object.hasOwn(value, 'constructor')) throw badInput('表单字段 data 含有不允许的字段名（__proto__ 或 constructor）', [{ path: 'data', message: '含有不允许的字段名' }]);
  return value as Record<string, unknown>;
}

/**
 * What went wrong reading a form: our own refusals and the plugin's (coded, mapped in the app's error
 * handler) pass through. Everything else comes from parsing what the client sent (the form is read into
 * memory: nothing here touches the disk or the database), so it is a 400: no boundary or an unusable one,
 * data cut short (naming the part being read), or a form that is otherwise malformed.
 */
function formError(e: unknown, reading: string): unknown {
  if (e instanceof ServiceError) return e;
  const err = e as { code?: string; statusCode?: number; message?: string };
  if (err.code !== undefined || err.statusCode !== undefined) return e;
  const message = err.message ?? '';
  if (/boundary/i.test(message)) {
    const m = '提交的表单缺少分隔符（Content-Type 的 boundary 参数）';
    return badInput(m, [{ path: 'headers.content-type', message: m }]);
  }
  if (/needle/i.test(message)) {
    const m = '提交的表单分隔符（Content-Type 的 boundary 参数）无效：不能超过 70 个字符';
    return badInput(m, [{ path: 'headers.content-type', message: m }]);
  }
  if (reading && /terminated early|unexpected end/i.test(message)) {
    const m = `提交的表单不完整：“${reading}”在传输中被截断，请重新提交`;
    return badInput(m, [{ path: reading, message: m }]);
  }
  const m = '提交的表单（multipart/form-data）不完整或格式有误，请重新提交';
  return badInput(m, [{ path: reading || 'body', message: m }]);
}

export function attachmentHeader(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/**
 * Send stored bytes as a download: always an attachment (never shown in the browser's own origin), the media
 * type never sniffed, and a file name whose extension is that of the type. `mime` as stored; when unknown
 * (an imported report's original), the type is detected from the bytes, else sent as plain bytes.
 */
export async function sendDownload(reply: FastifyReply, file: { bytes: Uint8Array; filename: string; mime?: string }) {
  let mime = file.mime;
  let ext: string | undefined;
  if (!mime) {
    const detected = await fileTypeFromBuffer(file.bytes);
    mime = detected?.mime ?? 'application/octet-stream';
    ext = detected?.ext;
  }
  const filename = withExtension(file.filename, ext ?? extensionOf(mime));
  return reply
    .header('content-type', mime)
    .header('content-disposition', attachmentHeader(filename))
    .header('x-content-type-options', 'nosniff')
    .send(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength));
}

const EXTENSIONS: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
};

function extensionOf(mime: string): string | undefined {
  return EXTENSIONS[mime.split(';')[0].trim()];
}
