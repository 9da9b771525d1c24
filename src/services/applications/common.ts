/**
 * Shared by the case modules: rows, events, the summary a case shows everywhere, tracking codes, stored uploads.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, or } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { applicationEvents, applications } from '../../db/schema';
import { caseClock, type CaseClock } from '../../core/applications/clock';
import type { CaseEvent } from '../../core/applications/procedure';
import { decisionByKey } from '../../core/applications/decisions';
import { APPLICANT_TYPE_LABELS } from '../../core/applications/intake';
import { STATUS_LABELS, TRANSITIONS, type Status } from '../../core/applications/workflow';
import { type Calendar } from '../../core/clock/calendar';
import type { Ctx } from '../context';
import { loadCalendar } from '../calendar';
import { badInput } from '../errors';
import { checkUpload, type Upload } from '../uploads';
import { sha256 } from '../storage';

export type AppRow = typeof applications.$inferSelect;
export type EventRow = typeof applicationEvents.$inferSelect;

// ---------------------------------------------------------------------------------------------------------
// Tracking codes: the agency, then 10 random characters (no 0/O/1/I), e.g. "3-7KQ2M9XDPA"

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

export function newTrackingCode(agencyId: number): string {
  let s = '';
  for (let i = 0; i < 10; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return `${agencyId.toString(36).toUpperCase()}-${s}`;
}

/** The agency a tracking code belongs to (so a lookup goes to one agency's rows), or null if malformed. */
export function agencyOfCode(code: string): number | null {
  const m = /^([0-9A-Z]{1,6})-([2-9A-HJ-NP-Z]{10})$/.exec(code.trim().toUpperCase());
  if (!m) return null;
  const id = Number.parseInt(m[1], 36);
  return Number.isSafeInteger(id) && id > 0 && id <= 2_147_483_647 ? id : null; // agency ids are int4
}

// ---------------------------------------------------------------------------------------------------------
// Facts and views

export const toEvent = (e: EventRow): CaseEvent => ({ kind: e.kind, on: e.on, data: e.data });

export const EVENT_LABELS: Record<string, string> = {
  submitted: '网上提交申请',
  registered: '登记申请',
  ...Object.fromEntries(Object.entries(TRANSITIONS).map(([k, t]) => [k, t.label])),
};

export interface CaseSummary {
  id: string;
  trackingCode: string;
  applicantName: string;
  applicantType: string;
  applicantTypeLabel: string;
  channel: string;
  receivedOn: string;
  description: string;
  status: Status;
  statusLabel: string;
  assigneeId: string | null;
  assigneeName: string | null;
  decision: string | null;
  decisionLabel: string | null;
  repliedOn: string | null;
  version: number;
  clock: CaseClock;
}

export function summaryOf(r: AppRow & { assigneeName: string | null }, events: CaseEvent[], calendar: Calendar, today: string): CaseSummary {
  return {
    id: r.id,
    trackingCode: r.trackingCode,
    applicantName: r.applicantName,
    applicantType: r.applicantType,
    applicantTypeLabel: APPLICANT_TYPE_LABELS[r.applicantType as keyof typeof APPLICANT_TYPE_LABELS] ?? r.applicantType,
    channel: r.channel,
    receivedOn: r.receivedOn,
    description: r.description,
    status: r.status as Status,
    statusLabel: STATUS_LABELS[r.status as Status],
    assigneeId: r.assigneeId,
    assigneeName: r.assigneeName,
    decision: r.outcome,
    decisionLabel: r.outcome ? (decisionByKey(r.outcome)?.label ?? r.outcome) : null,
    repliedOn: r.repliedOn,
    version: r.version,
    clock: answeredClock(caseClock({ receivedOn: r.receivedOn, status: r.status as Status, repliedOn: r.repliedOn }, events, calendar, today), r.status as Status, r.repliedOn),
  };
}

/**
 * A case answered (replied or closed) has no limit left to run: a calendar year not entered yet (the deadline
 * would have fallen in it) is no reason to warn any more. Its clock stops, with the reply day; whether the
 * reply was on time is said once that year's calendar is entered (repliedLate stays null until then).
 */
export function answeredClock(clock: CaseClock, status: Status, repliedOn: string | null): CaseClock {
  if (clock.state !== 'unknown' || (status !== 'replied' && status !== 'closed')) return clock;
  const year = clock.missingYear;
  return {
    ...clock,
    state: 'stopped',
    due: null,
    overdue: false,
    dueSoon: false,
    workdaysLeft: null,
    repliedLate: null,
    limits: [],
    missingYear: null,
    lines: [
      repliedOn ? `已于 ${repliedOn} 答复，办理期限停止计算` : '已办结，办理期限停止计算',
      ...(year ? [`答复是否在期限内，待 ${year} 年节假日安排录入后显示`] : []),
    ],
  };
}

export async function summaries(db: Db, agencyId: number, rows: (AppRow & { assigneeName: string | null })[], today: string): Promise<CaseSummary[]> {
  if (rows.length === 0) return [];
  const [calendar, events] = await Promise.all([
    loadCalendar(db),
    db
      .select()
      .from(applicationEvents)
      .where(and(eq(applicationEvents.agencyId, agencyId), inArray(applicationEvents.applicationId, rows.map((r) => r.id))))
      .orderBy(asc(applicationEvents.id)),
  ]);
  const byApp = new Map<string, CaseEvent[]>();
  for (const e of events) {
    const list = byApp.get(e.applicationId);
    if (list) list.push(toEvent(e));
    else byApp.set(e.applicationId, [toEvent(e)]);
  }
  return rows.map((r) => summaryOf(r, byApp.get(r.id) ?? [], calendar, today));
}


export const MAX_UPLOADS = 5;

export async function storeUploads(ctx: Ctx, uploads: Upload[], allowed: 'applicant' | 'staff') {
  if (uploads.length > MAX_UPLOADS) throw badInput(`附件最多 ${MAX_UPLOADS} 个`, [{ path: 'files', message: `附件最多 ${MAX_UPLOADS} 个` }]);
  const checked = [];
  for (const [i, u] of uploads.entries()) checked.push({ ...u, ...(await checkUpload(u, allowed, `files.${i}`)) });
  const stored: { key: string; u: (typeof checked)[number] }[] = [];
  try {
    for (const u of checked) stored.push({ key: await ctx.storage.put(u.bytes, u.ext), u });
  } catch (e) {
    await Promise.all(stored.map((s) => ctx.storage.remove(s.key)));
    throw e;
  }
  return stored;
}

/** The row of a file stored for a case. */
export function attachmentRow(
  agencyId: number,
  applicationId: string,
  file: { kind: string; filename: string; mime: string; bytes: Uint8Array },
  storageKey: string,
  uploadedBy: string | null,
  createdAt: Date,
) {
  return {
    agencyId,
    id: randomUUID(),
    applicationId,
    kind: file.kind,
    filename: file.filename,
    mime: file.mime,
    size: file.bytes.length,
    sha256: sha256(file.bytes),
    storageKey,
    uploadedBy,
    createdAt,
  };
}

