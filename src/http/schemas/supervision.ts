/**
 * The answers of the supervising office's collection: uploaded files, batches and their progress, each agency's
 * report of a year (src/http/routes/supervision.ts). Zod only: the web app's collection page takes its types
 * from here. Also the comparison of the reports written in Gongkai (GET /api/supervision, served by
 * src/http/routes/reports.ts).
 */
import { z } from 'zod';
import { int32 } from '../../core/safe-input';
import { int, timestamp, type Operation } from './common';
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
