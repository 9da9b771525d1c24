/**
 * The report reader on the fixtures, single process: reports read per second.
 *
 * Baselines measured in the same run:
 *  - text: decoding the bytes and finding every number with one regular expression — the least any reader
 *    of these files must do;
 *  - PDF: pdf.js extracting the text items of the file — the library's own cost, before any reading.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readReportText } from '../src/core/reader/read';
import { checkResults, readReportFile } from '../src/services/report-files';
import { printTable, time } from './harness';
import { FIXTURE_DIR as dir } from '../test/helpers/fixtures';

const texts = ['fuqing-health-2020.txt', 'jinjiang-health-2022.txt'].map((f) => readFileSync(path.join(dir, f)));
const pdf = readFileSync(path.join(dir, 'hongze-district-2024.pdf'));

export async function run(): Promise<void> {
  const scan = await time('baseline: decode + find every number (2 text reports)', () => {
    let n = 0;
    for (const b of texts) for (const _ of new TextDecoder().decode(b).matchAll(/\d+(?:\.\d+)?/g)) n++;
    return n;
  });
  const read = await time('read text → report (2 text reports)', () => {
    for (const b of texts) readReportText(new TextDecoder().decode(b));
  });
  const full = await time('read + check files incl. narrative (2 text reports)', async () => {
    const results = [];
    for (const [i, b] of texts.entries()) results.push(await readReportFile(`r${i}.txt`, b));
    checkResults(results);
  });
  printTable('Report reader, text fixtures (Fuqing 2020, Jinjiang 2022)', [scan, read, full], scan);
  console.log(`→ ${(read.opsPerSec * 2).toFixed(0)} text reports read per second; ${(full.opsPerSec * 2).toFixed(0)} read and checked per second (single process)`);

  // The same per CPU second of this process: on a shared machine, wall time also counts the other processes'
  // turns; CPU time does not (both figures are printed, with the baseline measured the same way).
  // Warmed up for half a CPU second (the compiler settles on every fixture's paths; ten rounds left the four-fixture
  // figure mostly warm-up), then measured over at least `rounds` rounds and one CPU second.
  const cpuMicros = (c: NodeJS.CpuUsage) => c.user + c.system;
  const perCpuSecond = (fn: () => void, rounds: number) => {
    const w0 = process.cpuUsage();
    for (let i = 0; i < 10 || cpuMicros(process.cpuUsage(w0)) < 500_000; i++) fn();
    const c0 = process.cpuUsage();
    let done = 0;
    while (done < rounds || cpuMicros(process.cpuUsage(c0)) < 1_000_000) {
      for (let i = 0; i < 10; i++) fn();
      done += 10;
    }
    return (done * 1e6) / cpuMicros(process.cpuUsage(c0));
  };
  const decoded = texts.map((b) => new TextDecoder().decode(b));
  const scanCpu = perCpuSecond(() => {
    for (const b of texts) for (const _ of new TextDecoder().decode(b).matchAll(/\d+(?:\.\d+)?/g));
  }, 2000) * 2;
  const allText = ['fuqing-health-2020.txt', 'jinjiang-health-2022.txt', 'pingtan-jtj-2020.txt', 'shanghai-stcsm-2024-markdown.txt'].map((f) =>
    readFileSync(path.join(dir, f), 'utf8'),
  );
  const readCpu = perCpuSecond(() => decoded.forEach((t) => readReportText(t)), 300) * 2;
  const readAllCpu = perCpuSecond(() => allText.forEach((t) => readReportText(t)), 150) * allText.length;
  console.log(
    `→ per CPU second: ${readCpu.toFixed(0)} text reports read (Fuqing, Jinjiang); ${readAllCpu.toFixed(0)} over the four text fixtures; baseline decode + find every number ${scanCpu.toFixed(0)}`,
  );

  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const extract = await time('baseline: pdf.js text extraction (Hongze 2024 PDF)', async () => {
    const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0, isEvalSupported: false }).promise;
    for (let p = 1; p <= doc.numPages; p++) await (await doc.getPage(p)).getTextContent();
    await doc.destroy();
  });
  const pdfRead = await time('read + check the PDF report', async () => {
    checkResults([await readReportFile('hongze.pdf', pdf)]);
  });
  printTable('Report reader, PDF fixture (Hongze 2024)', [extract, pdfRead], extract);
  console.log(`→ ${pdfRead.opsPerSec.toFixed(1)} PDF reports read and checked per second (single process)`);
}
