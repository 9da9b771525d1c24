/**
 * One page image → positioned text: the page turned upright (0/90/180/270 by trying) and deskewed, its ruled
 * tables cut into cells and each cell recognised alone (numbers over digits only), the text outside the tables
 * recognised line by line. Every piece keeps its box and its confidence.
 */
import { binarize, crop, rotate, rotateQuarter, type Grey } from './image';
import { recognise, type LineRead, type RecInput } from './engine';
import { findTables, type Table } from './grid';
import { chunkLine, lineupRatio, skewAngle, splitLine, textLines, type Box } from './layout';

export interface OcrPiece {
  text: string;
  box: Box;
  confidence: number;
  numeric: boolean;
  /** other readings the model gave some weight, likeliest first */
  alternatives: Alternative[];
}

export interface OcrCellRead extends OcrPiece {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
}

export interface OcrTable {
  box: Box;
  cells: OcrCellRead[];
  rows: number;
}

export type OcrBlock = { kind: 'line'; y: number; pieces: OcrPiece[] } | { kind: 'table'; y: number; table: OcrTable };

export interface OcrPage {
  width: number;
  height: number;
  /** quarter turns clockwise applied to make the page upright, and the skew corrected (degrees) */
  turns: number;
  skew: number;
  blocks: OcrBlock[];
  /** pieces recognised on the page */
  pieces: number;
}

/** Expected height of a line of body text at `dpi` (reports print 10.5–12 pt). */
export function emAt(dpi: number): number {
  return (dpi * 11.5) / 72;
}

/**
 * The binary image with the tables' rules erased (their spans, a pixel more on each side): what is left in a
 * cell is its text, even where the text touches a rule or a doubled rule is thicker than the rest.
 */
function eraseRules(bin: Uint8Array, width: number, height: number, tables: Table[]): Uint8Array {
  const out = bin.slice();
  for (const t of tables) {
    for (const r of t.hRules) {
      const half = r.thickness / 2 + 1;
      for (let y = Math.max(0, Math.floor(r.at - half)); y <= Math.min(height - 1, Math.ceil(r.at + half)); y++) {
        for (const [a, b] of r.spans) out.fill(0, y * width + Math.max(0, a - 1), y * width + Math.min(width, b + 2));
      }
    }
    for (const r of t.vRules) {
      const half = r.thickness / 2 + 1;
      const x0 = Math.max(0, Math.floor(r.at - half));
      const x1 = Math.min(width - 1, Math.ceil(r.at + half));
      for (const [a, b] of r.spans) {
        for (let y = Math.max(0, a - 1); y <= Math.min(height - 1, b + 1); y++) out.fill(0, y * width + x0, y * width + x1 + 1);
      }
    }
  }
  return out;
}

/**
 * A line of a cell without what is left of a rule at its ends: a thin stroke (at most an eighth of a character
 * wide) at either end, apart from the rest of the line by half a character or more, is no character (a rule
 * that drifts by a pixel leaves one in the cell, and it reads as "-" or "|" after a figure); nor is a line
 * that is only such a stroke against the cell's side. The line's box is cut to the ink that remains; null
 * when nothing does.
 */
export function trimSlivers(clean: Uint8Array, width: number, line: Box, cell: Box, em: number): Box | null {
  const x0 = Math.floor(line.x0);
  const x1 = Math.ceil(line.x1);
  const y0 = Math.floor(line.y0);
  const y1 = Math.ceil(line.y1);
  const inked = (x: number) => {
    for (let y = y0; y < y1; y++) if (clean[y * width + x]) return true;
    return false;
  };
  // groups of inked columns, split at gaps of half a character
  const groups: [number, number][] = [];
  for (let x = x0; x < x1; x++) {
    if (!inked(x)) continue;
    const last = groups[groups.length - 1];
    if (last && x - last[1] - 1 < em * 0.5) last[1] = x;
    else groups.push([x, x]);
  }
  const thin = (g: [number, number]) => g[1] - g[0] + 1 <= Math.max(2, em / 8);
  while (groups.length > 1 && thin(groups[groups.length - 1])) groups.pop();
  while (groups.length > 1 && thin(groups[0])) groups.shift();
  if (groups.length === 0) return null;
  // a line that is nothing but such a stroke, against the cell's side, is a piece of its rule
  if (groups.length === 1 && thin(groups[0]) && (groups[0][0] - cell.x0 < em * 0.3 || cell.x1 - groups[0][1] - 1 < em * 0.3)) return null;
  const nx0 = groups[0][0];
  const nx1 = groups[groups.length - 1][1] + 1;
  if (nx0 === x0 && nx1 === x1) return line;
  let ny0 = y1;
  let ny1 = y0;
  for (let y = y0; y < y1; y++) {
    for (let x = nx0; x < nx1; x++) {
      if (clean[y * width + x]) {
        ny0 = Math.min(ny0, y);
        ny1 = Math.max(ny1, y + 1);
        break;
      }
    }
  }
  return { x0: nx0, y0: ny0, x1: nx1, y1: ny1 };
}

