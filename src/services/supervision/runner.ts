/**
 * Reading the uploaded reports in the background: each queued file of supervised_files is read in the worker
 * pool (src/workers/read-pool.ts; a file that breaks its reader costs a worker, never the server) and checked
 * there alone (the checks that need no other report), on every core as `gongkai report check` does; matched to an agency of the supervisor's tree by the name
 * printed in it, and its row updated: read, or failed with the reason in Chinese. The batch is done when no
 * file of it is left queued.
 *
 * The queue is the table itself: a file is queued until its row says otherwise, so a restart loses nothing;
 * on start, `resume` takes up every queued file (the app calls it when it is ready). A file's row is written
 * only while it is still queued, so a file deleted meanwhile, or read by another process, is left alone.
 */
import { availableParallelism } from 'node:os';
import { and, asc, count, eq, type SQL } from 'drizzle-orm';
import { supervisedFiles, supervisionBatches } from '../../db/schema';
import { checkReportAlone } from '../../core/report/checks';
import type { Finding } from '../../core/report/findings';
import { matchAgency } from '../../core/supervision/match';
import type { ReadFileResult } from '../report-files';
import { ReadPool } from '../../workers/read-pool';
import { agencyTree, subtree } from '../agencies';
import type { Ctx } from '../context';

interface Job {
  agencyId: number;
  id: string;
}

/** A scanned file of a batch being read by OCR, page by page. */
export interface ScanProgress {
  file: string;
  page: number;
  pages: number;
}

/**
 * The scans being read now, by agency and batch: what the batch's progress shows beside its count of files
 * (a scan takes seconds a page). Held in this process only — it is what this process is reading.
 */
const scanning = new Map<string, Map<string, ScanProgress>>();
const batchKey = (agencyId: number, batchId: string) => `${agencyId}/${batchId}`;

/** The files of a batch being read by OCR now, with the page each has reached. */
export function scansInProgress(agencyId: number, batchId: string): ScanProgress[] {
  return [...(scanning.get(batchKey(agencyId, batchId))?.values() ?? [])];
}

/** Text the database cannot hold (NUL, a lone surrogate), anywhere in a value to store. */
export function storable<T>(value: T): T {
  if (value === null || value === undefined) return value;
  return JSON.parse(
    JSON.stringify(value, (_k, v: unknown) => (typeof v === 'string' ? v.replace(/\u0000/g, '').replace(/\p{Cs}/gu, '\ufffd') : v)),
  ) as T;
}

/**
 * The text as extracted: every line when the reader gives them (`lines`), else the lines of the narrative it
 * read, each at its line number (the lines of the tables left blank), which is what findings refer to.
 */
function textOf(read: ReadFileResult): string | null {
  const lines = (read as ReadFileResult & { lines?: string[] }).lines;
  if (Array.isArray(lines)) return lines.join('\n');
  if (read.narrative.length === 0) return null;
  const out: string[] = [];
  for (const l of read.narrative) if (l.line >= 1 && l.line <= 100_000) out[l.line - 1] = l.text;
  return Array.from(out, (t) => t ?? '').join('\n');
}

/** The agencies a supervisor's files are matched against: its own and every one below it. */
async function candidatesOf(ctx: Ctx, supervisorId: number) {
  const tree = await agencyTree(ctx.db);
  return (await subtree(ctx.db, supervisorId)).map((id) => ({ id, name: tree.byId.get(id)!.name }));
}

/** What a read gives the file's row. */
export async function readOutcome(ctx: Ctx, supervisorId: number, read: ReadFileResult) {
  const report = read.report;
  if (!report) {
    const why = read.findings.find((f) => f.severity === 'error') ?? read.findings[0];
    return {
      status: 'failed' as const,
      kind: read.kind ?? null,
      error: why?.message ?? '无法读取为政府信息公开工作年度报告',
      findings: read.findings,
      narrative: [],
      text: null,
    };
  }
  const own = read.ownChecks ?? checkReportAlone(report, read.narrative);
  const findings: Finding[] = [...read.findings, ...own.tables, ...own.narrative];
  const match = matchAgency(report.agency, await candidatesOf(ctx, supervisorId));
  const year = Number.isInteger(report.year) && report.year >= 2000 && report.year <= 2100 ? report.year : null;
  return {
    status: 'read' as const,
    kind: read.kind ?? null,
    error: null,
    printedAgency: report.agency || null,
    subjectAgencyId: match.agencyId,
    matchScore: match.agencyId === null ? null : match.score,
    year,
    data: report,
    findings,
    narrative: read.narrative,
    text: textOf(read),
  };
}

