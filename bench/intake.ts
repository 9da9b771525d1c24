/**
 * Public intake over HTTP against PostgreSQL: applications per second and latency (p50, p99), with a Fastify
 * hello-world route on the same server measured in the same run as the ceiling. The server runs in its own
 * process; the load comes from autocannon in this one (2 cores: one each).
 * Goal (issue 3): ≥ 2,000 applications/s at p99 ≤ 50 ms.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';

const ADMIN = process.env.GONGKAI_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));

async function withDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const name = `gongkai_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN);
  url.pathname = `/${name}`;
  try {
    return await fn(url.toString());
  } finally {
    const c = new pg.Client({ connectionString: ADMIN });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  }
}

function load(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

export async function run(): Promise<void> {
  await withDatabase(async (url) => {
    const here = path.dirname(fileURLToPath(import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'intake-server.ts'), url], { stdio: ['ignore', 'pipe', 'inherit'] });
    const info = await new Promise<{ port: number; agencyId: number }>((resolve, reject) => {
      child.stdout.once('data', (d: Buffer) => resolve(JSON.parse(d.toString())));
      child.once('exit', (code) => reject(new Error(`server exited ${code}`)));
    });
    const base = `http://127.0.0.1:${info.port}`;
    const body = JSON.stringify({
      agencyId: info.agencyId,
      applicantType: 'natural',
      applicantName: '基准测试',
      idType: 'idCard',
      idNumber: '11010519491231002X',
      phone: '13800138000',
      email: 'bench@example.com',
      description: '请公开本局2025年行政许可决定目录',
      form: 'electronic',
      delivery: 'email',
    });
    try {
      // warm both paths
      await load({ url: `${base}/bench/hello`, connections: 8, duration: 2 });
      await load({ url: `${base}/api/public/applications`, method: 'POST', headers: { 'content-type': 'application/json' }, body, connections: 8, duration: 2 });
      // rounds of hello-world then intake, alternating, so that the machine's drift (a shared 2-core VM varies by
      // ±20 % from minute to minute) falls on both; the median round is the figure
      const rounds: { hello: autocannon.Result; intake: autocannon.Result }[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        const hello = await load({ url: `${base}/bench/hello`, connections: CONNECTIONS, duration: DURATION });
        const intake = await load({ url: `${base}/api/public/applications`, method: 'POST', headers: { 'content-type': 'application/json' }, body, connections: CONNECTIONS, duration: DURATION });
        rounds.push({ hello, intake });
      }
      console.log(`\n## Public intake over HTTP (PostgreSQL, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${DURATION} s each, server in its own process)`);
      console.log('| round | hello-world req/s (ceiling) | p50 ms | p99 ms | POST /api/public/applications req/s | p50 ms | p99 ms | errors/non-2xx | intake / ceiling |');
      console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
      rounds.forEach(({ hello, intake }, i) => {
        const bad = hello.non2xx + hello.errors + intake.non2xx + intake.errors;
        console.log(`| ${i + 1} | ${hello.requests.average.toFixed(0)} | ${hello.latency.p50} | ${hello.latency.p99} | ${intake.requests.average.toFixed(0)} | ${intake.latency.p50} | ${intake.latency.p99} | ${bad} | ${((intake.requests.average / hello.requests.average) * 100).toFixed(1)}% |`);
      });
      const median = [...rounds].sort((a, b) => a.intake.requests.average - b.intake.requests.average)[Math.floor(ROUNDS / 2)];
      const worstP99 = Math.max(...rounds.map((r) => r.intake.latency.p99));
      console.log(
        `→ median round: ${median.intake.requests.average.toFixed(0)} applications/s at p99 ${median.intake.latency.p99} ms (worst p99 of all rounds ${worstP99} ms; goal ≥ 2000/s at p99 ≤ 50 ms): ${((median.intake.requests.average / median.hello.requests.average) * 100).toFixed(1)}% of that round's hello-world ceiling`,
      );
    } finally {
      // the server must be gone before its database is dropped
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });
}
