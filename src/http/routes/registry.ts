/**
 * 主动公开 registry in the back office: items and their review, decisions/fees/items/procurement, imports,
 * statistics, and the 公开指南.
 */
import { z } from 'zod';
import { int32, positiveInt32 } from '../../core/safe-input';
import type { Ctx } from '../../services/context';
import { importDisclosures, importLabel, importRecords, importTemplate, type ImportKind } from '../../services/imports';
import {
  DISCLOSURE_STEPS,
  createDisclosure,
  createRecord,
  deleteRecord,
  disclosureStep,
  guide,
  listDisclosures,
  listRecords,
  registryFilterSchema,
  registryStats,
  saveGuide,
  updateDisclosure,
  updateRecord,
  type DisclosureStep,
  type RecordTable,
} from '../../services/registry';
import { assertRead } from '../../services/agencies';
import { badInput } from '../../services/errors';
import { MIME } from '../../services/uploads';
import { readForm, sendDownload } from '../multipart';
import { fileBytes } from '../schemas/common';
import { serviceChecksBody } from '../schemas/route';
import { requireStaff, type TypedApp } from '../app';

const agencyParams = z.object({ agencyId: positiveInt32('机关编号', '机关编号无效') });
const recordKind = z.enum(['decisions', 'fees', 'matters', 'procurements'], { error: '记录类别无效' });
const importKind = z.enum(['decisions', 'fees', 'matters', 'procurements', 'disclosures'], { error: '导入类别无效' });
const recordParams = agencyParams.extend({ kind: recordKind, id: z.uuid('记录编号无效') });
const ok = z.object({ ok: z.literal(true) });
/** what an import takes: one file, read by the service (src/http/multipart.ts readForm) */
const importForm = z.object({ file: fileBytes.describe('.xlsx 或 .csv 文件（列见导入模板）') });
/** what an import answers: the rows inserted (all of the file's) */
const imported = z.object({ inserted: z.number().int().describe('导入的行数') });

