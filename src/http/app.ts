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
import helmet from '@fastify/helmet';
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
import { fastifyTrustProxy, type Config } from '../config';
import type { Ctx, StaffActor } from '../services/context';
import { SESSION_COOKIE, sessionUser } from '../services/accounts';
import { ServiceError } from '../services/errors';
import { badCharacterMessage, findBadText, useChineseZodMessages } from '../core/safe-input';
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
import { registerSupervisionRoutes } from './routes/supervision';
import { registerSupervisionAuditRoutes } from './routes/supervision-audit';
import { redactError } from './redact';

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
  /** told of every route as it is added (test/http/rights-matrix.test.ts collects them) */
  onRoute?: (route: { method: string | string[]; url: string }) => void;
}

/** The published report page, which the portal shows in a frame (web/src/pages/PublicReport.tsx). */
const FRAMED_BY_PORTAL = /^\/api\/public\/agencies\/\d+\/reports\/\d+\/page(?:\?|$)/;

/** The parts of a request a validation error can be about as a whole, as the user is told. */
const PART_LABELS: Record<string, string> = { body: '提交的内容', querystring: '查询参数', params: '网址参数', headers: '请求头' };

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

export async function buildApp({ ctx, config, logger = false, onRoute }: AppOptions): Promise<App> {
  const app = Fastify({
    logger,
    trustProxy: fastifyTrustProxy(config.trustProxy),
    bodyLimit: 1024 * 1024,
    frameworkErrors: (error, _request, reply) => sendFrameworkError(error, reply),
  });
  if (onRoute) app.addHook('onRoute', (route) => onRoute(route));
  useChineseZodMessages();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(cookie);
  // Security headers on every answer. The web app's scripts are its own files; Ant Design writes its styles at
  // run time (CSS-in-JS), swagger-ui and the report pages use style attributes, hence 'unsafe-inline' for styles
  // only. No page may be framed by another site; the published report page is framed by the portal itself.
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: [(req) => (FRAMED_BY_PORTAL.test(req.url ?? '') ? "'self'" : "'none'")],
        // a deployment on plain HTTP (an intranet) must keep loading its own files
        upgradeInsecureRequests: null,
      },
    },
    referrerPolicy: { policy: 'same-origin' },
    // HSTS only behind TLS (GONGKAI_SECURE_COOKIES)
    strictTransportSecurity: config.secureCookies ? { maxAge: 180 * 86400, includeSubDomains: false } : false,
  });
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
      if (origin) {
        const host = originHost(origin);
        if (host === null) throw new ServiceError(400, '请求头 Origin 无效，无法确认请求来自本站', [{ path: 'headers.origin', message: '请求头 Origin 无效' }]);
        if (host !== request.headers.host) throw new ServiceError(403, '跨站请求被拒绝');
      }
    }
  });
  // text the database cannot hold (NUL, lone surrogates) and query strings that are not UTF-8, refused by
  // name before any schema or service sees them; multipart forms are checked as they are read (./multipart.ts)
  app.addHook('preValidation', async (request) => {
    refuseBadInput(request);
  });

  app.setErrorHandler((error: unknown, request, reply) => sendError(app, error, request, reply));
  const hasIndex = Boolean(config.webDir) && existsSync(path.join(config.webDir!, 'index.html'));
  app.setNotFoundHandler((request, reply) => {
    // any other address is a page of the web app, which routes it itself; but a missing file under /assets/
    // (of an earlier build, asked for by a page left open) is not a page: the script must fail, not get HTML
    if (request.url.startsWith('/api/') || request.url.startsWith('/assets/') || !hasIndex) {
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
  registerSupervisionRoutes(typed, ctx);
  registerSupervisionAuditRoutes(typed, ctx);

  if (config.webDir && existsSync(config.webDir)) {
    const webDir = config.webDir;
    await app.register(fastifyStatic, {
      root: webDir,
      prefix: '/',
      wildcard: false,
      index: 'index.html',
      // the brotli and gzip copies written by the build (scripts/compress-web.ts), sent as they are to a browser
      // that accepts them (Content-Encoding, Vary: Accept-Encoding); never on their own at their own address
      preCompressed: true,
      globIgnore: ['**/*.br', '**/*.gz'],
      setHeaders: (reply, file) => {
        reply.header('cache-control', webCacheControl(path.relative(webDir, file)));
      },
    });
  }
  return app;
}

/** A file of the web app named by a hash of its content, as Vite names those under assets/ ("index-DbZneoHK.js"). */
const HASHED_WEB_FILE = /^assets\/[^/]+-[\w-]{8}\.\w+(?:\.(?:br|gz))?$/;

/**
 * How long a browser may keep a file of the web app (its path under the web folder, maybe its .br/.gz copy):
 * a hashed file never changes (a new build names its files anew), so for a year without asking again; any other
 * (index.html, which names the current ones) only after asking whether it changed (ETag, 304).
 */
export function webCacheControl(file: string): string {
  return HASHED_WEB_FILE.test(file.split(path.sep).join('/')) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

function sendError(app: FastifyInstance, error: unknown, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof ServiceError) {
    return reply.code(error.status).send({ error: error.message, fields: error.fields });
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const fields = error.validation.map((v) => {
      const issue = (v.params as { issue?: { path?: PropertyKey[]; message?: string } } | undefined)?.issue;
      // an issue with the whole body or query names that part ("body", "querystring")
      const field = issue?.path?.map(String).join('.') || v.instancePath.replace(/^\//, '').replaceAll('/', '.');
      const message = issue?.message ?? v.message ?? '输入有误';
      if (field) return { path: field, message };
      const part = error.validationContext ?? 'body';
      return { path: part, message: `${PART_LABELS[part] ?? part}：${message}` };
    });
    // every wrong field is named, not only the first (a request may lack one field and break another)
    return reply.code(400).send({ error: `输入有误：${[...new Set(fields.map((f) => f.message))].join('；')}`, fields });
  }
  const e = error as { statusCode?: number; code?: string; message?: string };
  const multipartError = multipartRefusal(e, request);
  if (multipartError) return reply.code(multipartError.status).send({ error: multipartError.message, fields: [{ path: multipartError.path, message: multipartError.message }] });
  if (e.code === 'FST_REQ_FILE_TOO_LARGE') return reply.code(413).send({ error: `附件超过 ${MAX_UPLOAD_BYTES / 1048576} MB` });
  if (e.code === 'FST_FILES_LIMIT') return reply.code(413).send({ error: `附件最多 ${MAX_UPLOADS} 个` });
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.code(413).send({ error: '提交的内容过大' });
  if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return reply.code(415).send({ error: '不支持的提交格式' });
  if (e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return reply.code(400).send({ error: '提交的内容不是有效的 JSON' });
  if (e.statusCode === 429) return reply.code(429).send(error);
  if (e.statusCode === 400 && /prototype property/i.test(e.message ?? '')) return reply.code(400).send({ error: '提交的内容含有不允许的字段名（__proto__ 或 constructor.prototype）' });
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    // Fastify's own refusals are in English: only a message already in Chinese is passed on
    return reply.code(e.statusCode).send({ error: /[\u4e00-\u9fff]/.test(e.message ?? '') ? e.message : `请求有误${e.code ? `（${e.code}）` : ''}` });
  }
  // never the error itself: a failed query's message and fields carry its values (ID and phone numbers)
  app.log.error({ error: redactError(error), method: request.method, url: request.url.split('?')[0] }, 'unhandled error');
  return reply.code(500).send({ error: '服务器内部错误，请稍后再试' });
}

/** The host an Origin header names ("https://gk.example:8443" → "gk.example:8443"); null for "null" or one that is not a URL. */
function originHost(origin: string): string | null {
  if (!URL.canParse(origin)) return null;
  const url = new URL(origin);
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.host : null;
}

/** The part of a query string that may be percent-encoded UTF-8: a bare "%" is taken literally, as Node does. */
function decodeQueryPart(raw: string): string | null {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' ').replace(/%(?![0-9a-fA-F]{2})/g, '%25'));
  } catch {
    return null;
  }
}

