/**
 * Shapes of the API's answers, as the web app uses them (see src/http/routes and src/services). Where the
 * server declares the shape it answers, its type is used (type-only imports: nothing of the server is bundled).
 */
import type { CaseClock } from '../../../src/core/applications/clock';
import type { CalendarOverride as CalendarEntry } from '../../../src/core/clock/calendar';
import type { CaseSummary } from '../../../src/services/applications';

export type { AgencyContact } from '../../../src/db/schema';
export type { Agency } from '../../../src/services/agencies';
export type { CalendarEntry, CaseClock, CaseSummary };
/** Answers the server declares (src/http/schemas): the typed client, ./client.ts, gives them */
export type { CaseDetail, Colleague, NoticePreview } from '../../../src/http/schemas';

export interface DecisionMeta {
  key: string;
  label: string;
  basis: string;
  onlyFrom: string[];
  alsoFrom: string[];
}

/** GET /api/meta: every label the app shows for a code. */
export interface Meta {
  /** the table of rights (src/core/rights.ts): web/src/lib/rights.ts `useCan` */
  rights: ReturnType<typeof import('../../../src/core/rights').rightsForWeb>;
  statuses: Record<string, string>;
  roles: Record<string, string>;
  actions: Record<string, string>;
  decisions: DecisionMeta[];
  applicantTypes: Record<string, string>;
  channels: Record<string, string>;
  idTypes: Record<string, string>;
  forms: Record<string, string>;
  deliveries: Record<string, string>;
  reviewKinds: Record<string, string>;
  reviewOutcomes: Record<string, string>;
}
