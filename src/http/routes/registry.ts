/**
 * 主动公开 registry in the back office: items and their review, decisions/fees/items/procurement, imports,
 * statistics, and the 公开指南.
 */
import type { Ctx } from '../../services/context';
import { importDisclosures, importLabel, importRecords, importTemplate, type ImportKind } from '../../services/imports';
import {
  createDisclosure,
  createRecord,
  deleteRecord,
  disclosureStep,
  guide,
  listDisclosures,
  listRecords,
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
import { spec } from '../schemas/common';
import { createdRecords, disclosureList, recordRow, registryApi, registryStats as registryStatsSchema, staffGuide } from '../schemas/registry';
import { serviceChecksBody, type Assert, type Declares } from '../schemas/route';
import { requireStaff, type TypedApp } from '../app';

type Result<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;
/** The answers declare every key the services return (a key they lack would be dropped). */
export type RegistryDeclared = [
  Assert<Declares<typeof disclosureList, Result<typeof listDisclosures>>>,
  Assert<Declares<typeof registryStatsSchema, Result<typeof registryStats>>>,
  Assert<Declares<typeof recordRow, Result<typeof listRecords>[number]>>,
  Assert<Declares<typeof createdRecords, Result<typeof createRecord>>>,
  Assert<Declares<typeof staffGuide, Result<typeof guide>>>,
];

export function registerRegistryRoutes(app: TypedApp, ctx: Ctx): void {
  const tags = ['主动公开'];

  app.get('/api/agencies/:agencyId/disclosures', { schema: { tags, summary: '主动公开事项', ...spec(registryApi['GET /api/agencies/:agencyId/disclosures']) } }, async (request) =>
    listDisclosures(ctx, requireStaff(request), request.params.agencyId, request.query),
  );
  app.post(
    '/api/agencies/:agencyId/disclosures',
    // the item is checked by the service (createDisclosure), with its messages
    { validatorCompiler: serviceChecksBody, schema: { tags, summary: '登记主动公开事项', ...spec(registryApi['POST /api/agencies/:agencyId/disclosures']) } },
    async (request, reply) => {
      reply.code(201);
      return createDisclosure(ctx, requireStaff(request), request.params.agencyId, request.body);
    },
  );
  app.put(
    '/api/agencies/:agencyId/disclosures/:id',
    {
      validatorCompiler: serviceChecksBody,
      schema: {
        tags,
        summary: '修改主动公开事项（待审核时）',
        description: '?version= 为页面上事项的版本，已被他人更新时答复 409',
        ...spec(registryApi['PUT /api/agencies/:agencyId/disclosures/:id']),
      },
    },
    async (request) => {
      await updateDisclosure(ctx, requireStaff(request), request.params.agencyId, request.params.id, request.body, request.query.version);
      return { ok: true as const };
    },
  );
  app.post(
    '/api/agencies/:agencyId/disclosures/:id/:step',
    // each step has its own body: disclosureStep checks it with the step's schema
    { validatorCompiler: serviceChecksBody, schema: { tags, summary: '保密审查、审核批准、发布、废止、撤回', ...spec(registryApi['POST /api/agencies/:agencyId/disclosures/:id/:step']) } },
    async (request) => {
      await disclosureStep(ctx, requireStaff(request), request.params.agencyId, request.params.id, request.params.step as DisclosureStep, (request.body as unknown) ?? {});
      return { ok: true as const };
    },
  );
  app.post(
    '/api/agencies/:agencyId/disclosures/import',
    {
      validatorCompiler: serviceChecksBody,
      schema: {
        tags,
        summary: '从 .xlsx 或 .csv 批量导入主动公开事项（任何一行有误则全部不导入；同一文件不能重复导入）',
        description: 'multipart/form-data，一个文件字段（.xlsx 或 .csv，列见导入模板 GET /api/import-templates/disclosures）。填写了公开日期的事项按已公开登记，未填写的为待审核。',
        ...spec(registryApi['POST /api/agencies/:agencyId/disclosures/import']),
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
    { schema: { tags, summary: '公开率、及时率与分类统计', ...spec(registryApi['GET /api/agencies/:agencyId/registry-stats']) } },
    async (request) => registryStats(ctx, requireStaff(request), request.params.agencyId, request.query.year),
  );

  app.get(
    '/api/agencies/:agencyId/records/:kind',
    { schema: { tags, summary: '行政决定、收费、事项、采购记录', ...spec(registryApi['GET /api/agencies/:agencyId/records/:kind']) } },
    async (request) => listRecords(ctx, requireStaff(request), request.params.agencyId, request.params.kind as RecordTable, request.query.year),
  );
  app.post(
    '/api/agencies/:agencyId/records/:kind',
    // the record is checked by the service with the schema of its kind
    { validatorCompiler: serviceChecksBody, schema: { tags, summary: '逐条登记记录', ...spec(registryApi['POST /api/agencies/:agencyId/records/:kind']) } },
    async (request, reply) => {
      reply.code(201);
      return createRecord(ctx, requireStaff(request), request.params.agencyId, request.params.kind as RecordTable, request.body);
    },
  );
  app.put(
    '/api/agencies/:agencyId/records/:kind/:id',
    {
      validatorCompiler: serviceChecksBody,
      schema: { tags, summary: '修改一条记录（整条提交，未填的选填项清空）', ...spec(registryApi['PUT /api/agencies/:agencyId/records/:kind/:id']) },
    },
    async (request) => {
      await updateRecord(ctx, requireStaff(request), request.params.agencyId, request.params.kind as RecordTable, request.params.id, request.body);
      return { ok: true as const };
    },
  );
  app.delete('/api/agencies/:agencyId/records/:kind/:id', { schema: { tags, summary: '删除一条记录', ...spec(registryApi['DELETE /api/agencies/:agencyId/records/:kind/:id']) } }, async (request) => {
    await deleteRecord(ctx, requireStaff(request), request.params.agencyId, request.params.kind as RecordTable, request.params.id);
    return { ok: true as const };
  });
  app.post(
    '/api/agencies/:agencyId/records/:kind/import',
    {
      validatorCompiler: serviceChecksBody,
      schema: {
        tags,
        summary: '从 .xlsx 或 .csv 批量导入（任何一行有误则全部不导入；同一文件不能重复导入）',
        description: 'multipart/form-data，一个文件字段（.xlsx 或 .csv，列见导入模板）。',
        ...spec(registryApi['POST /api/agencies/:agencyId/records/:kind/import']),
      },
    },
    async (request) => {
      const staff = requireStaff(request);
      const { files } = await readForm(request);
      if (files.length !== 1) throw badInput('请上传一个 .xlsx 或 .csv 文件');
      return importRecords(ctx, staff, request.params.agencyId, request.params.kind as RecordTable, files[0]);
    },
  );
  app.get('/api/import-templates/:kind', { schema: { tags, summary: '下载导入模板', ...spec(registryApi['GET /api/import-templates/:kind']) } }, async (request, reply) => {
    requireStaff(request);
    const kind = request.params.kind as ImportKind;
    return sendDownload(reply, { bytes: await importTemplate(kind), filename: `导入模板-${importLabel(kind).split('（')[0]}.xlsx`, mime: MIME.xlsx });
  });

  app.get('/api/agencies/:agencyId/guide', { schema: { tags, summary: '公开指南', ...spec(registryApi['GET /api/agencies/:agencyId/guide']) } }, async (request) => {
    await assertRead(ctx.db, requireStaff(request), request.params.agencyId);
    return guide(ctx, request.params.agencyId);
  });
  app.put('/api/agencies/:agencyId/guide', { schema: { tags, summary: '修改公开指南', ...spec(registryApi['PUT /api/agencies/:agencyId/guide']) } }, async (request) => {
    await saveGuide(ctx, requireStaff(request), request.params.agencyId, request.body.body);
    return { ok: true as const };
  });
}
