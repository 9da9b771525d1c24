/**
 * Reply letters (答复书, and the 不予处理告知书 of the 不予处理 outcomes): the notice kinds 'reply' and
 * 'notProcessed' of src/services/notices.ts, whose templates the agency edits with every other kind's; a reply
 * is issued by the case step (src/services/applications/steps.ts). The functions for the reply template alone
 * stay for the route /api/agencies/:id/letter-template.
 */
import type { Db } from '../db/index';
import { type StaffActor } from './context';
import { noticeTemplate, saveNoticeTemplate, staffNoticeTemplates } from './notices';

export async function replyTemplate(db: Db, agencyId: number): Promise<{ body: string; custom: boolean }> {
  return noticeTemplate(db, agencyId, 'reply');
}

/** The reply template as the back office shows it: to the agency's staff and its supervisors. */
export async function staffReplyTemplate(db: Db, actor: StaffActor, agencyId: number): Promise<{ body: string; custom: boolean }> {
  const t = (await staffNoticeTemplates(db, actor, agencyId)).find((x) => x.kind === 'reply')!;
  return { body: t.body, custom: t.custom };
}

export async function saveReplyTemplate(db: Db, actor: StaffActor, agencyId: number, body: string): Promise<void> {
  return saveNoticeTemplate(db, actor, agencyId, 'reply', body);
}
