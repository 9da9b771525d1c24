/**
 * From a row's raw value slots to its cells, restoring what extraction lost only where the table's own
 * relations force it (domain.md §5 rule 7, report-model.md "Findings").
 *
 * For each row the reader builds the candidate readings of its slots: exactly the cells (one candidate),
 * too few numbers (a lost cell at each possible position), blank cells, or too many numbers (a numbering
 * digit, or one number split in two). All combinations across a table are propagated through the table's
 * relations; those contradicting the fewest relations are kept, and a cell is known when they all agree.
 */
import { finding, RULES, type Finding } from '../report/findings';
import { cellsOf, imbalanceAt, indexRelations, propagateAt, type IndexedRelations, type IndexedValues, type Relation, type Values } from '../report/relations';
import type { ValueKind } from '../report/template';
import type { LostFigure, Slot } from './tokens';

/** 'huge': a printed figure beyond 2^53, which cannot be held exactly (never read as a rounded number) */
export type CellStatus = 'read' | 'blank' | 'dash' | 'lost' | 'merged' | 'huge';

export interface RowInput {
  /** row path (for `where`) */
  path: string;
  /** how messages name the row */
  ref: string;
  /** cell paths in printed order */
  cells: string[];
  /** how messages name each cell's column */
  columnRefs: string[];
  kinds: ValueKind[];
  slots: Slot[];
  found: boolean;
  /** plain text (true) or a document's table cells (false) */
  structured: boolean;
  /** number of the next sub-row ("1.", "2."), when the numbering may have been read as a value */
  nextNo?: number;
  line: number;
}

interface Candidate {
  values: (number | null)[];
  status: CellStatus[];
  /** a printed number left out as an artefact (a merged cell's second copy, say) */
  dropped?: string[];
  /** every number left out is 0 or repeats its neighbour: what a merged cell leaves behind */
  plausibleDrop?: boolean;
  /** at a cell extraction could not read (a lost-cell marker): the figures it might be */
  figures?: (LostFigure | undefined)[];
}

const MAX_LOST = 3;

function combinations(n: number, k: number): number[][] {
  const out: number[][] = [];
  const rec = (start: number, acc: number[]) => {
    if (acc.length === k) {
      out.push([...acc]);
      return;
    }
    for (let i = start; i < n; i++) rec(i + 1, [...acc, i]);
  };
  rec(0, []);
  return out;
}

function fromSlots(slots: Slot[]): Candidate {
  return {
    values: slots.map((s) => (s.kind === 'num' && !s.unsafe ? s.value : null)),
    status: slots.map((s) => (s.kind === 'num' ? (s.lost ? 'lost' : s.unsafe ? 'huge' : 'read') : s.dash ? 'dash' : 'blank')),
    ...(slots.some((s) => s.kind === 'num' && s.lost) ? { figures: slots.map((s) => (s.kind === 'num' ? s.lost : undefined)) } : {}),
  };
}

function lostRow(n: number): Candidate {
  return { values: Array(n).fill(null), status: Array(n).fill('lost') };
}

/** Insert `k` lost cells into a reading at every possible set of positions. */
function withLost(base: Candidate, n: number): Candidate[] {
  const k = n - base.values.length;
  return combinations(n, k).map((positions) => {
    const values: (number | null)[] = [];
    const status: CellStatus[] = [];
    const figures: (LostFigure | undefined)[] = [];
    let b = 0;
    for (let i = 0; i < n; i++) {
      if (positions.includes(i)) {
        values.push(null);
        status.push('lost');
        figures.push(undefined);
      } else {
        values.push(base.values[b]);
        status.push(base.status[b]);
        figures.push(base.figures?.[b]);
        b++;
      }
    }
    return { values, status, ...(base.figures ? { figures } : {}) };
  });
}

