/**
 * Errors a use case reports to its caller (HTTP, CLI): a status and a Chinese message, with the fields
 * concerned when the input is at fault.
 */
import type { z } from 'zod';
import { fieldErrors } from '../core/applications/intake';

export class ServiceError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429,
    message: string,
    readonly fields?: { path: string; message: string }[],
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

export const badInput = (message: string, fields?: { path: string; message: string }[]) => new ServiceError(400, message, fields);
export const forbidden = (message = '没有权限执行此操作') => new ServiceError(403, message);
export const notFound = (message = '未找到') => new ServiceError(404, message);
export const conflict = (message: string) => new ServiceError(409, message);

/**
 * The input as the schema reads it, or a 400 naming the first problem (after `prefix`, e.g. '申请内容有误：')
 * and listing every field at fault.
 */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown, prefix = ''): z.infer<T> {
  const r = schema.safeParse(input);
  if (!r.success) {
    const fields = fieldErrors(r.error);
    throw badInput(prefix + (fields[0]?.message ?? (prefix ? '' : '输入有误')), fields);
  }
  return r.data;
}
