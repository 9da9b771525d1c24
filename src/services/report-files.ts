/**
 * Reading and checking published annual reports from files: the use case behind `gongkai report parse|check`
 * and the supervising office's batch audit.
 */
import { readFile } from 'node:fs/promises';
import { extractSource, type ExtractOptions, type SourceKind } from '../extract/index';
import { readReport } from '../core/reader/read';
import { checkAcrossYears, checkReportAlone } from '../core/report/checks';
import { countBySeverity, finding, type Finding } from '../core/report/findings';
import type { Report } from '../core/report/model';
import type { NarrativeLine } from '../core/report/narrative';

export interface ReadFileResult {
  file: string;
  kind?: SourceKind;
  report: Report | null;
  findings: Finding[];
  narrative: NarrativeLine[];
  /** the checks that need no other report, when the reader ran them already (checkReportAlone) */
  ownChecks?: { tables: Finding[]; narrative: Finding[] };
}

/** Read one file and run the checks that need no other report (for a batch read in worker threads). */
export async function readAndCheckFile(file: string, bytes?: Uint8Array, onPage?: ExtractOptions['onOcrPage']): Promise<ReadFileResult> {
  const r = await readReportFile(file, bytes, onPage);
  return r.report ? { ...r, ownChecks: checkReportAlone(r.report, r.narrative) } : r;
}

/**
 * Read one file; never throws for bad content (a file that cannot be opened is a finding too). `onPage` is told
 * after each page of a scan read by OCR.
 */
export async function readReportFile(file: string, bytes?: Uint8Array, onPage?: ExtractOptions['onOcrPage']): Promise<ReadFileResult> {
  let buf: Uint8Array;
  try {
    buf = bytes ?? (await readFile(file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? '文件不存在' : code === 'EISDIR' ? '这是一个目录' : code === 'EACCES' ? '没有读取权限' : (e as Error).message;
    return { file, report: null, findings: [finding('read.file', 'error', `无法打开文件：${why}`, file)], narrative: [] };
  }
  const extracted = await extractSource(buf, { onOcrPage: onPage });
  if (!extracted.ok) {
    return { file, kind: extracted.kind, report: null, findings: [finding('read.file', 'error', extracted.message, file)], narrative: [] };
  }
  const result = readReport(extracted.doc);
  const limits = (extracted.warnings ?? []).map((w) => finding(w.rule, 'warning', w.message, file));
  // a scan read by OCR says so (its figures were recognised, not read from text); a text file names its encoding
  const note = extracted.note ? [finding(extracted.ocr ? 'read.ocr' : 'read.encoding', 'info', extracted.note, file)] : [];
  const findings = [...note, ...limits, ...result.findings];
  return { file, kind: extracted.kind, report: result.report, findings, narrative: result.narrative };
}

/**
 * Add the checks to read results. The previous year's report of the same agency is taken from `previous`
 * (by agency) or found among the results themselves.
 */
export function checkResults(results: ReadFileResult[], previous: Report[] = []): ReadFileResult[] {
  const pool = [...previous, ...results.map((r) => r.report).filter((r): r is Report => r !== null)];
  return results.map((r) => {
    if (!r.report) return r;
    const report = r.report;
    const prev = pool.find((p) => p !== report && p.agency === report.agency && p.year === report.year - 1);
    const own = r.ownChecks ?? checkReportAlone(report, r.narrative);
    const { ownChecks: _, ...rest } = r;
    // as checkReport orders them: the tables, the cross-year rule, the text
    return { ...rest, findings: [...r.findings, ...own.tables, ...(prev ? checkAcrossYears(report, prev) : []), ...own.narrative] };
  });
}

/** 0: no error; 1: a report breaks a rule; 2: a file cannot be read as a report (report-model.md). */
export function exitCode(results: ReadFileResult[]): 0 | 1 | 2 {
  if (results.some((r) => r.report === null)) return 2;
  if (results.some((r) => countBySeverity(r.findings).error > 0)) return 1;
  return 0;
}
