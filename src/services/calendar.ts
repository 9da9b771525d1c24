/**
 * The working-day calendar in use: the official package data plus the overrides an administrator entered
 * (a year's 国务院办公厅 holiday notice the package does not have yet). Cached, and rebuilt the moment an
 * override changes, so every open case is re-timed at once (deadlines are derived, never stored).
 */
import { and, asc, eq, gte, lte } from 'drizzle-orm';
import type { Db } from '../db/index';
import { calendarOverrides, calendarYears } from '../db/schema';
import { Calendar, CalendarConfigError, PACKAGE_YEARS, isIsoDate, type CalendarOverride } from '../core/clock/calendar';
import { parseHolidayNotice, type HolidayNotice } from '../core/clock/holiday-notice';
import type { StaffActor } from './context';
import { appendAudit } from './audit';
import { assertAllowed } from './agencies';
import { badInput } from './errors';

const CACHE_MS = 5_000;
const cache = new WeakMap<Db, { calendar: Calendar; at: number }>();

export async function loadCalendar(db: Db): Promise<Calendar> {
  const hit = cache.get(db);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.calendar;
  const [overrides, years] = await Promise.all([db.select().from(calendarOverrides), db.select().from(calendarYears)]);
  const calendar = new Calendar({
    overrides: overrides.map((o) => ({ date: o.date, kind: o.kind as CalendarOverride['kind'], name: o.name })),
    completeYears: years.map((y) => y.year),
  });
  cache.set(db, { calendar, at: Date.now() });
  return calendar;
}

export async function calendarStatus(db: Db) {
  const [overrides, years] = await Promise.all([
    db.select().from(calendarOverrides).orderBy(asc(calendarOverrides.date)),
    db.select().from(calendarYears).orderBy(asc(calendarYears.year)),
  ]);
  return { packageYears: [...PACKAGE_YEARS], enteredYears: years, overrides };
}

/** Only an administrator of a top-level agency keeps the (national) calendar. */
async function assertCalendarAdmin(db: Db, actor: StaffActor): Promise<void> {
  await assertAllowed(db, actor, 'calendar.write');
}

/**
 * Enter (or replace) a year's official arrangement: the holidays and the make-up working days, with the notice
 * it comes from. The whole year is replaced in one transaction.
 */
export async function setCalendarYear(db: Db, actor: StaffActor, year: number, source: string, entries: CalendarOverride[]): Promise<void> {
  await assertCalendarAdmin(db, actor);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badInput('年份无效', [{ path: 'year', message: '年份无效' }]);
  if (source.trim().length === 0) throw badInput('请填写放假安排的来源（国务院办公厅通知文号）', [{ path: 'source', message: '请填写通知文号' }]);
  const fields: { path: string; message: string }[] = [];
  entries.forEach((e, i) => {
    if (!isIsoDate(e.date) || !e.date.startsWith(`${year}-`)) fields.push({ path: `entries.${i}.date`, message: `第 ${i + 1} 行：日期应为 ${year} 年的 YYYY-MM-DD` });
    if (e.kind !== 'holiday' && e.kind !== 'workday') fields.push({ path: `entries.${i}.kind`, message: `第 ${i + 1} 行：类型应为放假或调休上班` });
    if (!e.name?.trim()) fields.push({ path: `entries.${i}.name`, message: `第 ${i + 1} 行：请填写节日名称` });
  });
  if (!entries.some((e) => e.kind === 'holiday')) fields.push({ path: 'entries', message: '至少应有一天放假' });
  if (fields.length > 0) throw badInput('放假安排有误', fields);
  try {
    new Calendar({ overrides: entries, completeYears: [year], usePackageData: false });
  } catch (e) {
    if (e instanceof CalendarConfigError) throw badInput(e.message);
    throw e;
  }
  await db.transaction(async (tx) => {
    const inYear = and(gte(calendarOverrides.date, `${year}-01-01`), lte(calendarOverrides.date, `${year}-12-31`));
    const before = await tx.select().from(calendarOverrides).where(inYear);
    await tx.delete(calendarOverrides).where(inYear);
    await tx.insert(calendarOverrides).values(entries.map((e) => ({ date: e.date, kind: e.kind, name: e.name.trim() })));
    await tx.delete(calendarYears).where(eq(calendarYears.year, year));
    await tx.insert(calendarYears).values({ year, source: source.trim() });
    await appendAudit(tx, actor, {
      agencyId: actor.agencyId,
      entity: 'calendar',
      entityId: String(year),
      action: 'setYear',
      before,
      after: { source, entries },
    });
  });
  cache.delete(db);
}

/**
 * The State Council's notice as pasted, read into the year's entries for the administrator to confirm
 * (src/core/clock/holiday-notice.ts); nothing is saved here. Says whether the year is already known (from the
 * package, or entered before: saving then replaces it).
 */
export async function readHolidayNotice(
  db: Db,
  actor: StaffActor,
  text: string,
  year?: number,
): Promise<HolidayNotice & { known: 'package' | 'entered' | null; enteredSource: string | null }> {
  await assertCalendarAdmin(db, actor);
  const body = (text ?? '').trim();
  if (body.length === 0) throw badInput('请粘贴国务院办公厅关于部分节假日安排的通知', [{ path: 'text', message: '请粘贴通知正文' }]);
  if (body.length > 20_000) throw badInput('粘贴的内容过长（通知正文不超过 20000 字）', [{ path: 'text', message: '内容过长' }]);
  const notice = parseHolidayNotice(body, year);
  let known: 'package' | 'entered' | null = null;
  let enteredSource: string | null = null;
  if (notice.year !== null) {
    if (PACKAGE_YEARS.includes(notice.year)) known = 'package';
    const [entered] = await db.select().from(calendarYears).where(eq(calendarYears.year, notice.year));
    if (entered) {
      known = 'entered';
      enteredSource = entered.source;
    }
  }
  return { ...notice, known, enteredSource };
}
