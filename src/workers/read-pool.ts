/**
 * Reading untrusted files off the main thread: a pool of worker threads, each with a heap limit, and a time
 * limit per file. A file that exhausts a worker's heap, overflows its stack, rejects a promise nobody awaited,
 * or runs past the time limit costs that one worker (it is ended, and a new one is started for the next file)
 * and is answered with a `file.unreadable` finding; it never takes down the process that asked.
 *
 * The time limit is time without progress: a scan read by OCR (5–10 s of one core a page) tells the pool after
 * each page it has read (a `progress` message, passed on to the caller's `onProgress`), and each page re-arms
 * the file's limit. A long scan that moves on page by page is read whatever its length; a file stuck on one
 * page, or anything else that says nothing for the whole limit (a text file, a PDF with a text layer, the
 * reading after the last page), is still ended when the limit runs out.
 *
 * The heap limit (resourceLimits) does not cover memory outside the JavaScript heap (ArrayBuffers, e.g. a
 * decompressed stream in pdf.js), so a watchdog also ends the running workers when the process's resident
 * memory grows past a ceiling while they read; each file it interrupted is read once more, alone, so an
 * innocent file that shared the moment with a bomb is still read.
 *
 * A worker busy with a file is ended by asking it to end itself (a `stop` message, taken between two steps of
 * its reading), and terminated only if it has not within STOP_GRACE_MS: terminating a thread in the middle of a
 * native call, onnxruntime-node's inference for OCR, aborts the whole process ("terminate called after throwing
 * an instance of 'Napi::Error'"), where a worker stuck in JavaScript can be terminated safely. Whatever a worker
 * sends once its end has been decided (progress, or its answer) is not heard: the verdict stands.
 *
 * Hand-written on worker_threads rather than piscina: the pool needs one file per worker at a time,
 * terminate-on-timeout, replacement on any death, and the watchdog's solo retry, which is about as much code
 * as configuring a general pool to do the same.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { finding } from '../core/report/findings';
import type { ReadFileResult } from '../services/report-files';

export interface ReadRequest {
  id: number;
  file: string;
  bytes?: Uint8Array;
  /** also run the checks that need no other report (report-files.ts readAndCheckFile) */
  check?: boolean;
}

export type ReadReply = { id: number; result: ReadFileResult; error?: undefined } | { id: number; error: string; result?: undefined };

/** A page of a scan read by OCR (1-based, of `pages`). */
export interface ReadProgress {
  page: number;
  pages: number;
}

/** What a worker posts: progress while it reads a file (none, or one per OCR page), then the reply. */
export type ReadMessage = ReadReply | { id: number; progress: ReadProgress };

/** What the pool sends a worker: a file to read, or the request to end itself now. */
export type WorkerCommand = ReadRequest | { stop: true };

export interface ReadOptions {
  /** told after each page of a scan read by OCR; a file retried alone (the memory watchdog) starts again at page 1 */
  onProgress?: (p: ReadProgress) => void;
}

export interface ReadPoolOptions {
  /** worker threads at most (default: the number of cores) */
  threads?: number;
  /** also run, in the worker, the checks that need no other report (a batch check spreads them over the cores) */
  check?: boolean;
  /** a worker's JavaScript heap, MB (default 512, or GONGKAI_READ_MEMORY_MB) */
  maxOldGenerationSizeMb?: number;
  /**
   * time for one file without progress, including a new worker's start, ms (default 30 s, or
   * GONGKAI_READ_TIMEOUT seconds); each page read by OCR starts it again
   */
  timeoutMs?: number;
  /** an idle worker ends after this, ms (default 30 s) */
  idleMs?: number;
  /** growth of the process's resident memory while files are read that ends the readers, MB (default 1,536) */
  maxRssGrowthMb?: number;
  /**
   * threads each worker's OCR recogniser may use (default: the cores shared out among the workers, at least 1;
   * or GONGKAI_OCR_THREADS): one file read alone on two cores recognises on both (measured: a 6-page scan in
   * 22 s against 32 s on one)
   */
  ocrThreads?: number;
}

export const UNREADABLE = '文件损坏或过于复杂，无法读取';

/** The answer for a file whose reading was ended. */
export function unreadable(file: string, why: string): ReadFileResult {
  return { file, report: null, findings: [finding('file.unreadable', 'error', `${UNREADABLE}：${why}`, file)], narrative: [] };
}

function envNumber(name: string): number | undefined {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : undefined;
}