/** Readings of a row with `extra` numbers too many: adjacent numbers that may be one number split in two. */
function withMerges(slots: Slot[], n: number): Candidate[] {
  const extra = slots.length - n;
  if (extra > 2) return [];
  const pairs: number[] = [];
  for (let i = 0; i + 1 < slots.length; i++) {
    const a = slots[i];
    const b = slots[i + 1];
    // digits only, and no number starts with 0
    if (a.kind === 'num' && b.kind === 'num' && !a.signed && !b.signed && /^[1-9]\d*$/.test(a.raw) && /^\d+$/.test(b.raw)) {
      if (b.sep === 'space' || b.line !== a.line) pairs.push(i);
    }
  }
  const out: Candidate[] = [];
  for (const chosen of combinations(pairs.length, extra).map((c) => c.map((i) => pairs[i]))) {
    if (chosen.some((p, i) => i > 0 && p === chosen[i - 1] + 1)) continue; // pairs must not overlap
    const values: (number | null)[] = [];
    const status: CellStatus[] = [];
    for (let i = 0; i < slots.length; i++) {
      const s = slots[i];
      if (chosen.includes(i)) {
        const t = slots[i + 1] as Extract<Slot, { kind: 'num' }>;
        values.push(Number(`${(s as Extract<Slot, { kind: 'num' }>).raw}${t.raw}`));
        status.push('merged');
        i++;
      } else {
        values.push(s.kind === 'num' ? s.value : null);
        status.push(s.kind === 'num' ? 'read' : 'blank');
      }
    }
    if (values.length === n) out.push({ values, status });
  }
  return out;
}

export function candidates(row: RowInput): Candidate[] {
  const n = row.cells.length;
  if (!row.found) return [lostRow(n)];
  let slots = row.slots;
  // the next sub-row's number read as a value ("… 0 0 6 .属于四类过程性信息"): one number too many, equal to it
  const nums = slots.filter((s) => s.kind === 'num');
  const last = slots[slots.length - 1];
  if (row.nextNo !== undefined && nums.length === n + 1 && last?.kind === 'num' && last.value === row.nextNo && !last.signed) {
    slots = slots.slice(0, -1);
    while (slots.length > 0 && slots[slots.length - 1].kind === 'empty' && !(slots[slots.length - 1] as { dash: boolean }).dash) slots = slots.slice(0, -1);
  }
  const firstNum = slots.findIndex((s) => s.kind === 'num' || (s.kind === 'empty' && s.dash));
  if (firstNum < 0) {
    // no numbers at all: as many empty cells as the row has are a row of blanks; else the values are lost
    const empties = slots.filter((s) => s.kind === 'empty');
    return empties.length >= n ? [fromSlots(slots.slice(0, n))] : [lostRow(n)];
  }
  let lastNum = slots.length - 1;
  while (lastNum > firstNum && slots[lastNum].kind === 'empty' && !(slots[lastNum] as { dash: boolean }).dash) lastNum--;
  const leading = slots.slice(0, firstNum);
  const core = slots.slice(firstNum, lastNum + 1);
  const trailing = slots.slice(lastNum + 1);

  let hard = core;
  let softLeading = leading.length;
  let softTrailing = trailing.length;
  if (row.structured) {
    hard = [...leading, ...core, ...trailing];
    while (hard.length > n && hard[hard.length - 1].kind === 'empty') hard = hard.slice(0, -1);
    softLeading = 0;
    softTrailing = 0;
  }
  const k = hard.length;
  if (k === n) return [fromSlots(hard)];
  if (k < n) {
    const missing = n - k;
    const base = fromSlots(hard);
    const blanks = (m: number): Candidate => ({ values: Array(m).fill(null), status: Array(m).fill('blank') });
    const join = (...cs: Candidate[]): Candidate => ({
      values: cs.flatMap((c) => c.values),
      status: cs.flatMap((c) => c.status),
      ...(cs.some((c) => c.figures) ? { figures: cs.flatMap((c) => c.figures ?? c.values.map(() => undefined)) } : {}),
    });
    // the empty cells read as the row's blanks
    const used =
      softLeading >= missing && softTrailing === 0
        ? leading.slice(leading.length - missing)
        : softTrailing >= missing && softLeading === 0
          ? trailing.slice(0, missing)
          : softLeading + softTrailing === missing
            ? [...leading, ...trailing]
            : null;
    if (used === null) return missing > MAX_LOST ? [lostRow(n)] : withLost(base, n);
    const blank =
      softLeading >= missing && softTrailing === 0
        ? join(blanks(missing), base)
        : softTrailing >= missing && softLeading === 0
          ? join(base, blanks(missing))
          : join(blanks(softLeading), base, blanks(softTrailing));
    // An empty cell at the end of a line, or alone on its line, may be the row's blank cell or a neighbour's
    // (a merged label cell, the next row's): a figure lost from the row reads the same. Both readings are
    // tried; where the table's relations do not tell them apart, the cells they place differently stay
    // unknown, never a shifted reading. An empty cell between the figures of a line is the row's.
    const loose = used.some((s) => s.kind === 'empty' && !s.dash && (s.place === 'alone' || s.place === 'trailing'));
    return loose && missing <= MAX_LOST ? [blank, ...withLost(base, n)] : [blank];
  }
  // too many numbers
  const readings = [...withMerges(hard, n), ...withDrops(hard, n)];
  return readings.length > 0 ? readings : [lostRow(n)];
}

