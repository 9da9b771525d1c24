/**
 * The work of `gongkai report parse|check` (src/cli/report.ts registers the commands): reading the files in
 * worker threads, checking, printing. Imported when one of the commands runs, not on every `gongkai`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import cliProgress from 'cli-progress';
import Table from 'cli-table3';
import pc from 'picocolors';
import { countBySeverity, SEVERITY_LABELS, type Finding } from '../core/report/findings';
import { checkResults, exitCode, type ReadFileResult } from '../services/report-files';
import { ReadPool, unreadable, type ReadProgress } from '../workers/read-pool';
import { readArchive } from '../extract/archive';
import { MAX_INPUT_BYTES } from '../extract/index';
import { finding } from '../core/report/findings';
import { checkWorkbook } from '../render/workbook';
import { REPORT_EXTENSIONS } from './report';

/** A file to read: on disk, or an entry of a .zip read in memory (named `archive.zip/inner/path.pdf`). */
interface Input {
  file: string;
  bytes?: Uint8Array;
}

const isZip = (name: string) => path.extname(name).toLowerCase() === '.zip';

/**
 * The .zip files among the inputs opened: each report file inside (in nested folders too) becomes an input named
 * after the archive and its path inside; an archive that cannot be opened is one result with its error.
 */
async function openArchives(files: string[]): Promise<{ inputs: Input[]; failed: Map<string, ReadFileResult> }> {
  const inputs: Input[] = [];
  const failed = new Map<string, ReadFileResult>();
  for (const file of files) {
    if (!isZip(file)) {
      inputs.push({ file });
      continue;
    }
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (e) {
      inputs.push({ file }); // the reader reports the missing file in its place
      continue;
    }
    const archive = readArchive(bytes, (name) => REPORT_EXTENSIONS.has(path.extname(name).toLowerCase()));
    if (!archive.ok) {
      inputs.push({ file });
      failed.set(file, { file, report: null, findings: [finding('read.file', 'error', archive.message, file)], narrative: [] });
      continue;
    }
    const entries = archive.entries.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
    for (const e of entries) {
      const name = `${file}/${e.name}`;
      if (e.bytes.length > MAX_INPUT_BYTES) {
        inputs.push({ file: name });
        failed.set(name, { file: name, report: null, findings: [finding('read.file', 'error', `文件超过 ${MAX_INPUT_BYTES / 1048576} MB，未读取`, name)], narrative: [] });
      } else inputs.push({ file: name, bytes: e.bytes });
    }
  }
  return { inputs, failed };
}

/** The bars' labels are as wide on a terminal (16 columns), so their bars line up. */
const FILES_BAR = '读取报告 Reading {bar} {value}/{total} {file}';
const OCR_BAR = '文字识别（OCR）  {bar} 第 {value}/{total} 页 {file}';

/**
 * Read the files on all cores, each in a worker thread with memory and time limits: a file that breaks its
 * reader is one `file.unreadable` result, and the others (and the JSON of the batch) are still given.
 * Results keep the order of the files.
 *
 * On a terminal, a batch shows a bar of the files read, and each scan being read by OCR a bar of its pages
 * under it (a single file shows only the latter, as a text file is read at once); the bars are cleared at the end.
 */
async function readAll(paths: string[], jobs = availableParallelism(), check = false): Promise<ReadFileResult[]> {
  if (paths.length === 0) return [];
  const { inputs, failed } = await openArchives(paths);
  const files = inputs.map((i) => i.file);
  const bars =
    process.stderr.isTTY === true
      ? new cliProgress.MultiBar({ hideCursor: true, stream: process.stderr, clearOnComplete: true, format: FILES_BAR }, cliProgress.Presets.shades_classic)
      : null;
  const filesBar = files.length > 1 ? bars?.create(files.length, 0, { file: '' }) : undefined;
  // a single text file draws nothing, so there is nothing to clear either
  let drawn = filesBar !== undefined;
  // `check`: the checks that need no other report run in the workers too, on every core
  const pool = new ReadPool({ threads: Math.max(1, Math.min(files.length, jobs)), check });
  let done = 0;
  try {
    return await Promise.all(
      inputs.map(async ({ file, bytes }) => {
        const name = path.basename(file);
        let pagesBar: cliProgress.SingleBar | undefined;
        const onProgress = bars
          ? ({ page, pages }: ReadProgress) => {
              if (!pagesBar) {
                pagesBar = bars.create(pages, page, { file: name }, { format: OCR_BAR });
                drawn = true;
              } else {
                pagesBar.setTotal(pages);
                pagesBar.update(page);
              }
            }
          : undefined;
        const result = failed.get(file) ?? (await pool.read(file, bytes, { onProgress }).catch((e: unknown) => unreadable(file, `读取出错（${(e as Error).message}）`)));
        if (pagesBar) bars?.remove(pagesBar);
        filesBar?.update(++done, { file: name });
        return result;
      }),
    );
  } finally {
    if (drawn) bars?.stop();
    await pool.close();
  }
}

