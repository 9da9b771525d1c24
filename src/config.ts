/**
 * Configuration from the environment, with the defaults `npm start` runs on.
 */
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
  trustProxy: boolean;
  /** public endpoints: requests per window per address */
  rateLimit: { intakePerHour: number; trackPerMinute: number; loginPerMinute: number };
  /** load the demo agency into an empty database */
  demo: boolean;
  logLevel: string;
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
    trustProxy: env.GONGKAI_TRUST_PROXY === '1',
    rateLimit: {
      intakePerHour: num(env.GONGKAI_INTAKE_PER_HOUR, 20),
      trackPerMinute: num(env.GONGKAI_TRACK_PER_MINUTE, 60),
      loginPerMinute: num(env.GONGKAI_LOGIN_PER_MINUTE, 10),
    },
    demo: env.GONGKAI_DEMO !== '0',
    logLevel: env.LOG_LEVEL ?? 'warn',
  };
}
