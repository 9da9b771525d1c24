import { describe, expect, it } from 'vitest';
import { readReport, readReportText } from '../../../src/core/reader/read';
import { extractSource } from '../../../src/extract/index';
import { seededRandom } from '../../../src/core/random';
import { getCell, otherFormOf, reportSchema, type Report, type Report2019, type Report2021 } from '../../../src/core/report/model';
import { cellsOf, reportRelations } from '../../../src/core/report/relations';
import { checkReport } from '../../../src/core/report/checks';
import { cellPaths, clone, expectedReport, fixtureText } from '../../helpers/fixtures';
import {
  crlf,
  fullWidthDigits,
  layoutText,
  linesToTabs,
  padNumbers,
  pageFooters,
  reorderTables,
  sectionBounds,
  spaceOutLabels,
  tabsToLines,
  type TextStyle,
} from '../../helpers/variants';

const fuqing = () => fixtureText('fuqing-health-2020');
const jinjiang = () => fixtureText('jinjiang-health-2022');
const rules = (r: ReturnType<typeof readReportText>) => r.findings.map((f) => `${f.severity}:${f.rule}:${f.where}`);

describe('the fixtures', () => {
  it('Fuqing 2020 reads exactly, restoring the cells rows (一) and (二) lost, each as a warning naming its rule', () => {
    const r = readReportText(fuqing());
    expect(r.report).toEqual(expectedReport('fuqing-health-2020'));
    expect(rules(r)).toEqual([
      'warning:read.restored:applications.disclosed',
      'warning:read.restored:applications.partial',
      'warning:read.extraValues:applications.total',
    ]);
    expect(r.findings[0].message).toContain('原文此行只有 6 个数（2 0 0 0 0 2）');
    expect(r.findings[0].message).toContain('“表三：总计等于自然人与法人或其他组织各列之和”');
  });

  it('Jinjiang 2022 reads exactly: agency from the signature, year from the statistics period, no finding', () => {
    const r = readReportText(jinjiang());
    expect(r.report).toEqual(expectedReport('jinjiang-health-2022'));
    expect(r.findings).toEqual([]);
  });

  it('tells the template version from the headers, not the year', () => {
    // Jinjiang's 2021-format tables with the year changed to 2020: still the 2021 format
    const text = jinjiang().replace('统计时限自2022年1月1日至12月31日', '统计时限自2020年1月1日至12月31日');
    const r = readReportText(text);
    expect(r.report?.year).toBe(2020);
    expect(r.report?.format).toBe('2021');
    // Fuqing's 2019-format tables dated 2022: still the 2019 format
    const f = readReportText(fuqing().replace('福清市卫生健康局 2020 年政府', '福清市卫生健康局 2022 年政府'));
    expect(f.report?.year).toBe(2022);
    expect(f.report?.format).toBe('2019');
  });

  it('keeps the narrative outside the tables for the text checks', () => {
    const r = readReportText(fuqing());
    const text = r.narrative.map((l) => l.text).join('\n');
    expect(text).toContain('我局受理政府信息公开申请 3 件');
    expect(text).not.toContain('规范性文件\t0');
    expect(checkReport(r.report!, { narrative: r.narrative })).toEqual([]);
  });
});