let pool: ReadPool | undefined;

/**
 * The pool that reads uploaded batches: a worker per core, each also running the checks that need no other
 * report (a batch of hundreds of reports would otherwise run them on the server's own thread). Its workers end
 * when idle, so a server with nothing to read holds none. (sharedReadPool, for one report imported by an
 * agency, keeps a core free and runs no checks.)
 */
export function supervisionReadPool(): ReadPool {
  pool ??= new ReadPool({ threads: availableParallelism(), check: true });
  return pool;
}

export class SupervisionRunner {
  private readonly queue: Job[] = [];
  /** queued here or being read: a file is read once at a time */
  private readonly taken = new Set<string>();
  private active = 0;
  private loading = 0;
  private closed = false;
  private waiters: (() => void)[] = [];

  constructor(
    private readonly ctx: Ctx,
    private readonly pool: ReadPool = supervisionReadPool(),
    /** files handed to the pool at once (it reads as many as it has workers; the next ones wait there) */
    private readonly concurrency = 2 * availableParallelism(),
  ) {}

  /** Take up the queued files of a batch (just uploaded). */
  enqueueBatch(agencyId: number, batchId: string): Promise<void> {
    return this.load(and(eq(supervisedFiles.agencyId, agencyId), eq(supervisedFiles.batchId, batchId), eq(supervisedFiles.status, 'queued')));
  }

  /** Take up every queued file of every supervising agency (on start: what a restart left); the number taken. */
  async resume(): Promise<number> {
    const before = this.queue.length + this.active;
    await this.load(eq(supervisedFiles.status, 'queued'));
    await this.finishIdleBatches();
    return Math.max(0, this.queue.length + this.active - before);
  }

  /** Resolves when nothing is queued, loading or being read. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /**
   * Stop taking files. The files being read are left queued (a result that comes back after this is not
   * written): the next start reads them again.
   */
  close(): void {
    this.closed = true;
    this.queue.splice(0);
    if (runners.get(this.ctx.db) === this) runners.delete(this.ctx.db);
    this.wake();
  }

  private isIdle(): boolean {
    return this.closed || (this.queue.length === 0 && this.active === 0 && this.loading === 0);
  }

  private wake(): void {
    if (!this.isIdle()) return;
    for (const w of this.waiters.splice(0)) w();
  }

  private async load(where: SQL | undefined): Promise<void> {
    if (this.closed) return;
    this.loading++;
    try {
      const rows = await this.ctx.db
        .select({ agencyId: supervisedFiles.agencyId, id: supervisedFiles.id })
        .from(supervisedFiles)
        .where(where)
        .orderBy(asc(supervisedFiles.createdAt), asc(supervisedFiles.name));
      for (const r of rows) {
        const k = `${r.agencyId}:${r.id}`;
        if (this.taken.has(k)) continue;
        this.taken.add(k);
        this.queue.push(r);
      }
    } catch (e) {
      if (!this.closed) console.error('读取监督检查上传文件的队列失败 (loading the queue of supervised files failed):', e);
    } finally {
      this.loading--;
    }
    this.pump();
    this.wake();
  }

  private pump(): void {
    while (!this.closed && this.active < this.concurrency && this.queue.length > 0) {
      const job = this.queue.shift()!;
      this.active++;
      void this.readOne(job)
        .catch((e: unknown) => {
          if (!this.closed) console.error(`读取监督检查上传文件失败 (reading supervised file ${job.id} failed):`, e);
        })
        .finally(() => {
          this.active--;
          this.taken.delete(`${job.agencyId}:${job.id}`);
          this.pump();
          this.wake();
        });
    }
  }