/** Crops of line boxes, with a margin of paper round the ink, as the recogniser expects. */
export function lineImage(img: Grey, b: Box, em: number, erased?: { bin: Uint8Array; clean: Uint8Array }): Grey {
  const m = Math.max(2, Math.round(em * 0.12));
  const h = b.y1 - b.y0;
  // a line much lower than a character (a dash, a point) is padded to a character's height
  const extra = Math.max(0, (em * 0.8 - h) / 2);
  const out = crop(img, b.x0 - m, b.y0 - m - extra, b.x1 + m, b.y1 + m + extra);
  // clear the margin of neighbouring ink: keep only the box's ink in a field of paper
  const ox = Math.max(0, Math.floor(b.x0 - m));
  const oy = Math.max(0, Math.floor(b.y0 - m - extra));
  for (let y = 0; y < out.height; y++) {
    for (let x = 0; x < out.width; x++) {
      const gx = x + ox;
      const gy = y + oy;
      if (gx < b.x0 || gx >= b.x1 || gy < b.y0 || gy >= b.y1) out.data[y * out.width + x] = 255;
      // a rule's pixels inside the box are paper too
      else if (erased && erased.bin[gy * img.width + gx] && !erased.clean[gy * img.width + gx]) out.data[y * out.width + x] = 255;
    }
  }
  return out;
}

export interface Alternative {
  text: string;
  /** the model's probability for the change that gives it */
  prob: number;
}

/** Other readings the model gave some weight: a character replaced by its runner-up or dropped, one inserted. */
function alternatives(r: LineRead): Alternative[] {
  const out: Alternative[] = [];
  r.chars.forEach((c, i) => {
    if (c.altProb < 0.02) return;
    out.push({ text: r.text.slice(0, i) + (c.alt ?? '') + r.text.slice(i + 1), prob: c.altProb });
  });
  for (const m of r.missed) if (m.prob >= 0.02) out.push({ text: r.text.slice(0, m.at) + m.char + r.text.slice(m.at), prob: m.prob });
  return out.filter((a) => a.text !== r.text).sort((a, b) => b.prob - a.prob);
}

/** Join the reads of a cell's lines; a cell of numbers keeps each line's number apart. */
function joinReads(reads: LineRead[], boxes: Box[]): OcrPiece {
  const numeric = reads.length > 0 && reads.every((r) => r.numeric || r.text === '');
  const text = reads.map((r) => r.text).join(numeric ? ' ' : '');
  const confidence = reads.reduce((m, r) => Math.min(m, r.confidence), 1);
  const box = boxes.reduce((a, b) => ({ x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) }), boxes[0] ?? { x0: 0, y0: 0, x1: 0, y1: 0 });
  const alts: Alternative[] = [];
  reads.forEach((r, i) => {
    for (const a of alternatives(r)) alts.push({ text: reads.map((o, j) => (j === i ? a.text : o.text)).join(numeric ? ' ' : ''), prob: a.prob });
  });
  alts.sort((a, b) => b.prob - a.prob);
  return { text, box, confidence, numeric, alternatives: alts };
}

/** Longest piece of a line recognised at once, in ems (about 12 characters). */
const CHUNK_EMS = 12;

/** A line's recogniser inputs: the line in pieces of at most CHUNK_EMS, the pieces after the first marked. */
function lineInputs(img: Grey, bin: Uint8Array, line: Box, em: number, erased?: { bin: Uint8Array; clean: Uint8Array }): (RecInput & { more?: boolean })[] {
  return chunkLine(bin, img.width, line, em * CHUNK_EMS).map((c, i) => ({ image: lineImage(img, c, em, erased), numeric: 'auto', more: i > 0 }));
}

