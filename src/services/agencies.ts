/**
 * Agencies and who may see what. Staff work on their own agency's records; a supervisor (政务公开办) may read
 * the records of every agency below its own in the tree, and change none of them.
 */
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/index';
import { agencies, type AgencyContact } from '../db/schema';
import type { StaffActor } from './context';
import { forbidden, notFound } from './errors';
import { ROLE_LABELS, type Role } from '../core/applications/workflow';

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

export async function updateAgencyContact(db: Db, actor: StaffActor, id: number, contact: AgencyContact): Promise<void> {
  assertWrite(actor, id, ['admin']);
  await db.update(agencies).set({ contact }).where(eq(agencies.id, id));
  forgetAgencyTree(db);
}

/** May this user read the records of that agency? */
export async function canRead(db: Db, actor: StaffActor, agencyId: number): Promise<boolean> {
  if (actor.agencyId === agencyId) return true;
  if (!actor.roles.includes('supervisor')) return false;
  return (await subtree(db, actor.agencyId)).includes(agencyId);
}

export async function assertRead(db: Db, actor: StaffActor, agencyId: number): Promise<void> {
  if (!(await canRead(db, actor, agencyId))) throw forbidden('无权查看其他机关的数据');
}

/** Changes are made by the agency's own staff, with one of the roles given. */
export function assertWrite(actor: StaffActor, agencyId: number, roles: readonly Role[]): void {
  if (actor.agencyId !== agencyId) throw forbidden('只能办理本机关的事项');
  if (!actor.roles.some((r) => roles.includes(r))) throw forbidden(`需要以下角色之一：${roles.map((r) => ROLE_LABELS[r]).join('、')}`);
}

/** Agencies that accept applications online (for the public form). */
export async function publicAgencies(db: Db): Promise<Agency[]> {
  return [...(await agencyTree(db)).byId.values()];
}
