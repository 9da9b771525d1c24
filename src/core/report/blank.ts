/**
 * An empty report of a template version: every cell null (what a reader starts from) or 0 (what the engine
 * starts from). The keys follow ./model.ts and the template's table 二 per format.
 */
import type { Format, OtherForm, Report } from './model';
import { PROACTIVE } from './template';

export function blankReportOf(format: Format, otherForm: OtherForm, agency = '', year = 0, fill: 0 | null = null): Report {
  const row = () => Array<number | null>(7).fill(fill);
  const group = () => ({ upheld: fill, corrected: fill, other: fill, pending: fill, total: fill });
  const proactive: Record<string, Record<string, 0 | null>> = {};
  for (const block of PROACTIVE[format]) {
    for (const r of block.rows) proactive[r.key] = Object.fromEntries(block.columns.map((c) => [c.key, fill]));
  }
  return {
    agency,
    year,
    format,
    proactive,
    applications: {
      received: row(),
      carriedOver: row(),
      disclosed: row(),
      partial: row(),
      withheld: {
        stateSecret: row(),
        prohibitedByLaw: row(),
        endangersSafety: row(),
        thirdPartyRights: row(),
        internalAffairs: row(),
        processInfo: row(),
        enforcementFile: row(),
        administrativeQuery: row(),
      },
      unavailable: { notHeld: row(), needsCreation: row(), unclear: row() },
      notProcessed: { complaint: row(), duplicate: row(), publication: row(), excessive: row(), confirmation: row() },
      other: otherForm === 'single' ? row() : { noCorrection: row(), feeUnpaid: row(), other: row() },
      total: row(),
      carriedForward: row(),
    },
    reviewLitigation: { reconsideration: group(), litigationDirect: group(), litigationAfterReconsideration: group() },
  } as Report;
}
