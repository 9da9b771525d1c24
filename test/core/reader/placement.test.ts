import { describe, expect, it } from 'vitest';
import { readReportText } from '../../../src/core/reader/read';
import { expectedReport, fixtureText } from '../../helpers/fixtures';
import { layoutText } from '../../helpers/variants';

// Jinjiang prints one cell per line: a row's label, its 7 figures, then an empty line and a line holding only
// a tab (an empty cell: the next row's merged label cell, not this row's). A row that lost a figure prints 6
// figures and that empty cell, which reads the same as a blank 总计.

const rules = (r: ReturnType<typeof readReportText>) => r.findings.map((f) => `${f.severity}:${f.rule}:${f.where}`);

/** Jinjiang's lines, edited: `edit` gets the lines and the index of a line holding a row label. */
function jinjiangEdited(edit: (lines: string[], labelAt: (label: string) => number) => void): string {
  const lines = fixtureText('jinjiang-health-2022').split('\n');
  const labelAt = (label: string) => {
    const i = lines.findIndex((l) => l.includes(label));
    if (i < 0) throw new Error(label);
    return i;
  };
  edit(lines, labelAt);
  return lines.join('\n');
}

describe('where the figures of a row sit when one was lost', () => {
  // (一) 予以公开 is 2 0 0 0 0 0 2; (七) 总计 is 2 0 0 0 0 0 2, 一、本年新收 the same.

  it('the column totals place them: the row is restored, with a warning, not read as a blank total of 4', () => {
    // one of its zeros lost: 2 0 0 0 0 2
    const text = jinjiangEdited((lines, at) => lines.splice(at('（一）予以公开') + 6, 1));
    const r = readReportText(text);
    expect(r.report).toEqual(expectedReport('jinjiang-health-2022'));
    expect(rules(r)).toEqual(['warning:read.restored:applications.disclosed']);
    expect(r.findings[0].message).toContain('原文此行只有 6 个数（2 0 0 0 0 2）');
    expect(r.findings[0].message).toContain('恢复为 2、0、0、0、0、0、2');
  });

  it('no total places them: the cells placed differently are unknown, with an error naming the row', () => {
    // also the figures of 一、本年新收 and (七) 总计 lost: only the row's own total is left, which 2 0 0 0 0 2 + 4,
    // 2 0 0 0 0 0 2 and 0 2 0 0 0 0 2 all satisfy
    const text = jinjiangEdited((lines, at) => {
      lines.splice(at('（七）总计') + 1, 7);
      lines.splice(at('（一）予以公开') + 6, 1);
      lines.splice(at('一、本年新收') + 1, 7);
    });
    const r = readReportText(text);
    // 商业企业 … 法律服务机构 are 0 wherever the figures sit; 自然人, 其他 and 总计 are not known
    expect(r.report!.applications.disclosed).toEqual([null, null, 0, 0, 0, null, null]);
    const disclosed = r.findings.filter((f) => f.where === 'applications.disclosed');
    expect(disclosed.map((f) => `${f.severity}:${f.rule}`)).toEqual(['error:read.cellLost']);
    expect(disclosed[0].message).toBe(
      '三、（一）予以公开：原文此行只有 6 个数（2 0 0 0 0 2），应为 7 格，无法确定 自然人列、商业企业列、其他（法人或其他组织）列、总计列 的数值',
    );
  });

  it('a row cut in two by a stray line and a row short of a figure do not shift the rows after them', () => {
    // 一、本年新收 loses a zero; a header word lands among the figures of (一) 予以公开
    const text = jinjiangEdited((lines, at) => {
      lines.splice(at('（一）予以公开') + 4, 0, '\t信息内容');
      lines.splice(at('一、本年新收') + 2, 1);
    });
    const r = readReportText(text);
    expect(r.report).toEqual(expectedReport('jinjiang-health-2022'));
    expect(rules(r)).toEqual(['warning:read.restored:applications.received', 'warning:read.restored:applications.disclosed']);
  });

  it('(七) 总计 short of a figure and a sub-row cut in two: (六) is still read as its three sub-rows', () => {
    const text = jinjiangEdited((lines, at) => {
      lines.splice(at('（七）总计') + 4, 1);
      lines.splice(at('7.属于行政执法案卷') + 5, 0, '\t第二十条第（一）项');
    });
    const r = readReportText(text);
    expect(r.report).toEqual(expectedReport('jinjiang-health-2022'));
    expect(rules(r)).toEqual(['warning:read.restored:applications.withheld.enforcementFile', 'warning:read.restored:applications.total']);
  });
});

describe('a blank total is restored only where every relation through it agrees', () => {
  it('its row gives 51, its column 50: unknown, with an error naming the row', () => {
    // Hongze's (一) 予以公开 is 50 0 0 0 0 0 50; here 自然人 is misprinted 51 and 总计 is "—"
    const text = layoutText(expectedReport('hongze-district-2024'), 'tabs', {
      blank: (path, t) => (path === 'applications.disclosed[0]' ? '51' : path === 'applications.disclosed[6]' ? '—' : t),
    });
    const r = readReportText(text);
    expect(r.report!.applications.disclosed).toEqual([51, 0, 0, 0, 0, 0, null]);
    expect(rules(r)).toEqual(['error:read.blankUnknown:applications.disclosed']);
    expect(r.findings[0].message).toBe(
      '三、（一）予以公开：空白合计单元格 总计列（原文为“—”） 由本行或本列推得的数值与“表三：（七）总计等于各项办理结果之和”不符，无法确定',
    );
  });
});