/** Reads of a line's pieces → one read per line (in the order of the lines). */
function joinChunks(reads: LineRead[], inputs: (RecInput & { more?: boolean })[]): LineRead[] {
  const out: LineRead[] = [];
  reads.forEach((r, i) => {
    if (!inputs[i].more) {
      out.push(r);
      return;
    }
    const prev = out[out.length - 1];
    const shift = prev.text.length;
    out[out.length - 1] = {
      text: prev.text + r.text,
      chars: [...prev.chars, ...r.chars],
      confidence: Math.min(prev.confidence, r.confidence),
      missed: [...prev.missed, ...r.missed.map((m) => ({ ...m, at: m.at + shift }))],
      numeric: prev.numeric && r.numeric ? true : undefined,
    };
  });
  return out;
}

/**
 * How clearly the ink lines up in rows rather than columns: a page of prose is far from 1 (above 1.6 upright or
 * upside down, below 1/1.6 on its side); a page that is all table is not (its figures line up both ways).
 */
const LINEUP_CLEAR = 1.6;

interface Straight {
  img: Grey;
  bin: Uint8Array;
  turns: number;
  skew: number;
  tables: Table[];
  /** the binary image with the tables' rules erased: the text alone */
  clean: Uint8Array;
}

/** The page turned by `turns` quarters, deskewed, its tables found. */
export function straighten(grey: Grey, turns: number, em: number): Straight {
  let img = turns ? rotateQuarter(grey, turns) : grey;
  let bin = binarize(img);
  const skew = skewAngle(bin, img.width, img.height);
  if (Math.abs(skew) >= 0.05) {
    img = rotate(img, -skew);
    bin = binarize(img);
  }
  const tables = findTables(bin, img.width, img.height, em);
  return { img, bin, turns, skew, tables, clean: eraseRules(bin, img.width, img.height, tables) };
}

const CJK = /[\u4e00-\u9fff]/g;

/** A line of text: about a character high, a few wide. */
function isTextLine(l: Box, em: number, minWidth: number): boolean {
  return l.x1 - l.x0 > em * minWidth && l.y1 - l.y0 > em * 0.5 && l.y1 - l.y0 < em * 1.6;
}

/**
 * How upright the text of a page reads, as it stands and upside down: the recogniser's mean confidence on the
 * starts of a few lines of text, the widest lines in the tables' cells (rules erased: a rule reads as well one
 * way as the other) and outside them. A line read without two Chinese characters counts half: a row of
 * noughts turned a quarter still reads as noughts.
 */
export async function uprightScores(page: Straight, em: number): Promise<{ asIs: number; flipped: number }> {
  const { img, clean, tables } = page;
  const found: Box[] = [];
  for (const t of tables) {
    for (const c of t.cells) {
      const inner = { x0: c.x0 + 2, y0: c.y0 + 2, x1: c.x1 - 2, y1: c.y1 - 2 };
      if (inner.x1 - inner.x0 < em * 3 || inner.y1 <= inner.y0) continue;
      for (const l of textLines(clean, img.width, inner, em)) if (isTextLine(l, em, 2.5)) found.push(l);
    }
  }
  const outside = clean.slice();
  for (const t of tables) for (let y = Math.max(0, Math.floor(t.y0)); y < Math.min(img.height, Math.ceil(t.y1)); y++) outside.fill(0, y * img.width + Math.max(0, Math.floor(t.x0)), y * img.width + Math.min(img.width, Math.ceil(t.x1)));
  for (const l of textLines(outside, img.width, { x0: 0, y0: 0, x1: img.width, y1: img.height }, em, 20)) if (isTextLine(l, em, 4)) found.push(l);
  const lines = found
    .sort((a, b) => b.x1 - b.x0 - (a.x1 - a.x0))
    .slice(0, 8)
    // the first few characters tell; a whole line costs the model ten times as much
    .map((l) => ({ ...l, x1: Math.min(l.x1, l.x0 + em * 6) }));
  if (lines.length === 0) return { asIs: 0, flipped: 0 };
  const crops = lines.map((l) => lineImage(img, l, em, { bin: page.bin, clean }));
  const reads = await recognise([...crops, ...crops.map((c) => rotateQuarter(c, 2))].map((image) => ({ image, numeric: false })));
  const score = (rs: LineRead[]) =>
    rs.reduce((s, r) => {
      if (r.text.length === 0) return s;
      const mean = r.chars.reduce((a, c) => a + c.prob, 0) / r.chars.length;
      return s + ((r.text.match(CJK)?.length ?? 0) >= 2 ? mean : mean / 2);
    }, 0) / rs.length;
  return { asIs: score(reads.slice(0, crops.length)), flipped: score(reads.slice(crops.length)) };
}

