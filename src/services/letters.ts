/**
 * Reply letters: the agency's editable template, and the letter of one reply.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/index';
import { letterTemplates } from '../db/schema';
import { decisionByKey, remediesParagraph } from '../core/applications/decisions';
import { DEFAULT_LETTER_TEMPLATE, fillTemplate, letterDocx, templateProblems, type LetterValues } from '../render/letter';
import { chineseDate, type StaffActor } from './context';
import { appendAudit } from './audit';
import { assertRead, assertWrite, getAgency } from './agencies';
import { badInput } from './errors';

const KEY = 'reply';

export async function replyTemplate(db: Db, agencyId: number): Promise<{ body: string; custom: boolean }> {
  const [row] = await db.select().from(letterTemplates).where(and(eq(letterTemplates.agencyId, agencyId), eq(letterTemplates.key, KEY)));
  return row ? { body: row.body, custom: true } : { body: DEFAULT_LETTER_TEMPLATE, custom: false };
}

/** The template as the back office shows it: to the agency's staff and its supervisors. */
export async function staffReplyTemplate(db: Db, actor: StaffActor, agencyId: number): Promise<{ body: string; custom: boolean }> {
  await assertRead(db, actor, agencyId);
  return replyTemplate(db, agencyId);
}

export async function saveReplyTemplate(db: Db, actor: StaffActor, agencyId: number, body: string): Promise<void> {
  assertWrite(actor, agencyId, ['admin', 'reviewer']);
  const problems = templateProblems(body);
  if (problems.length > 0) throw badInput(problems[0], problems.map((message) => ({ path: 'body', message })));
  const before = await replyTemplate(db, agencyId);
  await db.transaction(async (tx) => {
    await tx
      .insert(letterTemplates)
      .values({ agencyId, key: KEY, body, updatedBy: actor.userId, updatedAt: new Date() })
      .onConflictDoUpdate({ target: [letterTemplates.agencyId, letterTemplates.key], set: { body, updatedBy: actor.userId, updatedAt: new Date() } });
    await appendAudit(tx, actor, { agencyId, entity: 'letterTemplate', entityId: KEY, action: 'save', before: before.body, after: body });
  });
}

export interface LetterInput {
  agencyId: number;
  trackingCode: string;
  applicantName: string;
  receivedOn: string;
  description: string;
  decision: string;
  reason?: string;
  repliedOn: string;
  /** dates the lapse decisions cite */
  correctionNoticeOn?: string;
  feeNoticeOn?: string;
}

export async function replyLetter(db: Db, input: LetterInput): Promise<{ text: string; docx: Buffer }> {
  const agency = await getAgency(db, input.agencyId);
  const decision = decisionByKey(input.decision);
  if (!decision) throw badInput('答复的处理结果无效');
  const opinion = decision.paragraph
    .replaceAll('{内容}', input.description.length > 80 ? `${input.description.slice(0, 78)}…` : input.description)
    .replaceAll('{理由}', input.reason?.trim() ?? '')
    .replaceAll('{补正通知日}', input.correctionNoticeOn ? chineseDate(input.correctionNoticeOn) : '')
    .replaceAll('{收费通知日}', input.feeNoticeOn ? chineseDate(input.feeNoticeOn) : '')
    .trim();
  const values: LetterValues = {
    申请人: input.applicantName,
    收到日期: chineseDate(input.receivedOn),
    申请编号: input.trackingCode,
    申请内容: input.description,
    答复意见: opinion,
    法律依据: decision.basis,
    救济途径: remediesParagraph({ reconsideration: agency.contact.reconsiderationBody, court: agency.contact.court }),
    机关名称: agency.name,
    答复日期: chineseDate(input.repliedOn),
  };
  const text = fillTemplate((await replyTemplate(db, input.agencyId)).body, values);
  return { text, docx: await letterDocx(text) };
}
