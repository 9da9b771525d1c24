/**
 * Ruled tables in a page image: the horizontal and vertical rules found as long runs of ink (gaps of a few
 * pixels bridged, so the double borders of a web page's table and a scan's broken lines are one rule), grouped
 * into tables by where they cross, then cut into cells: the cells between neighbouring rules, merged wherever
 * the rule between two of them is missing (a cell spanning rows or columns).
 */

export interface Segment {
  /** position across the rule (y of a horizontal rule, x of a vertical one) */
  at: number;
  from: number;
  to: number;
  thickness: number;
}

/** A rule: segments at about the same position, merged; `spans` are the stretches it covers. */
export interface Rule {
  at: number;
  from: number;
  to: number;
  thickness: number;
  spans: [number, number][];
}

export interface Cell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface Table {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  rows: number[];
  cols: number[];
  cells: Cell[];
  /** the rules' thickness (px), for cutting cells clear of them */
  thickness: number;
  /** the rules themselves (horizontal, vertical), to erase them before reading the cells */
  hRules: Rule[];
  vRules: Rule[];
}

/**
 * Runs of ink along one direction. `ink(i, j)`: along index i of line j. Gaps up to `gap` pixels are bridged.
 */
function runs(len: number, lines: number, ink: (i: number, j: number) => boolean, minLength: number, gap: number): Segment[] {
  const out: Segment[] = [];
  for (let j = 0; j < lines; j++) {
    let start = -1;
    let last = -1;
    for (let i = 0; i <= len; i++) {
      const on = i < len && ink(i, j);
      if (on) {
        if (start < 0) start = i;
        last = i;
      } else if (start >= 0 && i - last > gap) {
        if (last - start + 1 >= minLength) out.push({ at: j, from: start, to: last, thickness: 1 });
        start = -1;
      }
    }
  }
  return out;
}

/** Segments at neighbouring positions that overlap → rules (a thick or doubled rule is one). */
function mergeRules(segments: Segment[], tolerance: number, join: number): Rule[] {
  const sorted = segments.slice().sort((a, b) => a.at - b.at || a.from - b.from);
  const rules: { sumAt: number; n: number; minAt: number; maxAt: number; spans: [number, number][] }[] = [];
  for (const s of sorted) {
    let target = null;
    for (let k = rules.length - 1; k >= 0; k--) {
      const r = rules[k];
      if (s.at - r.maxAt > tolerance) break;
      if (r.spans.some(([a, b]) => s.from <= b + join && s.to >= a - join)) {
        target = r;
        break;
      }
    }
    if (target) {
      target.sumAt += s.at;
      target.n++;
      target.maxAt = Math.max(target.maxAt, s.at);
      target.spans.push([s.from, s.to]);
    } else {
      rules.push({ sumAt: s.at, n: 1, minAt: s.at, maxAt: s.at, spans: [[s.from, s.to]] });
    }
  }
  return rules.map((r) => {
    const spans = r.spans.sort((a, b) => a[0] - b[0]);
    const merged: [number, number][] = [];
    for (const [a, b] of spans) {
      const m = merged[merged.length - 1];
      if (m && a <= m[1] + join) m[1] = Math.max(m[1], b);
      else merged.push([a, b]);
    }
    return { at: (r.minAt + r.maxAt) / 2, from: merged[0][0], to: merged[merged.length - 1][1], thickness: r.maxAt - r.minAt + 1, spans: merged };
  });
}

function covered(rule: Rule, a: number, b: number): number {
  if (b <= a) return 1;
  let sum = 0;
  for (const [s, e] of rule.spans) sum += Math.max(0, Math.min(e, b) - Math.max(s, a));
  return sum / (b - a);
}

/**
 * The tables of a page. `bin`: 1 where ink; `em`: the expected height of a line of text in pixels.
 */
export function findTables(bin: Uint8Array, width: number, height: number, em: number): Table[] {
  const gap = Math.max(2, Math.round(em * 0.15));
  const hSeg = runs(width, height, (x, y) => bin[y * width + x] === 1, Math.round(em * 2.2), gap);
  const vSeg = runs(height, width, (y, x) => bin[y * width + x] === 1, Math.round(em * 1.3), gap);
  const tol = Math.max(3, em * 0.3);
  const hRules = mergeRules(hSeg, tol, gap * 2).filter((r) => r.thickness <= em * 0.6 || r.to - r.from > em * 4);
  const vRules = mergeRules(vSeg, tol, gap * 2).filter((r) => r.thickness <= em * 0.6);
  // rules that cross make one table (union-find over crossings)
  const parent = new Map<Rule, Rule>();
  const find = (r: Rule): Rule => {
    let p = parent.get(r) ?? r;
    if (p !== r) {
      p = find(p);
      parent.set(r, p);
    }
    return p;
  };
  const slack = em * 0.5;
  const crossings = new Map<Rule, number>();
  for (const h of hRules) {
    for (const v of vRules) {
      if (v.at >= h.from - slack && v.at <= h.to + slack && h.at >= v.from - slack && h.at <= v.to + slack) {
        parent.set(find(h), find(v));
        crossings.set(h, (crossings.get(h) ?? 0) + 1);
        crossings.set(v, (crossings.get(v) ?? 0) + 1);
      }
    }
  }
  const groups = new Map<Rule, { h: Rule[]; v: Rule[] }>();
  for (const h of hRules) if (crossings.get(h)) getGroup(groups, find(h)).h.push(h);
  for (const v of vRules) if (crossings.get(v)) getGroup(groups, find(v)).v.push(v);
  const tables: Table[] = [];
  for (const { h, v } of groups.values()) {
    if (v.length < 2 || h.length < 1) continue;
    // A table cut by the page's end (a row printed over two pages) has its vertical rules run on past its last
    // horizontal one, or start before its first: the page's edge of the table closes those rows.
    const left = Math.min(...v.map((r) => r.at));
    const right = Math.max(...v.map((r) => r.at));
    const edge = (at: number): Rule => ({ at, from: left, to: right, thickness: 1, spans: [[left, right]] });
    const hTop = Math.min(...h.map((r) => r.at));
    const hBottom = Math.max(...h.map((r) => r.at));
    const vTop = Math.min(...v.map((r) => r.from));
    const vBottom = Math.max(...v.map((r) => r.to));
    if (vBottom - hBottom > em) h.push(edge(vBottom));
    if (hTop - vTop > em) h.push(edge(vTop));
    if (h.length < 2) continue;
    const t = cutCells(h, v, em);
    if (t && t.cells.length >= 2) tables.push(t);
  }
  return tables.sort((a, b) => a.y0 - b.y0);
}

