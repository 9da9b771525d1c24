/**
 * The annual report in the back office: the editor's workspace, drafts, approval and publication, drill-down,
 * files, bringing in earlier years (read and shown first, saved on confirmation), and the supervisors'
 * comparison.
 */
import { z } from 'zod';
import { int32, positiveInt32 } from '../../core/safe-input';
import type { Ctx } from '../../services/context';
import { SEVERITY_LABELS, type Severity } from '../../core/report/findings';
import { reportSchema } from '../../core/report/model';
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

const agencyParams = z.object({ agencyId: positiveInt32('机关编号', '机关编号无效') });
const params = agencyParams.extend({ year: int32('年度', { min: 2019, max: 2100 }) });
const MIME = { docx: FILE_MIME.docx, xlsx: FILE_MIME.xlsx, html: 'text/html; charset=utf-8' } as const;

const findingSchema = z.object({
  rule: z.string(),
  severity: z.enum(Object.keys(SEVERITY_LABELS) as [Severity, ...Severity[]]),
  message: z.string(),
  where: z.string(),
});
const counts = z.object({ error: z.number(), warning: z.number(), info: z.number() });
const nullableNumber = z.number().nullable();
/** what was read from a report brought in, before it is saved (POST …/reports/import) */
const importPreview = z.object({
  token: z.string().meta({ description: '确认导入时随同一文件提交' }),
  year: z.number(),
  format: z.enum(['2019', '2021']),
  printedAgency: z.string().nullable().meta({ description: '报告中印载的机关名称' }),
  agency: z.object({ id: z.number(), name: z.string() }),
  figures: z.object({
    format: z.enum(['2019', '2021']),
    received: nullableNumber,
    carriedOver: nullableNumber,
    answered: nullableNumber,
    carriedForward: nullableNumber,
    disclosedShare: nullableNumber,
    reviews: nullableNumber,
    suits: nullableNumber,
    documents: nullableNumber,
    licensing: nullableNumber,
    punishment: nullableNumber,
    enforcement: nullableNumber,
  }),
  report: reportSchema,
  findings: z.array(findingSchema),
  counts,
  existing: z.array(z.object({ version: z.number(), source: z.string() })).meta({ description: '该年度已有的版本' }),
});
const importSaved = z.object({ year: z.number(), version: z.number(), format: z.enum(['2019', '2021']), report: reportSchema, findings: z.array(findingSchema), counts });

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

  app.get(
    '/api/agencies/:agencyId/reports',
    { schema: { tags, summary: '各年度报告及其状态、已发布版本', params: agencyParams } },
    async (request) => reportYears(ctx, requireStaff(request), request.params.agencyId),
  );
  app.get('/api/agencies/:agencyId/reports/:year', { schema: { tags, summary: '报告编辑：表格、正文、检查结果', params } }, async (request) =>
    reportWorkspace(ctx, requireStaff(request), request.params.agencyId, request.params.year),
  );
  app.put(
    '/api/agencies/:agencyId/reports/:year/sections',
    {
      schema: {
        tags,
        summary: '保存正文（一、五、六部分）',
        params,
        querystring: z.object({ version: positiveInt32('版本号').optional() }),
        body: z.object({ overview: z.string().optional(), problems: z.string().optional(), other: z.string().optional() }),
      },
    },
    async (request) => {
      await saveSections(ctx, requireStaff(request), request.params.agencyId, request.params.year, request.body, request.query.version);
      return reportWorkspace(ctx, requireStaff(request), request.params.agencyId, request.params.year);
    },
  );
  const step = (name: string, summary: string, fn: typeof submitReport) =>
    app.post(`/api/agencies/:agencyId/reports/:year/${name}`, { schema: { tags, summary, params } }, async (request) => {
      await fn(ctx, requireStaff(request), request.params.agencyId, request.params.year);
      return reportWorkspace(ctx, requireStaff(request), request.params.agencyId, request.params.year);
    });
  step('submit', '提交审核', submitReport);
  step('approve', '审核通过（须无错误）', approveReport);
  app.post(
    '/api/agencies/:agencyId/reports/:year/return',
    { schema: { tags, summary: '退回修改（可附退回意见）', params, body: z.object({ reason: z.string().max(1000, '退回意见不能超过 1000 字').optional() }).nullish() } },
    async (request) => {
      await returnReport(ctx, requireStaff(request), request.params.agencyId, request.params.year, request.body?.reason);
      return reportWorkspace(ctx, requireStaff(request), request.params.agencyId, request.params.year);
    },
  );
  app.post('/api/agencies/:agencyId/reports/:year/publish', { schema: { tags, summary: '发布（冻结为一个版本）', params } }, async (request) =>
    publishReport(ctx, requireStaff(request), request.params.agencyId, request.params.year),
  );
  app.get(
    '/api/agencies/:agencyId/reports/:year/cells',
    { schema: { tags, summary: '单元格对应的记录', params, querystring: z.object({ path: z.string().min(3).max(100) }) } },
    async (request) => cellDrilldown(ctx, requireStaff(request), request.params.agencyId, request.params.year, request.query.path),
  );
  app.get(
    '/api/agencies/:agencyId/reports/:year/draft.:kind',
    { schema: { tags, summary: '草稿预览文件', params: params.extend({ kind: z.enum(['docx', 'xlsx', 'html']) }) } },
    async (request, reply) => {
      const f = await draftFile(ctx, requireStaff(request), request.params.agencyId, request.params.year, request.params.kind);
      if (request.params.kind !== 'html') return sendDownload(reply, { ...f, mime: MIME[request.params.kind] });
      // the preview page, generated here from the draft, is shown in the browser
      return reply.header('content-type', MIME.html).header('x-content-type-options', 'nosniff').send(f.bytes);
    },
  );
  app.get(
    '/api/agencies/:agencyId/reports/:year/versions/:version/:kind',
    { schema: { tags, summary: '已发布版本的文件', params: params.extend({ version: positiveInt32('版本号'), kind: z.enum(['docx', 'xlsx', 'original'], { error: '文件类别无效' }) }) } },
    async (request, reply) => {
      await assertRead(ctx.db, requireStaff(request), request.params.agencyId);
      const f = await versionFile(ctx, request.params.agencyId, request.params.year, request.params.version, request.params.kind);
      return sendDownload(reply, { ...f, mime: request.params.kind === 'original' ? undefined : MIME[request.params.kind] });
    },
  );
  app.post(
    '/api/agencies/:agencyId/reports/import',
    {
      schema: {
        tags,
        summary: '导入以往年度已公布的报告，第一步：读取并显示读取结果与检查结果，不保存（文本、.docx、.pdf、.html）',
        params: agencyParams,
        consumes: ['multipart/form-data'],
        response: { 200: importPreview },
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
      schema: {
        tags,
        summary: '导入以往年度已公布的报告，第二步：确认后保存为该年度的一个“导入”版本（同一文件与第一步返回的 token；不在门户网站公开）',
        params: agencyParams,
        consumes: ['multipart/form-data'],
        response: { 201: importSaved },
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
  app.get(
    '/api/supervision',
    { schema: { tags, summary: '所辖机关各年度报告的对比', querystring: z.object({ from: int32('起始年度', { min: 2019, max: 2100 }).default(2019), to: int32('截止年度', { min: 2019, max: 2100 }).default(2100) }) } },
    async (request) => supervisionOverview(ctx, requireStaff(request), request.query.from, request.query.to),
  );
}