/** Readings of a row with one or two numbers too many, leaving out each possible extra number. */
function withDrops(slots: Slot[], n: number): Candidate[] {
  const extra = slots.length - n;
  if (extra > 2) return [];
  const valueAt = (i: number) => (slots[i]?.kind === 'num' ? (slots[i] as { value: number }).value : null);
  return combinations(slots.length, extra).map((drop) => {
    const kept = slots.filter((_, i) => !drop.includes(i));
    return {
      ...fromSlots(kept),
      dropped: drop.map((i) => {
        const s = slots[i];
        return s.kind === 'num' ? s.raw : '—';
      }),
      plausibleDrop: drop.every((i) => valueAt(i) === 0 || valueAt(i) === null || valueAt(i) === valueAt(i - 1) || valueAt(i) === valueAt(i + 1)),
    };
  });
}

// ---------------------------------------------------------------------------------------------------------

export interface TableSolution {
  values: Values;
  findings: Finding[];
}

const MAX_COMBINATIONS = 50_000;

function fmtRow(values: (number | null)[]): string {
  return values.map((v) => (v == null ? '？' : String(v))).join('、');
}

function rawOf(row: RowInput): string {
  return row.slots
    .filter((s) => s.kind === 'num' || s.dash)
    .map((s) => (s.kind === 'num' ? s.raw : '—'))
    .join(' ');
}

/**
 * Solve one table: its rows' candidate readings against its relations.
 * `totals` are the cells that are totals (a blank total is restored from its parts; any other blank cell is
 * read as 0 only when the totals agree, else it stays unknown).
 */
/** A table's cells numbered, with its relations over the numbers (see `solveTable`). */
interface Numbering {
  index: Map<string, number>;
  /** each row's cells, numbered */
  rowCells: number[][];
  ix: IndexedRelations;
  relationAt: Map<Relation, number>;
  /** 1 for a cell that is a total */
  isTotal: number[];
  /** for each relation, the rows (their positions) it has a cell in */
  relationRows: Set<number>[];
  /** no cell is in two rows */
  distinctCells: boolean;
}

/**
 * The numbering depends only on the rows' cell paths, the relations and the totals, which come from the
 * template: it is made once for each table form and reused (the last one for each set of relations).
 */
const numberings = new WeakMap<readonly Relation[], { cells: string[][]; totals: ReadonlySet<string>; numbering: Numbering }>();

function sameCells(rows: RowInput[], cells: string[][]): boolean {
  if (rows.length !== cells.length) return false;
  for (let i = 0; i < rows.length; i++) {
    const a = rows[i].cells;
    const b = cells[i];
    if (a === b) continue;
    if (a.length !== b.length) return false;
    for (let c = 0; c < a.length; c++) if (a[c] !== b[c]) return false;
  }
  return true;
}

