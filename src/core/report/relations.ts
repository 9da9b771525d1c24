/**
 * The arithmetic relations between cells of one report (勾稽关系, domain.md §5 rules 1–4), derived from the
 * template. Each relation says sum(lhs) = sum(rhs).
 *
 * Used two ways: the checks evaluate them on a report; the reader propagates them to restore a cell that the
 * published text lost, only where a relation forces its value.
 */
import type { CellValue, OtherForm } from './model';
import type { RuleId } from './findings';
import {
  APPLICANT_COLUMNS,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
  TOTAL_COLUMN,
  appCellPath,
  appRows,
  describeAppRow,
  reviewCellPath,
} from './template';

export interface Relation {
  readonly rule: RuleId;
  readonly lhs: readonly string[];
  readonly rhs: readonly string[];
  /** the cell the relation computes (a total), named when the relation fails */
  readonly result: string;
  /** Chinese statement of the relation, in the report's words */
  readonly statement: string;
}

/** A table's relations, with the cells that are totals (a relation's result, except the balance rule's). */
export interface RelationSet {
  readonly relations: readonly Relation[];
  readonly totals: ReadonlySet<string>;
}

const APP_NAMES = APPLICANT_COLUMNS.map((c) => c.label);

function buildApplicationRelations(otherForm: OtherForm): Relation[] {
  const rows = appRows(otherForm);
  const out: Relation[] = [];
  for (const row of rows) {
    out.push({
      rule: 'applications.rowTotal',
      lhs: [appCellPath(row, TOTAL_COLUMN)],
      rhs: APP_NAMES.slice(0, TOTAL_COLUMN).map((_, c) => appCellPath(row, c)),
      result: appCellPath(row, TOTAL_COLUMN),
      statement: `${describeAppRow(row.path)}：总计应等于自然人与法人或其他组织各列之和`,
    });
  }
  const outcomes = rows.filter((r) => r.role === 'outcome');
  const byRole = (role: string) => rows.find((r) => r.role === role)!;
  for (let c = 0; c < APPLICANT_COLUMNS.length; c++) {
    out.push({
      rule: 'applications.columnTotal',
      lhs: [appCellPath(byRole('total'), c)],
      rhs: outcomes.map((r) => appCellPath(r, c)),
      result: appCellPath(byRole('total'), c),
      statement: `${APPLICANT_COLUMNS[c].ref}：三、（七）总计应等于（一）至（六）各项之和`,
    });
    out.push({
      rule: 'applications.balance',
      lhs: [appCellPath(byRole('received'), c), appCellPath(byRole('carriedOver'), c)],
      rhs: [appCellPath(byRole('total'), c), appCellPath(byRole('carriedForward'), c)],
      result: appCellPath(byRole('carriedForward'), c),
      statement: `${APPLICANT_COLUMNS[c].ref}：第一项加第二项之和应等于第三项加第四项之和`,
    });
  }
  return out;
}

function buildReviewRelations(): Relation[] {
  return REVIEW_GROUPS.map((g) => ({
    rule: 'reviewLitigation.total' as const,
    lhs: [reviewCellPath(g.key, 'total')],
    rhs: REVIEW_COLUMNS.filter((c) => c.key !== 'total').map((c) => reviewCellPath(g.key, c.key)),
    result: reviewCellPath(g.key, 'total'),
    statement: `${g.ref}：总计应等于结果维持、结果纠正、其他结果、尚未审结之和`,
  }));
}

function relationSet(relations: Relation[]): RelationSet {
  const totals = new Set(relations.filter((r) => r.rule !== 'applications.balance').map((r) => r.result));
  return { relations, totals };
}

// The relations depend only on the template and the form of (六): built once, when the module loads, and
// shared (read-only).
const APPLICATION_SETS: Record<OtherForm, RelationSet> = {
  single: relationSet(buildApplicationRelations('single')),
  split: relationSet(buildApplicationRelations('split')),
};
const REVIEW_SET = relationSet(buildReviewRelations());
const REPORT_RELATIONS: Record<OtherForm, readonly Relation[]> = {
  single: [...APPLICATION_SETS.single.relations, ...REVIEW_SET.relations],
  split: [...APPLICATION_SETS.split.relations, ...REVIEW_SET.relations],
};

