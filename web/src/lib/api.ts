/**
 * The API client. Every error answer of the API is `{ error, fields? }` (src/http/app.ts); it becomes an
 * ApiError carrying the status, the Chinese message and the field messages.
 */

export interface FieldError {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let onUnauthorized: (() => void) | null = null;

/** Called when a back-office request answers 401 (the session has ended): the app sends the user to log in. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

async function toError(response: Response): Promise<ApiError> {
  let body: { error?: unknown; fields?: unknown } | null = null;
  try {
    body = (await response.json()) as { error?: unknown; fields?: unknown };
  } catch {
    body = null;
  }
  const fallback =
    response.status === 413
      ? '提交的内容过大'
      : response.status === 429
        ? '请求过于频繁，请稍后再试'
        : response.status >= 500
          ? '服务器暂时无法处理，请稍后再试'
          : `请求失败（${response.status}）`;
  const message = typeof body?.error === 'string' && body.error ? body.error : fallback;
  const fields = Array.isArray(body?.fields) ? (body.fields as FieldError[]) : [];
  return new ApiError(response.status, message, fields);
}

async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: {} };
  if (body instanceof FormData) {
    init.body = body;
  } else if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
  }
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch {
    throw new ApiError(0, '网络连接失败，请检查网络后重试');
  }
  if (!response.ok) {
    const error = await toError(response);
    if (response.status === 401 && !url.startsWith('/api/auth/login') && !url.startsWith('/api/auth/password')) onUnauthorized?.();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const api = {
  get: <T>(url: string) => request<T>('GET', url),
  post: <T>(url: string, body?: unknown) => request<T>('POST', url, body ?? {}),
  put: <T>(url: string, body: unknown) => request<T>('PUT', url, body),
  patch: <T>(url: string, body: unknown) => request<T>('PATCH', url, body),
  del: <T>(url: string) => request<T>('DELETE', url),
};

/** A query string from the set values (false, '' and undefined are left out). */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '' || v === false) continue;
    q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The multipart body the API reads: a field `data` with the JSON and each file under its kind. */
export function multipartBody(data: unknown, files: { kind: string; file: File }[]): FormData {
  const form = new FormData();
  form.append('data', JSON.stringify(data));
  for (const f of files) form.append(f.kind, f.file, f.file.name);
  return form;
}

/** The message to show for any error thrown by the client. */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error) return e.message;
  return '操作失败';
}
