/**
 * A report compared with its corrected version (整改): which findings the correction fixed, which remain,
 * which are new — by fingerprint (the same rule, cell or sentence and figures) — and the cells whose values
 * changed. Pure.
 */
import { reportCells } from '../report/checks';
import type { Finding } from '../report/findings';
import { getCell, type CellValue, type Report } from '../report/model';
import { describeCell } from '../report/template';
import { fingerprint } from './fingerprint';

export interface ComparedFinding extends Finding {
  fingerprint: string;
}

export interface CellChange {
  path: string;
  /** the cell as the report names it */
  cell: string;
  before: CellValue;
  after: CellValue;
}

export interface ReportComparison {
  /** in the first, not in the corrected one */
  fixed: ComparedFinding[];
  /** in both */
  remaining: ComparedFinding[];
  /** in the corrected one only */
  added: ComparedFinding[];
  changedCells: CellChange[];
}

function byFingerprint(findings: readonly Finding[]): Map<string, ComparedFinding> {
  const out = new Map<string, ComparedFinding>();
  for (const f of findings) {
    const fp = 'fingerprint' in f && typeof f.fingerprint === 'string' ? f.fingerprint : fingerprint(f);
    if (!out.has(fp)) out.set(fp, { rule: f.rule, severity: f.severity, message: f.message, where: f.where, fingerprint: fp });
  }
  return out;
}

/** The cells whose values differ, in the order the report prints them (a cell only one format has counts as changed). */
export function changedCells(first: Report, second: Report): CellChange[] {
  const paths = [...new Set([...reportCells(first), ...reportCells(second)].map((c) => c.path))];
  const out: CellChange[] = [];
  for (const path of paths) {
    const before = getCell(first, path) ?? null;
    const after = getCell(second, path) ?? null;
    if (before !== after) out.push({ path, cell: describeCell(path), before, after });
  }
  return out;
}

export function compareReports(first: { report: Report; findings: readonly Finding[] }, second: { report: Report; findings: readonly Finding[] }): ReportComparison {
  const a = byFingerprint(first.findings);
  const b = byFingerprint(second.findings);
  return {
    fixed: [...a.values()].filter((f) => !b.has(f.fingerprint)),
    remaining: [...a.values()].filter((f) => b.has(f.fingerprint)),
    added: [...b.values()].filter((f) => !a.has(f.fingerprint)),
    changedCells: changedCells(first.report, second.report),
  };
}

/** Of the findings a notice listed, which the corrected report fixed (every one fixed: the follow-up is done). */
export function listedOutcome(listed: readonly string[], corrected: readonly Finding[]): { fingerprint: string; fixed: boolean }[] {
  const still = byFingerprint(corrected);
  return listed.map((fp) => ({ fingerprint: fp, fixed: !still.has(fp) }));
}