/** 400 naming the field when the raw query string, the path, the query or a JSON body holds text the database cannot. */
function refuseBadInput(request: FastifyRequest): void {
  const refuse = (path: string, message: string): never => {
    throw new ServiceError(400, message, [{ path, message }]);
  };
  const q = request.url.indexOf('?');
  if (q >= 0) {
    for (const pair of request.url.slice(q + 1).split('&')) {
      const eq = pair.indexOf('=');
      const rawKey = eq >= 0 ? pair.slice(0, eq) : pair;
      const key = decodeQueryPart(rawKey);
      if (key === null || (eq >= 0 && decodeQueryPart(pair.slice(eq + 1)) === null)) {
        const name = key ?? rawKey.slice(0, 40);
        refuse(name, `查询参数“${name}”不是有效的 UTF-8 编码（含有无效的 % 转义），请检查后再提交`);
      }
    }
  }
  const sources: [unknown, (path: string) => string][] = [
    [request.params, (path) => `网址中的“${path}”`],
    [request.query, (path) => `查询参数“${path}”`],
    [request.body, (path) => `字段“${path}”`],
  ];
  for (const [value, label] of sources) {
    const bad = findBadText(value);
    if (bad) refuse(bad.path, badCharacterMessage(label(bad.path || '内容'), bad.problem));
  }
}

/** Errors Fastify answers before any route runs: a path that is not valid percent-encoded UTF-8, … */
function sendFrameworkError(error: { code?: string }, reply: FastifyReply) {
  if (error.code === 'FST_ERR_BAD_URL') {
    const message = '网址不是有效的 UTF-8 编码（含有无效的 % 转义），请检查后再提交';
    return reply.code(400).send({ error: message, fields: [{ path: 'url', message }] });
  }
  return reply.code(400).send({ error: `请求有误${error.code ? `（${error.code}）` : ''}` });
}

/** A multipart form the parser could not read (no boundary, cut short, too many parts), as a refusal naming it. */
function multipartRefusal(e: { statusCode?: number; code?: string; message?: string }, request: FastifyRequest): { status: number; message: string; path: string } | null {
  switch (e.code) {
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return { status: 413, message: '提交的表单字段过多', path: 'body' };
    case 'FST_PROTO_VIOLATION':
      return { status: 400, message: '提交的表单含有不允许的字段名（__proto__ 或 constructor）', path: 'body' };
    case 'FST_INVALID_JSON_FIELD_ERROR':
      return { status: 400, message: '提交的表单中声明为 JSON 的字段不是有效的 JSON', path: 'body' };
    case 'FST_MP_PREMATURE_CLOSE':
      return { status: 400, message: '提交的表单不完整（传输在中途中断），请重新提交', path: 'body' };
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return { status: 415, message: '提交的内容不是 multipart/form-data 表单', path: 'headers.content-type' };
    default:
      break;
  }
  // the parser's own errors carry no code (src/http/multipart.ts maps them where forms are read)
  if (e.statusCode === undefined && e.code === undefined && request.isMultipart() && /multipart|boundary|terminated early|part header/i.test(e.message ?? '')) {
    return /boundary/i.test(e.message ?? '')
      ? { status: 400, message: '提交的表单缺少分隔符（Content-Type 的 boundary 参数）', path: 'headers.content-type' }
      : { status: 400, message: '提交的表单不完整或格式有误，请重新提交', path: 'body' };
  }
  return null;
}