function numbering(rows: RowInput[], relations: readonly Relation[], totals: ReadonlySet<string>): Numbering {
  const cached = numberings.get(relations);
  if (cached && cached.totals === totals && sameCells(rows, cached.cells)) return cached.numbering;
  const index = new Map<string, number>();
  const indexOf = (path: string): number => {
    let k = index.get(path);
    if (k === undefined) {
      k = index.size;
      index.set(path, k);
    }
    return k;
  };
  const rowCells = rows.map((row) => row.cells.map(indexOf));
  const distinctCells = rowCells.reduce((n, cells) => n + cells.length, 0) === index.size;
  const ix = indexRelations(relations, indexOf);
  const relationAt = new Map(relations.map((r, k) => [r, k]));
  const isTotal = new Array<number>(index.size).fill(0);
  for (const [path, k] of index) if (totals.has(path)) isTotal[k] = 1;
  const relationRows = relations.map((r) => {
    const cells = cellsOf(r);
    const out = new Set<number>();
    rows.forEach((row, i) => {
      if (cells.some((p) => row.cells.includes(p))) out.add(i);
    });
    return out;
  });
  const result = { index, rowCells, ix, relationAt, isTotal, relationRows, distinctCells };
  numberings.set(relations, { cells: rows.map((row) => row.cells), totals, numbering: result });
  return result;
}

