/**
 * A cell extraction could not read for sure (OCR: source.ts LOST_CELL, with the figures it might be) is never
 * taken as a value: the reader restores it only where the table's relations force one value, and only to one
 * of its candidates; otherwise the cell stays unknown and an error names it.
 *
 * Pingtan 2023 (HTML, a document's table cells) reads exactly; here its row 三、（二）部分公开 — printed
 * 19 1 0 0 0 0 20 — has its 商业企业 cell (1) replaced by a marker. That cell is forced by two relations: the
 * row (20 = 19 + x + 0 + 0 + 0 + 0) and its column (the 商业企业 column of 三 sums to the （七）总计 cell).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readReport } from '../../../src/core/reader/read';
import { LOST_CELL, type SourceDoc } from '../../../src/core/reader/source';
import { extractSource } from '../../../src/extract/index';
import { fixturePath } from '../../helpers/fixtures';

async function pingtan(): Promise<SourceDoc> {
  const extracted = await extractSource(readFileSync(fixturePath('pingtan-2023', 'html')));
  if (!extracted.ok) throw new Error(extracted.message);
  return extracted.doc;
}

/** The document with the 商业企业 cell of row （二）部分公开 (printed "1") replaced by `cell`. */
async function withPartialBusiness(cell: string): Promise<SourceDoc> {
  const doc = await pingtan();
  const at = doc.lines.findIndex((l) => l.cells.some((c) => c.startsWith('（二）部分公开')));
  expect(at).toBeGreaterThanOrEqual(0);
  const cells = doc.lines[at].cells;
  const label = cells.findIndex((c) => c.startsWith('（二）部分公开'));
  // the figures follow the label: 19 1 0 0 0 0 20
  expect(cells.slice(label + 1)).toEqual(['19', '1', '0', '0', '0', '0', '20']);
  cells[label + 2] = cell;
  return doc;
}

describe('a cell extraction could not read for sure', () => {
  it('as printed, the row reads 19 1 0 0 0 0 20 with no finding on it', async () => {
    const { report, findings } = readReport(await pingtan());
    expect(report!.applications.partial).toEqual([19, 1, 0, 0, 0, 0, 20]);
    expect(findings.filter((f) => f.where === 'applications.partial')).toEqual([]);
  });

  it('is restored where the relations force a value among its candidates, and said so', async () => {
    const { report, findings } = readReport(await withPartialBusiness(`${LOST_CELL}1|7`));
    expect(report!.applications.partial).toEqual([19, 1, 0, 0, 0, 0, 20]);
    const here = findings.filter((f) => f.where === 'applications.partial');
    expect(here).toHaveLength(1);
    expect(here[0]).toMatchObject({ rule: 'read.restored', severity: 'warning' });
    expect(here[0].message).toContain('商业企业列识别不确定（可能为 1、7）');
    expect(here[0].message).toContain('恢复为 19、1、0、0、0、0、20');
  });

  it('is not restored to a value that is none of its candidates: unknown, and an error names it', async () => {
    const { report, findings } = readReport(await withPartialBusiness(`${LOST_CELL}7|4`));
    expect(report!.applications.partial[1]).toBeNull();
    // the other cells of the row are as printed
    expect(report!.applications.partial.filter((_, c) => c !== 1)).toEqual([19, 0, 0, 0, 0, 20]);
    const errors = findings.filter((f) => f.where === 'applications.partial' && f.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ rule: 'read.cellLost' });
    expect(errors[0].message).toContain('无法确定 商业企业列');
  });

  it('with no candidate at all, is restored to the value the relations force', async () => {
    const { report, findings } = readReport(await withPartialBusiness(LOST_CELL));
    expect(report!.applications.partial).toEqual([19, 1, 0, 0, 0, 0, 20]);
    expect(findings.find((f) => f.where === 'applications.partial')).toMatchObject({ rule: 'read.restored' });
  });
});
