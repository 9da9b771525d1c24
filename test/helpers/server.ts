/**
 * A real Gongkai server on a free port, over a test database, and a small HTTP client that keeps cookies.
 */
import type { AddressInfo } from 'node:net';
import { loadConfig, type Config } from '../../src/config';
import { buildApp, type App, type AppOptions } from '../../src/http/app';
import { fixedClock } from '../../src/services/context';
import { openTestDatabase, testCtx, type DbKind, type TestCtx } from './db';

export interface TestServer {
  url: string;
  ctx: TestCtx;
  close(): Promise<void>;
}

export async function startServer(kind: DbKind, overrides: Partial<Config> = {}, today = '2026-03-02', hooks: Pick<AppOptions, 'onRoute'> = {}): Promise<TestServer> {
  const database = await openTestDatabase(kind);
  const ctx = testCtx(database, fixedClock(today));
  const config = { ...loadConfig({}), webDir: undefined, ...overrides };
  let app: App;
  try {
    app = await buildApp({ ctx, config, ...hooks });
    await app.listen({ host: '127.0.0.1', port: 0 });
  } catch (e) {
    await database.drop();
    throw e;
  }
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    ctx,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

export class Client {
  private cookies = new Map<string, string>();
  constructor(private readonly base: string, private readonly headers: Record<string, string> = {}) {}

  async request(method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<{ status: number; body: any; headers: Headers; raw: Buffer }> {
    const headers: Record<string, string> = { ...this.headers, ...extra };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await fetch(this.base + path, { method, headers, body: payload, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [k, v] = pair.split('=');
      if (v === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(c)) this.cookies.delete(k);
      else this.cookies.set(k, v);
    }
    const raw = Buffer.from(await res.arrayBuffer());
    const type = res.headers.get('content-type') ?? '';
    return { status: res.status, headers: res.headers, raw, body: type.includes('json') ? JSON.parse(raw.toString() || 'null') : raw.toString() };
  }

  get = (path: string, extra?: Record<string, string>) => this.request('GET', path, undefined, extra);
  post = (path: string, body?: unknown, extra?: Record<string, string>) => this.request('POST', path, body ?? {}, extra);
  put = (path: string, body?: unknown) => this.request('PUT', path, body ?? {});
}