export function solveTable(rows: RowInput[], relations: readonly Relation[], totals: ReadonlySet<string>): TableSolution {
  const cands = rows.map(candidates);

  // Every row printed in full, one reading each: the cells are as printed, with nothing to restore or explain
  // (a relation that fails is the checks' to name, not the reader's).
  if (cands.every((c) => c.length === 1 && !c[0].dropped && c[0].status.every((st) => st === 'read'))) {
    const values: Values = new Map();
    rows.forEach((row, i) => row.cells.forEach((path, c) => values.set(path, cands[i][0].values[c])));
    return { values, findings: [] };
  }

  // The cells numbered (the rows' cells in order, then any other cell of a relation): each trial reading is
  // evaluated over arrays, not maps of paths.
  const { index, rowCells, ix, relationAt, isTotal, relationRows, distinctCells } = numbering(rows, relations, totals);
  const size = index.size;

  interface Outcome extends IndexedValues {
    readings: Candidate[];
    contradictions: number;
    contradicted: Relation[];
  }
  const valueOf = (o: Outcome, path: string): number | null => {
    const k = index.get(path);
    return k !== undefined && o.known[k] === 1 ? o.vals[k] : null;
  };
  const forcedOf = (o: Outcome): Map<string, Relation> => {
    const forced = new Map<string, Relation>();
    for (const [path, k] of index) if (o.forcedBy[k] >= 0) forced.set(path, relations[o.forcedBy[k]]);
    return forced;
  };
  const fresh = (): IndexedValues => ({ vals: new Array<number>(size).fill(0), known: new Array<number>(size).fill(0), forcedBy: new Array<number>(size).fill(-1) });
  /**
   * One reading of the whole table. Blank cells that are not totals are read as 0; blank totals and lost
   * cells are unknown and filled only where the relations force them. Blanks in `doubted` are unknown and
   * may only be filled with 0. `into`: arrays to fill (a trial whose values are not kept), else new ones.
   */
  /** Set row i's cells to a reading of it (see `evaluate`). */
  const fillRow = (i: number, cand: Candidate, zeroOnly: number[] | null, into: IndexedValues): void => {
    const { vals, known } = into;
    const cells = rowCells[i];
    for (let c = 0; c < cells.length; c++) {
      const k = cells[c];
      const st = cand.status[c];
      if (st === 'blank' || st === 'dash') {
        if (isTotal[k] === 1 || (zeroOnly !== null && zeroOnly[k] === 1)) {
          known[k] = 0;
        } else {
          vals[k] = 0;
          known[k] = 1;
        }
      } else {
        const v = cand.values[c];
        if (v == null) known[k] = 0;
        else {
          vals[k] = v;
          known[k] = 1;
        }
      }
    }
  };
  const evaluate = (readings: Candidate[], doubted: ReadonlySet<string> | null = null, into: IndexedValues = fresh()): Outcome => {
    const { vals, known, forcedBy } = into;
    let zeroOnly: number[] | null = null;
    if (doubted !== null && doubted.size > 0) {
      zeroOnly = new Array<number>(size).fill(0);
      for (const path of doubted) {
        const k = index.get(path);
        if (k !== undefined) zeroOnly[k] = 1;
      }
    }
    for (let k = 0; k < size; k++) {
      vals[k] = 0;
      known[k] = 0;
      forcedBy[k] = -1;
    }
    for (let i = 0; i < rows.length; i++) fillRow(i, readings[i], zeroOnly, into);
    const { contradictions, contradicted } = propagateAt(ix, into, zeroOnly);
    return { readings, vals, known, forcedBy, contradictions, contradicted };
  };

  // 1. Each row with several readings, alone (the other such rows unknown): drop the readings that break
  //    more relations than the best, and keep one of those that give the same fully known row.
  const rejectedBy: Relation[][] = rows.map(() => []);
  const choices: Candidate[][] = cands.map((c) => c);
  const placeholder = rows.map((row, j) => (cands[j].length === 1 ? cands[j][0] : lostRow(row.cells.length)));
  const scratch = fresh();
  // the placeholders' cells, set once: a trial copies them and sets its row (when no cell is in two rows,
  // the same as setting every row in order)
  let base: IndexedValues | null = null;
  if (distinctCells && cands.some((c) => c.length > 1)) {
    base = fresh();
    for (let j = 0; j < rows.length; j++) fillRow(j, placeholder[j], null, base);
  }
  rows.forEach((row, i) => {
    if (cands[i].length === 1) return;
    const trial = placeholder.slice();
    const cells = rowCells[i];
    // each reading's outcome: what it breaks, and the row's values when they are all known (else null)
    const tried = cands[i].map((cand) => {
      trial[i] = cand;
      let out: { known: number[]; vals: number[]; contradictions: number; contradicted: Relation[] };
      if (base !== null) {
        for (let k = 0; k < size; k++) {
          scratch.vals[k] = base.vals[k];
          scratch.known[k] = base.known[k];
          scratch.forcedBy[k] = -1;
        }
        fillRow(i, cand, null, scratch);
        out = { vals: scratch.vals, known: scratch.known, ...propagateAt(ix, scratch, null) };
      } else out = evaluate(trial, null, scratch);
      let key: string | null = '';
      for (let c = 0; c < cells.length && key !== null; c++) {
        if (out.known[cells[c]] === 0) key = null;
        else key += (c > 0 ? ',' : '') + String(out.vals[cells[c]]);
      }
      return { cand, contradictions: out.contradictions, contradicted: out.contradicted, key };
    });
    let min = Infinity;
    for (const t of tried) if (t.contradictions < min) min = t.contradictions;
    const seen = new Set<string>();
    choices[i] = [];
    for (const { cand, contradictions, contradicted, key } of tried) {
      if (contradictions > min) {
        rejectedBy[i].push(...contradicted);
        continue;
      }
      if (key !== null) {
        if (seen.has(key)) continue;
        seen.add(key);
      }
      choices[i].push(cand);
    }
  });

  // 2. All combinations of the remaining readings, together.
  let product = 1;
  for (const c of choices) product *= c.length;
  if (product > MAX_COMBINATIONS) {
    choices.forEach((c, i) => {
      if (c.length > 1) choices[i] = [lostRow(rows[i].cells.length)];
    });
  }
  const combos: Candidate[][] = [[]];
  for (const c of choices) {
    const next: Candidate[][] = [];
    for (const prefix of combos) for (const cand of c) next.push([...prefix, cand]);
    combos.splice(0, combos.length, ...next);
  }
  const outcomes = combos.map((readings) => evaluate(readings));
  let best = Infinity;
  for (const o of outcomes) if (o.contradictions < best) best = o.contradictions;

  const blanksOf = (readings: Candidate[]): Set<string> => {
    const out = new Set<string>();
    rows.forEach((row, i) =>
      row.cells.forEach((path, c) => {
        const s = readings[i].status[c];
        if ((s === 'blank' || s === 'dash') && !totals.has(path)) out.add(path);
      }),
    );
    return out;
  };
  // A blank read as 0 must agree with the totals: it must take part in a relation that holds, and in none
  // that fails; otherwise it is unknown.
  const kept = outcomes
    .filter((o) => o.contradictions === best)
    .map((o) => {
      const blanks = blanksOf(o.readings);
      if (blanks.size === 0) return o;
      const failing = new Set(o.contradicted.flatMap(cellsOf));
      const confirmed = new Set(relations.filter((_, r) => imbalanceAt(ix, r, o) === 0).flatMap(cellsOf));
      const doubted = new Set([...blanks].filter((p) => failing.has(p) || !confirmed.has(p)));
      return doubted.size > 0 ? evaluate(o.readings, doubted) : o;
    });
  const rejected = outcomes.filter((o) => o.contradictions > best);

  // row-independent: the cells suspected in each kept reading (worked out on first need), the relations
  // the kept readings break, and the cells each kept reading forced
  const suspectsOf: (Set<string> | undefined)[] = [];
  const keptBroken = new Set(kept.flatMap((o) => o.contradicted));
  const keptForced = kept.map(forcedOf);

  const values: Values = new Map();
  const findings: Finding[] = [];
  rows.forEach((row, i) => {
    // A cell the relations fill (a lost cell, a blank total) is restored only where they force it
    // consistently: if a relation through the restored cell still fails in the best readings, the row's
    // filled cells stay unknown. Relations broken by a printed cell that alone explains two or more failures
    // (a wrong figure elsewhere, which the checks will name) do not count against the restoration.
    const filledAt = (o: Outcome, c: number): boolean => {
      const st = o.readings[i].status[c];
      return st === 'lost' || ((st === 'blank' || st === 'dash') && totals.has(row.cells[c]));
    };
    const doubtedBy = new Set<Relation>();
    kept.forEach((o, k) => {
      if (o.contradicted.length === 0) return;
      const filled = row.cells.filter((_, c) => filledAt(o, c));
      if (filled.length === 0) return;
      const suspects = (suspectsOf[k] ??= suspectCells(o.contradicted, (rel) => imbalanceAt(ix, relationAt.get(rel)!, o)));
      for (const r of o.contradicted) {
        const cells = cellsOf(r);
        if (cells.some((p) => filled.includes(p)) && !cells.some((p) => suspects.has(p) && !filled.includes(p))) doubtedBy.add(r);
      }
    });
    const doubtful = doubtedBy.size > 0;
    const finals = row.cells.map((path, c) => {
      if (doubtful && kept.some((o) => filledAt(o, c))) return null;
      if (kept.some((o) => o.readings[i].status[c] === 'huge')) return null;
      const vs = kept.map((o) => valueOf(o, path));
      const v = vs.every((x) => x === vs[0]) ? vs[0] : null;
      // a cell extraction could not read is restored only to one of the figures it might be
      if (v !== null && kept.some((o) => !amongCandidates(row, o.readings[i], c, v))) return null;
      return v;
    });
    row.cells.forEach((path, c) => values.set(path, finals[c]));
    // the relations broken by this row's readings that were set aside, beyond those the kept ones break
    const keptHere = new Set(kept.map((o) => o.readings[i]));
    const broken = [...rejectedBy[i], ...rejected.filter((o) => !keptHere.has(o.readings[i])).flatMap((o) => o.contradicted)].filter(
      (r) => !keptBroken.has(r) && relationRows[relationAt.get(r)!].has(i),
    );
    const holding = (path: string) =>
      relations.filter((r) => r.lhs.includes(path) || r.rhs.includes(path)).filter((r) => cellsOf(r).every((p) => values.get(p) != null || row.cells.includes(p)));
    findings.push(...explainRow(row, kept.map((o, k) => ({ cand: o.readings[i], forced: keptForced[k] })), broken, finals, holding, totals, [...doubtedBy]));
  });
  return { values, findings };
}

