import type { Ctx } from '../../services/context';
import { createReviewCase, listReviewCases, updateReviewCase } from '../../services/review-cases';
import { spec } from '../schemas/common';
import { reviewCase, reviewCasesApi } from '../schemas/review-cases';
import { serviceChecksBody, type Assert, type Declares } from '../schemas/route';
import { requireStaff, type TypedApp } from '../app';

/** The answer declares every key the service returns (a key it lacks would be dropped). */
export type ReviewCasesDeclared = Assert<Declares<typeof reviewCase, Awaited<ReturnType<typeof listReviewCases>>[number]>>;

export function registerReviewCaseRoutes(app: TypedApp, ctx: Ctx): void {
  const tags = ['行政复议与行政诉讼'];
  app.get(
    '/api/agencies/:agencyId/review-cases',
    { schema: { tags, summary: '行政复议、行政诉讼案件', ...spec(reviewCasesApi['GET /api/agencies/:agencyId/review-cases']) } },
    async (request) => listReviewCases(ctx, requireStaff(request), request.params.agencyId, request.query),
  );
  // the service checks the case (its rules between fields included), with its own messages
  app.post(
    '/api/agencies/:agencyId/review-cases',
    { validatorCompiler: serviceChecksBody, schema: { tags, summary: '登记案件', ...spec(reviewCasesApi['POST /api/agencies/:agencyId/review-cases']) } },
    async (request, reply) => {
      reply.code(201);
      return createReviewCase(ctx, requireStaff(request), request.params.agencyId, request.body as unknown);
    },
  );
  app.put(
    '/api/agencies/:agencyId/review-cases/:id',
    { validatorCompiler: serviceChecksBody, schema: { tags, summary: '更新案件（结果、审结日期）', ...spec(reviewCasesApi['PUT /api/agencies/:agencyId/review-cases/:id']) } },
    async (request) => {
      await updateReviewCase(ctx, requireStaff(request), request.params.agencyId, request.params.id, request.body as unknown);
      return { ok: true as const };
    },
  );
}
