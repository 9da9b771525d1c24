/**
 * The audit trail: every change to a case (or any other record) is appended here with who, when, what, and
 * the record before and after. The table refuses updates and deletes (migration 0001).
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/index';
import { auditLog } from '../db/schema';
import { actorName, type Actor } from './context';

export interface AuditEntry {
  agencyId: number;
  entity: string;
  entityId: string;
  action: string;
  before?: unknown;
  after?: unknown;
}

export async function appendAudit(tx: Db, actor: Actor, entry: AuditEntry, at?: Date): Promise<void> {
  await tx.insert(auditLog).values(auditRow(actor, entry, at));
}

/** The row of an audit entry (for a statement that writes it with others: src/db/multi-insert.ts). */
export function auditRow(actor: Actor, entry: AuditEntry, at?: Date) {
  return {
    agencyId: entry.agencyId,
    entity: entry.entity,
    entityId: entry.entityId,
    action: entry.action,
    actorId: actor.kind === 'staff' ? actor.userId : null,
    actorName: actorName(actor),
    at: at ?? new Date(),
    before: (entry.before ?? null) as never,
    after: (entry.after ?? null) as never,
  };
}

export async function auditOf(db: Db, agencyId: number, entity: string, entityId: string) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.agencyId, agencyId), eq(auditLog.entity, entity), eq(auditLog.entityId, entityId)))
    .orderBy(asc(auditLog.id));
}
