/**
 * The written notices of a case: the agency's templates of each kind (src/core/applications/notices.ts), the
 * draft an officer previews (and may edit), and the issuing: numbered in the agency's sequence of the year
 * (gap-free, inside the step's transaction), rendered to .docx, stored as an attachment of the case, its text
 * frozen in `notices` (a trigger refuses any change: migration 0006). The public kinds are listed on the
 * tracking page and downloadable there.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/index';
import { applicationEvents, applications, attachments, letterTemplates, notices } from '../db/schema';
import {
  NOTICE_KEYS,
  NOTICE_KINDS,
  cleanRequestText,
  fillNotice,
  formatNoticeNumber,
  isNoticeKind,
  numberedText,
  requestAsCorrected,
  templateProblems,
  unfilledPlaceholders,
  MAX_TEMPLATE_LENGTH,
  type NoticeKind,
  type NoticeKindDef,
} from '../core/applications/notices';
import { letterDocx } from '../render/letter';
import { chineseDate, type StaffActor } from './context';
import { appendAudit } from './audit';
import { assertAllowed, getAgency } from './agencies';
import { badInput, notFound } from './errors';
import { MIME } from './uploads';
import { sha256, type Storage } from './storage';

/** the attachment kind of a notice's .docx */
export const NOTICE_ATTACHMENT_KIND = 'notice';

function kindOf(kind: string): NoticeKindDef {
  if (!isNoticeKind(kind)) throw badInput(`未知的通知书类别“${kind}”，可用：${NOTICE_KEYS.join('、')}`, [{ path: 'kind', message: '未知的通知书类别' }]);
  return NOTICE_KINDS[kind];
}

// ---------------------------------------------------------------------------------------------------------
// Templates

/** The agency's template of a kind, or the default. */
export async function noticeTemplate(db: Db, agencyId: number, kind: NoticeKind): Promise<{ body: string; custom: boolean }> {
  const def = kindOf(kind);
  const [row] = await db.select().from(letterTemplates).where(and(eq(letterTemplates.agencyId, agencyId), eq(letterTemplates.key, kind)));
  return row ? { body: row.body, custom: true } : { body: def.template, custom: false };
}

export interface TemplateView {
  kind: NoticeKind;
  title: string;
  article: string;
  public: boolean;
  placeholders: readonly string[];
  required: readonly { name: string; why: string }[];
  sample: Readonly<Record<string, string>>;
  defaultBody: string;
  body: string;
  custom: boolean;
}

/** Every kind's template as the back office shows it: to the agency's staff and its supervisors. */
export async function staffNoticeTemplates(db: Db, actor: StaffActor, agencyId: number): Promise<TemplateView[]> {
  await assertAllowed(db, actor, 'template.read', agencyId);
  const rows = await db.select().from(letterTemplates).where(eq(letterTemplates.agencyId, agencyId));
  return NOTICE_KEYS.map((kind) => {
    const def = NOTICE_KINDS[kind];
    const row = rows.find((r) => r.key === kind);
    return {
      kind,
      title: def.title,
      article: def.article,
      public: def.public,
      placeholders: def.placeholders,
      required: def.required,
      sample: def.sample,
      defaultBody: def.template,
      body: row?.body ?? def.template,
      custom: row !== undefined,
    };
  });
}

/** Save a kind's template (the agency's administrator or reviewer); refused with every problem listed. */
export async function saveNoticeTemplate(db: Db, actor: StaffActor, agencyId: number, kind: string, body: string): Promise<void> {
  const def = kindOf(kind);
  await assertAllowed(db, actor, 'template.write', agencyId);
  const problems = templateProblems(def.key, body ?? '');
  if (problems.length > 0) throw badInput(problems[0], problems.map((message) => ({ path: 'body', message })));
  const before = await noticeTemplate(db, agencyId, def.key);
  const now = new Date();
  await db.transaction(async (tx) => {
    await tx
      .insert(letterTemplates)
      .values({ agencyId, key: def.key, body, updatedBy: actor.userId, updatedAt: now })
      .onConflictDoUpdate({ target: [letterTemplates.agencyId, letterTemplates.key], set: { body, updatedBy: actor.userId, updatedAt: now } });
    await appendAudit(tx, actor, { agencyId, entity: 'letterTemplate', entityId: def.key, action: 'save', before: before.body, after: body });
  });
}

