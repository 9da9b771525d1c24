/**
 * The supervising office's audit, follow-up (整改) and comparison, on the reports of the agencies below the
 * signed-in supervisor's own (src/services/supervision/): the findings across agencies and years with the
 * reviewer's decisions, a finding in context, corrections of misread cells, 整改通知 and the corrected
 * reports compared, the figures compared and ranked, and the evaluator's workbook.
 *
 * What each operation takes and answers is declared in src/http/schemas/supervision-audit.ts (`supervisionAuditApi`).
 */
import type { Ctx } from '../../services/context';
import { auditFindings, decideFinding, findingContext, undecideFinding } from '../../services/supervision/audit';
import { correctCell, fileCorrections } from '../../services/supervision/corrections';
import {
  attachCorrected,
  followupStatus,
  issueRectification,
  listRectifications,
  rectification,
  rectificationComparison,
  rectificationDocx,
} from '../../services/supervision/followup';
import { comparison, comparisonWorkbook } from '../../services/supervision/compare';
import { MIME } from '../../services/uploads';
import { sendDownload } from '../multipart';
import { spec } from '../schemas/common';
import { supervisionAuditApi as api } from '../schemas/supervision-audit';
import { requireStaff, type TypedApp } from '../app';

export function registerSupervisionAuditRoutes(app: TypedApp, ctx: Ctx): void {
  const tags = ['监督检查：审查、整改、对比'];

  // ---- audit
  app.get(
    '/api/supervision/findings',
    { schema: { tags, summary: '所辖机关各年度报告的全部问题及处理意见（可按规则、严重程度、机关、年度、处理意见筛选）', ...spec(api['GET /api/supervision/findings']) } },
    async (request) => auditFindings(ctx, requireStaff(request), request.query),
  );
  app.get(
    '/api/supervision/findings/context',
    { schema: { tags, summary: '问题在报告原文中的位置：高亮的句子或表格行，及所在单元格', ...spec(api['GET /api/supervision/findings/context']) } },
    async (request) => findingContext(ctx, requireStaff(request), request.query.subjectAgencyId, request.query.year, request.query.fingerprint),
  );
  app.post(
    '/api/supervision/findings/decide',
    { schema: { tags, summary: '确认或排除一个问题（排除须填写理由）；同一问题在重新读取或新版本中沿用', ...spec(api['POST /api/supervision/findings/decide']) } },
    async (request) => decideFinding(ctx, requireStaff(request), request.body),
  );
  app.post(
    '/api/supervision/findings/undecide',
    { schema: { tags, summary: '撤回对一个问题的处理意见', ...spec(api['POST /api/supervision/findings/undecide']) } },
    async (request) => {
      await undecideFinding(ctx, requireStaff(request), request.body);
      return { ok: true as const };
    },
  );

  // ---- corrections
  app.get(
    '/api/supervision/corrections',
    { schema: { tags, summary: '上传文件的单元格更正记录（最新的一条生效）', ...spec(api['GET /api/supervision/corrections']) } },
    async (request) => fileCorrections(ctx, requireStaff(request), request.query.fileId),
  );
  app.post(
    '/api/supervision/corrections',
    { schema: { tags, summary: '更正读取有误的单元格（须填写理由；原读取值保留）', ...spec(api['POST /api/supervision/corrections']) } },
    async (request, reply) => {
      const out = await correctCell(ctx, requireStaff(request), request.body);
      reply.code(201);
      return out;
    },
  );

  // ---- 整改
  app.get(
    '/api/supervision/rectifications',
    { schema: { tags, summary: '整改通知及各机关整改状态（已下发、已整改、逾期未整改、已办结）', ...spec(api['GET /api/supervision/rectifications']) } },
    async (request) => {
      const staff = requireStaff(request);
      const [rows, status] = await Promise.all([listRectifications(ctx, staff, request.query), followupStatus(ctx, staff)]);
      return { rows, status };
    },
  );
  app.post(
    '/api/supervision/rectifications',
    { schema: { tags, summary: '依已确认的问题下发整改通知（.docx，按年度编号）', ...spec(api['POST /api/supervision/rectifications']) } },
    async (request, reply) => {
      const out = await issueRectification(ctx, requireStaff(request), request.body);
      reply.code(201);
      return out;
    },
  );
  app.get(
    '/api/supervision/rectifications/:id',
    { schema: { tags, summary: '一份整改通知', ...spec(api['GET /api/supervision/rectifications/:id']) } },
    async (request) => rectification(ctx, requireStaff(request), request.params.id),
  );
  app.get(
    '/api/supervision/rectifications/:id/notice.docx',
    { schema: { tags, summary: '整改通知（.docx）', ...spec(api['GET /api/supervision/rectifications/:id/notice.docx']) } },
    async (request, reply) => sendDownload(reply, { ...(await rectificationDocx(ctx, requireStaff(request), request.params.id)), mime: MIME.docx }),
  );
  app.post(
    '/api/supervision/rectifications/:id/corrected',
    {
      schema: {
        tags,
        summary: '关联更正后的报告（新上传的文件或本系统重新发布的版本；不指定时取当前审查的报告）并与原报告对比',
        ...spec(api['POST /api/supervision/rectifications/:id/corrected']),
      },
    },
    async (request) => attachCorrected(ctx, requireStaff(request), request.params.id, request.body ?? {}),
  );
  app.get(
    '/api/supervision/rectifications/:id/comparison',
    { schema: { tags, summary: '更正后的报告与原报告的对比：已改正、仍存在、新出现的问题，及数值有变化的单元格', ...spec(api['GET /api/supervision/rectifications/:id/comparison']) } },
    async (request) => rectificationComparison(ctx, requireStaff(request), request.params.id),
  );

  // ---- comparison
  app.get(
    '/api/supervision/comparison',
    { schema: { tags, summary: '各机关各年度的数据对比与排名', ...spec(api['GET /api/supervision/comparison']) } },
    async (request) => comparison(ctx, requireStaff(request), request.query),
  );
  app.get(
    '/api/supervision/export.xlsx',
    { schema: { tags, summary: '导出审查工作簿（.xlsx）：机关数据、问题及处理意见、整改', ...spec(api['GET /api/supervision/export.xlsx']) } },
    async (request, reply) => sendDownload(reply, { ...(await comparisonWorkbook(ctx, requireStaff(request), request.query)), mime: MIME.xlsx }),
  );
}
