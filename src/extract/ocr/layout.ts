/**
 * Page layout without a detection model: the skew of a page (the angle at which its rows of ink line up best),
 * and the lines of text in a region (rows of ink, a character's separate strokes — 三, 二 — kept together).
 */

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * The page's skew in degrees (positive: the content is turned counter-clockwise), found by the angle whose
 * projection of ink onto the vertical axis is sharpest (rows of text and table rules line up). Searched within
 * ±`range` degrees, coarse then fine, on a sample of the ink.
 */
export function skewAngle(bin: Uint8Array, width: number, height: number, range = 5): number {
  // sample the ink: every pixel of a sub-grid (at most ~1.5 M looked at)
  const step = Math.max(1, Math.round(Math.sqrt((width * height) / 1_500_000)));
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = 0; y < height; y += step) {
    for (let x = 0; x < width; x += step) {
      if (bin[y * width + x]) {
        xs.push(x);
        ys.push(y);
      }
    }
  }
  if (xs.length < 50) return 0;
  const n = xs.length;
  // bins as tall as the sampling step: finer bins would leave every other one empty at 0° only (sampled rows)
  // and so favour 0° by a factor of the step
  const bins = new Float64Array(Math.ceil((height + 2 * width) / step) + 4);
  const score = (deg: number): number => {
    const t = Math.tan((deg * Math.PI) / 180);
    bins.fill(0);
    const offset = width + 2;
    for (let i = 0; i < n; i++) bins[Math.round((ys[i] + xs[i] * t + offset) / step)]++;
    let s = 0;
    for (let i = 0; i < bins.length; i++) s += bins[i] * bins[i];
    return s;
  };
  let best = 0;
  let bestScore = score(0);
  for (let d = -range; d <= range + 1e-9; d += 0.25) {
    const s = score(d);
    if (s > bestScore) {
      bestScore = s;
      best = d;
    }
  }
  const centre = best;
  for (let d = centre - 0.25; d <= centre + 0.25 + 1e-9; d += 0.025) {
    const s = score(d);
    if (s > bestScore) {
      bestScore = s;
      best = d;
    }
  }
  return Math.round(best * 1000) / 1000;
}

/** Share of ink rows whose ink lines up horizontally, against vertically: > 1 when text runs left to right. */
export function lineupRatio(bin: Uint8Array, width: number, height: number): number {
  const rows = new Float64Array(height);
  const cols = new Float64Array(width);
  const step = Math.max(1, Math.round(Math.sqrt((width * height) / 1_500_000)));
  for (let y = 0; y < height; y += step) {
    for (let x = 0; x < width; x += step) {
      if (bin[y * width + x]) {
        rows[y]++;
        cols[x]++;
      }
    }
  }
  // how peaked the profile is: variance of the profile over the squared mean
  const peaked = (p: Float64Array) => {
    let s = 0;
    let s2 = 0;
    let k = 0;
    for (let i = 0; i < p.length; i += step) {
      s += p[i];
      s2 += p[i] * p[i];
      k++;
    }
    const mean = s / k;
    return mean > 0 ? s2 / k / (mean * mean) : 0;
  };
  return peaked(rows) / Math.max(1e-9, peaked(cols));
}

/**
 * Lines of text in a box of the binary image. Rows holding ink form bands; bands closer than a character's
 * inner gaps, whose union stays within one line's height (`em`), are one line. Each line's box is cut to its ink.
 */
export function textLines(bin: Uint8Array, width: number, box: Box, em: number, minInk = 3): Box[] {
  const x0 = Math.max(0, Math.floor(box.x0));
  const x1 = Math.min(width, Math.ceil(box.x1));
  const y0 = Math.max(0, Math.floor(box.y0));
  const y1 = Math.ceil(box.y1);
  const bands: { y0: number; y1: number }[] = [];
  let start = -1;
  for (let y = y0; y <= y1; y++) {
    let ink = 0;
    if (y < y1) for (let x = x0; x < x1; x++) ink += bin[y * width + x];
    if (ink > 0 && y < y1) {
      if (start < 0) start = y;
    } else if (start >= 0) {
      bands.push({ y0: start, y1: y });
      start = -1;
    }
  }
  // bands of one line: join while the union stays within 1.15 em and the gap is under 0.6 em
  const lines: { y0: number; y1: number }[] = [];
  for (const b of bands) {
    const last = lines[lines.length - 1];
    if (last && b.y1 - last.y0 <= em * 1.15 && b.y0 - last.y1 < em * 0.6) last.y1 = b.y1;
    else lines.push({ ...b });
  }
  const out: Box[] = [];
  for (const l of lines) {
    let lx0 = x1;
    let lx1 = x0;
    let ink = 0;
    for (let y = l.y0; y < l.y1; y++) {
      for (let x = x0; x < x1; x++) {
        if (bin[y * width + x]) {
          ink++;
          if (x < lx0) lx0 = x;
          if (x >= lx1) lx1 = x + 1;
        }
      }
    }
    // specks (dust, a rule's stub) are not text
    if (ink < minInk || (l.y1 - l.y0 < em * 0.18 && lx1 - lx0 < em * 0.18)) continue;
    out.push({ x0: lx0, y0: l.y0, x1: lx1, y1: l.y1 });
  }
  return out;
}

/** Pieces of a line separated by a gap wider than `gap` pixels (columns of text on one line). */
export function splitLine(bin: Uint8Array, width: number, line: Box, gap: number): Box[] {
  const out: Box[] = [];
  let start = -1;
  let last = -1;
  for (let x = line.x0; x <= line.x1; x++) {
    let on = false;
    if (x < line.x1) for (let y = line.y0; y < line.y1 && !on; y++) on = bin[y * width + x] === 1;
    if (on) {
      if (start < 0) start = x;
      last = x;
    } else if (start >= 0 && (x - last > gap || x === line.x1)) {
      out.push({ x0: start, y0: line.y0, x1: last + 1, y1: line.y1 });
      start = -1;
    }
  }
  return out;
}

/**
 * A long line cut into pieces of at most `max` pixels at blank columns (between characters), for the
 * recogniser: its cost grows faster than the width of what it reads (the model attends over the whole line).
 */
export function chunkLine(bin: Uint8Array, width: number, line: Box, max: number): Box[] {
  const out: Box[] = [];
  let from = line.x0;
  const blankColumn = (x: number) => {
    for (let y = line.y0; y < line.y1; y++) if (bin[y * width + x]) return false;
    return true;
  };
  while (line.x1 - from > max) {
    let cut = -1;
    for (let x = Math.floor(from + max); x > from + max * 0.5; x--) {
      if (blankColumn(x)) {
        cut = x;
        break;
      }
    }
    if (cut < 0) cut = Math.floor(from + max);
    out.push({ x0: from, y0: line.y0, x1: cut, y1: line.y1 });
    from = cut;
  }
  out.push({ x0: from, y0: line.y0, x1: line.x1, y1: line.y1 });
  return out;
}
