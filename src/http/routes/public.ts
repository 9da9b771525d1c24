/**
 * The public portal's API: the agencies one may apply to, online intake, and following a case by its tracking
 * code (including sending a correction and downloading the reply letter). Rate-limited per address.
 */
import { INT32_MAX } from '../../core/safe-input';
import type { Config } from '../../config';
import type { Ctx } from '../../services/context';
import { publicAgencies } from '../../services/agencies';
import { agencyOfCode, publicLetter, submitCorrection, submitOnline, trackApplication } from '../../services/applications';
import { guide, publicCatalogue } from '../../services/registry';
import { publicReportData, publicReportFile, publicReportHtml, publicReports } from '../../services/reports';
import { IntakeBudget, MAX_APPLICANT_TOTAL_BYTES, MIME, applicantUploadBytes } from '../../services/uploads';
import { readForm, sendDownload } from '../multipart';
import { spec } from '../schemas/common';
import { catalogueAnswer, publicApi, publicReportAnswer, publicReportEntry, trackAnswer } from '../schemas/public';
import { serviceChecksBody, type Assert, type Declares } from '../schemas/route';
import type { TypedApp } from '../app';

type Result<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;
/** The answers declare every key the services return (a key they lack would be dropped). */
export type PublicDeclared = [
  Assert<Declares<typeof trackAnswer, Result<typeof trackApplication>>>,
  Assert<Declares<typeof trackAnswer, Result<typeof submitCorrection>>>,
  Assert<Declares<typeof catalogueAnswer, Result<typeof publicCatalogue>>>,
  Assert<Declares<typeof publicReportEntry, Result<typeof publicReports>[number]>>,
  Assert<Declares<typeof publicReportAnswer, Result<typeof publicReportData>>>,
];

export function registerPublicRoutes(app: TypedApp, ctx: Ctx, config: Config): void {
  const track = { rateLimit: { max: config.rateLimit.trackPerMinute, timeWindow: '1 minute' } };
  const intake = { rateLimit: { max: config.rateLimit.intakePerHour, timeWindow: '1 hour' } };
  // the disk public intake may fill in an hour, all addresses together
  const budget = new IntakeBudget(config.intakeMbPerHour, () => ctx.clock.now().getTime());
  const tags = ['公众'];

  app.get('/api/public/agencies', { config: track, schema: { tags, summary: '可以受理申请的机关', ...spec(publicApi['GET /api/public/agencies']) } }, async () => {
    const list = await publicAgencies(ctx.db);
    // the contact details the public guide shows, not the agency's internal settings (文号, four eyes)
    return list.map((a) => {
      const { office, address, postcode, phone, fax, email, hours, website, reconsiderationBody, court } = a.contact;
      return { id: a.id, name: a.name, parentId: a.parentId, kind: a.kind, contact: { office, address, postcode, phone, fax, email, hours, website, reconsiderationBody, court } };
    });
  });

  app.post(
    '/api/public/applications',
    {
      config: intake,
      // JSON or a multipart form: submitOnline checks the application (src/core/applications/intake.ts)
      validatorCompiler: serviceChecksBody,
      schema: {
        tags,
        summary: '在线提交政府信息公开申请',
        description: 'JSON，或 multipart（字段 data 为上述 JSON，文件字段名为附件类别：idCopy 身份证明、supporting 其他材料；最多 5 个，合计不超过 20 MB）',
        ...spec(publicApi['POST /api/public/applications']),
      },
    },
    async (request, reply) => {
      const { data, files } = await readForm(request, { maxTotalBytes: MAX_APPLICANT_TOTAL_BYTES });
      const created = await budget.spend(files, () => submitOnline(ctx, data, files, { kind: 'public', ip: request.ip }));
      reply.code(201);
      return { trackingCode: created.trackingCode, receivedOn: created.receivedOn, agencyName: created.agencyName };
    },
  );

  app.get('/api/public/track/:code', { config: track, schema: { tags, summary: '凭查询码查询办理进度', ...spec(publicApi['GET /api/public/track/:code']) } }, async (request) =>
    trackApplication(ctx, request.params.code),
  );

  app.post(
    '/api/public/track/:code/correction',
    {
      config: intake,
      validatorCompiler: serviceChecksBody,
      schema: {
        tags,
        summary: '提交补正',
        description: 'JSON，或 multipart（字段 text 为补正内容，文件字段名 correction）',
        ...spec(publicApi['POST /api/public/track/:code/correction']),
      },
    },
    async (request) => {
      // one application's attachments together, over its intake and its corrections, stay within the cap
      const agencyId = agencyOfCode(request.params.code);
      const sent = agencyId === null || agencyId > INT32_MAX ? 0 : await applicantUploadBytes(ctx.db, agencyId, request.params.code);
      const { data, files } = await readForm(request, { maxTotalBytes: MAX_APPLICANT_TOTAL_BYTES, alreadyBytes: sent });
      return budget.spend(files, () => submitCorrection(ctx, request.params.code, String(data.text ?? ''), files.map((f) => ({ ...f, kind: 'correction' }))));
    },
  );

  app.get(
    '/api/public/track/:code/letters/:id',
    { config: track, schema: { tags, summary: '下载答复书', ...spec(publicApi['GET /api/public/track/:code/letters/:id']) } },
    async (request, reply) => {
      const file = await publicLetter(ctx, request.params.code, request.params.id);
      return sendDownload(reply, file);
    },
  );

  app.get(
    '/api/public/agencies/:agencyId/catalogue',
    { config: track, schema: { tags, summary: '政府信息公开目录（可按类别、年度检索）', ...spec(publicApi['GET /api/public/agencies/:agencyId/catalogue']) } },
    async (request) => publicCatalogue(ctx, request.params.agencyId, request.query),
  );
  app.get('/api/public/agencies/:agencyId/guide', { config: track, schema: { tags, summary: '政府信息公开指南', ...spec(publicApi['GET /api/public/agencies/:agencyId/guide']) } }, async (request) => {
    const g = await guide(ctx, request.params.agencyId);
    return { body: g.body, updatedAt: g.updatedAt };
  });
  app.get(
    '/api/public/agencies/:agencyId/reports',
    { config: track, schema: { tags, summary: '历年政府信息公开工作年度报告', ...spec(publicApi['GET /api/public/agencies/:agencyId/reports']) } },
    async (request) => publicReports(ctx, request.params.agencyId),
  );
  app.get(
    '/api/public/agencies/:agencyId/reports/:year',
    { config: track, schema: { tags, summary: '年度报告（数据）', ...spec(publicApi['GET /api/public/agencies/:agencyId/reports/:year']) } },
    async (request) => publicReportData(ctx, request.params.agencyId, request.params.year),
  );
  app.get(
    '/api/public/agencies/:agencyId/reports/:year/page',
    { config: track, schema: { tags, summary: '年度报告网页', ...spec(publicApi['GET /api/public/agencies/:agencyId/reports/:year/page']) } },
    async (request, reply) => reply.type('text/html; charset=utf-8').send(await publicReportHtml(ctx, request.params.agencyId, request.params.year)),
  );
  app.get(
    '/api/public/agencies/:agencyId/reports/:year/download/:kind',
    { config: track, schema: { tags, summary: '下载年度报告（Word 或 Excel）', ...spec(publicApi['GET /api/public/agencies/:agencyId/reports/:year/download/:kind']) } },
    async (request, reply) => {
      const f = await publicReportFile(ctx, request.params.agencyId, request.params.year, request.params.kind);
      return sendDownload(reply, { ...f, mime: MIME[request.params.kind] });
    },
  );
}