/**
 * Upright and straight. The lie of the ink says upright-or-upside-down against on-its-side where it is clear
 * (prose); where it is not (a page that is all table), both are tried. Upside down against upright is told by
 * the recogniser's confidence on the same lines both ways.
 */
export async function orient(grey: Grey, em: number): Promise<Straight> {
  const ratio = lineupRatio(binarize(grey), grey.width, grey.height);
  const bases = ratio >= LINEUP_CLEAR ? [0] : ratio <= 1 / LINEUP_CLEAR ? [1] : ratio >= 1 ? [0, 1] : [1, 0];
  let best: { page: Straight; flip: boolean; score: number } | undefined;
  for (const base of bases) {
    const page = straighten(grey, base, em);
    const { asIs, flipped } = await uprightScores(page, em);
    const flip = flipped > asIs + 0.05;
    const score = Math.max(asIs, flipped);
    if (!best || score > best.score) best = { page, flip, score };
    if (score >= 0.9) break;
  }
  const { page, flip } = best!;
  return flip ? straighten(grey, (page.turns + 2) % 4, em) : page;
}

export async function readPage(grey: Grey, dpi: number): Promise<OcrPage> {
  const em = emAt(dpi);
  const { img, bin, turns, skew, tables, clean } = await orient(grey, em);
  const inputs: (RecInput & { more?: boolean })[] = [];
  // reads are per line (a line's pieces joined): lines are counted apart from inputs
  let lineCount = 0;
  const cellJobs: { table: number; cell: number; lines: Box[]; first: number }[] = [];
  const tableCells: OcrCellRead[][] = tables.map(() => []);
  const erased = { bin, clean };
  tables.forEach((t: Table, ti) => {
    // the rules are erased: a cell is read up to a pixel or two from where its rules were
    const inset = 2;
    t.cells.forEach((c, ci) => {
      const inner = { x0: c.x0 + inset, y0: c.y0 + inset, x1: c.x1 - inset, y1: c.y1 - inset };
      const lines = inner.x1 > inner.x0 && inner.y1 > inner.y0 ? textLines(clean, img.width, inner, em).map((l) => trimSlivers(clean, img.width, l, inner, em)).filter((l): l is Box => l !== null) : [];
      cellJobs.push({ table: ti, cell: ci, lines, first: lineCount });
      lineCount += lines.length;
      for (const l of lines) inputs.push(...lineInputs(img, clean, l, em, erased));
    });
  });
  // outside the tables: lines of text, split where a wide gap separates columns
  const outside = bin.slice();
  for (const t of tables) {
    const m = t.thickness + 2;
    for (let y = Math.max(0, Math.floor(t.y0 - m)); y < Math.min(img.height, Math.ceil(t.y1 + m)); y++) outside.fill(0, y * img.width + Math.max(0, Math.floor(t.x0 - m)), y * img.width + Math.min(img.width, Math.ceil(t.x1 + m)));
  }
  const proseLines = textLines(outside, img.width, { x0: 0, y0: 0, x1: img.width, y1: img.height }, em, 8).map((l) => splitLine(outside, img.width, l, em * 2));
  const proseFirst = lineCount;
  for (const pieces of proseLines) for (const p of pieces) inputs.push(...lineInputs(img, bin, p, em));
  const reads = joinChunks(await recognise(inputs), inputs);
  for (const job of cellJobs) {
    const c = tables[job.table].cells[job.cell];
    const piece = job.lines.length === 0 ? { text: '', box: { x0: c.x0, y0: c.y0, x1: c.x1, y1: c.y1 }, confidence: 1, numeric: false, alternatives: [] } : joinReads(reads.slice(job.first, job.first + job.lines.length), job.lines);
    tableCells[job.table].push({ ...piece, row: c.row, col: c.col, rowSpan: c.rowSpan, colSpan: c.colSpan });
  }
  const blocks: OcrBlock[] = [];
  let k = proseFirst;
  for (const pieces of proseLines) {
    const read = pieces.map((p) => joinReads([reads[k++]], [p]));
    if (read.some((r) => r.text.trim() !== '')) blocks.push({ kind: 'line', y: pieces[0].y0, pieces: read });
  }
  tables.forEach((t, ti) => blocks.push({ kind: 'table', y: t.y0, table: { box: { x0: t.x0, y0: t.y0, x1: t.x1, y1: t.y1 }, cells: tableCells[ti], rows: t.rows.length - 1 } }));
  blocks.sort((a, b) => a.y - b.y);
  return { width: img.width, height: img.height, turns, skew, blocks, pieces: inputs.length };
}
