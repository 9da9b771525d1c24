/**
 * The supervising office's collection (收集情况): uploads of published reports, their reading and matching, and
 * every agency's state for a year. Each route acts on the signed-in supervisor's own agency (its tree below it).
 * The comparison of reports written in Gongkai stays at GET /api/supervision (./reports.ts).
 *
 * The reading of uploaded files runs in the background in this process (src/services/supervision/runner.ts):
 * taken up again when the app is ready (files a restart left queued), stopped when it closes.
 *
 * What each operation takes and answers is declared in src/http/schemas/supervision.ts (`collectionApi`).
 */
import type { FastifyRequest } from 'fastify';
import { badCharacterMessage, findBadText } from '../../core/safe-input';
import type { Ctx } from '../../services/context';
import { ServiceError, badInput } from '../../services/errors';
import type { Upload } from '../../services/uploads';
import {
  MAX_BATCH_BYTES,
  MAX_BATCH_FILES,
  batchDetail,
  confirmMatch,
  deleteSupervisedFile,
  listBatches,
  supervisedOriginal,
  uploadSupervisedFiles,
} from '../../services/supervision/collect';
import { collectionStatus, setReportDeadlines } from '../../services/supervision/collection';
import { resumeSupervisionReads, supervisionRunner } from '../../services/supervision/runner';
import { sendDownload } from '../multipart';
import { requireStaff, type TypedApp } from '../app';
import { spec } from '../schemas/common';
import { collectionApi } from '../schemas/supervision';
import { serviceChecksBody } from '../schemas/route';

const MB = (n: number) => `${Math.round(n / 1048576)} MB`;

/** The files of a multipart upload (every file part; other fields are ignored), within the upload's limits. */
async function readUploads(request: FastifyRequest): Promise<Upload[]> {
  if (!request.isMultipart()) throw new ServiceError(415, '请以 multipart/form-data 表单上传报告文件', [{ path: 'files', message: '请选择文件' }]);
  const files: Upload[] = [];
  let total = 0;
  try {
    for await (const part of request.parts({ limits: { fileSize: MAX_BATCH_BYTES, files: MAX_BATCH_FILES, fields: 20, fieldSize: 64 * 1024, parts: MAX_BATCH_FILES + 20 } })) {
      if (part.type !== 'file') continue;
      const bad = findBadText(part.filename);
      if (bad) throw badInput(badCharacterMessage(`文件“${part.filename.slice(0, 40)}”的文件名`, bad.problem), [{ path: 'files', message: badCharacterMessage('文件名', bad.problem) }]);
      const bytes = await part.toBuffer();
      total += bytes.length;
      if (total > MAX_BATCH_BYTES) throw new ServiceError(413, `一次上传的文件合计不能超过 ${MB(MAX_BATCH_BYTES)}，请分批上传`, [{ path: 'files', message: '文件过大' }]);
      files.push({ filename: part.filename, bytes });
    }
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new ServiceError(413, `单个文件不能超过 ${MB(MAX_BATCH_BYTES)}，请分批上传`, [{ path: 'files', message: '文件过大' }]);
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') throw new ServiceError(413, `一次最多上传 ${MAX_BATCH_FILES} 个文件，请分批上传或打包为 .zip`, [{ path: 'files', message: '文件过多' }]);
    throw e;
  }
  return files;
}

export function registerSupervisionRoutes(app: TypedApp, ctx: Ctx): void {
  const tags = ['监督检查'];

  // the background reading: files a restart left queued are taken up once the app is ready; stopped on close
  app.addHook('onReady', async () => {
    void resumeSupervisionReads(ctx)
      .then((n) => n > 0 && app.log.info(`继续读取 ${n} 个监督检查上传文件 (resuming ${n} supervised files)`))
      .catch((e: unknown) => app.log.error({ error: e instanceof Error ? e.message : String(e) }, 'resuming supervised files failed'));
  });
  app.addHook('onClose', async () => {
    supervisionRunner(ctx).close();
  });

  const api = collectionApi;
  app.post(
    '/api/supervision/batches',
    {
      // the form is read by readUploads (its files never reach the validator); its schema documents it
      validatorCompiler: serviceChecksBody,
      schema: { tags, summary: '上传所辖机关已公布的年度报告（.txt、.md、.html、.docx、.pdf 或其 .zip 压缩包，可多个），在后台读取', ...spec(api['POST /api/supervision/batches']) },
    },
    async (request, reply) => {
      const staff = requireStaff(request);
      const uploads = await readUploads(request);
      reply.code(201);
      return uploadSupervisedFiles(ctx, staff, uploads);
    },
  );
  app.get('/api/supervision/batches', { schema: { tags, summary: '本机关上传的各批报告文件及读取进度（最新在前）', ...spec(api['GET /api/supervision/batches']) } }, async (request) =>
    listBatches(ctx, requireStaff(request), request.query.limit),
  );
  app.get(
    '/api/supervision/batches/:id',
    { schema: { tags, summary: '一批上传的读取进度与各文件（对应的机关、年度，问题数）', ...spec(api['GET /api/supervision/batches/:id']) } },
    async (request) => batchDetail(ctx, requireStaff(request), request.params.id),
  );
  app.put('/api/supervision/files/:id/match', { schema: { tags, summary: '确认或更正文件对应的机关与年度', ...spec(api['PUT /api/supervision/files/:id/match']) } }, async (request) =>
    confirmMatch(ctx, requireStaff(request), request.params.id, request.body),
  );
  app.delete(
    '/api/supervision/files/:id',
    { schema: { tags, summary: '删除误传的文件（已有单元格更正或整改的不能删除）', ...spec(api['DELETE /api/supervision/files/:id']) } },
    async (request) => {
      await deleteSupervisedFile(ctx, requireStaff(request), request.params.id);
      return { ok: true as const };
    },
  );
  app.get('/api/supervision/files/:id/original', { schema: { tags, summary: '下载上传的原始文件', ...spec(api['GET /api/supervision/files/:id/original']) } }, async (request, reply) =>
    sendDownload(reply, await supervisedOriginal(ctx, requireStaff(request), request.params.id)),
  );
  app.get(
    '/api/supervision/collection',
    { schema: { tags, summary: '收集情况：所辖各机关某年度报告的发布、逾期与问题数', ...spec(api['GET /api/supervision/collection']) } },
    async (request) => collectionStatus(ctx, requireStaff(request), request.query.year),
  );
  app.put(
    '/api/supervision/deadlines',
    { schema: { tags, summary: '设置所辖机关年度报告的截止日期（月-日；留空为条例第四十九条规定的 1 月 31 日、3 月 31 日）', ...spec(api['PUT /api/supervision/deadlines']) } },
    async (request) => setReportDeadlines(ctx, requireStaff(request), request.body),
  );
}
