/**
 * The back office's case handling: the queue, registration, the case page, the steps, attachments.
 * Every route needs a signed-in staff member; the services check the role and the agency.
 */
import { z } from 'zod';
import { positiveInt32 } from '../../core/safe-input';
import { ACTIONS, type Action } from '../../core/applications/workflow';
import type { Ctx } from '../../services/context';
import { colleagues } from '../../services/accounts';
import { act, addAttachment, getApplication, listApplications, previewStep, queueFilterSchema, registerApplication, staffAttachment } from '../../services/applications';
import { badInput } from '../../services/errors';
import { readForm, sendDownload } from '../multipart';
import { requireStaff, type TypedApp } from '../app';

const agencyParams = z.object({ agencyId: positiveInt32('机关编号', '机关编号无效') });
const caseParams = agencyParams.extend({ id: z.uuid('申请编号无效') });

export function registerApplicationRoutes(app: TypedApp, ctx: Ctx): void {
  const tags = ['依申请公开'];

  app.get('/api/agencies/:agencyId/applications', { schema: { tags, summary: '申请列表（按期限排序）', params: agencyParams, querystring: queueFilterSchema } }, async (request) =>
    listApplications(ctx, requireStaff(request), request.params.agencyId, request.query),
  );

  app.post('/api/agencies/:agencyId/applications', { schema: { tags, summary: '登记当面、邮寄或传真提交的申请', params: agencyParams } }, async (request, reply) => {
    const staff = requireStaff(request);
    const { data, files } = await readForm(request);
    const created = await registerApplication(ctx, staff, { ...data, agencyId: request.params.agencyId }, files);
    reply.code(201);
    return created;
  });

  app.get('/api/agencies/:agencyId/applications/:id', { schema: { tags, summary: '申请详情、时间线与可办理的步骤', params: caseParams } }, async (request) =>
    getApplication(ctx, requireStaff(request), request.params.agencyId, request.params.id),
  );

  app.post(
    '/api/agencies/:agencyId/applications/:id/actions/:action',
    {
      schema: {
        tags,
        summary: '办理一个步骤（补正、征求意见、延期、收费、答复、办结……）',
        params: caseParams.extend({ action: z.enum(ACTIONS, { error: '无效的办理步骤' }) }),
        querystring: z.object({ version: positiveInt32('版本号').optional() }),
        body: z.record(z.string(), z.unknown()).nullish(),
      },
    },
    async (request) =>
      act(ctx, requireStaff(request), request.params.agencyId, request.params.id, request.params.action as Action, request.body ?? {}, request.query.version),
  );

  app.post(
    '/api/agencies/:agencyId/applications/:id/preview/:action',
    {
      schema: {
        tags,
        summary: '预览一个步骤发出的通知书（补正告知书、延期答复告知书、征求意见函、收费通知书、答复书……）',
        params: caseParams.extend({ action: z.enum(ACTIONS, { error: '无效的办理步骤' }) }),
        body: z.record(z.string(), z.unknown()).nullish(),
      },
    },
    // null when the step issues no notice
    async (request) => previewStep(ctx, requireStaff(request), request.params.agencyId, request.params.id, request.params.action as Action, request.body ?? {}),
  );

  app.post('/api/agencies/:agencyId/applications/:id/attachments', { schema: { tags, summary: '上传附件', params: caseParams } }, async (request, reply) => {
    const staff = requireStaff(request);
    const { files } = await readForm(request);
    if (files.length !== 1) throw badInput('请上传一个文件');
    reply.code(201);
    return addAttachment(ctx, staff, request.params.agencyId, request.params.id, files[0]);
  });

  app.get(
    '/api/agencies/:agencyId/applications/:id/attachments/:attachmentId',
    { schema: { tags, summary: '下载附件', params: caseParams.extend({ attachmentId: z.uuid() }) } },
    async (request, reply) => {
      const file = await staffAttachment(ctx, requireStaff(request), request.params.agencyId, request.params.id, request.params.attachmentId);
      return sendDownload(reply, file);
    },
  );

  app.get('/api/colleagues', { schema: { tags, summary: '本机关可分配的工作人员' } }, async (request) => colleagues(ctx.db, requireStaff(request)));
}