// ---------------------------------------------------------------------------------------------------------
// Drafts

/**
 * The notice of `kind` for these values, from the agency's template (or the default): the text the officer
 * previews and may edit. {{文号}} stays until the notice is issued; 申请内容 is quoted clean
 * (cleanRequestText); 机关名称 defaults to the agency's name. A placeholder without a value stays visible.
 */
export async function draftNotice(db: Db, agencyId: number, kind: NoticeKind, values: Readonly<Record<string, string | undefined>>): Promise<{ kind: NoticeKind; title: string; text: string }> {
  const def = kindOf(kind);
  const agency = await getAgency(db, agencyId);
  const { body } = await noticeTemplate(db, agencyId, def.key);
  const filled: Record<string, string | undefined> = { 机关名称: agency.name, ...values };
  if (filled.申请内容 !== undefined) filled.申请内容 = cleanRequestText(filled.申请内容);
  if (filled.答复日期 === undefined && filled.发文日期 !== undefined) filled.答复日期 = filled.发文日期;
  delete filled.文号;
  return { kind: def.key, title: def.title, text: fillNotice(body, filled) };
}

/**
 * The values every notice of a case uses (申请人, 收到日期, 申请编号, 申请内容 as corrected, 机关名称, 发文日期), from
 * the case's row and the texts of its corrections: the caller adds the kind's own.
 */
export function noticeValuesOf(
  row: { applicantName: string; receivedOn: string; trackingCode: string; description: string },
  corrections: readonly string[],
  agencyName: string,
  on: string,
): Record<string, string> {
  return {
    申请人: row.applicantName,
    收到日期: chineseDate(row.receivedOn),
    申请编号: row.trackingCode,
    申请内容: requestAsCorrected(row.description, corrections),
    机关名称: agencyName,
    发文日期: chineseDate(on),
  };
}

/** The same values read from the database (for callers that have not loaded the case). */
export async function caseNoticeValues(db: Db, agencyId: number, applicationId: string, on: string): Promise<Record<string, string>> {
  const [row] = await db
    .select()
    .from(applications)
    .where(and(eq(applications.agencyId, agencyId), eq(applications.id, applicationId)));
  if (!row) throw notFound('未找到该申请');
  const corrections = await db
    .select({ data: applicationEvents.data })
    .from(applicationEvents)
    .where(and(eq(applicationEvents.agencyId, agencyId), eq(applicationEvents.applicationId, applicationId), eq(applicationEvents.kind, 'receiveCorrection')))
    .orderBy(asc(applicationEvents.id));
  const agency = await getAgency(db, agencyId);
  return noticeValuesOf(row, corrections.map((c) => (typeof c.data.text === 'string' ? c.data.text : '')), agency.name, on);
}

// ---------------------------------------------------------------------------------------------------------
// Issuing

export interface IssueInput {
  agencyId: number;
  applicationId: string;
  kind: NoticeKind;
  /** the text as previewed and possibly edited (with {{文号}} where the number goes) */
  text: string;
  /** the day it is issued (its year is the year of its number) */
  on: string;
  actorId: string | null;
  now: Date;
}

export interface Issued {
  id: string;
  number: string;
  attachmentId: string;
  /** the stored .docx: the caller removes it when its transaction fails after this returned */
  storageKey: string;
  /** the text as issued, number included */
  text: string;
}

/**
 * Issue a notice inside the step's transaction `tx`: the next number of the agency's year (an advisory lock
 * on agency and year serialises concurrent issuers; a rolled-back transaction gives its number back, so the
 * sequence has no gap), the number put in the text at {{文号}} (or under the title if the officer removed it),
 * the .docx rendered and stored, an attachment row of kind `notice` and the notice row written. If this fails
 * after storing the file the file is removed here; if the caller's transaction fails later, the caller
 * removes `storageKey` (as src/services/applications.ts does with its storedKeys).
 */