/** Table 三's relations for a form of (六), with its total cells. */
export function applicationRelations(otherForm: OtherForm): RelationSet {
  return APPLICATION_SETS[otherForm];
}

/** Table 四's relations, with its total cells. */
export function reviewRelations(): RelationSet {
  return REVIEW_SET;
}

/** Every relation of a report: table 三's, then table 四's. */
export function reportRelations(otherForm: OtherForm): readonly Relation[] {
  return REPORT_RELATIONS[otherForm];
}

// ---------------------------------------------------------------------------------------------------------
// Evaluation

export type Values = Map<string, CellValue>;

/** lhs − rhs, or null when a cell is unknown. */
export function imbalance(rel: Relation, values: Values): number | null {
  let d = 0;
  for (const p of rel.lhs) {
    const v = values.get(p);
    if (v == null) return null;
    d += v;
  }
  for (const p of rel.rhs) {
    const v = values.get(p);
    if (v == null) return null;
    d -= v;
  }
  return Math.round(d * 1e6) / 1e6;
}

export function cellsOf(rel: Relation): string[] {
  return [...rel.lhs, ...rel.rhs];
}

/**
 * Fill unknown cells that the relations force, repeatedly:
 *  - a relation with one unknown cell gives its value;
 *  - a relation whose unknown cells all sit on one side and must add up to 0 makes them all 0
 *    (counts are never negative).
 * Returns the cells filled, each with the relation that forced it, and the relations contradicted: a fully
 * known relation that does not balance, or one that would force a negative or fractional count.
 */
export function propagate(
  relations: readonly Relation[],
  values: Values,
  /** cells that may only be filled with 0 (blank cells that are not totals, domain.md §5 rule 7) */
  zeroOnly: ReadonlySet<string> = new Set(),
): { forced: Map<string, Relation>; contradictions: number; contradicted: Relation[] } {
  const forced = new Map<string, Relation>();
  const impossible = new Set<Relation>();
  let changed = true;
  while (changed) {
    changed = false;
    for (const rel of relations) {
      if (impossible.has(rel)) continue;
      let residual = 0; // lhs − rhs over known cells
      const unknown: { path: string; sign: 1 | -1 }[] = [];
      for (const p of rel.lhs) {
        const v = values.get(p);
        if (v == null) unknown.push({ path: p, sign: 1 });
        else residual += v;
      }
      for (const p of rel.rhs) {
        const v = values.get(p);
        if (v == null) unknown.push({ path: p, sign: -1 });
        else residual -= v;
      }
      if (unknown.length === 0) continue;
      if (unknown.length === 1) {
        const u = unknown[0];
        const v = Math.round(-residual * u.sign * 1e6) / 1e6 + 0; // + 0: never -0
        if (v < 0 || !Number.isInteger(v)) {
          impossible.add(rel);
          continue;
        }
        if (v !== 0 && zeroOnly.has(u.path)) continue;
        values.set(u.path, v);
        forced.set(u.path, rel);
        changed = true;
        continue;
      }
      const sign = unknown[0].sign;
      if (unknown.every((u) => u.sign === sign)) {
        const need = Math.round(-residual * sign * 1e6) / 1e6 + 0; // the unknown cells add up to this
        if (need < 0) {
          impossible.add(rel);
        } else if (need === 0) {
          for (const u of unknown) {
            values.set(u.path, 0);
            forced.set(u.path, rel);
          }
          changed = true;
        }
      }
    }
  }
  const contradicted = relations.filter((rel) => {
    if (impossible.has(rel)) return true;
    const d = imbalance(rel, values);
    return d !== null && d !== 0;
  });
  return { forced, contradictions: contradicted.length, contradicted };
}

// ---------------------------------------------------------------------------------------------------------
// The same propagation over cells numbered 0…n−1 (the reader tries many readings of a table: a Map of paths
// per trial cost more than the arithmetic). Same order of relations and cells, same arithmetic, same results.
// Plain arrays, not typed ones: a table's few hundred cells would make each typed array an off-heap buffer,
// slower to make and to collect than the whole propagation.

/** Relations over numbered cells: `lhs`/`rhs` hold cell numbers. */
export interface IndexedRelations {
  readonly relations: readonly Relation[];
  readonly lhs: readonly (readonly number[])[];
  readonly rhs: readonly (readonly number[])[];
}

