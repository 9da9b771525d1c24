/**
 * What every use case works with: the database, file storage, the clock (injectable, so tests and the demo
 * can set "today"), and who is acting.
 */
import type { Db } from '../db/index';
import type { Role } from '../core/applications/workflow';
import type { Storage } from './storage';

export interface Clock {
  now(): Date;
  /** today's date in China time, 'YYYY-MM-DD' */
  today(): string;
}

const CHINA_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

export function chinaDate(d: Date): string {
  return CHINA_DATE.format(d);
}

/** 'YYYY-MM-DD' written as in an official document: 2026年3月2日 */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export const systemClock: Clock = { now: () => new Date(), today: () => chinaDate(new Date()) };

/** A clock fixed at a date (tests, demo data). */
export function fixedClock(today: string): Clock {
  return { now: () => new Date(`${today}T10:00:00+08:00`), today: () => today };
}

export interface Ctx {
  db: Db;
  storage: Storage;
  clock: Clock;
}

export interface StaffActor {
  kind: 'staff';
  userId: string;
  name: string;
  agencyId: number;
  roles: Role[];
}

export interface PublicActor {
  kind: 'public';
  ip?: string;
}

export type Actor = StaffActor | PublicActor;

export function actorName(actor: Actor): string {
  return actor.kind === 'staff' ? actor.name : '申请人（公众）';
}