describe('reflowed fixtures give the same data', () => {
  const same = (text: string, name: 'fuqing-health-2020' | 'jinjiang-health-2022') => {
    const r = readReportText(text);
    expect(r.report).toEqual(expectedReport(name));
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    return r;
  };

  it('Fuqing with every tab turned into a line break', () => same(tabsToLines(fuqing()), 'fuqing-health-2020'));
  it('Fuqing with the title broken over two lines (as Word centres a long title)', () => {
    const text = fuqing().replace('福清市卫生健康局 2020 年政府信息公开工作年度报告', '福清市卫生健康局 2020 年政府信息公开工作\n年度报告');
    const r = same(text, 'fuqing-health-2020');
    expect(r.findings.map((f) => f.rule)).not.toContain('read.year');
  });
  it('Fuqing with row labels broken around their values (numbers on the middle line of a three-line cell, as LibreOffice prints them)', () => {
    const text = fuqing().replace(/\t\t5\. 要求行政机 关确认或重新 出具已获取信 息(\t[^\n]*)/, '\t\t5.要求行政机关确认或重\n$1\n\t\t新出具已获取信息');
    expect(text).toContain('确认或重\n');
    same(text, 'fuqing-health-2020');
  });
  it('Jinjiang with its one-cell lines joined into tab-separated rows', () => same(linesToTabs(jinjiang()), 'jinjiang-health-2022'));
  it('Fuqing with labels spaced out', () => same(spaceOutLabels(fuqing()), 'fuqing-health-2020'));
  it('Jinjiang with labels spaced out, after joining rows', () => same(spaceOutLabels(linesToTabs(jinjiang()), (() => { let i = 0; return () => (i++ % 3) / 3; })()), 'jinjiang-health-2022'));
  it('Fuqing with full-width digits in the tables', () => {
    const [s2] = sectionBounds(fuqing(), /^二、主动公开政府信息情况$/, /^三、/);
    const [, s5] = sectionBounds(fuqing(), /^四、政府信息公开行政复议/, /^五、/);
    same(fullWidthDigits(fuqing(), s2 + 1, s5), 'fuqing-health-2020');
  });
  it('Jinjiang with full-width digits everywhere (title year and period too)', () => same(fullWidthDigits(jinjiang()), 'jinjiang-health-2022'));
  it('Fuqing with numbers padded by spaces and ideographic spaces', () => same(padNumbers(fuqing()), 'fuqing-health-2020'));
  it('Fuqing with CRLF line ends', () => same(crlf(fuqing()), 'fuqing-health-2020'));
  it('Fuqing with the Kangxi radicals PDF text often carries ("⾏政" for "行政", "⼈" for "人")', () => {
    same(fuqing().replace(/行/g, '\u2F8F').replace(/人/g, '\u2F08'), 'fuqing-health-2020');
  });
  it('Jinjiang with page numbers in the middle of the tables', () => same(pageFooters(jinjiang(), 23), 'jinjiang-health-2022'));
  it('Fuqing with the tables in another order (四, 三, 二)', () => same(reorderTables(fuqing()), 'fuqing-health-2020'));
  it('Fuqing with thousands separators (3,028 and 4,192,613.35)', () => {
    same(fuqing().replace('\t3028', '\t3,028').replace('4192613.35', '4,192,613.35'), 'fuqing-health-2020');
  });
  it('Fuqing with money printed with its unit ("4192613.35元")', () => same(fuqing().replace('4192613.35', '4192613.35元'), 'fuqing-health-2020'));
  it('Fuqing with signed changes (+26, +5)', () => same(fuqing().replace('\t84\t26\t', '\t84\t+26\t').replace('\t22\t5\t', '\t22\t+5\t'), 'fuqing-health-2020'));
  it('Jinjiang with the variant label "5.属于三类内容事务信息" and half-width brackets', () => {
    same(jinjiang().replace('5.属于三类内部事务信息', '5.属于三类内容事务信息').replace(/（/g, '(').replace(/）/g, ')'), 'jinjiang-health-2022');
  });
});

describe('layouts generated from the model', () => {
  const styles: TextStyle[] = ['tabs', 'lines', 'spaces'];
  for (const name of ['fuqing-health-2020', 'jinjiang-health-2022', 'hongze-district-2024'] as const) {
    for (const style of styles) {
      it(`${name} laid out with ${style}`, () => {
        const r = readReportText(layoutText(expectedReport(name), style));
        expect(r.report).toEqual(expectedReport(name));
        expect(r.findings).toEqual([]);
      });
    }
  }

  it('tables in the order 四, 二, 三', () => {
    const r = readReportText(layoutText(expectedReport('hongze-district-2024'), 'tabs', { order: ['reviewLitigation', 'proactive', 'applications'] }));
    expect(r.report).toEqual(expectedReport('hongze-district-2024'));
  });

  it('万元 with decimals in the 2021 fees cell', () => {
    const model = clone(expectedReport('jinjiang-health-2022')) as Report2021;
    model.proactive.fees.amountWan = 12.35;
    const r = readReportText(layoutText(model, 'lines').replace('\t12.35', '\t12.35万元'));
    expect((r.report as Report2021).proactive.fees.amountWan).toBe(12.35);
  });
});

