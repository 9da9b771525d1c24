/**
 * Change any one figure printed in a fixture's tables and `check` must fail with a finding that names that
 * cell. Every figure of both text fixtures is tried (2019 and 2021 formats).
 *
 * Some figures of table 二 are bound by no rule: nothing in the report relates them to anything else
 * (the 2019 table 二 has no totals, and these reports' prose does not restate them). A change there cannot be
 * detected by any check; they are listed here so that the limit is explicit and stays as small as it is.
 */
import { describe, expect, it } from 'vitest';
import { readReportText } from '../../../src/core/reader/read';
import { checkReport } from '../../../src/core/report/checks';
import { getCell } from '../../../src/core/report/model';
import { compact } from '../../../src/core/normalize';
import { APP_ROWS, REVIEW_COLUMNS, describeCell, reviewCells } from '../../../src/core/report/template';
import { cellPaths, fixtureText } from '../../helpers/fixtures';
import { sectionBounds } from '../../helpers/variants';

const UNBOUND: Record<string, string[]> = {
  // 2019 format: no relation binds any cell of table 二 except 本年新公开数量 ≤ 对外公开总数量
  'fuqing-health-2020': [
    'proactive.regulations.made',
    'proactive.regulations.totalPublished',
    'proactive.normativeDocuments.made',
    'proactive.normativeDocuments.totalPublished',
    'proactive.licensing.previousItems',
    'proactive.licensing.change',
    'proactive.licensing.decisions',
    'proactive.otherServices.previousItems',
    'proactive.otherServices.change',
    'proactive.otherServices.decisions',
    'proactive.punishment.previousItems',
    'proactive.punishment.change',
    'proactive.punishment.decisions',
    'proactive.enforcement.previousItems',
    'proactive.enforcement.change',
    'proactive.enforcement.decisions',
    'proactive.fees.previousItems',
    'proactive.fees.change',
    'proactive.procurement.projects',
    'proactive.procurement.amount',
  ],
  // 2021 format: 现行有效 below 制发 − 废止 is only a warning (documents also expire within the year), so no
  // error binds the 第（一）项 rows; the prose restates 行政许可 and 行政处罚
  'jinjiang-health-2022': [
    'proactive.regulations.issued',
    'proactive.regulations.repealed',
    'proactive.regulations.inForce',
    'proactive.normativeDocuments.issued',
    'proactive.normativeDocuments.repealed',
    'proactive.normativeDocuments.inForce',
    'proactive.enforcement.decisions',
    'proactive.fees.amountWan',
  ],
};

interface Mutation {
  line: number;
  cell: number;
  from: string;
  to: string;
  text: string;
}

function mutations(text: string): Mutation[] {
  const [s2] = sectionBounds(text, /^二、主动公开政府信息情况$/, /^三、/);
  const [, s5] = sectionBounds(text, /^四、政府信息公开行政复议/, /^五、/);
  const lines = text.split('\n');
  const out: Mutation[] = [];
  for (let li = s2; li < s5; li++) {
    const cells = lines[li].split('\t');
    cells.forEach((cell, ci) => {
      const m = /^(\s*)(\d+(?:\.\d+)?)(\s*)$/.exec(cell);
      if (!m) return;
      const to = m[2].includes('.') ? (Number(m[2]) + 1).toFixed(2) : String(Number(m[2]) + 1);
      const copy = [...cells];
      copy[ci] = `${m[1]}${to}${m[3]}`;
      out.push({ line: li + 1, cell: ci, from: m[2], to, text: [...lines.slice(0, li), copy.join('\t'), ...lines.slice(li + 1)].join('\n') });
    });
  }
  return out;
}

/** The row of table 三 a line belongs to, by its label (for figures whose change the reader absorbed). */
function rowOfLine(line: string): string | undefined {
  const text = compact(line);
  return APP_ROWS.find((r) => r.match.test(text))?.path;
}

for (const name of ['fuqing-health-2020', 'jinjiang-health-2022'] as const) {
  describe(`every figure of ${name}`, () => {
    const text = fixtureText(name);
    const base = readReportText(text).report!;
    const all = mutations(text);

    it('has the figures of all three tables', () => {
      // 2019: 22 cells of 二; table 三 23 rows × 7, less the 2 cells rows (一)(二) lost, plus (七)'s extra 0; 15 of 四
      // 2021: 10 cells of 二; table 三 25 rows × 7; 15 of 四
      expect(all.length).toBe(name === 'fuqing-health-2020' ? 22 + 23 * 7 - 2 + 1 + 15 : 10 + 25 * 7 + 15);
    });

    it('a change to any bound figure fails the check with a finding naming the cell', () => {
      const misses: string[] = [];
      let bound = 0;
      for (const m of all) {
        const r = readReportText(m.text);
        const report = r.report!;
        const changed = cellPaths(report).filter((p) => getCell(report, p) !== getCell(base, p));
        const findings = [...r.findings, ...checkReport(report, { narrative: r.narrative })];
        const errors = findings.filter((f) => f.severity === 'error');
        if (changed.length > 0 && changed.every((p) => UNBOUND[name].includes(p))) {
          // documented limit: no rule binds this figure
          if (errors.length > 0) misses.push(`line ${m.line}: ${changed} is listed as unbound but was caught`);
          continue;
        }
        bound++;
        const targets = changed.length > 0 ? changed : [rowOfLine(text.split('\n')[m.line - 1]) ?? '?'];
        const names = (p: string) =>
          errors.some((f) => {
            if (f.where === p || p.startsWith(`${f.where}[`) || f.message.includes(describeCell(p))) return true;
            // a relation of table 四 that fails names its group and lists each part with its value
            const cell = reviewCells().find((c) => c.path === p);
            return cell !== undefined && f.message.startsWith(cell.group.ref) && f.message.includes(`${cell.column.label} ${m.to}`);
          });
        if (!targets.some(names)) {
          misses.push(`line ${m.line} cell ${m.cell} ${m.from}→${m.to}: changed ${targets.join(',')}; errors: ${errors.map((e) => `${e.rule}@${e.where}`).join('; ') || 'none'}`);
        }
      }
      expect(misses).toEqual([]);
      expect(bound).toBe(all.length - UNBOUND[name].length);
    });
  });
}

it('names table 四 columns in the template order', () => {
  expect(REVIEW_COLUMNS.map((c) => c.label)).toEqual(['结果维持', '结果纠正', '其他结果', '尚未审结', '总计']);
});
