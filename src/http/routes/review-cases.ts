import { z } from 'zod';
import { int32, positiveInt32 } from '../../core/safe-input';
import type { Ctx } from '../../services/context';
import { createReviewCase, listReviewCases, updateReviewCase } from '../../services/review-cases';
import { requireStaff, type TypedApp } from '../app';

const agencyParams = z.object({ agencyId: positiveInt32('机关编号', '机关编号无效') });

export function registerReviewCaseRoutes(app: TypedApp, ctx: Ctx): void {
  const tags = ['行政复议与行政诉讼'];
  app.get(
    '/api/agencies/:agencyId/review-cases',
    { schema: { tags, summary: '行政复议、行政诉讼案件', params: agencyParams, querystring: z.object({ applicationId: z.uuid().optional(), year: int32('年度').optional() }) } },
    async (request) => listReviewCases(ctx, requireStaff(request), request.params.agencyId, request.query),
  );
  app.post('/api/agencies/:agencyId/review-cases', { schema: { tags, summary: '登记案件', params: agencyParams, body: z.record(z.string(), z.unknown()) } }, async (request, reply) => {
    reply.code(201);
    return createReviewCase(ctx, requireStaff(request), request.params.agencyId, request.body);
  });
  app.put(
    '/api/agencies/:agencyId/review-cases/:id',
    { schema: { tags, summary: '更新案件（结果、审结日期）', params: agencyParams.extend({ id: z.uuid() }), body: z.record(z.string(), z.unknown()) } },
    async (request) => {
      await updateReviewCase(ctx, requireStaff(request), request.params.agencyId, request.params.id, request.body);
      return { ok: true };
    },
  );
}
