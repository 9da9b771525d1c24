/**
 * Configuration from the environment, with the defaults `npm start` runs on.
 */
import { isIP } from 'node:net';
import path from 'node:path';

export interface Config {
  host: string;
  port: number;
  /** PostgreSQL connection string; absent = the embedded PGlite */
  databaseUrl?: string;
  /** where PGlite keeps its data and files are stored */
  dataDir: string;
  storageDir: string;
  /** serve the built web app from here (absent = API only) */
  webDir?: string;
  /** cookies only over HTTPS (set behind a TLS proxy) */
  secureCookies: boolean;
  /**
   * Which reverse proxies' X-Forwarded-For the client address is read from (GONGKAI_TRUST_PROXY): false = none
   * (the peer's address is the client's), a number = that many hops nearest the server are proxies, or the
   * proxies' addresses and CIDR ranges. Never every hop: a client could name any address and lift the limits.
   */
  trustProxy: TrustProxy;
  /** public endpoints: requests per window per address */
  rateLimit: { intakePerHour: number; trackPerMinute: number; loginPerMinute: number };
  /** megabytes of attachments public intake may store in an hour, all addresses together */
  intakeMbPerHour: number;
  /** load the demo agency into an empty database */
  demo: boolean;
  logLevel: string;
}

export type TrustProxy = false | number | string[];

/** proxy-addr's (Fastify's) names for ranges */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrRange(s: string): boolean {
  if (NAMED_RANGES.has(s)) return true;
  const [address, bits, ...rest] = s.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128);
}

/**
 * GONGKAI_TRUST_PROXY: unset, '' or '0' = no proxy; an integer = hops ('1': one proxy, such as nginx, in front);
 * otherwise comma-separated IP addresses or CIDR ranges of the proxies (e.g. '10.0.0.5,10.1.0.0/16').
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const v = (value ?? '').trim();
  if (v === '' || v === '0') return false;
  if (/^\d+$/.test(v)) return Number(v);
  const items = v.split(',').map((s) => s.trim());
  const bad = items.find((s) => !isAddressOrRange(s));
  if (bad !== undefined) {
    throw new Error(
      `GONGKAI_TRUST_PROXY 有误：“${bad}”既不是 IP 地址也不是网段。应为代理的跳数（如 1），或以逗号分隔的代理地址、网段（如 10.0.0.5,10.1.0.0/16）`,
    );
  }
  return items;
}

/**
 * The trustProxy option of Fastify for a TrustProxy. Fastify no longer takes a hop count (it could not check
 * the peer), so a count becomes the function that trusts the `hops` addresses nearest the server: right only
 * when no client can reach the server but through the proxy (e.g. HOST=127.0.0.1 with the proxy on the same
 * machine); otherwise name the proxies' addresses.
 */
export function fastifyTrustProxy(trust: TrustProxy): false | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust !== 'number') return trust;
  return (_address, hop) => hop < trust;
}

const num = (v: string | undefined, d: number) => (v && Number.isFinite(Number(v)) ? Number(v) : d);

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.GONGKAI_DATA_DIR ?? 'data');
  return {
    host: env.HOST ?? '127.0.0.1',
    port: num(env.PORT, 3000),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    storageDir: path.resolve(env.GONGKAI_STORAGE_DIR ?? path.join(dataDir, 'files')),
    webDir: env.GONGKAI_WEB_DIR === '' ? undefined : path.resolve(env.GONGKAI_WEB_DIR ?? 'web/dist'),
    secureCookies: env.GONGKAI_SECURE_COOKIES === '1',
    trustProxy: parseTrustProxy(env.GONGKAI_TRUST_PROXY),
    rateLimit: {
      intakePerHour: num(env.GONGKAI_INTAKE_PER_HOUR, 20),
      trackPerMinute: num(env.GONGKAI_TRACK_PER_MINUTE, 60),
      loginPerMinute: num(env.GONGKAI_LOGIN_PER_MINUTE, 10),
    },
    intakeMbPerHour: num(env.GONGKAI_INTAKE_MB_PER_HOUR, 500),
    demo: env.GONGKAI_DEMO !== '0',
    logLevel: env.LOG_LEVEL ?? 'warn',
  };
}