export async function issueNotice(tx: Db, storage: Storage, input: IssueInput): Promise<Issued> {
  const def = kindOf(input.kind);
  const text = (input.text ?? '').replace(/\r\n/g, '\n').trim();
  if (text.length < 10) throw badInput('通知书内容不能为空', [{ path: 'noticeText', message: '通知书内容不能为空' }]);
  if (text.length > MAX_TEMPLATE_LENGTH) throw badInput(`通知书内容不能超过 ${MAX_TEMPLATE_LENGTH} 字`, [{ path: 'noticeText', message: `不能超过 ${MAX_TEMPLATE_LENGTH} 字` }]);
  const left = unfilledPlaceholders(text);
  if (left.length > 0) {
    const message = `通知书中仍有未填写的内容：${left.map((p) => `{{${p}}}`).join('、')}`;
    throw badInput(message, [{ path: 'noticeText', message }]);
  }
  const year = Number(input.on.slice(0, 4));
  const agency = await getAgency(tx, input.agencyId);
  await tx.execute(sql`select pg_advisory_xact_lock(${input.agencyId}::int, ${year}::int)`);
  const [{ last }] = await tx
    .select({ last: sql<number>`coalesce(max(${notices.seq}), 0)::int` })
    .from(notices)
    .where(and(eq(notices.agencyId, input.agencyId), eq(notices.year, year)));
  const seq = Number(last) + 1;
  const number = formatNoticeNumber(agency.contact.noticeNumberPattern, { shortName: agency.contact.shortName?.trim() || agency.name, year, seq });
  const issuedText = numberedText(text, number);
  const docx = await letterDocx(issuedText);
  const storageKey = await storage.put(docx, 'docx');
  const id = randomUUID();
  const attachmentId = randomUUID();
  try {
    await tx.insert(attachments).values({
      agencyId: input.agencyId,
      id: attachmentId,
      applicationId: input.applicationId,
      kind: NOTICE_ATTACHMENT_KIND,
      filename: `${def.title}（${number}）.docx`,
      mime: MIME.docx,
      size: docx.length,
      sha256: sha256(docx),
      storageKey,
      uploadedBy: input.actorId,
      createdAt: input.now,
    });
    await tx.insert(notices).values({
      agencyId: input.agencyId,
      id,
      applicationId: input.applicationId,
      kind: def.key,
      year,
      seq,
      number,
      text: issuedText,
      attachmentId,
      issuedOn: input.on,
      issuedBy: input.actorId,
      createdAt: input.now,
    });
  } catch (e) {
    await storage.remove(storageKey);
    throw e;
  }
  return { id, number, attachmentId, storageKey, text: issuedText };
}

// ---------------------------------------------------------------------------------------------------------
// Reading

export interface NoticeView {
  id: string;
  kind: NoticeKind;
  title: string;
  number: string;
  issuedOn: string;
  attachmentId: string;
}

function viewOf(r: typeof notices.$inferSelect): NoticeView {
  return { id: r.id, kind: r.kind as NoticeKind, title: NOTICE_KINDS[r.kind as NoticeKind]?.title ?? r.kind, number: r.number, issuedOn: r.issuedOn, attachmentId: r.attachmentId };
}

/** Every notice of a case (staff: the case page), with its issued text. */
export async function caseNotices(db: Db, agencyId: number, applicationId: string): Promise<(NoticeView & { text: string; public: boolean })[]> {
  const rows = await db
    .select()
    .from(notices)
    .where(and(eq(notices.agencyId, agencyId), eq(notices.applicationId, applicationId)))
    .orderBy(asc(notices.issuedOn), asc(notices.year), asc(notices.seq));
  return rows.map((r) => ({ ...viewOf(r), text: r.text, public: NOTICE_KINDS[r.kind as NoticeKind]?.public ?? false }));
}

const PUBLIC_KINDS = NOTICE_KEYS.filter((k) => NOTICE_KINDS[k].public);

/** The notices of a case the applicant sees on the tracking page (not the 征求意见函: see NOTICE_KINDS). */
export async function publicNotices(db: Db, agencyId: number, applicationId: string): Promise<NoticeView[]> {
  const rows = await db
    .select()
    .from(notices)
    .where(and(eq(notices.agencyId, agencyId), eq(notices.applicationId, applicationId), inArray(notices.kind, PUBLIC_KINDS)))
    .orderBy(asc(notices.issuedOn), asc(notices.year), asc(notices.seq));
  return rows.map(viewOf);
}