/**
 * Whether a restored value fits what extraction saw at the cell: for a lost-cell marker with candidate figures,
 * one of them (where the reading does not say which marker a lost cell is, any marker's of the row).
 */
function amongCandidates(row: RowInput, cand: Candidate, c: number, v: number): boolean {
  if (cand.status[c] !== 'lost') return true;
  const own = cand.figures?.[c];
  const pool = own ? own.candidates : cand.figures ? [] : row.slots.flatMap((s) => (s.kind === 'num' && s.lost ? s.lost.candidates : []));
  return pool.length === 0 || pool.includes(v);
}

/** Cells that, changed by one amount, would mend two or more of the failed relations. */
function suspectCells(failed: readonly Relation[], imbalanceOf: (rel: Relation) => number | null): Set<string> {
  const deltas = new Map<string, number[]>();
  for (const rel of failed) {
    const d = imbalanceOf(rel);
    if (d === null || d === 0) continue;
    for (const p of rel.lhs) deltas.set(p, [...(deltas.get(p) ?? []), -d]);
    for (const p of rel.rhs) deltas.set(p, [...(deltas.get(p) ?? []), d]);
  }
  const out = new Set<string>();
  for (const [p, ds] of deltas) if (ds.length >= 2 && ds.every((x) => Math.abs(x - ds[0]) < 1e-9)) out.add(p);
  return out;
}