interface Job {
  id: number;
  file: string;
  bytes?: Uint8Array;
  resolve: (r: ReadFileResult) => void;
  attempts: number;
  /** read while no other file is read (a retry after the memory watchdog) */
  solo: boolean;
  onProgress?: (p: ReadProgress) => void;
  /** the last page of a scan the worker said it had read, in this attempt */
  progress?: ReadProgress;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  timer?: NodeJS.Timeout;
  idleTimer?: NodeJS.Timeout;
  /** why the pool ended this worker, if it did */
  ended?: 'timeout' | 'memory' | 'idle' | 'closed';
  error?: Error;
}

const ENTRY = new URL('./read-entry.mjs', import.meta.url);
const WATCH_MS = 200;
/** how long a busy worker asked to stop has to end itself before it is terminated, ms */
const STOP_GRACE_MS = 1000;

export class ReadPool {
  private readonly threads: number;
  private readonly ocrThreads: number;
  private readonly heapMb: number;
  private readonly timeoutMs: number;
  private readonly idleMs: number;
  private readonly rssGrowth: number;
  private readonly check: boolean;
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  private watchdog?: NodeJS.Timeout;
  private rssBase = 0;

  constructor(options: ReadPoolOptions = {}) {
    this.threads = Math.max(1, Math.floor(options.threads ?? availableParallelism()));
    this.ocrThreads = Math.max(1, Math.floor(options.ocrThreads ?? envNumber('GONGKAI_OCR_THREADS') ?? availableParallelism() / this.threads));
    this.heapMb = options.maxOldGenerationSizeMb ?? envNumber('GONGKAI_READ_MEMORY_MB') ?? 512;
    this.timeoutMs = options.timeoutMs ?? (envNumber('GONGKAI_READ_TIMEOUT') ?? 30) * 1000;
    this.idleMs = options.idleMs ?? 30_000;
    this.rssGrowth = (options.maxRssGrowthMb ?? 1536) * 1048576;
    this.check = options.check === true;
  }

