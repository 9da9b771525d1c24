/**
 * Numbers a JavaScript number cannot hold exactly (beyond 2^53 = 9007199254740992) must never be read as a
 * nearby number: that silently changes the report, and can make an inconsistent report pass the 勾稽 checks
 * (9007199254740993 and 9007199254740992 both become 9007199254740992). The reader must instead leave the
 * cell empty and report an error naming the cell and the digits as printed.
 *
 * Jinjiang 2022 reads exactly with no finding (reader.test.ts); here one or two of its printed figures are
 * replaced.
 */
import { describe, expect, it } from 'vitest';
import { readReportText } from '../../../src/core/reader/read';
import { checkReport } from '../../../src/core/report/checks';
import { getCell } from '../../../src/core/report/model';
import { fixtureText } from '../../helpers/fixtures';

const BEYOND = '9007199254740993'; // 2^53 + 1: as a JavaScript number it becomes 2^53
const ROUNDED = 9007199254740992;

/** Jinjiang 2022 with the value lines after the line holding `label` replaced, in order, by `values` (null: kept). */
function withValues(label: string, values: (string | null)[]): string {
  const lines = fixtureText('jinjiang-health-2022').split('\n');
  let at = lines.findIndex((l) => l.trim() === label);
  expect(at, label).toBeGreaterThanOrEqual(0);
  for (const v of values) {
    do at++;
    while (!/\d/.test(lines[at]));
    if (v !== null) lines[at] = `\t${v}`;
  }
  return lines.join('\n');
}

const errorsAt = (r: ReturnType<typeof readReportText>, where: string) => r.findings.filter((f) => f.severity === 'error' && f.where.startsWith(where));

describe('numbers beyond what a JavaScript number holds exactly', () => {
  it('the largest exact integer (2^53 - 1) still reads as printed, with no finding', () => {
    // table 二, 行政许可 本年处理决定数量: 1851 in the report, a cell no relation binds
    const r = readReportText(withValues('行政许可', ['9007199254740991']));
    expect(getCell(r.report, 'proactive.licensing.decisions')).toBe(9007199254740991);
    expect(r.findings).toEqual([]);
  });

  it('a figure beyond 2^53 is an error naming the cell and the digits as printed, not a rounded number', () => {
    const r = readReportText(withValues('行政许可', [BEYOND]));
    expect(getCell(r.report, 'proactive.licensing.decisions')).not.toBe(ROUNDED);
    expect(getCell(r.report, 'proactive.licensing.decisions')).toBeNull();
    const errors = errorsAt(r, 'proactive.licensing');
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toContain(BEYOND);
  });

  it('an amount with more significant digits than a number holds is an error too, not a rounded amount', () => {
    // table 二, 行政事业性收费 (万元): 1234567890123.4567 has 17 significant digits; as a number it is 1234567890123.4568
    const printed = '1234567890123.4567';
    const r = readReportText(withValues('行政事业性收费', [printed]));
    expect(getCell(r.report, 'proactive.fees.amountWan')).not.toBe(Number(printed));
    expect(getCell(r.report, 'proactive.fees.amountWan')).toBeNull();
    const errors = errorsAt(r, 'proactive.fees');
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toContain(printed);
    // fifteen significant digits always come back as printed: read, no finding
    const exact = readReportText(withValues('行政事业性收费', ['12345678901.2345']));
    expect(getCell(exact.report, 'proactive.fees.amountWan')).toBe(12345678901.2345);
    expect(exact.findings).toEqual([]);
  });

  it('two different figures beyond 2^53 are not read as equal, so the row total does not pass by rounding', () => {
    // table 三, 本年新收: 自然人 9007199254740993 but 总计 9007199254740992: the row does not add up
    const r = readReportText(withValues('一、本年新收政府信息公开申请数量', [BEYOND, null, null, null, null, null, '9007199254740992']));
    expect(getCell(r.report, 'applications.received[0]')).not.toBe(ROUNDED);
    const errors = errorsAt(r, 'applications.received');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.map((f) => f.message).join('\n')).toContain(BEYOND);
    // whatever is read, the checks must not find 自然人 equal to 总计
    const rowTotal = checkReport(r.report!).filter((f) => f.rule === 'applications.rowTotal' && f.where.startsWith('applications.received'));
    const unreadable = getCell(r.report, 'applications.received[0]') === null;
    expect(unreadable || rowTotal.length > 0).toBe(true);
  });
});
