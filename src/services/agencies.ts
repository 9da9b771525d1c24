/**
 * Agencies and who may see what. Staff work on their own agency's records; a supervisor (政务公开办) may read
 * the records of every agency below its own in the tree, and change none of them.
 */
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/index';
import { agencies, type AgencyContact } from '../db/schema';
import type { StaffActor } from './context';
import { forbidden, notFound } from './errors';
import { refusal, type Place, type RightKey } from '../core/rights';
import { appendAudit } from './audit';

export interface Agency {
  id: number;
  parentId: number | null;
  name: string;
  kind: string;
  contact: AgencyContact;
}

interface Tree {
  byId: Map<number, Agency>;
  children: Map<number, number[]>;
  loadedAt: number;
}

const TREE_TTL_MS = 30_000;
const trees = new WeakMap<Db, Tree>();

export async function agencyTree(db: Db): Promise<Tree> {
  const cached = trees.get(db);
  if (cached && Date.now() - cached.loadedAt < TREE_TTL_MS) return cached;
  const rows = await db.select().from(agencies).orderBy(asc(agencies.id));
  const byId = new Map<number, Agency>(rows.map((r) => [r.id, { id: r.id, parentId: r.parentId, name: r.name, kind: r.kind, contact: r.contact }]));
  const children = new Map<number, number[]>();
  for (const a of byId.values()) if (a.parentId !== null) children.set(a.parentId, [...(children.get(a.parentId) ?? []), a.id]);
  const tree = { byId, children, loadedAt: Date.now() };
  trees.set(db, tree);
  return tree;
}

export function forgetAgencyTree(db: Db): void {
  trees.delete(db);
}

/** The agency and every agency below it. */
export async function subtree(db: Db, id: number): Promise<number[]> {
  const tree = await agencyTree(db);
  const out: number[] = [];
  const walk = (n: number) => {
    out.push(n);
    for (const c of tree.children.get(n) ?? []) walk(c);
  };
  if (tree.byId.has(id)) walk(id);
  return out;
}

export async function getAgency(db: Db, id: number): Promise<Agency> {
  const a = (await agencyTree(db)).byId.get(id);
  if (!a) throw notFound('未找到该机关');
  return a;
}

export async function createAgency(db: Db, input: { name: string; kind: string; parentId?: number | null; contact?: AgencyContact }): Promise<Agency> {
  const [row] = await db
    .insert(agencies)
    .values({ name: input.name, kind: input.kind, parentId: input.parentId ?? null, contact: input.contact ?? {} })
    .returning();
  forgetAgencyTree(db);
  return { id: row.id, parentId: row.parentId, name: row.name, kind: row.kind, contact: row.contact };
}

/** The agency's contact details and settings (its administrator); a change of the four-eyes waiver is audited. */
export async function updateAgencyContact(db: Db, actor: StaffActor, id: number, contact: AgencyContact): Promise<void> {
  await assertAllowed(db, actor, 'agency.write', id);
  await db.transaction(async (tx) => {
    const [before] = await tx.select({ contact: agencies.contact }).from(agencies).where(eq(agencies.id, id)).for('update');
    if (!before) throw notFound('未找到该机关');
    // the supervising office's report deadlines are set on their own page (PUT /api/supervision/deadlines): kept
    const next = before.contact.reportDeadlines && !('reportDeadlines' in contact) ? { ...contact, reportDeadlines: before.contact.reportDeadlines } : contact;
    await tx.update(agencies).set({ contact: next }).where(eq(agencies.id, id));
    await appendAudit(tx, actor, { agencyId: id, entity: 'agency', entityId: String(id), action: 'updateContact', before: before.contact, after: next });
  });
  forgetAgencyTree(db);
}

/** The agency acted on, as the table of rights sees it from the actor (src/core/rights.ts). */
export async function placeOf(db: Db, actor: StaffActor, agencyId: number): Promise<Place> {
  const tree = await agencyTree(db);
  let supervised = false;
  for (let a = tree.byId.get(agencyId)?.parentId ?? null, hops = 0; a !== null && hops < tree.byId.size; a = tree.byId.get(a)?.parentId ?? null, hops++) {
    if (a === actor.agencyId) supervised = true;
  }
  return { agencyId, supervised, subjectTopLevel: tree.byId.get(actor.agencyId)?.parentId === null };
}

/**
 * May the actor take the action on that agency's records (the table of rights, src/core/rights.ts)? A 403
 * naming the reason otherwise. Without an agency: the actor's own.
 */
export async function assertAllowed(db: Db, actor: StaffActor, right: RightKey, agencyId: number = actor.agencyId): Promise<void> {
  const no = refusal(right, actor, await placeOf(db, actor, agencyId));
  if (no) throw forbidden(no.message);
}

/** The same for a right of the `own` scope, without the database (e.g. which buttons a page shows). */
export function mayAct(actor: StaffActor, right: RightKey, agencyId: number): boolean {
  return refusal(right, actor, { agencyId, supervised: false, subjectTopLevel: false }) === null;
}

/** May this user read the records of that agency (any staff role there, or its supervisor above)? */
export async function canRead(db: Db, actor: StaffActor, agencyId: number, right: RightKey = 'agency.read'): Promise<boolean> {
  return refusal(right, actor, await placeOf(db, actor, agencyId)) === null;
}

/** Reading an agency's records (the routes that read without a service of their own). */
export async function assertRead(db: Db, actor: StaffActor, agencyId: number, right: RightKey = 'agency.read'): Promise<void> {
  await assertAllowed(db, actor, right, agencyId);
}

/**
 * The four-eyes principle (四眼原则): the actor may not take a step that must be someone else's than the
 * earlier step `earlierBy` took (`rule`, e.g. "同一人不能既申请又批准延期"). Allowed only where the agency's
 * administrator waived it for a one-person office (contact.allowSingleOfficer); then true, and the caller marks
 * the step `fourEyesWaived` in the audit trail. False when the two are different people.
 */
export async function fourEyesWaived(db: Db, actor: StaffActor, agencyId: number, earlierBy: string | null | undefined, rule: string): Promise<boolean> {
  if (!earlierBy || earlierBy !== actor.userId) return false;
  // read with the caller's handle (its transaction, if any), not the cached tree: the setting as it is now
  const [agency] = await db.select({ contact: agencies.contact }).from(agencies).where(eq(agencies.id, agencyId));
  if (agency?.contact.allowSingleOfficer === true) return true;
  throw forbidden(`${rule}（四眼原则），请由本机关的另一位工作人员办理；只有一名工作人员的机关，可由管理员在“设置 → 机关信息”中允许一人办理`);
}

/** Agencies that accept applications online (for the public form). */
export async function publicAgencies(db: Db): Promise<Agency[]> {
  return [...(await agencyTree(db)).byId.values()];
}
