/**
 * OCR's parts on images drawn here, with expected values worked out from the drawing: the ruled grid (rules,
 * merged cells), the skew, the text-layer test, the source lines made from recognised cells (an uncertain
 * figure left blank and named), and the recogniser itself on printed digits.
 */
import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { recognise } from '../../src/extract/ocr/engine';
import { binarize, fromRgba, rotate, rotateQuarter, type Grey } from '../../src/extract/ocr/image';
import { findTables } from '../../src/extract/ocr/grid';
import { agencyDoubt, pagesToSource, uncertainMessage } from '../../src/extract/ocr/index';
import { LOST_CELL } from '../../src/core/reader/source';
import { lineupRatio, skewAngle, textLines } from '../../src/extract/ocr/layout';
import { emAt, orient, type OcrCellRead, type OcrPage } from '../../src/extract/ocr/page';
import { usableText } from '../../src/extract/pdf';

function draw(width: number, height: number, paint: (ctx: ReturnType<ReturnType<typeof createCanvas>['getContext']>) => void): Grey {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#000';
  ctx.strokeStyle = '#000';
  paint(ctx);
  return fromRgba(ctx.getImageData(0, 0, width, height).data, width, height);
}

/**
 * A table of 4 rule rows and 5 rule columns at 150 dpi (em = 24 px): x = 50, 250, 330, 410, 490; y = 50, 110,
 * 160, 210. The first column's cell spans the two lower rows (no rule between them at x 50–250), and the top
 * row's last three columns are one cell (no rules at x = 410 or 490... only 410 missing there).
 */
function tableImage(): Grey {
  return draw(600, 300, (ctx) => {
    ctx.lineWidth = 2;
    const line = (x0: number, y0: number, x1: number, y1: number) => {
      ctx.beginPath();
      ctx.moveTo(x0, y0);
      ctx.lineTo(x1, y1);
      ctx.stroke();
    };
    for (const y of [50, 210]) line(50, y, 490, y);
    line(50, 110, 490, 110);
    line(250, 160, 490, 160); // the first column spans rows 2 and 3
    for (const x of [50, 250, 330, 490]) line(x, 50, x, 210);
    line(410, 110, 410, 210); // the top row's columns 3 and 4 are one cell
    ctx.font = '20px sans-serif';
    ctx.fillText('12', 270, 142);
  });
}

describe('grid', () => {
  it('finds the rules and merges cells where a rule is missing', () => {
    const img = tableImage();
    const tables = findTables(binarize(img), img.width, img.height, 24);
    expect(tables).toHaveLength(1);
    const t = tables[0];
    expect(t.rows.map(Math.round)).toEqual([50, 110, 160, 210]);
    expect(t.cols.map(Math.round)).toEqual([50, 250, 330, 410, 490]);
    const cells = t.cells.map((c) => [c.row, c.col, c.rowSpan, c.colSpan]);
    // row 0: col 0, col 1, cols 2–3 merged; rows 1–2: col 0 spans both; cols 1, 2, 3 in each
    expect(cells).toEqual([
      [0, 0, 1, 1],
      [0, 1, 1, 1],
      [0, 2, 1, 2],
      [1, 0, 2, 1],
      [1, 1, 1, 1],
      [1, 2, 1, 1],
      [1, 3, 1, 1],
      [2, 1, 1, 1],
      [2, 2, 1, 1],
      [2, 3, 1, 1],
    ]);
  });

  it('finds the same grid on a page turned by 2° once deskewed', () => {
    const img = tableImage();
    const turned = rotate(img, 2);
    const skew = skewAngle(binarize(turned), turned.width, turned.height);
    // rotate() turns counter-clockwise for positive degrees; the skew found undoes it
    expect(Math.abs(skew - 2)).toBeLessThan(0.15);
    const straight = rotate(turned, -skew);
    const t = findTables(binarize(straight), straight.width, straight.height, 24);
    expect(t).toHaveLength(1);
    expect(t[0].cells).toHaveLength(10);
  });

  it('a quarter turn and back is the same image', () => {
    const img = tableImage();
    const back = rotateQuarter(rotateQuarter(img, 1), 3);
    expect(back.width).toBe(img.width);
    expect(Buffer.from(back.data).equals(Buffer.from(img.data))).toBe(true);
  });

  it('cuts the lines of text in a cell, a character of separate strokes kept whole', () => {
    // 三 over 四 in one cell: 三 has three bands of ink, and still is one line
    const img = draw(100, 120, (ctx) => {
      ctx.font = '24px "Noto Sans CJK SC", sans-serif';
      ctx.fillText('三', 30, 40);
      ctx.fillText('四', 30, 80);
    });
    const lines = textLines(binarize(img), img.width, { x0: 0, y0: 0, x1: 100, y1: 120 }, 24);
    expect(lines).toHaveLength(2);
  });
});