function getGroup(groups: Map<Rule, { h: Rule[]; v: Rule[] }>, key: Rule) {
  let g = groups.get(key);
  if (!g) {
    g = { h: [], v: [] };
    groups.set(key, g);
  }
  return g;
}

/** Positions of rules, those closer than `tol` as one (the longest speaks for them). */
function positions(rules: Rule[], tol: number): { at: number; rules: Rule[] }[] {
  const sorted = rules.slice().sort((a, b) => a.at - b.at);
  const out: { at: number; rules: Rule[] }[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.at - last.at <= tol) last.rules.push(r);
    else out.push({ at: r.at, rules: [r] });
  }
  for (const p of out) p.at = p.rules.reduce((s, r) => s + r.at * (r.to - r.from), 0) / p.rules.reduce((s, r) => s + (r.to - r.from), 0);
  return out;
}

function cutCells(hRules: Rule[], vRules: Rule[], em: number): Table | null {
  const tol = Math.max(3, em * 0.35);
  const rows = positions(hRules, tol);
  const cols = positions(vRules, tol);
  const R = rows.length - 1;
  const C = cols.length - 1;
  if (R < 1 || C < 1) return null;
  const coverH = (k: number, a: number, b: number) => Math.max(...rows[k].rules.map((r) => covered(r, a, b)));
  const coverV = (k: number, a: number, b: number) => Math.max(...cols[k].rules.map((r) => covered(r, a, b)));
  const id = (r: number, c: number) => r * C + c;
  const parent = Array.from({ length: R * C }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const union = (a: number, b: number) => {
    parent[find(a)] = find(b);
  };
  for (let r = 0; r < R; r++) {
    for (let c = 0; c < C; c++) {
      const y0 = rows[r].at;
      const y1 = rows[r + 1].at;
      const x0 = cols[c].at;
      const x1 = cols[c + 1].at;
      const pad = tol;
      if (c + 1 < C && coverV(c + 1, y0 + pad, y1 - pad) < 0.6) union(id(r, c), id(r, c + 1));
      if (r + 1 < R && coverH(r + 1, x0 + pad, x1 - pad) < 0.6) union(id(r, c), id(r + 1, c));
    }
  }
  const boxes = new Map<number, { r0: number; r1: number; c0: number; c1: number }>();
  for (let r = 0; r < R; r++) {
    for (let c = 0; c < C; c++) {
      const root = find(id(r, c));
      const b = boxes.get(root);
      if (!b) boxes.set(root, { r0: r, r1: r, c0: c, c1: c });
      else {
        b.r0 = Math.min(b.r0, r);
        b.r1 = Math.max(b.r1, r);
        b.c0 = Math.min(b.c0, c);
        b.c1 = Math.max(b.c1, c);
      }
    }
  }
  // the outside of an open table (a region no rule closes) is not a cell
  const cells: Cell[] = [];
  for (const b of boxes.values()) {
    if (b.r1 - b.r0 + 1 === R && b.c1 - b.c0 + 1 === C && R * C > 1) continue;
    cells.push({
      row: b.r0,
      col: b.c0,
      rowSpan: b.r1 - b.r0 + 1,
      colSpan: b.c1 - b.c0 + 1,
      x0: cols[b.c0].at,
      y0: rows[b.r0].at,
      x1: cols[b.c1 + 1].at,
      y1: rows[b.r1 + 1].at,
    });
  }
  cells.sort((a, b) => a.row - b.row || a.col - b.col);
  const thickness = Math.max(1, ...hRules.map((r) => r.thickness), ...vRules.map((r) => r.thickness));
  return {
    x0: cols[0].at,
    y0: rows[0].at,
    x1: cols[C].at,
    y1: rows[R].at,
    rows: rows.map((r) => r.at),
    cols: cols.map((c) => c.at),
    cells,
    thickness: Math.min(thickness, em * 0.6),
    hRules,
    vRules,
  };
}
