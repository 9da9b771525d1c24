/**
 * One agency-year annual report on a large deployment (PostgreSQL): 5,000 agencies, 1,000,000 applications and
 * 10,000,000 registry items and decisions. Times the report engine (all the agency's records that count in the
 * year, classified into cells) against a bare aggregate over that agency's rows (count(*) of each table),
 * measured in the same run. Goal (issue 4): ≤ 50 ms p95, from the indexes and queries, no cache.
 *
 * The data set is generated once inside PostgreSQL (generate_series) into the database gongkai_bench_large and
 * kept for later runs (drop that database to regenerate). BENCH_SCALE=0.1 makes a tenth of it.
 */
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/db/index';
import { computeAgencyReport } from '../src/services/reports';
import { printTable, time, type Timing } from './harness';

const ADMIN = process.env.GONGKAI_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const AGENCIES = Math.round(5000 * SCALE);
const APPLICATIONS = Math.round(1_000_000 * SCALE);
const DECISIONS = Math.round(5_000_000 * SCALE);
const DISCLOSURES = Math.round(5_000_000 * SCALE);
const NAME = SCALE === 1 ? 'gongkai_bench_large' : `gongkai_bench_large_${String(SCALE).replace('.', '_')}`;
const MARK = `agencies=${AGENCIES};applications=${APPLICATIONS};decisions=${DECISIONS};disclosures=${DISCLOSURES};v1`;

const DECISION_KEYS = ['provided', 'provided', 'provided', 'alreadyPublic', 'partial', 'notExist', 'notExist', 'notOurs', 'needsCreation', 'processInfo', 'thirdPartyRights', 'complaint', 'duplicate', 'noCorrection', 'withdrawn'];
const TYPES = ['natural', 'natural', 'natural', 'natural', 'natural', 'natural', 'natural', 'commercial', 'legal', 'otherOrg'];

