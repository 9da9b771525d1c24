/**
 * Reading a request that is either JSON or multipart (a JSON "data" field and files).
 */
import type { FastifyRequest } from 'fastify';
import type { Upload } from '../services/uploads';
import { badInput } from '../services/errors';

export async function readForm(request: FastifyRequest): Promise<{ data: Record<string, unknown>; files: Upload[] }> {
  if (!request.isMultipart()) return { data: (request.body ?? {}) as Record<string, unknown>, files: [] };
  const data: Record<string, unknown> = {};
  const files: Upload[] = [];
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      const bytes = await part.toBuffer();
      files.push({ filename: part.filename, bytes, kind: part.fieldname === 'file' ? undefined : part.fieldname });
    } else if (part.fieldname === 'data') {
      try {
        Object.assign(data, JSON.parse(String(part.value)));
      } catch {
        throw badInput('提交的内容不是有效的 JSON');
      }
    } else {
      data[part.fieldname] = part.value;
    }
  }
  return { data, files };
}

export function attachmentHeader(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
