/**
 * The annual report in the back office: the editor's workspace, drafts, approval and publication, drill-down,
 * files, bringing in earlier years (read and shown first, saved on confirmation), and the supervisors'
 * comparison.
 */
import type { FastifyReply } from 'fastify';
import type { Ctx } from '../../services/context';
import {
  approveReport,
  cellDrilldown,
  confirmImport,
  draftFile,
  previewImport,
  publishReport,
  reportWorkspace,
  reportYears,
  returnReport,
  saveSections,
  submitReport,
  supervisionOverview,
  versionFile,
} from '../../services/reports';
import { assertRead } from '../../services/agencies';
import { badInput } from '../../services/errors';
import { MIME as FILE_MIME, isPdf, refuseActivePdf } from '../../services/uploads';
import { readForm, sendDownload } from '../multipart';
import { requireStaff, type TypedApp } from '../app';
import { spec } from '../schemas/common';
import { cellRecord, importPreview, importSaved, publishedVersion, reportWorkspace as workspaceSchema, reportYear, reportsApi } from '../schemas/reports';
import { serviceChecksBody, type Assert, type Declares } from '../schemas/route';
import { supervisionApi, supervisionOverviewSchema } from '../schemas/supervision';

const MIME = { docx: FILE_MIME.docx, xlsx: FILE_MIME.xlsx, html: 'text/html; charset=utf-8' } as const;

type Result<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;
/** The answers declare every key the services return (a key they lack would be dropped). */
export type ReportsDeclared = [
  Assert<Declares<typeof reportYear, Result<typeof reportYears>[number]>>,
  Assert<Declares<typeof workspaceSchema, Result<typeof reportWorkspace>>>,
  Assert<Declares<typeof publishedVersion, Result<typeof publishReport>>>,
  Assert<Declares<typeof cellRecord, Result<typeof cellDrilldown>[number]>>,
  Assert<Declares<typeof importPreview, Result<typeof previewImport>>>,
  Assert<Declares<typeof importSaved, Result<typeof confirmImport>>>,
  Assert<Declares<typeof supervisionOverviewSchema, Result<typeof supervisionOverview>>>,
];

/** The report file of an import form, with the optional year to check it against. */
async function importForm(request: Parameters<typeof readForm>[0]) {
  const { data, files } = await readForm(request);
  if (files.length !== 1) throw badInput('请上传一个报告文件');
  if (isPdf(files[0].bytes)) refuseActivePdf(files[0].bytes, files[0].filename, 'file');
  const year = data.year === undefined || data.year === '' ? undefined : Number(data.year);
  if (year !== undefined && (!Number.isInteger(year) || year < 2019 || year > 2100)) throw badInput('报告年度无效', [{ path: 'year', message: '应为 2019 年以后的年度' }]);
  return { file: files[0], year, token: typeof data.token === 'string' ? data.token : undefined };
}

