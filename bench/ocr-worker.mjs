// A worker thread of bench/ocr.ts: registers tsx (worker threads do not inherit the loader), then reads the page
// images it is sent with the OCR page reader, one at a time, and answers each with the model's own time.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { readPage } = await import('../src/extract/ocr/page.ts');
const { engineTime, recogniser } = await import('../src/extract/ocr/engine.ts');
await recogniser();
parentPort.on('message', async ({ id, image, dpi }) => {
  const before = engineTime.ms;
  const cpu = process.cpuUsage();
  const page = await readPage(image, dpi);
  const used = process.cpuUsage(cpu);
  parentPort.postMessage({ id, pieces: page.pieces, engineMs: engineTime.ms - before, cpuMs: (used.user + used.system) / 1000 });
});
parentPort.postMessage({ ready: true });