export function registerRegistryRoutes(app: TypedApp, ctx: Ctx): void {
  const tags = ['主动公开'];

  app.get('/api/agencies/:agencyId/disclosures', { schema: { tags, summary: '主动公开事项', params: agencyParams, querystring: registryFilterSchema } }, async (request) =>
    listDisclosures(ctx, requireStaff(request), request.params.agencyId, request.query),
  );
  app.post('/api/agencies/:agencyId/disclosures', { schema: { tags, summary: '登记主动公开事项', params: agencyParams, body: z.record(z.string(), z.unknown()) } }, async (request, reply) => {
    reply.code(201);
    return createDisclosure(ctx, requireStaff(request), request.params.agencyId, request.body);
  });
  app.put(
    '/api/agencies/:agencyId/disclosures/:id',
    { schema: { tags, summary: '修改主动公开事项（待审核时）', params: agencyParams.extend({ id: z.uuid() }), querystring: z.object({ version: positiveInt32('版本号').optional() }), body: z.record(z.string(), z.unknown()) } },
    async (request) => {
      await updateDisclosure(ctx, requireStaff(request), request.params.agencyId, request.params.id, request.body, request.query.version);
      return { ok: true };
    },
  );
  app.post(
    '/api/agencies/:agencyId/disclosures/:id/:step',
    {
      schema: {
        tags,
        summary: '保密审查、审核批准、发布、废止、撤回',
        params: agencyParams.extend({ id: z.uuid(), step: z.enum(DISCLOSURE_STEPS, { error: '无效的步骤' }) }),
        body: z.record(z.string(), z.unknown()).nullish(),
      },
    },
    async (request) => {
      await disclosureStep(ctx, requireStaff(request), request.params.agencyId, request.params.id, request.params.step as DisclosureStep, request.body ?? {});
      return { ok: true };
    },
  );
  app.post(
    '/api/agencies/:agencyId/disclosures/import',
    {
      validatorCompiler: serviceChecksBody,
      schema: {
        consumes: ['multipart/form-data'],
        body: importForm,
        tags,
        summary: '从 .xlsx 或 .csv 批量导入主动公开事项（任何一行有误则全部不导入；同一文件不能重复导入）',
        description: 'multipart/form-data，一个文件字段（.xlsx 或 .csv，列见导入模板 GET /api/import-templates/disclosures）。填写了公开日期的事项按已公开登记，未填写的为待审核。',
        params: agencyParams,
        response: { 200: imported },
      },
    },
    async (request) => {
      const staff = requireStaff(request);
      const { files } = await readForm(request);
      if (files.length !== 1) throw badInput('请上传一个 .xlsx 或 .csv 文件');
      return importDisclosures(ctx, staff, request.params.agencyId, files[0]);
    },
  );
  app.get(
    '/api/agencies/:agencyId/registry-stats',
    { schema: { tags, summary: '公开率、及时率与分类统计', params: agencyParams, querystring: z.object({ year: int32('年度', { min: 2000, max: 2100 }) }) } },
    async (request) => registryStats(ctx, requireStaff(request), request.params.agencyId, request.query.year),
  );

  app.get(
    '/api/agencies/:agencyId/records/:kind',
    { schema: { tags, summary: '行政决定、收费、事项、采购记录', params: agencyParams.extend({ kind: recordKind }), querystring: z.object({ year: int32('年度').optional() }) } },
    async (request) => listRecords(ctx, requireStaff(request), request.params.agencyId, request.params.kind as RecordTable, request.query.year),
  );
  app.post(
    '/api/agencies/:agencyId/records/:kind',
    { schema: { tags, summary: '逐条登记记录', params: agencyParams.extend({ kind: recordKind }), body: z.record(z.string(), z.unknown()) } },
    async (request, reply) => {
      reply.code(201);
      return createRecord(ctx, requireStaff(request), request.params.agencyId, request.params.kind as RecordTable, request.body);
    },
  );
  app.put(
    '/api/agencies/:agencyId/records/:kind/:id',
    {
      schema: {
        tags,
        summary: '修改一条记录（整条提交，未填的选填项清空）',
        params: recordParams,
        body: z.record(z.string(), z.unknown()).describe('记录的各字段，同逐条登记'),
        response: { 200: ok },
      },
    },
    async (request) => {
      await updateRecord(ctx, requireStaff(request), request.params.agencyId, request.params.kind as RecordTable, request.params.id, request.body);
      return { ok: true as const };
    },
  );
  app.delete('/api/agencies/:agencyId/records/:kind/:id', { schema: { tags, summary: '删除一条记录', params: recordParams, response: { 200: ok } } }, async (request) => {
    await deleteRecord(ctx, requireStaff(request), request.params.agencyId, request.params.kind as RecordTable, request.params.id);
    return { ok: true as const };
  });
  app.post(
    '/api/agencies/:agencyId/records/:kind/import',
    {
      validatorCompiler: serviceChecksBody,
      schema: {
        consumes: ['multipart/form-data'],
        body: importForm,
        tags,
        summary: '从 .xlsx 或 .csv 批量导入（任何一行有误则全部不导入；同一文件不能重复导入）',
        description: 'multipart/form-data，一个文件字段（.xlsx 或 .csv，列见导入模板）。',
        params: agencyParams.extend({ kind: recordKind }),
        response: { 200: imported },
      },
    },
    async (request) => {
      const staff = requireStaff(request);
      const { files } = await readForm(request);
      if (files.length !== 1) throw badInput('请上传一个 .xlsx 或 .csv 文件');
      return importRecords(ctx, staff, request.params.agencyId, request.params.kind as RecordTable, files[0]);
    },
  );
  app.get('/api/import-templates/:kind', { schema: { tags, summary: '下载导入模板', params: z.object({ kind: importKind }) } }, async (request, reply) => {
    requireStaff(request);
    const kind = request.params.kind as ImportKind;
    return sendDownload(reply, { bytes: await importTemplate(kind), filename: `导入模板-${importLabel(kind).split('（')[0]}.xlsx`, mime: MIME.xlsx });
  });

  app.get('/api/agencies/:agencyId/guide', { schema: { tags, summary: '公开指南', params: agencyParams } }, async (request) => {
    await assertRead(ctx.db, requireStaff(request), request.params.agencyId);
    return guide(ctx, request.params.agencyId);
  });
  app.put('/api/agencies/:agencyId/guide', { schema: { tags, summary: '修改公开指南', params: agencyParams, body: z.object({ body: z.string() }) } }, async (request) => {
    await saveGuide(ctx, requireStaff(request), request.params.agencyId, request.body.body);
    return { ok: true };
  });
}
