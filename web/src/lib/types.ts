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

export interface StaffUser {
  userId: string;
  name: string;
  username?: string;
  agencyId: number;
  agencyName: string;
  agencyParentId?: number | null;
  roles: string[];
}

export interface ApplicationRecord {
  agencyId: number;
  id: string;
  trackingCode: string;
  channel: string;
  channelLabel: string;
  submittedAt: string;
  receivedOn: string;
  receiptReason: string;
  applicantType: string;
  applicantName: string;
  idType: string;
  idNumber: string;
  legalRepresentative: string | null;
  contactPerson: string | null;
  phone: string;
  email: string | null;
  address: string | null;
  postcode: string | null;
  description: string;
  documentNumber: string | null;
  purpose: string | null;
  form: string;
  delivery: string;
  outcome: string | null;
  outcomeBasis: string | null;
  replyText: string | null;
  repliedOn: string | null;
  closedOn: string | null;
  feeYuan: number | null;
}

export interface TimelineEvent {
  id: number;
  kind: string;
  label: string;
  on: string;
  data: Record<string, unknown>;
  actor: string;
  at: string;
}

export interface AttachmentInfo {
  id: string;
  kind: string;
  filename: string;
  mime: string;
  size: number;
  createdAt: string;
}

export interface AuditEntry {
  id: number;
  action: string;
  actor: string;
  at: string;
  before: unknown;
  after: unknown;
}

export interface CaseDetail extends CaseSummary {
  application: ApplicationRecord;
  extension: 'none' | 'requested' | 'approved' | 'rejected';
  timeline: TimelineEvent[];
  attachments: AttachmentInfo[];
  audit: AuditEntry[];
  allowedActions: string[];
  allowedDecisions: string[];
}

/** GET /api/public/track/:code */
export interface TrackResult {
  trackingCode: string;
  agencyName: string;
  receivedOn: string;
  description: string;
  status: string;
  statusLabel: string;
  decisionLabel: string | null;
  repliedOn: string | null;
  steps: { on: string; label: string; detail?: string }[];
  clock: Pick<CaseClock, 'state' | 'due' | 'dueLabel' | 'overdue' | 'lines' | 'limits'>;
  /** the notices the applicant was sent (not the 征求意见函); `id` is the file's, downloaded at …/letters/:id */
  notices: { id: string; title: string; number: string; issuedOn: string }[];
  correction: { items: string; dueOn: string } | null;
}

/** GET /api/agencies/:agencyId/notice-templates (one per kind) */
export type { TemplateView as NoticeTemplate } from '../../../src/services/notices';

/** POST /api/agencies/:agencyId/applications/:id/preview/:action (null: the step issues no notice) */
export interface NoticePreview {
  kind: string;
  title: string;
  text: string;
}

export interface Colleague {
  id: string;
  displayName: string;
  roles: string[];
}

export interface UserAccount {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  active: boolean;
  createdAt: string;
}

export interface ReviewCase {
  id: string;
  agencyId: number;
  applicationId: string | null;
  kind: string;
  kindLabel: string;
  caseNumber: string | null;
  body: string | null;
  filedOn: string;
  outcome: string;
  outcomeLabel: string;
  decidedOn: string | null;
  notes: string | null;
}

export interface CalendarStatus {
  packageYears: number[];
  enteredYears: { year: number; source: string; createdAt: string }[];
  overrides: CalendarEntry[];
}