function jsonOf(results: ReadFileResult[]): string {
  const items = results.map((r) => ({ file: r.file, report: r.report, findings: r.findings }));
  return JSON.stringify(items.length === 1 ? items[0] : items, null, 2);
}

function describe(r: ReadFileResult): string {
  if (!r.report) return pc.red('无法读取为年度报告');
  const { agency, year, format } = r.report;
  return `${agency || '（机关未知）'} ${year || '？'} 年度报告（${format} 年版格式${r.kind ? `，${r.kind}` : ''}）`;
}

/** `parse` lists what reading found and says the checks were not run; `check` lists both. */
const CHECKS_NOT_RUN = '未运行检查（勾稽关系、跨年度衔接、正文数字）：以上仅为读取时的发现，检查请用 gongkai report check';

function printFindings(results: ReadFileResult[], minimum: Finding['severity'], checked = true): void {
  const rank = { error: 0, warning: 1, info: 2 };
  for (const r of results) {
    console.log(`${pc.bold(r.file)} — ${describe(r)}`);
    const shown = r.findings.filter((f) => rank[f.severity] <= rank[minimum]).sort((a, b) => rank[a.severity] - rank[b.severity]);
    if (shown.length === 0) console.log(`  ${pc.green(checked ? '未发现问题' : '读取时未发现问题')}`);
    if (!checked && r.report) console.log(`  ${pc.dim(CHECKS_NOT_RUN)}`);
    for (const f of shown) {
      const label = f.severity === 'error' ? pc.red(SEVERITY_LABELS[f.severity]) : f.severity === 'warning' ? pc.yellow(SEVERITY_LABELS[f.severity]) : pc.dim(SEVERITY_LABELS[f.severity]);
      console.log(`  ${label} ${pc.dim(`[${f.rule}] ${f.where}`)}\n      ${f.message}`);
    }
    console.log();
  }
}

function printSummary(results: ReadFileResult[]): void {
  const table = new Table({ head: ['文件 File', '机关 Agency', '年度 Year', '格式 Format', '错误 Errors', '警告 Warnings'], style: { head: [], border: [] } });
  for (const r of results) {
    const n = countBySeverity(r.findings);
    table.push([path.basename(r.file), r.report?.agency ?? '—', r.report?.year ?? '—', r.report?.format ?? '—', n.error, n.warning]);
  }
  console.log(table.toString());
}

/** Files that could not be read as a report, said on stderr too (the listing on stdout is the result). */
function warnUnreadable(results: ReadFileResult[]): void {
  const failed = results.filter((r) => r.report === null).length;
  if (failed > 0) console.error(`错误 Error: ${failed} 个文件无法读取为年度报告 (${failed} file${failed > 1 ? 's' : ''} could not be read as a report)`);
}

/** `gongkai report parse`: the exit code. */
export async function parseReports(files: string[], opts: { json?: boolean }): Promise<number> {
  const results = await readAll(files);
  if (opts.json) console.log(jsonOf(results));
  else {
    printFindings(results, 'warning', false);
    if (results.length > 1) printSummary(results);
  }
  warnUnreadable(results);
  return results.some((r) => r.report === null) ? 2 : 0;
}

/** `gongkai report check`: the exit code. */
export async function checkReports(files: string[], opts: { previous?: string[]; json?: boolean; xlsx?: string; all?: boolean; jobs: number }): Promise<number> {
  const results = await readAll(files, opts.jobs, true);
  const previous = opts.previous ? await readAll(opts.previous) : [];
  const checked = checkResults(results, previous.map((p) => p.report).filter((r) => r !== null));
  if (opts.xlsx) {
    await writeFile(opts.xlsx, await checkWorkbook(checked));
    if (!opts.json) console.error(`已写入工作簿 Workbook written: ${opts.xlsx}`);
  }
  if (opts.json) console.log(jsonOf(checked));
  else {
    printFindings(checked, opts.all ? 'info' : 'warning');
    if (checked.length > 1) printSummary(checked);
  }
  warnUnreadable(checked);
  return exitCode(checked);
}