  /**
   * Read one file (from disk in the worker, or these bytes, which are copied): the same result as
   * readReportFile, or `file.unreadable` when the file cost its worker. Never rejects. `onProgress` is told
   * after each page of a scan read by OCR (an exception it throws is ignored).
   */
  read(file: string, bytes?: Uint8Array, opts: ReadOptions = {}): Promise<ReadFileResult> {
    if (this.closed) return Promise.resolve(unreadable(file, '读取已停止'));
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, file, bytes, resolve, attempts: 0, solo: false, onProgress: opts.onProgress });
      this.dispatch();
    });
  }

  /** End every worker; files still waiting are answered as unreadable. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.resolve(unreadable(job.file, '读取已停止'));
    await Promise.all([...this.slots].map((s) => this.end(s, 'closed')));
    this.stopWatchdog();
  }

  /** Workers alive now (for tests and diagnostics). */
  get size(): number {
    return this.slots.size;
  }

  private dispatch(): void {
    while (this.queue.length > 0 && !this.closed) {
      const busy = [...this.slots].filter((s) => s.job !== null);
      if (busy.some((s) => s.job!.solo)) return;
      const next = this.queue[0];
      if (next.solo && busy.length > 0) return;
      let slot = [...this.slots].find((s) => s.job === null && s.ended === undefined);
      if (!slot) {
        if (this.slots.size >= this.threads) return;
        slot = this.spawn();
      }
      this.queue.shift();
      this.start(slot, next);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(ENTRY, {
      // the recogniser's threads (src/extract/ocr/engine.ts recogniserThreads)
      env: { ...process.env, GONGKAI_OCR_THREADS: String(this.ocrThreads) },
      // a clean start: the entry registers the TypeScript loader itself, whatever the parent ran under
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: this.heapMb, maxYoungGenerationSizeMb: Math.min(64, Math.max(8, this.heapMb / 8)) },
      // whatever a library prints goes to stderr: stdout is the command line's JSON
      stdout: true,
      stderr: false,
    });
    worker.stdout.pipe(process.stderr, { end: false });
    const slot: Slot = { worker, job: null };
    this.slots.add(slot);
    worker.on('message', (message: ReadMessage) => ('progress' in message ? this.progressed(slot, message.id, message.progress) : this.answered(slot, message)));
    worker.on('error', (e) => {
      slot.error = e;
    });
    worker.on('exit', () => this.exited(slot));
    return slot;
  }

  private start(slot: Slot, job: Job): void {
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.job = job;
    job.attempts++;
    job.progress = undefined;
    slot.worker.ref();
    this.arm(slot);
    if (!this.watchdog) {
      this.rssBase = process.memoryUsage.rss();
      this.watchdog = setInterval(() => this.watch(), WATCH_MS);
      this.watchdog.unref();
    }
    const request: WorkerCommand = { id: job.id, file: job.file, bytes: job.bytes, check: this.check };
    slot.worker.postMessage(request);
  }

  /** (Re)start the file's time limit: at its start, and at each page it reads. */
  private arm(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.timer = setTimeout(() => void this.end(slot, 'timeout'), this.timeoutMs);
  }

  private progressed(slot: Slot, id: number, progress: ReadProgress): void {
    const job = slot.job;
    // a worker already being ended keeps its verdict: a page read after the limit ran out does not save it
    if (!job || id !== job.id || slot.ended !== undefined) return;
    job.progress = progress;
    this.arm(slot);
    try {
      job.onProgress?.(progress);
    } catch {
      // a caller's display failing is no reason to stop reading
    }
  }

  private answered(slot: Slot, reply: ReadReply): void {
    const job = slot.job;
    if (!job || reply.id !== job.id || slot.ended !== undefined) return;
    clearTimeout(slot.timer);
    slot.job = null;
    job.resolve(reply.result ?? unreadable(job.file, `读取出错（${reply.error}）`));
    slot.worker.unref();
    slot.idleTimer = setTimeout(() => void this.end(slot, 'idle'), this.idleMs);
    slot.idleTimer.unref();
    this.afterJob();
  }

  private exited(slot: Slot): void {
    clearTimeout(slot.timer);
    clearTimeout(slot.idleTimer);
    this.slots.delete(slot);
    const job = slot.job;
    slot.job = null;
    if (job) {
      if (slot.ended === 'memory' && job.attempts < 2 && !this.closed) {
        job.solo = true;
        this.queue.unshift(job);
      } else job.resolve(unreadable(job.file, this.why(slot, job)));
    }
    this.afterJob();
  }

  private why(slot: Slot, job: Job): string {
    if (slot.ended === 'timeout') {
      const seconds = Number((this.timeoutMs / 1000).toFixed(3));
      const p = job.progress;
      return p ? `读取超过 ${seconds} 秒没有进展（文字识别（OCR）已完成第 ${p.page}/${p.pages} 页）` : `读取超过 ${seconds} 秒`;
    }
    if (slot.ended === 'memory') return `读取占用的内存超过 ${Math.round(this.rssGrowth / 1048576)} MB`;
    if (slot.ended === 'closed') return '读取已停止';
    const code = (slot.error as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'ERR_WORKER_OUT_OF_MEMORY') return `读取所需内存超过 ${this.heapMb} MB`;
    return slot.error ? `读取程序出错（${slot.error.message}）` : '读取程序意外退出';
  }

  private afterJob(): void {
    if (![...this.slots].some((s) => s.job !== null) && this.queue.length === 0) this.stopWatchdog();
    this.dispatch();
  }

  private watch(): void {
    if (process.memoryUsage.rss() - this.rssBase <= this.rssGrowth) return;
    for (const s of this.slots) if (s.job && s.ended === undefined) void this.end(s, 'memory');
  }

  private stopWatchdog(): void {
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = undefined;
  }

  private async end(slot: Slot, why: NonNullable<Slot['ended']>): Promise<void> {
    if (slot.ended !== undefined) return;
    slot.ended = why;
    if (slot.job) {
      // asked first: it may be inside onnxruntime, where terminating it would abort this process (see the top)
      let grace: NodeJS.Timeout | undefined;
      const exited = new Promise<boolean>((resolve) => {
        slot.worker.once('exit', () => resolve(true));
        grace = setTimeout(() => resolve(false), STOP_GRACE_MS);
      });
      slot.worker.postMessage({ stop: true } satisfies WorkerCommand);
      const stopped = await exited;
      clearTimeout(grace);
      if (stopped) return;
    }
    await slot.worker.terminate();
  }
}

let shared: ReadPool | undefined;

/**
 * The server's pool: a core is kept for serving requests (at least one reader, at most four); its workers
 * end when idle, so a quiet server holds none.
 */
export function sharedReadPool(): ReadPool {
  const threads = Math.max(1, Math.min(4, availableParallelism() - 1));
  shared ??= new ReadPool({ threads, ocrThreads: Math.max(1, Math.floor((availableParallelism() - 1) / threads)) });
  return shared;
}
