/**
 * The typed client of the API. A call names its operation as the server's API map does (src/http/schemas:
 * "GET /api/public/agencies/:agencyId/reports"), and its path parameters, query, body and answer are typed
 * from the schemas the server declares, documents at /api/docs and checks every answer against:
 *
 *   const reports = await client.get('/api/public/agencies/:agencyId/reports', { params: { agencyId } });
 *
 * Only types come from the server (`import type`): nothing of it reaches the bundle. Requests go through
 * ./api, so errors are its ApiError (the status, the Chinese message, the field messages) and a 401 of the
 * back office sends the user to log in.
 */
import type { z } from 'zod';
import type { Action } from '../../../src/core/applications/workflow';
import type { ActionBody, Api } from '../../../src/http/schemas';
import { api, query as queryString } from './api';

export type {
  ActionAnswer,
  ApplicationRecord,
  AttachmentInfo,
  AuditEntry,
  CaseDetail,
  CaseSummary,
  CatalogueAnswer,
  CatalogueItem,
  Colleague,
  CorrectionBody,
  CreatedApplication,
  IntakeAnswer,
  IntakeBody,
  MetaAnswer,
  NoticePreview,
  PublicAgency,
  PublicGuide,
  PublicReportAnswer,
  PublicReportEntry,
  RegistrationBody,
  ReviewCase,
  ReviewCaseBody,
  StaffUser,
  TimelineEvent,
  TrackAnswer,
  WaitingAnswer,
} from '../../../src/http/schemas';
// administration and 主动公开 (src/http/schemas/admin.ts, registry.ts)
export type {
  CalendarStatus,
  CreatedRecords,
  Disclosure,
  DisclosureBody,
  DisclosureList,
  DisclosureStepBody,
  HolidayNoticeReading,
  NoticeTemplate,
  RecordBody,
  RecordRow,
  RegistryStats,
  StaffAgency,
  StaffGuide,
  UserAccount,
} from '../../../src/http/schemas';

type Key = keyof Api & string;
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The paths of the operations of a method. */
export type PathOf<M extends Method> = Key extends infer K ? (K extends `${M} ${infer P}` ? P : never) : never;
type Op<M extends Method, P extends string> = Api[`${M} ${P}` & Key];

/** The names of a path's parameters: "/a/:agencyId/b/:id" → "agencyId" | "id". */
type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}` ? Name | ParamNames<`/${Rest}`> : P extends `${string}:${infer Name}` ? Name : never;

/** A schema's JSON as it travels. */
type Json<S> = S extends z.ZodType ? z.input<S> : never;

/** What an operation answers (its 200 or 201; a download has no JSON answer: use `client.url`). */
export type Answer<M extends Method, P extends string> =
  Op<M, P> extends { response: { 200: infer S } } ? Json<S> : Op<M, P> extends { response: { 201: infer S } } ? Json<S> : never;

type ParamsPart<P extends string> = [ParamNames<P>] extends [never] ? { params?: undefined } : { params: Record<ParamNames<P>, string | number> };
type QueryPart<O> = O extends { querystring: infer Q } ? { query?: Partial<z.output<Q & z.ZodType>> } : { query?: undefined };
/** A body as the schema reads it; a multipart form where the operation takes one. */
type BodyPart<O> = O extends { body: infer B } ? { body: Json<B> | (O extends { form: string } ? FormData : never) } : { body?: undefined };

export type Options<M extends Method, P extends string> = ParamsPart<P> & QueryPart<Op<M, P>> & BodyPart<Op<M, P>>;
/** The options argument: required when the operation has path parameters or a body. */
type Args<M extends Method, P extends string> = {} extends Options<M, P> ? [options?: Options<M, P>] : [options: Options<M, P>];

interface AnyOptions {
  params?: Record<string, string | number>;
  query?: Record<string, string | number | boolean | null | undefined>;
  body?: unknown;
}

/** The path with its parameters filled in (each encoded), and the query (set values only). */
function address(path: string, options: AnyOptions = {}): string {
  const filled = path.replace(/:(\w+)/g, (_, name: string) => {
    const value = options.params?.[name];
    if (value === undefined) throw new Error(`缺少网址参数：${name}`);
    return encodeURIComponent(String(value));
  });
  return filled + (options.query ? queryString(options.query) : '');
}

function send(method: Method, path: string, options: AnyOptions = {}): Promise<unknown> {
  const url = address(path, options);
  switch (method) {
    case 'GET':
      return api.get(url);
    case 'POST':
      return api.post(url, options.body);
    case 'PUT':
      return api.put(url, options.body ?? {});
    case 'PATCH':
      return api.patch(url, options.body ?? {});
    case 'DELETE':
      return api.del(url);
  }
}

export const client = {
  get: <P extends PathOf<'GET'>>(path: P, ...[options]: Args<'GET', P>) => send('GET', path, options as AnyOptions) as Promise<Answer<'GET', P>>,
  post: <P extends PathOf<'POST'>>(path: P, ...[options]: Args<'POST', P>) => send('POST', path, options as AnyOptions) as Promise<Answer<'POST', P>>,
  put: <P extends PathOf<'PUT'>>(path: P, ...[options]: Args<'PUT', P>) => send('PUT', path, options as AnyOptions) as Promise<Answer<'PUT', P>>,
  patch: <P extends PathOf<'PATCH'>>(path: P, ...[options]: Args<'PATCH', P>) => send('PATCH', path, options as AnyOptions) as Promise<Answer<'PATCH', P>>,
  del: <P extends PathOf<'DELETE'>>(path: P, ...[options]: Args<'DELETE', P>) => send('DELETE', path, options as AnyOptions) as Promise<Answer<'DELETE', P>>,
  /** The address of a GET operation, for a link, a download or a frame: its parameters filled in. */
  url: <P extends PathOf<'GET'>>(path: P, ...[options]: Args<'GET', P>) => address(path, options as AnyOptions),
};

/** Take a step of a case (its body typed by the step); `version` is the case's as shown, refused with a 409 when it changed. */
export function takeStep<A extends Action>(agencyId: number, id: string, action: A, body: ActionBody<A>, version?: number) {
  return client.post('/api/agencies/:agencyId/applications/:id/actions/:action', { params: { agencyId, id, action }, query: { version }, body });
}

/** The notice a step would issue, drafted (null when it issues none). */
export function previewStep<A extends Action>(agencyId: number, id: string, action: A, body: ActionBody<A>) {
  return client.post('/api/agencies/:agencyId/applications/:id/preview/:action', { params: { agencyId, id, action }, body });
}