describe('text layer', () => {
  it('tells a readable text layer from mis-encoded glyphs and from none', () => {
    expect(usableText('淮安市洪泽区人民政府2024年政府信息公开工作年度报告')).toBe(true);
    expect(usableText('ÃÂ¤Â¸Â­Ã¦â€“â€¡Ã§â€Â³Ã¨Â¯Â·Ã¥Â¤â€žÃ§Ââ€ ')).toBe(false);
    expect(usableText('\uE001\uE002\uE003\uE004\uE005\uE006\uE007\uE008\uE009\uE00A\uE00B')).toBe(false);
    expect(usableText(' - 3 - ')).toBe(false);
  });
});

function cell(row: number, col: number, text: string, numeric: boolean, alternatives: { text: string; prob: number }[] = []): OcrCellRead {
  return { row, col, rowSpan: 1, colSpan: 1, text, numeric, confidence: 1 - (alternatives[0]?.prob ?? 0), alternatives, box: { x0: 0, y0: 0, x1: 1, y1: 1 } };
}

describe('recognised cells → source', () => {
  const page = (cells: OcrCellRead[]): OcrPage => ({
    width: 1000,
    height: 1000,
    turns: 0,
    skew: 0,
    pieces: cells.length,
    blocks: [{ kind: 'table', y: 0, table: { box: { x0: 0, y0: 0, x1: 1, y1: 1 }, rows: 3, cells } }],
  });

  it('passes sure figures on, marks an uncertain one a lost cell with the figures it might be, and names them', () => {
    const { doc, uncertain } = pagesToSource([
      page([
        cell(0, 0, '（一）予以公开', false),
        cell(0, 1, '8', true, [{ text: '3', prob: 0.3 }]),
        cell(0, 2, '0', true, [{ text: '0.', prob: 0.4 }]), // a rival that is no figure does not count
        cell(0, 3, '18', true, [{ text: '13', prob: 0.01 }]), // nor does one the model barely weighed
        cell(1, 0, '（二）部分公开', false),
        cell(1, 1, '', false),
        cell(1, 2, '5', true),
      ]),
    ]);
    expect(doc.structured).toBe(true);
    expect(doc.lines.slice(0, 2).map((l) => l.cells)).toEqual([
      ['（一）予以公开', `${LOST_CELL}8|3`, '0', '18'],
      ['（二）部分公开', '', '5'],
    ]);
    expect(uncertain).toHaveLength(1);
    expect(uncertain[0]).toMatchObject({ page: 1, rowLabel: '（一）予以公开', figure: 1, read: '8', candidates: ['8', '3'] });
    expect(uncertainMessage(uncertain[0])).toBe('第 1 页表格“（一）予以公开”行第 1 个数：识别不确定（可能为 8 或 3）');
    expect(uncertainMessage({ ...uncertain[0], path: 'applications.disclosed[0]' })).toBe('三、（一）予以公开，自然人列：识别不确定（可能为 8 或 3）');
  });

  it('a short text where a row of figures has figures is taken as a misread figure', () => {
    const { doc, uncertain } = pagesToSource([
      page([
        cell(0, 0, '（一）予以公开', false),
        cell(0, 1, '1', true),
        cell(0, 2, 'B', false),
        cell(0, 3, '1', true),
        cell(1, 0, '（二）部分公开', false),
        cell(1, 1, '2', true),
        cell(1, 2, '0', true),
        cell(1, 3, '2', true),
        cell(2, 0, '（三）不予公开', false),
        cell(2, 1, '3', true),
        cell(2, 2, '0', true),
        cell(2, 3, '3', true),
      ]),
    ]);
    // a lost cell with no figure it might be: 'B' is none
    expect(doc.lines[0].cells).toEqual(['（一）予以公开', '1', LOST_CELL, '1']);
    expect(uncertain.map((u) => u.read)).toEqual(['B']);
  });
});