describe('blank cells (domain.md §5 rule 7)', () => {
  const blankZeros = (path: string, text: string) => (text === '0' && path.startsWith('applications') ? '' : text);

  it('zeros left blank are read as 0 where the totals agree, with a warning per row', () => {
    const r = readReportText(layoutText(expectedReport('hongze-district-2024'), 'tabs', { blank: blankZeros }));
    expect(r.report).toEqual(expectedReport('hongze-district-2024'));
    const warnings = r.findings.filter((f) => f.rule === 'read.blankAsZero');
    // every row but (七)总计, whose blanks are all totals: those are restored from the column above
    expect(warnings.length).toBe(22);
    // blank totals restored: (七) and the 13 rows that are 0 throughout (their total blank too)
    expect(r.findings.filter((f) => f.rule === 'read.restored').length).toBe(14);
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(warnings.find((f) => f.where === 'applications.disclosed')?.message).toBe(
      '三、（一）予以公开：空白单元格 商业企业列、科研机构列、社会公益组织列、法律服务机构列、其他（法人或其他组织）列 按 0 读取，与“表三：总计等于自然人与法人或其他组织各列之和”相符',
    );
  });

  it('a blank 总计 column is restored from the rows, with a warning', () => {
    const blankTotals = (path: string, text: string) => (/^applications\.(?!total).*\[6\]$/.test(path) ? '' : text);
    const r = readReportText(layoutText(expectedReport('hongze-district-2024'), 'tabs', { blank: blankTotals }));
    expect(r.report).toEqual(expectedReport('hongze-district-2024'));
    const restored = r.findings.filter((f) => f.rule === 'read.restored');
    expect(restored.length).toBe(22);
    expect(restored.find((f) => f.where === 'applications.unavailable.notHeld')?.message).toContain('总计列为 31');
  });

  it('a blank that is not a total stays unknown when the totals say it is not 0, and the checks say undecided', () => {
    const blankOne = (path: string, text: string) => (path === 'applications.unavailable.notHeld[0]' ? '' : text);
    const r = readReportText(layoutText(expectedReport('hongze-district-2024'), 'tabs', { blank: blankOne }));
    expect(r.report?.applications.unavailable.notHeld).toEqual([null, 0, 0, 0, 0, 0, 31]);
    expect(rules(r)).toEqual(['warning:read.blankUnknown:applications.unavailable.notHeld']);
    const checks = checkReport(r.report!);
    expect(checks.filter((f) => f.severity === 'error')).toEqual([]);
    expect(checks.map((f) => f.rule)).toEqual(['check.undecided', 'check.undecided']);
  });

  it('"—" in a cell is a blank, read as 0 when the totals agree', () => {
    const dash = (path: string, text: string) => (path === 'applications.partial[2]' ? '—' : text);
    const r = readReportText(layoutText(expectedReport('hongze-district-2024'), 'tabs', { blank: dash }));
    expect(r.report).toEqual(expectedReport('hongze-district-2024'));
    expect(r.findings.map((f) => f.message)).toEqual([expect.stringContaining('科研机构列（原文为“—”） 按 0 读取')]);
  });

  it('table 二 has no totals: a blank there stays unknown', () => {
    const r = readReportText(layoutText(expectedReport('jinjiang-health-2022'), 'tabs', { blank: (p, t) => (p === 'proactive.enforcement.decisions' ? '' : t) }));
    expect((r.report as Report2021).proactive.enforcement.decisions).toBeNull();
    expect(rules(r)).toEqual(['warning:read.blankUnknown:proactive.enforcement']);
  });
});