async function ensureData(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const done = await client.query(`select to_regclass('bench_meta') is not null as ok`);
    if (done.rows[0].ok) {
      const m = await client.query('select mark from bench_meta');
      if (m.rows[0]?.mark === MARK) return;
    }
    const step = async (label: string, q: string) => {
      const t0 = Date.now();
      process.stderr.write(`  生成数据 generating: ${label}…`);
      await client.query(q);
      process.stderr.write(` ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
    };
    console.log(`\n生成大规模数据 Generating the large data set (${AGENCIES} agencies, ${APPLICATIONS} applications, ${DECISIONS + DISCLOSURES} registry items and decisions); kept for later runs`);
    await step('agencies', `insert into agencies (id, name, kind) select g, '机关' || g, 'department' from generate_series(1, ${AGENCIES}) g on conflict do nothing`);
    const chunk = 500_000;
    const arr = (xs: string[]) => `array[${xs.map((x) => `'${x}'`).join(',')}]`;
    for (let from = 0; from < APPLICATIONS; from += chunk) {
      const to = Math.min(APPLICATIONS, from + chunk) - 1;
      await step(
        `applications ${from + 1}–${to + 1}`,
        `insert into applications (agency_id, id, tracking_code, channel, submitted_at, received_on, receipt_reason, applicant_type, applicant_name, id_type, id_number, phone, description, form, delivery, status, outcome, replied_on)
         select 1 + g % ${AGENCIES}, gen_random_uuid(), 'B-' || g, 'online', now(), d, '', (${arr(TYPES)})[1 + g % ${TYPES.length}], '申请人' || g, 'idCard', '11010519491231002X', '13800138000',
                '请公开相关政府信息', 'electronic', 'email', case when g % 50 = 0 then 'processing' else 'closed' end,
                case when g % 50 = 0 then null else (${arr(DECISION_KEYS)})[1 + g % ${DECISION_KEYS.length}] end,
                case when g % 50 = 0 then null else d + (5 + g % 25) end
           from (select g, date '2020-01-01' + ((g::bigint * 7919) % 2190)::int as d from generate_series(${from}, ${to}) g) s`,
      );
    }
    for (let from = 0; from < DECISIONS; from += chunk) {
      const to = Math.min(DECISIONS, from + chunk) - 1;
      await step(
        `decisions ${from + 1}–${to + 1}`,
        `insert into decisions (agency_id, id, kind, subject, decided_on)
         select 1 + g % ${AGENCIES}, gen_random_uuid(), (array['licensing','licensing','licensing','licensing','licensing','licensing','punishment','punishment','enforcement'])[1 + g % 9], '相对人', date '2020-01-01' + ((g::bigint * 104729) % 2190)::int
           from generate_series(${from}, ${to}) g`,
      );
    }
    for (let from = 0; from < DISCLOSURES; from += chunk) {
      const to = Math.min(DISCLOSURES, from + chunk) - 1;
      await step(
        `registry items ${from + 1}–${to + 1}`,
        `insert into disclosures (agency_id, id, title, category, doc_kind, issued_on, repealed_on, formed_on, published_on, channels, status)
         select 1 + g % ${AGENCIES}, gen_random_uuid(), '公开事项' || g, case when g % 50 = 0 then 1 else 2 + g % 14 end,
                case when g % 50 = 0 then 'normativeDocument' end, case when g % 50 = 0 then d end, case when g % 500 = 0 then d + 400 end,
                d, d + 3, '{"website":"专栏"}'::jsonb, 'published'
           from (select g, date '2020-01-01' + ((g::bigint * 15485863) % 2190)::int as d from generate_series(${from}, ${to}) g) s`,
      );
    }
    await step('review cases', `insert into review_cases (agency_id, id, kind, filed_on, outcome, decided_on) select 1 + g % ${AGENCIES}, gen_random_uuid(), (array['reconsideration','litigationDirect','litigationAfterReconsideration'])[1 + g % 3], date '2020-01-01' + ((g::bigint * 31) % 2190)::int, 'upheld', date '2020-01-01' + ((g::bigint * 31) % 2190)::int + 60 from generate_series(1, ${Math.round(20_000 * SCALE)}) g`);
    await step('fees', `insert into fee_collections (agency_id, id, item, collected_on, amount_yuan) select 1 + g % ${AGENCIES}, gen_random_uuid(), '收费', date '2020-01-01' + ((g::bigint * 17) % 2190)::int, 100 + g % 900 from generate_series(1, ${Math.round(200_000 * SCALE)}) g`);
    await step('analyze', 'analyze');
    await client.query('create table if not exists bench_meta (mark text)');
    await client.query('delete from bench_meta');
    await client.query('insert into bench_meta values ($1)', [MARK]);
  } finally {
    await client.end();
  }
}

export async function run(): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN });
  await admin.connect();
  const exists = await admin.query('select 1 from pg_database where datname = $1', [NAME]);
  if (exists.rowCount === 0) await admin.query(`create database ${NAME}`);
  await admin.end();
  const url = new URL(ADMIN);
  url.pathname = `/${NAME}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 10 }); // runs the migrations
  await ensureData(url.toString());
  // What autovacuum does to an insert-mostly table in production (autovacuum_vacuum_insert_threshold): marks
  // the pages all-visible, so the report's scans are answered from the indexes alone. Quick once done.
  const t0 = Date.now();
  await database.db.execute(sql`vacuum (analyze) applications, decisions, disclosures, fee_collections, review_cases`);
  console.log(`\nvacuum (analyze): ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const year = 2024;
  let k = 0;
  const nextAgency = () => 1 + ((k++ * 2654435761) % AGENCIES); // a different agency each time: no warm cache of one agency's pages
  const samples = { minMs: 5000, minIterations: 300, warmup: 20 };
  const bare = await time('baseline: bare count(*) over the agency\'s rows (applications, decisions, registry)', async () => {
    const a = nextAgency();
    await Promise.all([
      database.db.execute(sql`select count(*) from applications where agency_id = ${a}`),
      database.db.execute(sql`select count(*) from decisions where agency_id = ${a}`),
      database.db.execute(sql`select count(*) from disclosures where agency_id = ${a}`),
    ]);
  }, samples);
  const report: Timing = await time(`one agency's ${year} report (engine: all tables, every cell)`, async () => {
    await computeAgencyReport(database.db, nextAgency(), year);
  }, samples);
  printTable(`Report engine on a large deployment (${AGENCIES} agencies, ${APPLICATIONS} applications, ${DECISIONS + DISCLOSURES} registry items and decisions; PostgreSQL)`, [bare, report], bare);
  const sampleAgency = await computeAgencyReport(database.db, 42, year);
  console.log(`→ one agency-year report: p95 ${report.p95Ms.toFixed(1)} ms, p99 ${report.p99Ms.toFixed(1)} ms (goal ≤ 50 ms p95); ${(report.meanMs / bare.meanMs).toFixed(1)}× the bare aggregate. E.g. agency 42 in ${year}: ${sampleAgency.applications.received[6]} applications received, ${sampleAgency.format === '2021' ? sampleAgency.proactive.licensing.decisions : '—'} licensing decisions`);
  await database.close();
}
