/**
 * The supervising office's collection: uploaded files, batches and their progress, each agency's report of a
 * year, and its operations (`collectionApi`, served by src/http/routes/supervision.ts). Zod only (and the
 * upload's limits): the web app's collection page takes its types from here, through the typed client. Also
 * the comparison of the reports written in Gongkai (GET /api/supervision, served by src/http/routes/reports.ts).
 */
import { z } from 'zod';
import { int32, positiveInt32 } from '../../core/safe-input';
import { MAX_BATCH_BYTES, MAX_BATCH_FILES } from '../../services/supervision/upload';
import { MEDIA, download, fileBytes, int, ok, timestamp, type Operation } from './common';
import { reportFigures } from './reports';

const counts = z.object({ error: z.number(), warning: z.number(), info: z.number() });
const scored = z.object({ id: z.number(), name: z.string(), score: z.number() });
export const fileView = z.object({
  id: z.string(),
  batchId: z.string(),
  name: z.string(),
  size: z.number(),
  sha256: z.string(),
  status: z.enum(['queued', 'read', 'failed']).meta({ description: 'queued 待读取 | read 已读取 | failed 无法读取' }),
  kind: z.string().nullable(),
  error: z.string().nullable(),
  printedAgency: z.string().nullable(),
  subjectAgencyId: z.number().nullable(),
  subjectAgency: z.string().nullable(),
  matchScore: z.number().nullable(),
  matchConfirmed: z.boolean(),
  year: z.number().nullable(),
  format: z.string().nullable(),
  counts,
  candidates: z.array(scored),
  createdAt: timestamp,
  readAt: timestamp.nullable(),
  version: z.number(),
});
export const progress = z.object({
  id: z.string(),
  status: z.enum(['reading', 'done']),
  total: z.number(),
  queued: z.number(),
  read: z.number(),
  failed: z.number(),
  createdAt: timestamp,
  finishedAt: timestamp.nullable(),
  createdBy: z.string().nullable(),
  /** scanned files being read by OCR now, and the page each has reached (a scan takes seconds a page) */
  scanning: z.array(z.object({ file: z.string(), page: z.number(), pages: z.number() })),
});
export const batchDetailSchema = z.object({ batch: progress, files: z.array(fileView) });
export const deadlines = z.object({ department: z.string(), government: z.string(), custom: z.boolean() });
export const collectionSchema = z.object({
  year: z.number(),
  today: z.string(),
  deadlines,
  rows: z.array(
    z.object({
      agencyId: z.number(),
      name: z.string(),
      kind: z.string(),
      parentId: z.number().nullable(),
      depth: z.number(),
      dueOn: z.string(),
      gongkaiStatus: z.string(),
      publishedAt: timestamp.nullable(),
      source: z.enum(['published', 'imported', 'upload']).nullable(),
      version: z.number().nullable(),
      fileId: z.string().nullable(),
      published: z.boolean(),
      late: z.boolean(),
      counts: counts.nullable(),
      files: z.array(fileView),
    }),
  ),
  unmatched: z.array(fileView),
  summary: z.object({ agencies: z.number(), published: z.number(), late: z.number(), withErrors: z.number(), unmatched: z.number() }),
});

// ---------------------------------------------------------------------------------------------------------
// The comparison of the reports written in Gongkai (src/services/reports.ts supervisionOverview)

export const supervisionOverviewSchema = z.object({
  agencies: z.array(z.object({ id: int, name: z.string(), parentId: int.nullable(), kind: z.string() })).describe('本机关及所辖机关'),
  rows: z
    .array(
      reportFigures.extend({
        agencyId: int,
        agency: z.string(),
        year: int,
        source: z.string().describe('published 本系统发布 | imported 导入 | draft 尚未发布（草稿的实时数据）'),
        status: z.string().describe('该年度报告的状态：none | draft | submitted | approved | published | imported'),
        version: int.nullable(),
        errors: int,
        warnings: int,
      }),
    )
    .describe('各机关各年度（每年度最新的版本，未发布的为草稿），按机关、年度排序'),
});

const overviewYear = (name: string, fallback: number) => int32(name, { min: 2019, max: 2100 }).default(fallback);

export const supervisionApi = {
  'GET /api/supervision': { querystring: z.object({ from: overviewYear('起始年度', 2019), to: overviewYear('截止年度', 2100) }), response: { 200: supervisionOverviewSchema } },
} satisfies Record<string, Operation>;

// ---------------------------------------------------------------------------------------------------------
// The operations of the collection (src/http/routes/supervision.ts)

const MB = (n: number) => `${Math.round(n / 1048576)} MB`;
const idParams = z.object({ id: z.uuid({ error: '编号无效' }) });
const monthDay = z.string().max(5).nullish().describe('月-日，如 01-31；留空为条例的规定');

/** What each operation of the collection takes and answers (with `spec`, the shared refusals too). */
export const collectionApi = {
  'POST /api/supervision/batches': {
    body: z.object({ files: z.array(fileBytes).describe(`报告文件（.txt、.md、.html、.htm、.docx、.pdf）或其 .zip 压缩包，可多个；一次至多 ${MAX_BATCH_FILES} 个、合计 ${MB(MAX_BATCH_BYTES)}`) }),
    form: 'multipart',
    response: { 201: batchDetailSchema },
  },
  'GET /api/supervision/batches': { querystring: z.object({ limit: int32('条数', { min: 1, max: 100 }).default(20) }), response: { 200: z.array(progress) } },
  'GET /api/supervision/batches/:id': { params: idParams, response: { 200: batchDetailSchema } },
  'PUT /api/supervision/files/:id/match': {
    params: idParams,
    body: z.object({ subjectAgencyId: positiveInt32('机关编号', '请选择机关'), year: int32('年度', { min: 2008, max: 2100 }), version: positiveInt32('版本号').optional() }),
    response: { 200: fileView },
  },
  'DELETE /api/supervision/files/:id': { params: idParams, response: { 200: ok } },
  'GET /api/supervision/files/:id/original': { params: idParams, response: { 200: download('上传的原始文件', [MEDIA.pdf, MEDIA.docx, MEDIA.html, 'text/plain', MEDIA.octet]) } },
  'GET /api/supervision/collection': { querystring: z.object({ year: int32('年度', { min: 2008, max: 2100 }) }), response: { 200: collectionSchema } },
  'PUT /api/supervision/deadlines': { body: z.object({ department: monthDay, government: monthDay }), response: { 200: deadlines } },
} satisfies Record<string, Operation>;
