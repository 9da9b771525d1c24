import { describe, expect, it } from 'vitest';
import { getCell, parsePath, reportSchema, setCell } from '../../../src/core/report/model';
import { reportCells } from '../../../src/core/report/checks';
import { APP_ROWS, PROACTIVE, describeCell, describeWhere } from '../../../src/core/report/template';
import { blankReportOf } from '../../../src/core/report/blank';
import { ALL_FIXTURES, cellPaths, clone, expectedReport } from '../../helpers/fixtures';

describe('report model', () => {
  it.each(ALL_FIXTURES)('%s expected JSON validates', (name) => {
    const parsed = reportSchema.safeParse(expectedReport(name));
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });

  it('rejects a 2021 report carrying 2019 keys, and a row of 6 cells', () => {
    const r = clone(expectedReport('jinjiang-health-2022')) as unknown as Record<string, any>;
    r.proactive.otherServices = { previousItems: 1, change: 0, decisions: 2 };
    expect(reportSchema.safeParse(r).success).toBe(false);
    const s = clone(expectedReport('jinjiang-health-2022')) as unknown as Record<string, any>;
    s.applications.received = [1, 0, 0, 0, 0, 1];
    expect(reportSchema.safeParse(s).success).toBe(false);
  });

  it('addresses cells by path', () => {
    expect(parsePath('applications.withheld.stateSecret[3]')).toEqual(['applications', 'withheld', 'stateSecret', 3]);
    const r = clone(expectedReport('fuqing-health-2020'));
    expect(getCell(r, 'applications.unavailable.notHeld[0]')).toBe(1);
    setCell(r, 'applications.unavailable.notHeld[0]', 7);
    expect(r.applications.unavailable.notHeld[0]).toBe(7);
    expect(getCell(r, 'proactive.procurement.amount')).toBe(4192613.35);
  });

  it('every template cell exists in the model of both formats, and every model cell is in the template', () => {
    for (const format of ['2019', '2021'] as const) {
      for (const form of ['single', 'split'] as const) {
        const blank = blankReportOf(format, form, '某局', 2022);
        expect(reportSchema.safeParse(blank).success).toBe(true);
        const paths = reportCells(blank).map((c) => c.path);
        // 二: 2019 has 8 rows (3+3+3+3+3+3+2+2 = 22 cells), 2021 has 6 rows (3+3+1+1+1+1 = 10 cells)
        const proactiveCount = PROACTIVE[format].reduce((n, b) => n + b.rows.length * b.columns.length, 0);
        expect(proactiveCount).toBe(format === '2019' ? 22 : 10);
        const appRowCount = APP_ROWS.filter((r) => !r.otherForm || r.otherForm === form).length;
        // 一、二、(一)(二) + (三)1–8 + (四)1–3 + (五)1–5 + (六) as 1 or 3 rows + (七)、四
        expect(appRowCount).toBe(form === 'single' ? 23 : 25);
        expect(paths.length).toBe(proactiveCount + appRowCount * 7 + 15);
        for (const p of paths) expect(getCell(blank, p), p).toBeNull();
        // and the JSON has no cell the template does not know
        expect(cellPaths(blank).sort()).toEqual([...paths].sort());
      }
    }
  });

  it('names cells in the report\'s own words', () => {
    expect(describeCell('applications.total[0]')).toBe('三、（七）总计，自然人列');
    expect(describeCell('applications.withheld.thirdPartyRights[6]')).toBe('三、（三）不予公开 4.保护第三方合法权益，总计列');
    expect(describeCell('reviewLitigation.litigationDirect.pending')).toBe('行政诉讼（未经复议直接起诉），尚未审结');
    expect(describeCell('proactive.licensing.decisions')).toBe('第二十条第（五）项 行政许可，本年处理决定数量');
    expect(describeCell('proactive.otherServices.change')).toBe('第二十条第（五）项 其他对外管理服务事项，本年增/减');
  });

  it('says where a finding points in words: a cell, a row, a line of the text, a part of the report', () => {
    expect(describeWhere('applications.total[0]')).toBe('三、（七）总计，自然人列');
    expect(describeWhere('applications.withheld.thirdPartyRights')).toBe('三、（三）不予公开 4.保护第三方合法权益');
    expect(describeWhere('line 12')).toBe('正文第 12 行');
    expect(describeWhere('format')).toBe('模板版本');
    expect(describeWhere('year')).toBe('报告年度');
    expect(describeWhere('agency')).toBe('机关名称');
    expect(describeWhere('something.else')).toBe('something.else');
  });
});
