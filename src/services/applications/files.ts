/**
 * Files on a case.
 */
import { and, eq } from 'drizzle-orm';
import { applications, attachments } from '../../db/schema';
import type { Ctx, StaffActor } from '../context';
import { appendAudit } from '../audit';
import { assertAllowed } from '../agencies';
import { notFound } from '../errors';
import { type Upload } from '../uploads';
import { storeUploads, attachmentRow } from './common';


/** Attach a file to a case (the information provided, a scanned letter, …). */
export async function addAttachment(ctx: Ctx, actor: StaffActor, agencyId: number, id: string, upload: Upload) {
  await assertAllowed(ctx.db, actor, 'application.attach', agencyId);
  const [row] = await ctx.db.select({ id: applications.id }).from(applications).where(and(eq(applications.agencyId, agencyId), eq(applications.id, id)));
  if (!row) throw notFound('未找到该申请');
  const [stored] = await storeUploads(ctx, [upload], 'staff');
  try {
    const values = attachmentRow(agencyId, id, stored.u, stored.key, actor.userId, ctx.clock.now());
    await ctx.db.transaction(async (tx) => {
      await tx.insert(attachments).values(values);
      await appendAudit(tx, actor, { agencyId, entity: 'application', entityId: id, action: 'attach', after: { attachmentId: values.id, filename: stored.u.filename, kind: stored.u.kind } }, values.createdAt);
    });
    return { id: values.id };
  } catch (e) {
    await ctx.storage.remove(stored.key);
    throw e;
  }
}

/** One attachment of a case; `kind` restricts it to attachments of that kind (the public sees reply letters only). */
export async function attachmentFile(ctx: Ctx, agencyId: number, applicationId: string, attachmentId: string, kind?: string) {
  const [row] = await ctx.db
    .select()
    .from(attachments)
    .where(
      and(
        eq(attachments.agencyId, agencyId),
        eq(attachments.applicationId, applicationId),
        eq(attachments.id, attachmentId),
        kind === undefined ? undefined : eq(attachments.kind, kind),
      ),
    );
  if (!row) throw notFound('未找到该附件');
  return { filename: row.filename, mime: row.mime, bytes: await ctx.storage.get(row.storageKey) };
}

export async function staffAttachment(ctx: Ctx, actor: StaffActor, agencyId: number, applicationId: string, attachmentId: string) {
  await assertAllowed(ctx.db, actor, 'application.read', agencyId);
  return attachmentFile(ctx, agencyId, applicationId, attachmentId);
}