/** Number the relations' cells with `indexOf` (which adds a cell not yet numbered). */
export function indexRelations(relations: readonly Relation[], indexOf: (path: string) => number): IndexedRelations {
  return {
    relations,
    lhs: relations.map((r) => r.lhs.map(indexOf)),
    rhs: relations.map((r) => r.rhs.map(indexOf)),
  };
}

/**
 * A table's cell values over numbered cells: `known[k]` is 1 where cell k holds `vals[k]`, 0 where it is
 * unknown; `forcedBy[k]` is the number of the relation that forced cell k, or −1.
 */
export interface IndexedValues {
  vals: number[];
  known: number[];
  forcedBy: number[];
}

/** `imbalance` over numbered cells: lhs − rhs, or null when a cell is unknown. */
export function imbalanceAt(ix: IndexedRelations, r: number, v: IndexedValues): number | null {
  const { vals, known } = v;
  let d = 0;
  const lhs = ix.lhs[r];
  const rhs = ix.rhs[r];
  for (let k = 0; k < lhs.length; k++) {
    const p = lhs[k];
    if (known[p] === 0) return null;
    d += vals[p];
  }
  for (let k = 0; k < rhs.length; k++) {
    const p = rhs[k];
    if (known[p] === 0) return null;
    d -= vals[p];
  }
  return Math.round(d * 1e6) / 1e6;
}

// scratch space of `propagateAt` (which never runs twice at once)
const unknownAt: number[] = [];
const unknownSign: number[] = [];
const impossible: number[] = [];

/**
 * `propagate` over numbered cells: fills `v` in place and sets `forcedBy` of each cell it fills. `zeroOnly[k]`
 * non-zero: cell k may only be filled with 0.
 */
export function propagateAt(ix: IndexedRelations, v: IndexedValues, zeroOnly: readonly number[] | null): { contradictions: number; contradicted: Relation[] } {
  const { vals, known, forcedBy } = v;
  const n = ix.relations.length;
  for (let r = 0; r < n; r++) impossible[r] = 0;
  let changed = true;
  while (changed) {
    changed = false;
    for (let r = 0; r < n; r++) {
      if (impossible[r] === 1) continue;
      const lhs = ix.lhs[r];
      const rhs = ix.rhs[r];
      let residual = 0; // lhs − rhs over known cells
      let unknowns = 0;
      for (let k = 0; k < lhs.length; k++) {
        const p = lhs[k];
        if (known[p] === 0) {
          unknownAt[unknowns] = p;
          unknownSign[unknowns++] = 1;
        } else residual += vals[p];
      }
      for (let k = 0; k < rhs.length; k++) {
        const p = rhs[k];
        if (known[p] === 0) {
          unknownAt[unknowns] = p;
          unknownSign[unknowns++] = -1;
        } else residual -= vals[p];
      }
      if (unknowns === 0) continue;
      if (unknowns === 1) {
        const p = unknownAt[0];
        const x = Math.round(-residual * unknownSign[0] * 1e6) / 1e6 + 0; // + 0: never -0
        if (x < 0 || !Number.isInteger(x)) {
          impossible[r] = 1;
          continue;
        }
        if (x !== 0 && zeroOnly !== null && zeroOnly[p] !== 0) continue;
        vals[p] = x;
        known[p] = 1;
        forcedBy[p] = r;
        changed = true;
        continue;
      }
      const sign = unknownSign[0];
      let sameSign = true;
      for (let k = 1; k < unknowns; k++) if (unknownSign[k] !== sign) sameSign = false;
      if (sameSign) {
        const need = Math.round(-residual * sign * 1e6) / 1e6 + 0; // the unknown cells add up to this
        if (need < 0) {
          impossible[r] = 1;
        } else if (need === 0) {
          for (let k = 0; k < unknowns; k++) {
            const p = unknownAt[k];
            vals[p] = 0;
            known[p] = 1;
            forcedBy[p] = r;
          }
          changed = true;
        }
      }
    }
  }
  const contradicted: Relation[] = [];
  for (let r = 0; r < n; r++) {
    if (impossible[r] === 1) {
      contradicted.push(ix.relations[r]);
      continue;
    }
    const d = imbalanceAt(ix, r, v);
    if (d !== null && d !== 0) contradicted.push(ix.relations[r]);
  }
  return { contradictions: contradicted.length, contradicted };
}