export function registerReportRoutes(app: TypedApp, ctx: Ctx): void {
  const tags = ['年度报告'];
  const api = reportsApi;

  app.get('/api/agencies/:agencyId/reports', { schema: { tags, summary: '各年度报告及其状态、已发布版本', ...spec(api['GET /api/agencies/:agencyId/reports']) } }, async (request) =>
    reportYears(ctx, requireStaff(request), request.params.agencyId),
  );
  app.get('/api/agencies/:agencyId/reports/:year', { schema: { tags, summary: '报告编辑：表格、正文、检查结果', ...spec(api['GET /api/agencies/:agencyId/reports/:year']) } }, async (request) =>
    reportWorkspace(ctx, requireStaff(request), request.params.agencyId, request.params.year),
  );
  app.put(
    '/api/agencies/:agencyId/reports/:year/sections',
    { schema: { tags, summary: '保存正文（一、五、六部分）', ...spec(api['PUT /api/agencies/:agencyId/reports/:year/sections']) } },
    async (request) => {
      await saveSections(ctx, requireStaff(request), request.params.agencyId, request.params.year, request.body, request.query.version);
      return reportWorkspace(ctx, requireStaff(request), request.params.agencyId, request.params.year);
    },
  );
  const step = (name: 'submit' | 'approve', summary: string, fn: typeof submitReport) =>
    app.post(`/api/agencies/:agencyId/reports/:year/${name}`, { schema: { tags, summary, ...spec(api[`POST /api/agencies/:agencyId/reports/:year/${name}`]) } }, async (request) => {
      await fn(ctx, requireStaff(request), request.params.agencyId, request.params.year);
      return reportWorkspace(ctx, requireStaff(request), request.params.agencyId, request.params.year);
    });
  step('submit', '提交审核', submitReport);
  step('approve', '审核通过（须无错误）', approveReport);
  app.post(
    '/api/agencies/:agencyId/reports/:year/return',
    { schema: { tags, summary: '退回修改（可附退回意见）', ...spec(api['POST /api/agencies/:agencyId/reports/:year/return']) } },
    async (request) => {
      await returnReport(ctx, requireStaff(request), request.params.agencyId, request.params.year, request.body?.reason);
      return reportWorkspace(ctx, requireStaff(request), request.params.agencyId, request.params.year);
    },
  );
  app.post('/api/agencies/:agencyId/reports/:year/publish', { schema: { tags, summary: '发布（冻结为一个版本）', ...spec(api['POST /api/agencies/:agencyId/reports/:year/publish']) } }, async (request) =>
    publishReport(ctx, requireStaff(request), request.params.agencyId, request.params.year),
  );
  app.get(
    '/api/agencies/:agencyId/reports/:year/cells',
    { schema: { tags, summary: '单元格对应的记录', ...spec(api['GET /api/agencies/:agencyId/reports/:year/cells']) } },
    async (request) => cellDrilldown(ctx, requireStaff(request), request.params.agencyId, request.params.year, request.query.path),
  );
  app.get(
    '/api/agencies/:agencyId/reports/:year/draft.:kind',
    { schema: { tags, summary: '草稿预览文件', ...spec(api['GET /api/agencies/:agencyId/reports/:year/draft.:kind']) } },
    async (request, reply) => {
      const f = await draftFile(ctx, requireStaff(request), request.params.agencyId, request.params.year, request.params.kind);
      if (request.params.kind !== 'html') return sendDownload(reply, { ...f, mime: MIME[request.params.kind] });
      // the preview page, generated here from the draft, is shown in the browser (its bytes sent as they are)
      const page: FastifyReply = reply;
      return page.header('content-type', MIME.html).header('x-content-type-options', 'nosniff').send(f.bytes);
    },
  );
  app.get(
    '/api/agencies/:agencyId/reports/:year/versions/:version/:kind',
    { schema: { tags, summary: '已发布版本的文件', ...spec(api['GET /api/agencies/:agencyId/reports/:year/versions/:version/:kind']) } },
    async (request, reply) => {
      await assertRead(ctx.db, requireStaff(request), request.params.agencyId);
      const f = await versionFile(ctx, request.params.agencyId, request.params.year, request.params.version, request.params.kind);
      return sendDownload(reply, { ...f, mime: request.params.kind === 'original' ? undefined : MIME[request.params.kind] });
    },
  );
  app.post(
    '/api/agencies/:agencyId/reports/import',
    {
      // the form is read by importForm (its file never reaches the validator); its schema documents it
      validatorCompiler: serviceChecksBody,
      schema: {
        tags,
        summary: '导入以往年度已公布的报告，第一步：读取并显示读取结果与检查结果，不保存（文本、.docx、.pdf、.html）',
        ...spec(api['POST /api/agencies/:agencyId/reports/import']),
      },
    },
    async (request) => {
      const staff = requireStaff(request);
      const { file, year } = await importForm(request);
      return previewImport(ctx, staff, request.params.agencyId, file, year);
    },
  );
  app.post(
    '/api/agencies/:agencyId/reports/import/confirm',
    {
      validatorCompiler: serviceChecksBody,
      schema: {
        tags,
        summary: '导入以往年度已公布的报告，第二步：确认后保存为该年度的一个“导入”版本（同一文件与第一步返回的 token；不在门户网站公开）',
        ...spec(api['POST /api/agencies/:agencyId/reports/import/confirm']),
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request);
      const { file, year, token } = await importForm(request);
      const saved = await confirmImport(ctx, staff, request.params.agencyId, file, token, year);
      reply.code(201);
      return saved;
    },
  );
  app.get('/api/supervision', { schema: { tags, summary: '所辖机关各年度报告的对比', ...spec(supervisionApi['GET /api/supervision']) } }, async (request) =>
    supervisionOverview(ctx, requireStaff(request), request.query.from, request.query.to),
  );
}
