/**
 * One read-pool worker thread: reads the files it is sent, one at a time, with the same use case as the main
 * thread would (extract, read, findings). Whatever a file does to this thread (a heap exhausted, a stack
 * overflowed, a promise rejected that nobody awaited) ends this thread only; the pool answers for the file.
 */
import { parentPort } from 'node:worker_threads';
import { readAndCheckFile, readReportFile } from '../services/report-files';
import type { ReadReply, ReadRequest } from './read-pool';

const port = parentPort;
if (!port) throw new Error('read-worker.ts runs only as a worker thread (see read-pool.ts)');

port.on('message', (task: ReadRequest) => {
  (task.check ? readAndCheckFile : readReportFile)(task.file, task.bytes).then(
    (result) => port.postMessage({ id: task.id, result } satisfies ReadReply),
    (e: unknown) => port.postMessage({ id: task.id, error: e instanceof Error ? e.message : String(e) } satisfies ReadReply),
  );
});
