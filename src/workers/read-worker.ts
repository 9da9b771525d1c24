/**
 * One read-pool worker thread: reads the files it is sent, one at a time, with the same use case as the main
 * thread would (extract, read, findings), telling the pool after each page of a scan read by OCR (the pool
 * counts its time limit from the last page). Whatever a file does to this thread (a heap exhausted, a stack
 * overflowed, a promise rejected that nobody awaited) ends this thread only; the pool answers for the file.
 * Asked to stop (a file past its time limit, the memory watchdog, the pool closed), it ends itself at once: the
 * message is taken between two steps of the reading, never inside a native call (see read-pool.ts).
 */
import { parentPort } from 'node:worker_threads';
import { readAndCheckFile, readReportFile } from '../services/report-files';
import type { ReadMessage, ReadProgress, ReadReply, WorkerCommand } from './read-pool';

const port = parentPort;
if (!port) throw new Error('read-worker.ts runs only as a worker thread (see read-pool.ts)');

port.on('message', (task: WorkerCommand) => {
  // in a worker thread, process.exit ends this thread only
  if ('stop' in task) process.exit(0);
  const onPage = (progress: ReadProgress) => port.postMessage({ id: task.id, progress } satisfies ReadMessage);
  (task.check ? readAndCheckFile : readReportFile)(task.file, task.bytes, onPage).then(
    (result) => port.postMessage({ id: task.id, result } satisfies ReadReply),
    (e: unknown) => port.postMessage({ id: task.id, error: e instanceof Error ? e.message : String(e) } satisfies ReadReply),
  );
});
