/**
 * The mainland China working-day calendar (工作日历) used by every time limit of the 条例.
 *
 * A working day is Monday–Friday minus statutory holidays (法定节假日), plus the weekend days that the
 * 国务院办公厅 holiday notice designates as working days (调休上班日). Data come from the `chinese-days`
 * package (one entry per holiday day and per make-up working day, generated from the official notices),
 * plus administrator overrides for years the package does not cover yet.
 *
 * Coverage rule (never guess): a year is covered when the package has data for it, or when the caller lists
 * it in `completeYears` (the administrator confirms that the whole notice for that year has been entered as
 * overrides; such a year must contain at least one holiday override). Overrides in a year that is not marked
 * complete are kept but do not make the year usable. Asking about any date of an uncovered year throws
 * {@link CalendarMissingError}.
 *
 * Dates are plain 'YYYY-MM-DD' strings in China time. All arithmetic goes through day numbers computed with
 * `Date.UTC`, so no time zone can shift a day. Pure: no I/O.
 */
import packageData from 'chinese-days/dist/chinese-days.json';

/** A calendar date in China time, 'YYYY-MM-DD'. */
export type IsoDate = string;

export interface CalendarOverride {
  date: IsoDate;
  /** 'holiday': a day off (放假); 'workday': a working day (on a weekend: a 调休上班日). */
  kind: 'holiday' | 'workday';
  /** e.g. '春节'; shown to users. */
  name: string;
}

export interface CalendarOptions {
  overrides?: readonly CalendarOverride[];
  /** Years whose official arrangement has been entered in full as overrides (needed for years the package lacks). */
  completeYears?: readonly number[];
  /** Use the chinese-days data (default true; false is for tests of the override mechanism). */
  usePackageData?: boolean;
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeupWorkday';

export interface DayInfo {
  date: IsoDate;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  /** 星期一 … 星期日 */
  weekdayName: string;
  isWorkday: boolean;
  kind: DayKind;
  /** Name of the holiday when kind is 'holiday', e.g. '春节'. */
  holidayName?: string;
  /** Name of the festival a 调休上班日 belongs to when kind is 'makeupWorkday', e.g. '春节'. */
  makeupName?: string;
  source: 'package' | 'override' | 'week';
}

// ---------------------------------------------------------------------------------------------------------
// Errors

/** A date string that is not a valid 'YYYY-MM-DD' calendar date. */
export class InvalidDateError extends Error {
  readonly value: string;
  constructor(value: string, what = '日期') {
    super(`${what}“${value}”无效：应为 YYYY-MM-DD 格式的有效日期，例如 2026-02-10`);
    this.name = 'InvalidDateError';
    this.value = value;
  }
}

/** The calendar of a year has not been loaded: working days cannot be computed (never guessed). */
export class CalendarMissingError extends Error {
  readonly year: number;
  constructor(year: number, partialOverrides = 0) {
    const partial =
      partialOverrides > 0
        ? `（已录入 ${partialOverrides} 条调整，但尚未确认该年放假安排已全部录入）`
        : '';
    super(`${year} 年的节假日安排尚未录入${partial}，无法计算工作日，请管理员录入国务院办公厅公布的放假安排`);
    this.name = 'CalendarMissingError';
    this.year = year;
  }
}

/** An override list or calendar configuration that cannot be used. */
export class CalendarConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CalendarConfigError';
  }
}

// ---------------------------------------------------------------------------------------------------------
// Date helpers (UTC day numbers; no local time zone involved)

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WEEKDAY_NAMES = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'] as const;

/** Day number (days since 1970-01-01) of a valid 'YYYY-MM-DD' date; throws InvalidDateError otherwise. */
export function toDayNumber(date: IsoDate, what = '日期'): number {
  const m = ISO_DATE.exec(typeof date === 'string' ? date : '');
  if (!m) throw new InvalidDateError(String(date), what);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (y < 1900 || back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw new InvalidDateError(date, what);
  }
  return ms / DAY_MS;
}