  private async readOne(job: Job): Promise<void> {
    const { db, storage } = this.ctx;
    const [row] = await db
      .select({ name: supervisedFiles.name, storageKey: supervisedFiles.storageKey, status: supervisedFiles.status, batchId: supervisedFiles.batchId })
      .from(supervisedFiles)
      .where(and(eq(supervisedFiles.agencyId, job.agencyId), eq(supervisedFiles.id, job.id)));
    if (!row || row.status !== 'queued') return;
    let bytes: Buffer | null = null;
    try {
      bytes = await storage.get(row.storageKey);
    } catch {
      bytes = null;
    }
    if (this.closed) return;
    let outcome: Record<string, unknown>;
    if (bytes === null) {
      outcome = { status: 'failed', error: '原始文件已不在存储中，无法读取，请重新上传' };
    } else {
      const key = batchKey(job.agencyId, row.batchId);
      const onProgress = ({ page, pages }: { page: number; pages: number }) => {
        const files = scanning.get(key) ?? new Map<string, ScanProgress>();
        files.set(job.id, { file: row.name, page, pages });
        scanning.set(key, files);
      };
      let read: ReadFileResult;
      try {
        read = await this.pool.read(row.name, bytes, { onProgress });
      } finally {
        const files = scanning.get(key);
        files?.delete(job.id);
        if (files?.size === 0) scanning.delete(key);
      }
      if (this.closed) return;
      outcome = await readOutcome(this.ctx, job.agencyId, read);
    }
    try {
      await this.write(job, row.batchId, storable(outcome));
    } catch (e) {
      if (this.closed) return;
      console.error(`保存监督检查文件的读取结果失败 (saving the read of ${job.id} failed):`, e);
      await this.write(job, row.batchId, { status: 'failed', error: '读取结果无法保存，请重新上传该文件', kind: outcome.kind ?? null });
    }
  }

  /** The file's row (while still queued), and its batch done when it was the last one queued. */
  private async write(job: Job, batchId: string, outcome: Record<string, unknown>): Promise<void> {
    await this.ctx.db.transaction(async (tx) => {
      // the batch first: its last two files finishing at once cannot both miss that the other one is done
      await tx
        .select({ id: supervisionBatches.id })
        .from(supervisionBatches)
        .where(and(eq(supervisionBatches.agencyId, job.agencyId), eq(supervisionBatches.id, batchId)))
        .for('update');
      const updated = await tx
        .update(supervisedFiles)
        .set({ ...(outcome as Partial<typeof supervisedFiles.$inferInsert>), readAt: new Date() })
        .where(and(eq(supervisedFiles.agencyId, job.agencyId), eq(supervisedFiles.id, job.id), eq(supervisedFiles.status, 'queued')))
        .returning({ id: supervisedFiles.id });
      if (updated.length === 0) return;
      await finishBatchIfDone(tx, job.agencyId, batchId);
    });
  }

  /** Batches left "reading" with no queued file (their last file deleted, or a crash after its write). */
  private async finishIdleBatches(): Promise<void> {
    const open = await this.ctx.db
      .select({ agencyId: supervisionBatches.agencyId, id: supervisionBatches.id })
      .from(supervisionBatches)
      .where(eq(supervisionBatches.status, 'reading'));
    // a batch with a file still queued is left as it is (finishBatchIfDone counts them)
    for (const b of open) if (!this.closed) await this.ctx.db.transaction((tx) => finishBatchIfDone(tx, b.agencyId, b.id));
  }
}

/** Mark the batch done when none of its files is queued any more. */
export async function finishBatchIfDone(tx: Ctx['db'], agencyId: number, batchId: string): Promise<void> {
  const [left] = await tx
    .select({ n: count() })
    .from(supervisedFiles)
    .where(and(eq(supervisedFiles.agencyId, agencyId), eq(supervisedFiles.batchId, batchId), eq(supervisedFiles.status, 'queued')));
  if (Number(left?.n ?? 0) > 0) return;
  await tx
    .update(supervisionBatches)
    .set({ status: 'done', finishedAt: new Date() })
    .where(and(eq(supervisionBatches.agencyId, agencyId), eq(supervisionBatches.id, batchId), eq(supervisionBatches.status, 'reading')));
}

const runners = new WeakMap<Ctx['db'], SupervisionRunner>();

/** The runner of this database (one per process), started on first use. */
export function supervisionRunner(ctx: Ctx): SupervisionRunner {
  let r = runners.get(ctx.db);
  if (!r) {
    r = new SupervisionRunner(ctx);
    runners.set(ctx.db, r);
  }
  return r;
}

/** On start: read the files a restart left queued (in the background); the number taken up. */
export function resumeSupervisionReads(ctx: Ctx): Promise<number> {
  return supervisionRunner(ctx).resume();
}
