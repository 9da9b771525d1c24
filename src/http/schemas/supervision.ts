/**
 * The answers of the supervising office's collection: uploaded files, batches and their progress, each agency's
 * report of a year (src/http/routes/supervision.ts). Zod only: the web app's collection page takes its types
 * from here.
 */
import { z } from 'zod';
import { timestamp } from './common';

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