function ruleNames(rels: Iterable<Relation>): string {
  const names = [...new Set([...rels].map((r) => RULES[r.rule]))];
  return names.map((n) => `“${n}”`).join('、');
}

function explainRow(
  row: RowInput,
  kept: { cand: Candidate; forced: Map<string, Relation> }[],
  /** relations broken by the readings of the row that were set aside */
  broken: Relation[],
  finals: (number | null)[],
  /** the relations a cell takes part in */
  relationsOf: (path: string) => Relation[],
  totals: ReadonlySet<string>,
  /** the relations through this row's restored cells that the best readings still break */
  doubtedBy: Relation[] = [],
): Finding[] {
  const doubtful = doubtedBy.length > 0;
  const out: Finding[] = [];
  const n = row.cells.length;
  const first = kept[0].cand;
  const hadLost = kept.some((k) => k.cand.status.includes('lost'));
  const forcedBy = (c: number): Relation[] => kept.map((k) => k.forced.get(row.cells[c])).filter((r): r is Relation => r !== undefined);

  if (!row.found) {
    if (finals.every((v) => v !== null)) {
      out.push(
        finding(
          'read.restored',
          'warning',
          `${row.ref}：原文未找到此行，依勾稽关系${ruleNames(row.cells.flatMap((_, c) => forcedBy(c)))}推定为 ${fmtRow(finals)}`,
          row.path,
        ),
      );
    } else {
      out.push(finding('read.rowMissing', 'error', `${row.ref}：原文未找到此行，数值无法确定`, row.path));
    }
    return out;
  }

  const huge = row.slots.filter((s): s is Extract<Slot, { kind: 'num' }> => s.kind === 'num' && s.unsafe === true && !s.lost);
  if (huge.length > 0) {
    const cols = row.cells.map((_, c) => (first.status[c] === 'huge' ? row.columnRefs[c] : null)).filter((x): x is string => x !== null);
    out.push(
      finding(
        'read.cellLost',
        'error',
        `${row.ref}：原文数值 ${huge.map((s) => s.raw).join('、')} 超出可精确计算的范围（整数不超过 2^53，小数不超过 15 位有效数字），${cols.length > 0 ? `${cols.join('、')} ` : ''}按无法读取处理`,
        row.path,
      ),
    );
  }

  if (hadLost) {
    const printed = rawOf(row);
    const count = row.slots.filter((s) => s.kind === 'num' || s.dash).length;
    const unknown = finals.map((v, c) => (v === null ? row.columnRefs[c] : null)).filter((x): x is string => x !== null);
    const marked = row.slots.filter((s): s is Extract<Slot, { kind: 'num' }> => s.kind === 'num' && s.lost !== undefined);
    const markedCols = row.cells.map((_, c) => (first.status[c] === 'lost' && first.figures?.[c] ? row.columnRefs[c] : null)).filter((x): x is string => x !== null);
    const might = marked.flatMap((s) => s.lost!.candidates);
    const what =
      marked.length > 0 && count === n
        ? `${markedCols.length > 0 ? markedCols.join('、') : `${marked.length} 个数`}识别不确定${might.length > 0 ? `（可能为 ${[...new Set(might)].join('、')}）` : ''}`
        : count < n
          ? `原文此行只有 ${count} 个数（${printed}），应为 ${n} 格`
          : `原文此行有 ${count} 个数（${printed}），与 ${n} 格不符`;
    if (unknown.length === 0) {
      const why = ruleNames(row.cells.flatMap((_, c) => forcedBy(c)));
      const elsewhere = broken.length > 0 ? `；其他读法与${ruleNames(broken)}不符` : '';
      out.push(finding('read.restored', 'warning', `${row.ref}：${what}；依勾稽关系${why}恢复为 ${fmtRow(finals)}${elsewhere}`, row.path));
    } else {
      const why = doubtful ? '，且按任何位置补齐都与勾稽关系不符' : '';
      out.push(finding('read.cellLost', 'error', `${row.ref}：${what}${why}，无法确定 ${unknown.join('、')} 的数值`, row.path));
    }
    return out;
  }

  const extra = kept.filter((k) => k.cand.dropped || k.cand.status.includes('merged'));
  if (extra.length > 0) {
    const printed = rawOf(row);
    const count = row.slots.filter((s) => s.kind === 'num').length;
    const how = extra.every((k) => k.cand.dropped)
      ? `略去多余的 ${[...new Set(extra.flatMap((k) => k.cand.dropped ?? []))].join('、')} 后`
      : extra.every((k) => !k.cand.dropped)
        ? '将被拆开的数字合并后'
        : '略去或合并多余数值后';
    const determined = finals.every((v) => v !== null) && extra.length === kept.length;
    const plausible = extra.every((k) => !k.cand.dropped || k.cand.plausibleDrop);
    out.push(
      !determined
        ? finding('read.extraValues', 'error', `${row.ref}：原文此行多出数值（${printed}），无法确定各格数值`, row.path)
        : plausible
          ? finding('read.extraValues', 'warning', `${row.ref}：原文此行有 ${count} 个数（${printed}），多于 ${n} 格；${how}读为 ${fmtRow(finals)}，与勾稽关系相符`, row.path)
          : finding(
              'read.extraValues',
              'error',
              `${row.ref}：原文此行有 ${count} 个数（${printed}），多于 ${n} 格，多出的 ${[...new Set(extra.flatMap((k) => k.cand.dropped ?? []))].join('、')} 不像排版重复；${how}读为 ${fmtRow(finals)}，请核对原文`,
              row.path,
            ),
    );
    return out;
  }

  // blank and dash cells
  const zero: string[] = [];
  const restored: string[] = [];
  const unknown: string[] = [];
  /** blank totals whose value from their parts breaks another relation */
  const contradicted: string[] = [];
  const why: Relation[] = [];
  first.status.forEach((s, c) => {
    if (s !== 'blank' && s !== 'dash') return;
    const v = finals[c];
    const label = `${row.columnRefs[c]}${s === 'dash' ? '（原文为“—”）' : ''}`;
    if (v === null && doubtful && totals.has(row.cells[c])) contradicted.push(label);
    else if (v === null) unknown.push(label);
    else if (totals.has(row.cells[c])) {
      // a blank total is restored from the cells it totals, whatever its value
      restored.push(`${label}为 ${v}`);
      why.push(...forcedBy(c));
    } else if (v === 0 && forcedBy(c).length === 0) {
      zero.push(label);
      why.push(...relationsOf(row.cells[c]));
    } else if (v === 0) {
      zero.push(label);
      why.push(...forcedBy(c));
    } else {
      restored.push(`${label}为 ${v}`);
      why.push(...forcedBy(c));
    }
  });
  if (zero.length > 0) {
    out.push(finding('read.blankAsZero', 'warning', `${row.ref}：空白单元格 ${zero.join('、')} 按 0 读取，与${ruleNames(why) || '合计'}相符`, row.path));
  }
  if (restored.length > 0) {
    out.push(finding('read.restored', 'warning', `${row.ref}：空白合计单元格依勾稽关系${ruleNames(why)}推定：${restored.join('、')}`, row.path));
  }
  if (contradicted.length > 0) {
    out.push(
      finding(
        'read.blankUnknown',
        'error',
        `${row.ref}：空白合计单元格 ${contradicted.join('、')} 由本行或本列推得的数值与${ruleNames(doubtedBy)}不符，无法确定`,
        row.path,
      ),
    );
  }
  if (unknown.length > 0) {
    out.push(
      finding(
        'read.blankUnknown',
        'warning',
        `${row.ref}：空白单元格 ${unknown.join('、')} 无法由合计确定，按缺失处理（模板要求每格填写，无数据应填 0）`,
        row.path,
      ),
    );
  }
  return out;
}
