/**
 * Grey page images for OCR: decoding (PNG, JPEG through @napi-rs/canvas; TIFF through UTIF), colour to grey with
 * red dropout (a red seal over a table disappears, black print under it stays), rotation, binarisation.
 * 0 is black, 255 white. Everything here is plain loops over typed arrays: no native image library beyond the
 * canvas that pdf.js already uses to render pages.
 */

export interface Grey {
  width: number;
  height: number;
  data: Uint8Array;
}

export function blank(width: number, height: number, value = 255): Grey {
  return { width, height, data: new Uint8Array(width * height).fill(value) };
}

/**
 * RGBA → grey. A pixel clearly redder than it is green and blue (seal ink) is read by its red channel, in which
 * red ink is light and black print dark; any other pixel by its luminance.
 */
export function fromRgba(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): Grey {
  const out = new Uint8Array(width * height);
  for (let i = 0, p = 0; p < out.length; i += 4, p++) {
    const r = rgba[i];
    const g = rgba[i + 1];
    const b = rgba[i + 2];
    const a = rgba[i + 3];
    let v: number;
    if (r - (g > b ? g : b) > 40) v = r;
    else v = (r * 299 + g * 587 + b * 114) / 1000;
    // transparent pixels are paper
    out[p] = a === 255 ? v : 255 - ((255 - v) * a) / 255;
  }
  return { width, height, data: out };
}

/** The image kinds read by OCR, told by their first bytes. */
export type ImageKind = 'png' | 'jpeg' | 'tiff';

export function imageKind(buf: Uint8Array): ImageKind | null {
  if (buf[0] === 0x89 && buf[1] === 0x50 && buf[2] === 0x4e && buf[3] === 0x47) return 'png';
  if (buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'jpeg';
  if ((buf[0] === 0x49 && buf[1] === 0x49 && buf[2] === 0x2a && buf[3] === 0) || (buf[0] === 0x4d && buf[1] === 0x4d && buf[2] === 0 && buf[3] === 0x2a)) return 'tiff';
  return null;
}

/** Pixels one decoded page may hold (a 600-dpi A3 scan is 7000 × 9900). */
export const MAX_PIXELS = 80_000_000;

/** Decode an image file into grey pages (a TIFF may hold several). */
export async function decodeImage(buf: Uint8Array): Promise<Grey[]> {
  const kind = imageKind(buf);
  if (kind === 'tiff') {
    const { default: UTIF } = await import('utif');
    const ifds = UTIF.decode(buf);
    const pages: Grey[] = [];
    for (const ifd of ifds) {
      const w = Number(ifd.t256?.[0] ?? 0);
      const h = Number(ifd.t257?.[0] ?? 0);
      if (!w || !h) continue;
      if (w * h > MAX_PIXELS) throw new Error(`图像过大（${w} × ${h} 像素）`);
      UTIF.decodeImage(buf, ifd);
      pages.push(fromRgba(UTIF.toRGBA8(ifd), ifd.width, ifd.height));
    }
    if (pages.length === 0) throw new Error('TIFF 文件中没有图像');
    return pages;
  }
  const { loadImage, createCanvas } = await import('@napi-rs/canvas');
  const img = await loadImage(Buffer.from(buf));
  if (img.width * img.height > MAX_PIXELS) throw new Error(`图像过大（${img.width} × ${img.height} 像素）`);
  const canvas = createCanvas(img.width, img.height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, img.width, img.height);
  ctx.drawImage(img, 0, 0);
  const { data } = ctx.getImageData(0, 0, img.width, img.height);
  return [fromRgba(data, img.width, img.height)];
}

/** Rotate by a multiple of 90° clockwise. */
export function rotateQuarter(img: Grey, turns: number): Grey {
  const t = ((turns % 4) + 4) % 4;
  if (t === 0) return img;
  const { width: w, height: h, data } = img;
  if (t === 2) {
    const out = new Uint8Array(w * h);
    for (let i = 0, j = w * h - 1; i < w * h; i++, j--) out[j] = data[i];
    return { width: w, height: h, data: out };
  }
  const out = new Uint8Array(w * h);
  // clockwise: (x, y) → (h − 1 − y, x) in an image h wide; counter-clockwise: (x, y) → (y, w − 1 − x)
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = data[y * w + x];
      if (t === 1) out[x * h + (h - 1 - y)] = v;
      else out[(w - 1 - x) * h + y] = v;
    }
  }
  return { width: h, height: w, data: out };
}

/** Rotate by `degrees` (positive: counter-clockwise as seen) about the centre, bilinear, the corners filled white. */
export function rotate(img: Grey, degrees: number): Grey {
  if (Math.abs(degrees) < 0.01) return img;
  const { width: w, height: h, data } = img;
  const a = (degrees * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const cx = (w - 1) / 2;
  const cy = (h - 1) / 2;
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const dy = y - cy;
    for (let x = 0; x < w; x++) {
      const dx = x - cx;
      // source of the output pixel: rotate back
      const sx = cos * dx - sin * dy + cx;
      const sy = sin * dx + cos * dy + cy;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 >= w - 1 || y0 >= h - 1) {
        out[y * w + x] = 255;
        continue;
      }
      const fx = sx - x0;
      const fy = sy - y0;
      const i = y0 * w + x0;
      const top = data[i] + (data[i + 1] - data[i]) * fx;
      const bottom = data[i + w] + (data[i + w + 1] - data[i + w]) * fx;
      out[y * w + x] = top + (bottom - top) * fy;
    }
  }
  return { width: w, height: h, data: out };
}

/** Otsu's threshold of a grey image (sampled): below it is ink. */
export function otsu(img: Grey): number {
  const hist = new Float64Array(256);
  const step = img.data.length > 4_000_000 ? 3 : 1;
  let n = 0;
  for (let i = 0; i < img.data.length; i += step) {
    hist[img.data[i]]++;
    n++;
  }
  let sum = 0;
  for (let t = 0; t < 256; t++) sum += t * hist[t];
  let sumB = 0;
  let wB = 0;
  let best = 0;
  let threshold = 128;
  for (let t = 0; t < 256; t++) {
    wB += hist[t];
    if (wB === 0) continue;
    const wF = n - wB;
    if (wF === 0) break;
    sumB += t * hist[t];
    const mB = sumB / wB;
    const mF = (sum - sumB) / wF;
    const between = wB * wF * (mB - mF) * (mB - mF);
    if (between > best) {
      best = between;
      threshold = t;
    }
  }
  // a page of almost only paper: keep the threshold clear of paper noise
  return Math.min(Math.max(threshold, 60), 200);
}

/** 1 where ink. */
export function binarize(img: Grey, threshold = otsu(img)): Uint8Array {
  const out = new Uint8Array(img.data.length);
  for (let i = 0; i < out.length; i++) out[i] = img.data[i] <= threshold ? 1 : 0;
  return out;
}

export function crop(img: Grey, x0: number, y0: number, x1: number, y1: number): Grey {
  const l = Math.max(0, Math.floor(x0));
  const t = Math.max(0, Math.floor(y0));
  const r = Math.min(img.width, Math.ceil(x1));
  const b = Math.min(img.height, Math.ceil(y1));
  const w = Math.max(0, r - l);
  const h = Math.max(0, b - t);
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) out.set(img.data.subarray((t + y) * img.width + l, (t + y) * img.width + l + w), y * w);
  return { width: w, height: h, data: out };
}
