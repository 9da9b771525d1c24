/**
 * The back office's case handling: the queue, registration, the case page, the steps, attachments.
 * Every route needs a signed-in staff member; the services check the role and the agency.
 */
import type { Action, Role } from '../../core/applications/workflow';
import type { Ctx } from '../../services/context';
import { colleagues } from '../../services/accounts';
import { act, addAttachment, getApplication, listApplications, previewStep, registerApplication, staffAttachment } from '../../services/applications';
import { waitingForReview } from '../../services/applications/waiting';
import { badInput } from '../../services/errors';
import { readForm, sendDownload } from '../multipart';
import { spec } from '../schemas/common';
import { applicationsApi, caseDetail, caseSummary, createdApplication, waitingAnswer } from '../schemas/applications';
import { serviceChecksBody, type Assert, type Declares } from '../schemas/route';
import { requireStaff, type TypedApp } from '../app';

type Result<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;
/** The answers declare every key the services return (a key they lack would be dropped). */
export type ApplicationsDeclared = [
  Assert<Declares<typeof caseSummary, Result<typeof listApplications>[number]>>,
  Assert<Declares<typeof caseDetail, Result<typeof getApplication>>>,
  Assert<Declares<typeof createdApplication, Result<typeof registerApplication>>>,
  Assert<Declares<typeof waitingAnswer, Result<typeof waitingForReview>>>,
];

export function registerApplicationRoutes(app: TypedApp, ctx: Ctx): void {
  const tags = ['依申请公开'];

  app.get('/api/agencies/:agencyId/applications', { schema: { tags, summary: '申请列表（按期限排序）', ...spec(applicationsApi['GET /api/agencies/:agencyId/applications']) } }, async (request) =>
    listApplications(ctx, requireStaff(request), request.params.agencyId, request.query),
  );

  app.get(
    '/api/agencies/:agencyId/waiting',
    {
      schema: { tags, summary: '待审核事项：延期待审核的申请件数、待审批的年度报告', ...spec(applicationsApi['GET /api/agencies/:agencyId/waiting']) },
    },
    async (request) => waitingForReview(ctx, requireStaff(request), request.params.agencyId),
  );

  app.post(
    '/api/agencies/:agencyId/applications',
    {
      // JSON or a multipart form: registerApplication checks it
      validatorCompiler: serviceChecksBody,
      schema: {
        tags,
        summary: '登记当面、邮寄或传真提交的申请',
        description: 'JSON，或 multipart（字段 data 为上述 JSON，文件字段名为附件类别：idCopy 身份证明、supporting 其他材料）；受理机关为路径中的机关',
        ...spec(applicationsApi['POST /api/agencies/:agencyId/applications']),
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request);
      const { data, files } = await readForm(request);
      const created = await registerApplication(ctx, staff, { ...data, agencyId: request.params.agencyId }, files);
      reply.code(201);
      return created;
    },
  );

  app.get('/api/agencies/:agencyId/applications/:id', { schema: { tags, summary: '申请详情、时间线与可办理的步骤', ...spec(applicationsApi['GET /api/agencies/:agencyId/applications/:id']) } }, async (request) =>
    getApplication(ctx, requireStaff(request), request.params.agencyId, request.params.id),
  );

  app.post(
    '/api/agencies/:agencyId/applications/:id/actions/:action',
    {
      // each step has its own body: act checks it with the step's schema (ACTION_SCHEMAS)
      validatorCompiler: serviceChecksBody,
      schema: {
        tags,
        summary: '办理一个步骤（补正、征求意见、延期、收费、答复、办结……）',
        description: '请求体为所办步骤（路径中的 action）的内容；?version= 为页面上申请的版本，已被他人更新时答复 409',
        ...spec(applicationsApi['POST /api/agencies/:agencyId/applications/:id/actions/:action']),
      },
    },
    async (request) =>
      act(ctx, requireStaff(request), request.params.agencyId, request.params.id, request.params.action as Action, (request.body as unknown) ?? {}, request.query.version),
  );

  app.post(
    '/api/agencies/:agencyId/applications/:id/preview/:action',
    {
      validatorCompiler: serviceChecksBody,
      schema: {
        tags,
        summary: '预览一个步骤发出的通知书（补正告知书、延期答复告知书、征求意见函、收费通知书、答复书……）',
        ...spec(applicationsApi['POST /api/agencies/:agencyId/applications/:id/preview/:action']),
      },
    },
    // null when the step issues no notice
    async (request) => previewStep(ctx, requireStaff(request), request.params.agencyId, request.params.id, request.params.action as Action, (request.body as unknown) ?? {}),
  );

  app.post(
    '/api/agencies/:agencyId/applications/:id/attachments',
    { validatorCompiler: serviceChecksBody, schema: { tags, summary: '上传附件', ...spec(applicationsApi['POST /api/agencies/:agencyId/applications/:id/attachments']) } },
    async (request, reply) => {
      const staff = requireStaff(request);
      const { files } = await readForm(request);
      if (files.length !== 1) throw badInput('请上传一个文件');
      reply.code(201);
      return addAttachment(ctx, staff, request.params.agencyId, request.params.id, files[0]);
    },
  );

  app.get(
    '/api/agencies/:agencyId/applications/:id/attachments/:attachmentId',
    { schema: { tags, summary: '下载附件', ...spec(applicationsApi['GET /api/agencies/:agencyId/applications/:id/attachments/:attachmentId']) } },
    async (request, reply) => {
      const file = await staffAttachment(ctx, requireStaff(request), request.params.agencyId, request.params.id, request.params.attachmentId);
      return sendDownload(reply, file);
    },
  );

  app.get('/api/colleagues', { schema: { tags, summary: '本机关可分配的工作人员', ...spec(applicationsApi['GET /api/colleagues']) } }, async (request) =>
    // roles are checked when an account is made (src/services/accounts.ts)
    (await colleagues(ctx.db, requireStaff(request))).map((c) => ({ ...c, roles: c.roles as Role[] })),
  );
}
