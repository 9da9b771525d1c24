/**
 * What every area's schemas are made of: the refusal every route may answer, timestamps and dates as they
 * travel, downloads, the path parameters most routes share, and `spec`, which turns an operation of the API
 * map (./index.ts) into the schema a route declares (its error answers added).
 *
 * Zod and the pure core only: the web app imports the types inferred from these files (type-only imports,
 * nothing of them is bundled).
 */
import { z } from 'zod';
import { positiveInt32 } from '../../core/safe-input';

// ---------------------------------------------------------------------------------------------------------
// Answers

export const fieldError = z.object({ path: z.string().describe('字段（如 idNumber、entries.1.name）'), message: z.string() });

/** Every refusal and every server error (src/http/app.ts sendError): the message in Chinese, and the fields at fault. */
export const errorSchema = z
  .object({
    error: z.string().describe('原因（中文）'),
    fields: z.array(fieldError).optional().describe('输入有误时，逐项列出有误的字段及原因'),
  })
  .describe('请求被拒绝（4xx）或服务器出错（5xx）：error 为中文说明，fields 列出有误的字段');
export type ErrorAnswer = z.infer<typeof errorSchema>;

/** A change that answers nothing but that it was made. */
export const ok = z.object({ ok: z.literal(true) }).describe('已完成');

/** A moment (timestamptz), sent as ISO 8601; the services hand Date objects. */
export const timestamp = z
  .codec(z.iso.datetime({ offset: true }), z.date(), { decode: (s) => new Date(s), encode: (d) => d.toISOString() })
  .describe('时间（ISO 8601）');

/**
 * A calendar day, 'YYYY-MM-DD' (China time), and an id (UUID), in answers: the database writes them, so they
 * are declared by their format and not checked again on the way out.
 */
export const day = z.string().meta({ format: 'date', description: '日期（YYYY-MM-DD）' });
export const id = z.string().meta({ format: 'uuid' });
export const int = z.number().int();

/** Media types of the files the API sends. */
export const MEDIA = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  png: 'image/png',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  html: 'text/html',
  octet: 'application/octet-stream',
} as const;

/** The bytes of a file (a download's body, an uploaded file's part of a form). */
export const fileBytes = z.string().meta({ format: 'binary' });

/**
 * A download: the file's bytes in one of these media types (Content-Disposition: attachment). Declared as
 * content by media type, so the docs show the types and no JSON body; Fastify sends the bytes as they are.
 */
export function download(description: string, mediaTypes: readonly string[]) {
  return { description, content: Object.fromEntries(mediaTypes.map((t) => [t, { schema: fileBytes }])) as Record<string, { schema: typeof fileBytes }> };
}
export type Download = ReturnType<typeof download>;

/** A page of HTML (text/html), e.g. a report's web page. */
export function page(description: string) {
  return { description, content: { [MEDIA.html]: { schema: z.string().describe('HTML') } } as Record<string, { schema: z.ZodString }> };
}

// ---------------------------------------------------------------------------------------------------------
// Path parameters

export const agencyParams = z.object({ agencyId: positiveInt32('机关编号', '机关编号无效') });

// ---------------------------------------------------------------------------------------------------------
// Operations

/** One operation of the API: what it takes and what it answers (by status code). */
export interface Operation {
  params?: z.ZodType;
  querystring?: z.ZodType;
  /** the JSON body; with `form`, what the form carries (the service reads and checks it, see ./route.ts) */
  body?: z.ZodType;
  /** the body may be a multipart form: 'json+multipart' (a field `data` with the JSON, files by kind) or 'multipart' only */
  form?: 'json+multipart' | 'multipart';
  /** the operation takes no body (a POST that only acts) */
  noBody?: true;
  response: { 200: z.ZodType | Download } | { 201: z.ZodType };
}

/** The refusals every operation may answer. */
const ERRORS = { '4xx': errorSchema, '5xx': errorSchema.describe('服务器内部错误') };

type Spec<O extends Operation> = Omit<O, 'form' | 'noBody' | 'response'> & {
  consumes?: string[];
  'x-no-body'?: true;
  response: O['response'] & typeof ERRORS;
};

/**
 * The route schema of an operation: its parameters, query and body as declared, its answers with the
 * shared refusals (4xx, 5xx), a form's media types (`consumes`), and `x-no-body` for an operation that takes
 * none (test/http/openapi.test.ts reads it).
 */
export function spec<O extends Operation>(operation: O): Spec<O> {
  const { form, noBody, response, ...rest } = operation;
  return {
    ...rest,
    ...(form ? { consumes: form === 'multipart' ? ['multipart/form-data'] : ['application/json', 'multipart/form-data'] } : {}),
    ...(noBody ? { 'x-no-body': true as const } : {}),
    response: { ...response, ...ERRORS },
  } as Spec<O>;
}
