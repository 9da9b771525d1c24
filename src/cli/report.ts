/**
 * `gongkai report parse|check FILE…`: read published annual reports (text, .docx, .pdf, .html) into the
 * canonical JSON, and check them (report-model.md, "Command line"). The reading and checking are in
 * ./report-run.ts, imported when a command runs.
 */
import { readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';

/** Files a folder may hold reports in (the reader tells the format by the bytes; these are what it can read). */
export const REPORT_EXTENSIONS = new Set(['.txt', '.md', '.text', '.html', '.htm', '.docx', '.pdf']);
/** What a folder is searched for: report files, and .zip archives of them. */
const FOLDER_EXTENSIONS = new Set([...REPORT_EXTENSIONS, '.zip']);

/**
 * The files to read: each argument that is a folder stands for the report files below it (recursing, in name
 * order); a file is taken as given, whatever its name.
 */
export function expandInputs(args: string[]): { files: string[]; emptyFolders: string[] } {
  const files: string[] = [];
  const emptyFolders: string[] = [];
  for (const arg of args) {
    let isFolder = false;
    try {
      isFolder = statSync(arg).isDirectory();
    } catch {
      // a missing file is reported by the reader, in its place
    }
    if (!isFolder) {
      files.push(arg);
      continue;
    }
    const found: string[] = [];
    const walk = [arg];
    while (walk.length > 0) {
      const dir = walk.pop()!;
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk.push(full);
        else if (entry.isFile() && FOLDER_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) found.push(full);
      }
    }
    if (found.length === 0) emptyFolders.push(arg);
    files.push(...found.sort((a, b) => a.localeCompare(b, 'zh-CN')));
  }
  return { files, emptyFolders };
}

/** The files of the arguments, or exit 2 naming a folder with no report file in it. */
function inputsOf(cmd: Command, args: string[]): string[] {
  const { files, emptyFolders } = expandInputs(args);
  if (emptyFolders.length > 0) {
    cmd.error(`错误 Error: 文件夹 ${emptyFolders.join('、')} 中没有可读取的报告文件（.txt、.md、.html、.docx、.pdf、.zip） (no report file in the folder)`, { exitCode: 2, code: 'gongkai.badInput' });
  }
  return files;
}

export function registerReportCommands(program: Command): void {
  const report = program.command('report').description('年度报告：读取与检查 (annual reports: read and check)');

  report
    .command('parse')
    .description('读取已公布的年度报告（文本、.docx、.pdf、.html）为标准 JSON (read published reports into the canonical JSON)')
    .argument('<files...>', '报告文件或文件夹（含子文件夹） (report files, or folders of them)')
    .option('--json', '输出 JSON (print JSON)')
    .action(async (args: string[], opts: { json?: boolean }, cmd: Command) => {
      const files = inputsOf(cmd, args);
      const { parseReports } = await import('./report-run');
      process.exitCode = await parseReports(files, opts);
    });

  report
    .command('check')
    .description('检查年度报告的勾稽关系、跨年度衔接和正文数字 (check reports against the consistency rules)')
    .argument('<files...>', '报告文件或文件夹（含子文件夹） (report files, or folders of them)')
    .option('--previous <file...>', '上一年度报告，用于跨年度检查 (the previous year\'s report, for the cross-year rule)')
    .option('--json', '输出 JSON (print JSON)')
    .option('--xlsx <file>', '将结果写入 Excel 工作簿：“报告”表每个文件一行，“问题”表每条问题一行 (write the results to a workbook)')
    .option('--all', '同时显示提示信息 (also show info findings)')
    .option('--jobs <n>', '并行读取的线程数，默认为 CPU 核数 (reader threads, default: the number of cores)')
    .addHelpText(
      'after',
      '\n退出码 Exit codes: 0 无错误 no error · 1 报告违反规则 a report breaks a rule · 2 文件无法读取为报告 a file cannot be read as a report',
    )
    .action(async (args: string[], opts: { previous?: string[]; json?: boolean; xlsx?: string; all?: boolean; jobs?: string }, cmd: Command) => {
      const jobs = opts.jobs === undefined ? availableParallelism() : Number(opts.jobs);
      if (!Number.isInteger(jobs) || jobs < 1) cmd.error(`错误 Error: --jobs 应为正整数，实为 ${opts.jobs}`, { exitCode: 2, code: 'gongkai.badInput' });
      const files = inputsOf(cmd, args);
      const { checkReports } = await import('./report-run');
      process.exitCode = await checkReports(files, { ...opts, jobs });
    });
}
