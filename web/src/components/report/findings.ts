/**
 * Findings on the page: which cell or which sentence of the narrative each one concerns, and the live
 * re-check of the narrative (rule 6) in the browser with the core's own pure checks.
 */
import { checkNarrative } from '../../../../src/core/report/narrative';
import { narrativeLines, type LayoutTable, type NarrativeKey, type NarrativeLineRef, type ReportSections } from '../../../../src/core/report/layout';
import { compact } from '../../../../src/core/normalize';
import type { Finding, Report, Severity } from './types';

const SEVERITY_ORDER: Severity[] = ['error', 'warning', 'info'];

export function worstSeverity(list: Finding[]): Severity | null {
  for (const s of SEVERITY_ORDER) if (list.some((f) => f.severity === s)) return s;
  return null;
}

export function sortFindings(list: Finding[]): Finding[] {
  return [...list].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
}

/** A finding about the text: its `where` is "line N" of the narrative. */
export function narrativeLine(f: Finding): number | null {
  const m = /^line (\d+)$/.exec(f.where);
  return m ? Number(m[1]) : null;
}

/** Whether a finding concerns a table cell (its own path, or the row the cell is in). */
export function concernsCell(f: Finding, path: string): boolean {
  return f.where === path || (path.startsWith(f.where) && path[f.where.length] === '[');
}

/** Findings grouped by the value cells of the tables they concern. */
export function findingsByCell(findings: Finding[], tables: LayoutTable[]): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  const tableFindings = findings.filter((f) => narrativeLine(f) === null);
  const paths = tables.flatMap((t) => t.rows.flatMap((r) => r.map((c) => c.path).filter((p): p is string => Boolean(p))));
  for (const path of paths) {
    const list = tableFindings.filter((f) => concernsCell(f, path));
    if (list.length > 0) out.set(path, list);
  }
  return out;
}

/**
 * The findings of the workspace with the narrative ones recomputed on the current text: the tables do not
 * change while the officer types, the text does.
 */
export function liveFindings(report: Report, serverFindings: Finding[], sections: ReportSections): Finding[] {
  const tables = serverFindings.filter((f) => narrativeLine(f) === null);
  // with its section: a prompt of the draft left in the text is named by its section
  const lines = narrativeLines(sections).map(({ line, text, section }) => ({ line, text, section }));
  return [...tables, ...checkNarrative(report, lines)];
}

// ---------------------------------------------------------------------------------------------------------
// Tracing a narrative finding to its sentence

export interface Sentence {
  text: string;
  /** offset in the paragraph */
  start: number;
}

export function splitSentences(paragraph: string): Sentence[] {
  const out: Sentence[] = [];
  for (const m of paragraph.matchAll(/[^。！？!?]+[。！？!?]*|[。！？!?]+/g)) out.push({ text: m[0], start: m.index! });
  return out;
}

/** The quoted text of a narrative message (the clause the check read), without the ellipsis of a long quote. */
function quotesOf(f: Finding): string[] {
  return [...f.message.matchAll(/“([^”]+)”/g)].map((m) => m[1].replace(/…$/, ''));
}

/** Which sentence of the paragraph a narrative finding concerns (index), or null when it cannot be told. */
export function sentenceOf(f: Finding, sentences: Sentence[]): number | null {
  const quotes = quotesOf(f);
  // the stated-totals finding names the first statement, then the one it concerns
  const ordered = f.rule === 'narrative.statedTotals' ? [...quotes].reverse() : quotes;
  for (const q of ordered) {
    const needle = compact(q);
    if (needle.length < 2) continue;
    const i = sentences.findIndex((s) => compact(s.text).includes(needle));
    if (i >= 0) return i;
  }
  return null;
}

export interface Located {
  finding: Finding;
  ref: NarrativeLineRef;
  /** index of the sentence in the paragraph, null = the whole paragraph */
  sentence: number | null;
}

/** Narrative findings traced to their section, paragraph and sentence. */
export function locateNarrative(findings: Finding[], sections: ReportSections): Located[] {
  const refs = narrativeLines(sections);
  const out: Located[] = [];
  for (const f of findings) {
    const line = narrativeLine(f);
    if (line === null) continue;
    const ref = refs.find((r) => r.line === line);
    if (!ref) continue;
    out.push({ finding: f, ref, sentence: sentenceOf(f, splitSentences(ref.text)) });
  }
  return out;
}

/** DOM id of a located narrative finding's mark. */
export function markId(section: NarrativeKey, paragraph: number, sentence: number | null): string {
  return `nf-${section}-${paragraph}-${sentence ?? 'p'}`;
}