/** 'YYYY-MM-DD' of a day number. */
export function fromDayNumber(n: number): IsoDate {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** Throws InvalidDateError unless `date` is a valid 'YYYY-MM-DD' date; returns it. */
export function assertIsoDate(date: IsoDate, what = '日期'): IsoDate {
  toDayNumber(date, what);
  return date;
}

export function isIsoDate(date: unknown): date is IsoDate {
  if (typeof date !== 'string') return false;
  try {
    toDayNumber(date);
    return true;
  } catch {
    return false;
  }
}

export function addDays(date: IsoDate, n: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + n);
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(date: IsoDate): number {
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

export function weekdayName(date: IsoDate): string {
  return WEEKDAY_NAMES[weekdayOf(date)];
}

export function yearOf(date: IsoDate): number {
  return Number(assertIsoDate(date).slice(0, 4));
}

// ---------------------------------------------------------------------------------------------------------
// Package data

interface PackageData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
  inLieuDays: Record<string, string>;
}

const PACKAGE: PackageData = packageData as PackageData;

/** chinese-days stores "English name,中文名,statutory days"; the short Chinese names get their usual form. */
const NAME_FIX: Record<string, string> = { 清明: '清明节', 端午: '端午节', 中秋: '中秋节' };

function chineseName(entry: string): string {
  const parts = entry.split(',');
  const zh = (parts[1] ?? parts[0] ?? '').trim();
  return NAME_FIX[zh] ?? zh;
}

function yearsIn(map: Record<string, string>): Set<number> {
  return new Set(Object.keys(map).map((d) => Number(d.slice(0, 4))));
}

/** Years for which chinese-days has the official arrangement. */
export const PACKAGE_YEARS: readonly number[] = [...yearsIn(PACKAGE.holidays)].sort((a, b) => a - b);

// ---------------------------------------------------------------------------------------------------------
// Calendar

export class Calendar {
  private readonly holidays = new Map<IsoDate, { name: string; source: 'package' | 'override' }>();
  private readonly workdays = new Map<IsoDate, { name: string; source: 'package' | 'override' }>();
  private readonly covered: Set<number>;
  private readonly overrideCountByYear = new Map<number, number>();
  /** Sorted list of the years this calendar can answer for. */
  readonly coveredYears: readonly number[];

  constructor(options: CalendarOptions = {}) {
    const usePackage = options.usePackageData ?? true;
    this.covered = new Set(usePackage ? PACKAGE_YEARS : []);
    if (usePackage) {
      for (const [d, v] of Object.entries(PACKAGE.holidays)) this.holidays.set(d, { name: chineseName(v), source: 'package' });
      for (const [d, v] of Object.entries(PACKAGE.workdays)) this.workdays.set(d, { name: chineseName(v), source: 'package' });
    }

    const overrides = validateOverrides(options.overrides ?? []);
    for (const o of overrides) {
      const y = Number(o.date.slice(0, 4));
      this.overrideCountByYear.set(y, (this.overrideCountByYear.get(y) ?? 0) + 1);
      // Overrides win over the package.
      this.holidays.delete(o.date);
      this.workdays.delete(o.date);
      (o.kind === 'holiday' ? this.holidays : this.workdays).set(o.date, { name: o.name.trim(), source: 'override' });
    }

    for (const year of options.completeYears ?? []) {
      if (!Number.isInteger(year) || year < 1900 || year > 9999) {
        throw new CalendarConfigError(`已录入完整的年份“${String(year)}”无效：应为四位数年份`);
      }
      if (this.covered.has(year)) continue;
      const hasHoliday = overrides.some((o) => o.kind === 'holiday' && o.date.startsWith(`${year}-`));
      if (!hasHoliday) {
        throw new CalendarConfigError(
          `${year} 年被标记为已录入完整，但没有录入任何放假日期：请按国务院办公厅公布的放假安排逐日录入`,
        );
      }
      this.covered.add(year);
    }
    this.coveredYears = [...this.covered].sort((a, b) => a - b);
  }

  covers(year: number): boolean {
    return this.covered.has(year);
  }

  /** Throws CalendarMissingError unless the year of `date` is covered. */
  assertCovered(date: IsoDate): void {
    const y = yearOf(date);
    if (!this.covered.has(y)) throw new CalendarMissingError(y, this.overrideCountByYear.get(y) ?? 0);
  }

  dayInfo(date: IsoDate): DayInfo {
    this.assertCovered(date);
    const weekday = weekdayOf(date);
    const base = { date, weekday, weekdayName: WEEKDAY_NAMES[weekday] };
    const weekend = weekday === 0 || weekday === 6;
    const work = this.workdays.get(date);
    if (work) {
      return weekend
        ? { ...base, isWorkday: true, kind: 'makeupWorkday', makeupName: work.name, source: work.source }
        : { ...base, isWorkday: true, kind: 'workday', source: work.source };
    }
    const holiday = this.holidays.get(date);
    if (holiday) return { ...base, isWorkday: false, kind: 'holiday', holidayName: holiday.name, source: holiday.source };
    return weekend
      ? { ...base, isWorkday: false, kind: 'weekend', source: 'week' }
      : { ...base, isWorkday: true, kind: 'workday', source: 'week' };
  }

  isWorkday(date: IsoDate): boolean {
    return this.dayInfo(date).isWorkday;
  }

  /** The holiday name when `date` is a day off because of a holiday, e.g. '春节'. */
  holidayName(date: IsoDate): string | undefined {
    return this.dayInfo(date).holidayName;
  }

  /** The festival name when `date` is a 调休上班日 (a weekend day designated a working day). */
  makeupWorkdayName(date: IsoDate): string | undefined {
    return this.dayInfo(date).makeupName;
  }
}

export function createCalendar(options: CalendarOptions = {}): Calendar {
  return new Calendar(options);
}

let defaultCal: Calendar | undefined;

/** The calendar built from chinese-days alone (no overrides). */
export function defaultCalendar(): Calendar {
  defaultCal ??= new Calendar();
  return defaultCal;
}

// ---------------------------------------------------------------------------------------------------------
// Override validation and the configuration file format

function validateOverrides(list: readonly CalendarOverride[]): CalendarOverride[] {
  const seen = new Map<IsoDate, CalendarOverride>();
  list.forEach((o, i) => {
    const where = `第 ${i + 1} 条调整`;
    if (typeof o !== 'object' || o === null) throw new CalendarConfigError(`${where}格式错误：应为 { date, kind, name }`);
    assertIsoDate(o.date, `${where}的日期`);
    if (o.kind !== 'holiday' && o.kind !== 'workday') {
      throw new CalendarConfigError(`${where}（${o.date}）的类型“${String(o.kind)}”无效：应为 holiday（放假）或 workday（上班）`);
    }
    if (typeof o.name !== 'string' || o.name.trim() === '') {
      throw new CalendarConfigError(`${where}（${o.date}）缺少名称，例如“春节”`);
    }
    const prev = seen.get(o.date);
    if (prev && prev.kind !== o.kind) {
      throw new CalendarConfigError(`日期 ${o.date} 同时被录入为放假和上班，请核对国务院办公厅通知`);
    }
    seen.set(o.date, o);
  });
  return [...list];
}

/**
 * Reads the calendar configuration an administrator enters (e.g. the `--calendar` file):
 * `{ "completeYears": [2027], "overrides": [{ "date": "2027-01-01", "kind": "holiday", "name": "元旦" }, …] }`.
 * Pure: takes the parsed JSON.
 */
export function parseCalendarConfig(json: unknown): CalendarOptions {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new CalendarConfigError(
      '节假日配置格式错误：应为 { "completeYears": [年份…], "overrides": [{ "date", "kind", "name" }…] }',
    );
  }
  const obj = json as Record<string, unknown>;
  const overrides = obj.overrides ?? [];
  const completeYears = obj.completeYears ?? [];
  if (!Array.isArray(overrides)) throw new CalendarConfigError('节假日配置中的 overrides 应为数组');
  if (!Array.isArray(completeYears)) throw new CalendarConfigError('节假日配置中的 completeYears 应为年份数组');
  return { overrides: overrides as CalendarOverride[], completeYears: completeYears as number[] };
}