describe('the agency read by OCR', () => {
  const titlePage = (alternatives: { text: string; prob: number }[]): OcrPage => ({
    width: 1000,
    height: 1000,
    turns: 0,
    skew: 0,
    pieces: 1,
    blocks: [{ kind: 'line', y: 0, pieces: [{ text: '平潭综合实验区财政金融局2024年度', numeric: false, confidence: 0.7, alternatives, box: { x0: 0, y0: 0, x1: 1, y1: 1 } }] }],
  });

  it('is doubted when the model also read one of its characters otherwise', () => {
    expect(agencyDoubt([titlePage([{ text: '平漂综合实验区财政金融局2024年度', prob: 0.3 }])], '平潭综合实验区财政金融局')).toBe(
      '报告机关名称“平潭综合实验区财政金融局”识别不确定（也可能为 平漂综合实验区财政金融局），请核对原件',
    );
  });

  it('is not doubted for another reading outside the name, or one barely weighed', () => {
    expect(agencyDoubt([titlePage([{ text: '平潭综合实验区财政金融局2021年度', prob: 0.3 }])], '平潭综合实验区财政金融局')).toBeNull();
    expect(agencyDoubt([titlePage([{ text: '平漂综合实验区财政金融局2024年度', prob: 0.01 }])], '平潭综合实验区财政金融局')).toBeNull();
  });
});

describe('recogniser', () => {
  it('reads printed figures, and over digits only where asked', async () => {
    const line = (text: string) =>
      draw(40 + 32 * text.length, 48, (ctx) => {
        ctx.font = '30px "Noto Sans CJK SC", "DejaVu Sans", sans-serif';
        ctx.fillText(text, 12, 36);
      });
    const [a, b, c] = await recognise([
      { image: line('5949.088667'), numeric: 'auto' },
      { image: line('1024'), numeric: true },
      { image: line('予以公开'), numeric: 'auto' },
    ]);
    expect(a.text).toBe('5949.088667');
    expect(a.numeric).toBe(true);
    expect(b.text).toBe('1024');
    expect(c.text).toBe('予以公开');
    expect(c.numeric).toBeUndefined();
  });
});

describe('orientation', () => {
  /**
   * A page that is all table, as the second page of a table 三 is: 12 rows of a label (on two lines, as a narrow
   * column wraps it) and seven figures, no prose. Its ink lines up in columns more than in rows (the lie of the
   * ink says "on its side": lineupRatio ≈ 0.7), so only the recogniser can tell how it lies.
   */
  function tablePage(): Grey {
    const labels = ['1.属于国家秘密', '2.其他法律行政法规禁止公开', '3.危及“三安全一稳定”', '4.保护第三方合法权益', '5.属于三类内部事务信息', '6.属于四类过程性信息', '7.属于行政执法案卷', '8.属于行政查询事项', '1.本机关不掌握相关政府信息', '2.没有现成信息需要另行制作', '3.补正后申请内容仍不明确', '1.信访举报投诉类申请'];
    return draw(1240, 1754, (ctx) => {
      ctx.lineWidth = 2;
      const cols = [100, 220, 420, ...Array.from({ length: 7 }, (_, i) => 500 + i * 80)];
      const top = 120;
      const rowH = 120;
      for (let r = 0; r <= labels.length; r++) {
        ctx.beginPath();
        ctx.moveTo(100, top + r * rowH);
        ctx.lineTo(cols[cols.length - 1], top + r * rowH);
        ctx.stroke();
      }
      for (const x of cols) {
        ctx.beginPath();
        ctx.moveTo(x, top);
        ctx.lineTo(x, top + labels.length * rowH);
        ctx.stroke();
      }
      ctx.font = '22px "Noto Sans CJK SC", sans-serif';
      labels.forEach((label, r) => {
        const y = top + r * rowH + rowH / 2 + 8;
        ctx.fillText(label.slice(0, 8), 230, y - 14);
        ctx.fillText(label.slice(8), 230, y + 14);
        for (let c = 0; c < 7; c++) ctx.fillText(String(r === 8 && (c === 0 || c === 6) ? 7 : 0), cols[c + 2] + 8, y);
      });
    });
  }

  it('turns a page that is all table upright, whichever of the four ways it lies', async () => {
    const page = tablePage();
    const em = emAt(150);
    expect(lineupRatio(binarize(page), page.width, page.height)).toBeLessThan(1);
    const found: number[] = [];
    for (const q of [0, 1, 2, 3]) found.push((await orient(q ? rotateQuarter(page, q) : page, em)).turns);
    // turned q quarters clockwise, it is made upright by 4 − q more
    expect(found).toEqual([0, 3, 2, 1]);
  }, 60_000);
});
