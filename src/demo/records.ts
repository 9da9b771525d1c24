/**
 * The records of one demo agency over a run of years (applications, documents, decisions, fees, items,
 * procurement, 复议/诉讼 cases), from which the report engine computes each year's report. One set of records
 * serves every year, so consecutive reports agree by construction (上年结转 = last year's 结转下年度, documents
 * in force, items in force).
 */
import type { IsoDate } from '../core/clock/calendar';
import type { EngineRecords, ReviewRecord } from '../core/report/engine';
import type { MatterKind } from '../core/registry/categories';
import type { AgencyProfile } from './agencies';

export type Random = () => number;

export function addDays(day: IsoDate, n: number): IsoDate {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function dayOfYear(year: number, random: Random): IsoDate {
  const days = year % 4 === 0 ? 366 : 365;
  return addDays(`${year}-01-01`, Math.floor(random() * days));
}

/** A count around `mean` (±30 %), never negative. */
export function around(mean: number, random: Random): number {
  if (mean <= 0) return 0;
  return Math.max(0, Math.round(mean * (0.7 + 0.6 * random())));
}

export function pick<T>(weighted: readonly (readonly [T, number])[], random: Random): T {
  const total = weighted.reduce((s, [, w]) => s + w, 0);
  let x = random() * total;
  for (const [v, w] of weighted) {
    x -= w;
    if (x < 0) return v;
  }
  return weighted[weighted.length - 1][0];
}

const APPLICANTS = [
  ['natural', 86],
  ['commercial', 7],
  ['research', 1],
  ['publicInterest', 1],
  ['legal', 3],
  ['otherOrg', 2],
] as const;

/** The replies' decisions (src/core/applications/decisions.ts) in the proportions published reports show. */
const DECISIONS = [
  ['provided', 34],
  ['alreadyPublic', 10],
  ['partial', 8],
  ['stateSecret', 0.3],
  ['prohibitedByLaw', 0.4],
  ['endangersSafety', 0.4],
  ['thirdPartyRights', 2],
  ['internalAffairs', 1],
  ['processInfo', 3],
  ['enforcementFile', 1],
  ['administrativeQuery', 2],
  ['notExist', 14],
  ['notOurs', 4],
  ['needsCreation', 4],
  ['unclearAfterCorrection', 2],
  ['complaint', 4],
  ['duplicate', 3],
  ['publication', 1],
  ['excessive', 0.8],
  ['confirmation', 1],
  ['noCorrection', 3],
  ['feeUnpaid', 0.3],
  ['withdrawn', 3],
] as const;

const MATTER_KINDS: MatterKind[] = ['licensing', 'otherServices', 'punishment', 'enforcement', 'fees'];

/**
 * Records for `years` (consecutive, ascending), with history before the first: documents and items from years
 * earlier, applications from the year before (so the first report has 上年结转).
 */
export function agencyRecords(profile: AgencyProfile, years: number[], random: Random): EngineRecords {
  const first = years[0];
  const last = years[years.length - 1];
  let n = 0;
  const id = (p: string) => `${p}${++n}`;
  const records: EngineRecords = { applications: [], documents: [], decisions: [], fees: [], matters: [], procurements: [], reviewCases: [] };

  // applications: received from the year before the first; replied within 3–45 days (some after the last year)
  for (let y = first - 1; y <= last; y++) {
    const count = around(profile.applications, random);
    for (let i = 0; i < count; i++) {
      const receivedOn = dayOfYear(y, random);
      const slow = random() < 0.08;
      const repliedOn = addDays(receivedOn, slow ? 30 + Math.floor(random() * 20) : 4 + Math.floor(random() * 26));
      records.applications.push({ id: id('a'), applicantType: pick(APPLICANTS, random), receivedOn, repliedOn, decision: pick(DECISIONS, random) });
    }
    // 复议 and 诉讼 about disclosure: a few in a hundred applications
    const cases = Math.floor(count * 0.06 * random() + (count > 20 && random() < 0.5 ? 1 : 0));
    for (let i = 0; i < cases; i++) {
      const filedOn = dayOfYear(y, random);
      const kind: ReviewRecord['kind'] = pick([['reconsideration', 6], ['litigationDirect', 3], ['litigationAfterReconsideration', 1]], random);
      const outcome: ReviewRecord['outcome'] = pick([['upheld', 70], ['corrected', 10], ['other', 20]], random);
      records.reviewCases.push({ id: id('r'), kind, filedOn, outcome, decidedOn: addDays(filedOn, 40 + Math.floor(random() * 200)) });
    }
  }

  // documents of Art. 20 (一): a stock issued over the years before, then each year's; a few repealed a year
  const docKinds = profile.government ? (['regulation', 'normativeDocument'] as const) : (['normativeDocument'] as const);
  for (let y = first - 8; y <= last; y++) {
    for (const docKind of docKinds) {
      const count = around(docKind === 'regulation' ? 2 : profile.normativeDocuments, random);
      for (let i = 0; i < count; i++) {
        const issuedOn = dayOfYear(y, random);
        records.documents.push({ id: id('d'), docKind, issuedOn, repealedOn: null, publishedOn: addDays(issuedOn, 2 + Math.floor(random() * 12)) });
      }
    }
    if (y < first - 1) continue;
    // repeal only documents published before the year began (so none is published and repealed in one year)
    const inForce = records.documents.filter((d) => d.repealedOn === null && d.publishedOn !== null && d.publishedOn < `${y}-01-01`);
    for (const d of inForce) if (random() < 0.06) d.repealedOn = dayOfYear(y, random);
  }

  // administrative decisions of the year
  for (let y = first - 1; y <= last; y++) {
    for (const kind of ['licensing', 'punishment', 'enforcement'] as const) {
      const count = around(profile[kind], random);
      for (let i = 0; i < count; i++) records.decisions.push({ id: id('x'), kind, decidedOn: dayOfYear(y, random) });
    }
    // fees in whole yuan, a few collections a month
    if (profile.feesYuan > 0) {
      const total = around(profile.feesYuan, random);
      const parts = 12;
      for (let i = 0; i < parts; i++) {
        records.fees.push({ id: id('f'), collectedOn: addDays(`${y}-01-01`, i * 30 + Math.floor(random() * 28)), amountYuan: Math.round(total / parts + (random() - 0.5) * 100) });
      }
    }
    // procurement: contracts in yuan and fen
    const projects = around(profile.procurements, random);
    for (let i = 0; i < projects; i++) {
      records.procurements.push({ id: id('p'), contractedOn: dayOfYear(y, random), amountYuan: Math.round((50_000 + random() * 1_500_000) * 100) / 100 });
    }
  }

  // items (事项) in force: established long ago, a few added and abolished each year
  MATTER_KINDS.forEach((kind, k) => {
    const stock = profile.items[k];
    for (let i = 0; i < stock; i++) records.matters.push({ id: id('m'), kind, establishedOn: `2015-0${1 + (i % 9)}-01`, abolishedOn: null });
    if (stock === 0) return;
    for (let y = first - 1; y <= last; y++) {
      const added = Math.floor(random() * Math.max(1, stock / 15));
      for (let i = 0; i < added; i++) records.matters.push({ id: id('m'), kind, establishedOn: dayOfYear(y, random), abolishedOn: null });
      const live = records.matters.filter((m) => m.kind === kind && m.abolishedOn === null && m.establishedOn < `${y}-01-01`);
      for (const m of live) if (random() < 0.03) m.abolishedOn = dayOfYear(y, random);
    }
  });
  return records;
}
