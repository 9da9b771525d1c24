/**
 * The HTTP application: Fastify with zod-validated routes (OpenAPI served at /api/docs), staff sessions in an
 * http-only cookie, rate-limited public endpoints, and the web app served from the same process.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from '../config';
import type { Ctx, StaffActor } from '../services/context';
import { SESSION_COOKIE, sessionUser } from '../services/accounts';
import { ServiceError } from '../services/errors';
import { MAX_UPLOAD_BYTES } from '../services/uploads';
import { MAX_UPLOADS } from '../services/applications';
import { registerAuthRoutes } from './routes/auth';
import { registerPublicRoutes } from './routes/public';
import { registerApplicationRoutes } from './routes/applications';
import { registerAdminRoutes } from './routes/admin';
import { registerReviewCaseRoutes } from './routes/review-cases';
import { registerMetaRoutes } from './routes/meta';
import { registerRegistryRoutes } from './routes/registry';
import { registerReportRoutes } from './routes/reports';

declare module 'fastify' {
  interface FastifyRequest {
    staff: (StaffActor & { username: string }) | null;
  }
}

export type App = FastifyInstance;
export type TypedApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

export interface AppOptions {
  ctx: Ctx;
  config: Config;
  logger?: boolean | { level: string };
}

/** Methods that change nothing, exempt from the same-site check. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The signed-in staff member, or a 401. */
export function requireStaff(request: FastifyRequest): StaffActor & { username: string } {
  if (!request.staff) throw new ServiceError(401, '请先登录');
  return request.staff;
}

/** Serve until SIGINT or SIGTERM, then close the server and the database and exit. */
export function closeOnSignals(app: App, database: { close(): Promise<void> }): void {
  const stop = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

export async function buildApp({ ctx, config, logger = false }: AppOptions): Promise<App> {
  const app = Fastify({
    logger,
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      error: `请求过于频繁，请 ${Math.ceil(ctx.ttl / 1000)} 秒后再试`,
    }),
  });
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: MAX_UPLOADS, fields: 50, fieldSize: 64 * 1024 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Gongkai 公开 API', description: '政府信息公开工作平台接口', version: '0.1.0' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.decorateRequest('staff', null);
  app.addHook('onRequest', async (request, reply) => {
    // only the API reads the session: the web app's files and pages are the same for everyone
    const token = request.cookies[SESSION_COOKIE];
    if (!token || !request.url.startsWith('/api/')) return;
    request.staff = await sessionUser(ctx.db, token, ctx.clock.now());
    if (!request.staff) reply.clearCookie(SESSION_COOKIE, { path: '/' });
    // a change made with the session cookie must come from this site (CSRF)
    if (request.staff && !SAFE_METHODS.has(request.method)) {
      const origin = request.headers.origin;
      if (origin && new URL(origin).host !== request.headers.host) throw new ServiceError(403, '跨站请求被拒绝');
    }
  });

  app.setErrorHandler((error: unknown, request, reply) => sendError(app, error, request, reply));
  const hasIndex = Boolean(config.webDir) && existsSync(path.join(config.webDir!, 'index.html'));
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || !hasIndex) {
      return reply.code(404).send({ error: '未找到' });
    }
    return reply.type('text/html').sendFile('index.html');
  });

  const typed = app.withTypeProvider<ZodTypeProvider>();
  registerMetaRoutes(typed);
  registerAuthRoutes(typed, ctx, config);
  registerPublicRoutes(typed, ctx, config);
  registerApplicationRoutes(typed, ctx);
  registerReviewCaseRoutes(typed, ctx);
  registerAdminRoutes(typed, ctx);
  registerRegistryRoutes(typed, ctx);
  registerReportRoutes(typed, ctx);

  if (config.webDir && existsSync(config.webDir)) {
    await app.register(fastifyStatic, { root: config.webDir, prefix: '/', wildcard: false, index: 'index.html' });
  }
  return app;
}

function sendError(app: FastifyInstance, error: unknown, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof ServiceError) {
    return reply.code(error.status).send({ error: error.message, fields: error.fields });
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const fields = error.validation.map((v) => {
      const issue = (v.params as { issue?: { path?: PropertyKey[]; message?: string } } | undefined)?.issue;
      const where = issue?.path?.map(String).join('.') || v.instancePath.replace(/^\//, '').replaceAll('/', '.');
      return { path: where, message: issue?.message ?? v.message ?? '输入有误' };
    });
    return reply.code(400).send({ error: `输入有误：${fields[0]?.message ?? ''}`, fields });
  }
  const e = error as { statusCode?: number; code?: string; message?: string };
  if (e.code === 'FST_REQ_FILE_TOO_LARGE') return reply.code(413).send({ error: `附件超过 ${MAX_UPLOAD_BYTES / 1048576} MB` });
  if (e.code === 'FST_FILES_LIMIT') return reply.code(413).send({ error: `附件最多 ${MAX_UPLOADS} 个` });
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.code(413).send({ error: '提交的内容过大' });
  if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return reply.code(415).send({ error: '不支持的提交格式' });
  if (e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return reply.code(400).send({ error: '提交的内容不是有效的 JSON' });
  if (e.statusCode === 429) return reply.code(429).send(error);
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) return reply.code(e.statusCode).send({ error: e.message ?? '请求有误' });
  app.log.error({ err: error, url: request.url }, 'unhandled error');
  return reply.code(500).send({ error: '服务器内部错误，请稍后再试' });
}