describe('lost and extra cells: restore only what a relation forces, never invent', () => {
  const hongzeTabs = () => layoutText(expectedReport('hongze-district-2024'), 'tabs');
  /** Read a damaged Hongze: it must give back Hongze's data; returns the findings, as rules() does. */
  const readsBackHongze = (text: string) => {
    const r = readReportText(text);
    expect(r.report).toEqual(expectedReport('hongze-district-2024'));
    return rules(r);
  };

  it('a dropped non-zero cell is restored when only one position fits the totals', () => {
    const text = hongzeTabs().replace('1.本机关不掌握相关政府信息\t31\t0', '1.本机关不掌握相关政府信息\t0');
    expect(readsBackHongze(text)).toEqual(['warning:read.restored:applications.unavailable.notHeld']);
  });

  it('two cells dropped from one row are restored from the column totals', () => {
    const text = hongzeTabs().replace('（一）予以公开\t50\t0\t0\t0\t0\t0\t50', '（一）予以公开\t50\t0\t0\t0\t50');
    expect(readsBackHongze(text)).toEqual(['warning:read.restored:applications.disclosed']);
  });

  it('two rows that lost the same cells cannot be told apart: those cells stay unknown, as errors', () => {
    const text = hongzeTabs()
      .replace('（一）予以公开\t50\t0\t0\t0\t0\t0\t50', '（一）予以公开\t0\t0\t0\t0\t0')
      .replace('（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t9\t0\t0\t0\t0\t0\t9', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t0\t0\t0\t0\t0');
    const r = readReportText(text);
    expect(r.report?.applications.disclosed).toEqual([null, 0, 0, 0, 0, 0, null]);
    expect(r.report?.applications.partial).toEqual([null, 0, 0, 0, 0, 0, null]);
    expect(rules(r)).toEqual(['error:read.cellLost:applications.disclosed', 'error:read.cellLost:applications.partial']);
    expect(r.findings[0].message).toContain('无法确定 自然人列、总计列 的数值');
  });

  it('a row of table 二 (no totals) with a cell dropped is not guessed', () => {
    const text = fuqing().replace('行政许可\t84\t26\t3028', '行政许可\t84\t3028');
    const r = readReportText(text);
    expect(r.report?.proactive).toMatchObject({ licensing: { previousItems: null, change: null, decisions: null } });
    expect(rules(r)).toContain('error:read.cellLost:proactive.licensing');
  });

  it('a number split over two lines is joined when only the joined reading fits the totals', () => {
    const text = hongzeTabs().replace('一、本年新收政府信息公开申请数量\t95\t0\t0\t0\t0\t0\t95', '一、本年新收政府信息公开申请数量\t9 5\t0\t0\t0\t0\t0\t95');
    expect(readsBackHongze(text)).toEqual(['warning:read.extraValues:applications.received']);
  });

  it('a sub-row number read as a value ("… 0 1 属于国家秘密") is dropped', () => {
    const text = fuqing().replace('\t\t1. 属于国家秘密', ' 1\t属于国家秘密').replace('\t0\t0\t0\t0\t0\t0\t0\t\n\t\t2. 其他', '\t0\t0\t0\t0\t0\t0\t0 2\n\t\t其他');
    const r = readReportText(text);
    expect(r.report).toEqual(expectedReport('fuqing-health-2020'));
  });

  it('a row missing entirely is restored from the columns when they force it', () => {
    const text = hongzeTabs().replace(/（七）总计\t.*\n/, '');
    expect(readsBackHongze(text)).toEqual(['warning:read.restored:applications.total']);
  });

  it('a dropped total in table 四 is restored from its group', () => {
    const text = hongzeTabs().replace('1\t1\t0\t0\t2\t1\t0\t0\t0\t1\t2\t0\t1\t0\t3', '1\t1\t0\t0\t2\t1\t0\t0\t0\t1\t2\t0\t1\t0');
    expect(readsBackHongze(text)).toEqual(['warning:read.restored:reviewLitigation']);
  });

  it('a dropped cell in table 四\'s last group is ambiguous (2,0,1,0→3, 2,1,0,0→3, 0,2,1,0→3, 2,1,0,3→6 …): not guessed', () => {
    const text = hongzeTabs().replace('1\t1\t0\t0\t2\t1\t0\t0\t0\t1\t2\t0\t1\t0\t3', '1\t1\t0\t0\t2\t1\t0\t0\t0\t1\t2\t1\t0\t3');
    const r = readReportText(text);
    expect(r.report?.reviewLitigation.reconsideration).toEqual(expectedReport('hongze-district-2024').reviewLitigation.reconsideration);
    expect(r.report?.reviewLitigation.litigationDirect).toEqual(expectedReport('hongze-district-2024').reviewLitigation.litigationDirect);
    expect(r.report?.reviewLitigation.litigationAfterReconsideration).toEqual({ upheld: null, corrected: null, other: null, pending: null, total: null });
    expect(rules(r)).toEqual(['error:read.cellLost:reviewLitigation']);
  });
});

describe('agency and year', () => {
  it('title over two lines (agency, then year and title)', () => {
    const r = readReportText(`淮安市洪泽区人民政府\n2024 年政府信息公开工作年度报告\n\n${layoutText(expectedReport('hongze-district-2024'), 'tabs').split('\n').slice(1).join('\n')}`);
    expect(r.report).toMatchObject({ agency: '淮安市洪泽区人民政府', year: 2024 });
  });

  it('year first in the title ("2023年度XX局政府信息公开工作年度报告")', () => {
    const body = layoutText(expectedReport('jinjiang-health-2022'), 'tabs').split('\n').slice(1).join('\n');
    const r = readReportText(`2023年度某县交通运输局政府信息公开工作年度报告\n${body}`);
    expect(r.report).toMatchObject({ agency: '某县交通运输局', year: 2023 });
  });

  it('no title and no statistics period: the year from the signature date, as a warning', () => {
    const text = jinjiang().replace('报告中的数据统计时限自2022年1月1日至12月31日。', '');
    const r = readReportText(text);
    expect(r.report).toMatchObject({ agency: '晋江市卫生健康局', year: 2022 });
    expect(rules(r)).toEqual(['warning:read.year:year']);
  });

  it('no way to tell the agency is an error, not a guess', () => {
    const text = jinjiang().replace(/晋江市卫生健康局\n2023年1月10日\n?$/, '').replace(/请与晋江市卫生健康局办公室联系/, '');
    const r = readReportText(text);
    expect(r.report?.agency).toBe('');
    expect(rules(r)).toContain('error:read.agency:agency');
  });
});

describe('not a report, or part of one', () => {
  it('a text with no table of a report is refused', () => {
    const r = readReportText('2024年政府工作报告\n\n过去一年，全市地区生产总值增长5.2%，达到3812亿元。\n一、2024年工作回顾\n规章 3 件');
    expect(r.report).toBeNull();
    expect(rules(r)).toEqual(['error:read.notReport:line 1']);
  });

  it('only table 三: the others are missing (errors, nulls), table 三 is read', () => {
    const [s3, s4] = sectionBounds(fuqing(), /^三、收到和处理政府信息公开申请情况$/, /^四、政府信息公开/);
    const text = ['福清市卫生健康局 2020 年政府信息公开工作年度报告', ...fuqing().split('\n').slice(s3, s4)].join('\n');
    const r = readReportText(text);
    expect(r.report?.applications).toEqual(expectedReport('fuqing-health-2020').applications);
    expect(rules(r)).toContain('error:read.tableMissing:proactive');
    expect(rules(r)).toContain('error:read.tableMissing:reviewLitigation');
    expect(reportSchema.safeParse(r.report).success).toBe(true);
  });
});

describe('the reader never invents a number', () => {
  // Random damage to the fixtures (lines dropped, numbers dropped, digits dropped, tabs lost, lines repeated).
  // Whatever comes out, each figure is one of:
  //  - the figure the published report has there (the fixture's expected model), or
  //  - with no finding on its row: a number printed on a line the damage touched (the reader read what the
  //    damaged text prints, e.g. "26" cut to "6"), or
  //  - with a finding on its row (restored, extra values, …): a figure that agrees with every relation through
  //    it, except a relation that a printed figure elsewhere (unflagged, not the published one) already breaks.
  // A figure filled in where nothing forces it (a lost cell set to 0, say) is none of these.
  const damage = (text: string, seed: number): { text: string; touchedNumbers: Set<number> } => {
    let s = seed;
    const next = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
    const lines = text.split('\n');
    const touched = lines.map(() => false);
    for (let k = 0; k < 6; k++) {
      const i = Math.floor(next() * lines.length);
      const op = next();
      if (op < 0.3) {
        lines.splice(i, 1);
        touched.splice(i, 1);
      } else if (op < 0.5) {
        lines[i] = lines[i].replace(/\t\d+/, '');
        touched[i] = true;
      } else if (op < 0.7) {
        lines[i] = lines[i].replace(/\t/g, ' ');
        touched[i] = true;
      } else if (op < 0.85) {
        lines.splice(i, 0, lines[Math.floor(next() * lines.length)]);
        touched.splice(i, 0, true);
      } else {
        lines[i] = lines[i].replace(/\d/, '');
        touched[i] = true;
      }
    }
    const touchedNumbers = new Set(lines.filter((_, i) => touched[i]).flatMap((l) => [...l.normalize('NFKC').matchAll(/\d+(?:\.\d+)?/g)].map((m) => Number(m[0]))));
    return { text: lines.join('\n'), touchedNumbers };
  };

  /** Every figure of a reading of damaged `text` that breaks the property, in words (empty: none). */
  const inventions = (published: Report, text: string, touchedNumbers: Set<number>, r: ReturnType<typeof readReportText>, counts: { figures: number; flagged: number; differing: number }): string[] => {
    const report = r.report!;
    const out: string[] = [];
    const read = r.findings.filter((f) => f.rule.startsWith('read.'));
    const flaggedAt = (path: string) => read.some((f) => path.startsWith(f.where));
    const relations = reportRelations(otherFormOf(report));
    for (const path of cellPaths(report)) {
      const v = getCell(report, path);
      if (v == null) continue;
      counts.figures++;
      const truth = getCell(published, path);
      if (v === truth) continue;
      counts.differing++;
      if (!flaggedAt(path)) {
        if (!touchedNumbers.has(v)) out.push(`${path} = ${v} (published ${truth}): not printed by the damage, and no finding on its row`);
        continue;
      }
      counts.flagged++;
      for (const rel of relations) {
        const cells = cellsOf(rel);
        if (!cells.includes(path) || cells.some((p) => getCell(report, p) == null)) continue;
        const sum = (ps: readonly string[]) => ps.reduce((a, p) => a + getCell(report, p)!, 0);
        if (Math.abs(sum(rel.lhs) - sum(rel.rhs)) < 1e-9) continue;
        const printedElsewhere = cells.some((p) => p !== path && !flaggedAt(p) && getCell(report, p) !== getCell(published, p));
        if (!printedElsewhere) out.push(`${path} = ${v} (published ${truth}), inferred against “${rel.statement}”: ${r.findings.filter((f) => path.startsWith(f.where)).map((f) => f.message).join(' / ')}`);
      }
    }
    return out;
  };

  for (const name of ['fuqing-health-2020', 'jinjiang-health-2022'] as const) {
    it(`${name}: 150 random damages`, () => {
      const published = expectedReport(name);
      const counts = { figures: 0, flagged: 0, differing: 0 };
      const violations: string[] = [];
      let reports = 0;
      for (let seed = 1; seed <= 150; seed++) {
        const { text, touchedNumbers } = damage(fixtureText(name), seed);
        const r = readReportText(text);
        if (!r.report) continue;
        reports++;
        expect(reportSchema.safeParse(r.report).success, `seed ${seed}`).toBe(true);
        violations.push(...inventions(published, text, touchedNumbers, r, counts).map((v) => `seed ${seed}: ${v}`));
      }
      // the check ran: most damaged texts still read as a report, and damage did change figures, some of
      // them flagged by the reader
      expect(reports).toBeGreaterThan(100);
      expect(counts.figures).toBeGreaterThan(100 * 150);
      expect(counts.differing).toBeGreaterThan(0);
      expect(violations).toEqual([]);
    });
  }
});

describe('sub-row numbers written another way read like "1."', () => {
  // Jinjiang's (六) 3.其他: if its label is not recognised the row is missing and rebuilt from the totals with a
  // "restored" warning; recognised, the report reads with no finding at all
  for (const label of ['3、其他', '3 、其他', '（3）其他', '(3)其他', '③其他', '三是其他', '3. 其他']) {
    it(label, () => {
      const r = readReportText(jinjiang().replace('\t3.其他', `\t${label}`));
      expect(r.report).toEqual(expectedReport('jinjiang-health-2022'));
      expect(r.findings).toEqual([]);
    });
  }
});

describe('numbers beyond 2^53 are a finding, never a rounded number', () => {
  it('a cell of 21 digits is unreadable (null) with an error naming the row and the figure', () => {
    const r = readReportText(fuqing().replace('\t26\t3028', '\t26\t123456789012345678901'));
    expect((r.report as Report2019).proactive.licensing.decisions).toBeNull();
    const f = r.findings.find((x) => x.where === 'proactive.licensing');
    expect(f?.severity).toBe('error');
    expect(f?.message).toContain('123456789012345678901');
    expect(f?.message).toContain('处理决定数量');
  });
});

describe('garbage, binary, empty and huge inputs end in a clear error', () => {
  const readBytes = async (bytes: Uint8Array) => {
    const x = await extractSource(bytes);
    return x.ok ? readReport(x.doc) : { report: null, findings: [{ rule: 'read.file', severity: 'error', message: x.message, where: 'file' }], narrative: [] };
  };
  const random = seededRandom(11);
  const soup = (size: number) => {
    const words = ['本年新收', '上年结转', '予以公开', '规章', '行政许可', '0', '12', '|', '\t', '行政复议', '维持', '总计', '第二十条', '一、', '（三）', '3.其他'];
    const parts: string[] = [];
    let n = 0;
    while (n < size) {
      const w = words[Math.floor(random() * words.length)] + (random() < 0.2 ? '\n' : ' ');
      parts.push(w);
      n += w.length;
    }
    return parts.join('');
  };

  it('empty', async () => expect((await readBytes(new Uint8Array())).findings[0].message).toBe('文件为空'));
  it('binary', async () => {
    const r = await readBytes(Uint8Array.from({ length: 50_000 }, () => Math.floor(random() * 256)));
    expect(r.report).toBeNull();
    expect(r.findings[0].message).toContain('不是文本文件');
  });
  it('10 MB of table words: refused as too long to be a report', async () => {
    const r = await readBytes(Buffer.from(soup(10 * 1024 * 1024)));
    expect(r.report).toBeNull();
    expect(r.findings.map((f) => f.rule)).toEqual(['read.notReport']);
    expect(r.findings[0].message).toMatch(/^文本过长（约 \d+ 万字，上限 200 万字）/);
  });
  it('10 MB of one fixture repeated: refused the same way', () => {
    const r = readReportText(fuqing().repeat(Math.ceil((10 * 1024 * 1024) / fuqing().length)));
    expect(r.findings.map((f) => f.rule)).toEqual(['read.notReport']);
  });
  it('a megabyte of table words below the limit is read to an end: a model that validates, or "not a report"', () => {
    const r = readReportText(soup(1024 * 1024));
    if (r.report) expect(reportSchema.safeParse(r.report).success).toBe(true);
    else expect(r.findings.map((f) => f.rule)).toEqual(['read.notReport']);
  });
  it('prose with no table row of either template is "not a report"', () => {
    const r = readReportText('关于做好2024年政务公开工作的通知\n各单位：现将有关事项通知如下。\n2024年1月5日');
    expect(r.report).toBeNull();
    expect(r.findings.map((f) => f.rule)).toEqual(['read.notReport']);
  });
});
