import { describe, expect, it } from 'vitest';
import {
  CalendarConfigError,
  CalendarMissingError,
  InvalidDateError,
  PACKAGE_YEARS,
  addDays,
  createCalendar,
  defaultCalendar,
  parseCalendarConfig,
  weekdayName,
  weekdayOf,
} from '../../../src/core/clock/calendar';

const cal = defaultCalendar();

describe('date helpers (UTC day numbers)', () => {
  it.each([
    // [date, weekday 0=Sun, name]
    ['1970-01-01', 4, '星期四'], // the epoch was a Thursday
    ['2026-02-10', 2, '星期二'], // 2026-01-01 is a Thursday (notice 2026: "1月1日（周四）"), Feb 1 = Sun, Feb 10 = Tue
    ['2025-10-01', 3, '星期三'], // notice 2025: "10月1日（周三）"
    ['2027-01-01', 5, '星期五'], // 2026 has 365 days: Thu + 1 = Fri
    ['2024-02-29', 4, '星期四'], // leap day
  ])('%s is weekday %i (%s)', (date, wd, name) => {
    expect(weekdayOf(date)).toBe(wd);
    expect(weekdayName(date)).toBe(name);
  });

  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });

  it.each(['2026-02-30', '2026-2-10', '2026/02/10', '', '2026-13-01', '20260210'])('rejects the bad date %j', (bad) => {
    expect(() => cal.isWorkday(bad)).toThrow(InvalidDateError);
    expect(() => cal.isWorkday(bad)).toThrow(`日期“${bad}”无效：应为 YYYY-MM-DD 格式的有效日期，例如 2026-02-10`);
  });
});

describe('chinese-days data', () => {
  it('covers exactly 2004–2026 (chinese-days 1.5.7; update this test when the package adds a year)', () => {
    expect(PACKAGE_YEARS).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
    expect(cal.coveredYears).toEqual(PACKAGE_YEARS);
    expect(cal.covers(2026)).toBe(true);
    expect(cal.covers(2027)).toBe(false);
  });

  // Each row checked against the 国务院办公厅 notices: 2025 国办发明电〔2024〕12号, 2026 notice (gov.cn 202511/content_7047091).
  it.each([
    // [date, isWorkday, kind, holidayName, makeupName, why]
    ['2025-01-01', false, 'holiday', '元旦', undefined, '2025 元旦 1月1日（周三）放假1天'],
    ['2025-01-26', true, 'makeupWorkday', undefined, '春节', '2025 春节: 1月26日（周日）上班'],
    ['2025-01-28', false, 'holiday', '春节', undefined, '2025 春节 1月28日（除夕）至2月4日放假'],
    ['2025-02-01', false, 'holiday', '春节', undefined, 'a Saturday inside the 春节 period is a holiday day'],
    ['2025-02-04', false, 'holiday', '春节', undefined, 'last day of 2025 春节'],
    ['2025-02-05', true, 'workday', undefined, undefined, 'Wednesday after 春节'],
    ['2025-02-08', true, 'makeupWorkday', undefined, '春节', '2025 春节: 2月8日（周六）上班'],
    ['2025-04-27', true, 'makeupWorkday', undefined, '劳动节', '2025 劳动节: 4月27日（周日）上班'],
    ['2025-09-28', true, 'makeupWorkday', undefined, '国庆节', '2025 国庆中秋: 9月28日（周日）上班'],
    ['2025-10-06', false, 'holiday', '中秋节', undefined, '2025 中秋 falls on 10月6日 inside 国庆 10月1日至8日'],
    ['2025-10-08', false, 'holiday', '国庆节', undefined, 'last day of 2025 国庆'],
    ['2025-10-11', true, 'makeupWorkday', undefined, '国庆节', '2025 国庆: 10月11日（周六）上班'],
    ['2026-01-04', true, 'makeupWorkday', undefined, '元旦', '2026 元旦: 1月4日（周日）上班'],
    ['2026-02-14', true, 'makeupWorkday', undefined, '春节', '2026 春节: 2月14日（周六）上班'],
    ['2026-02-15', false, 'holiday', '春节', undefined, '2026 春节 2月15日至23日放假'],
    ['2026-02-23', false, 'holiday', '春节', undefined, 'last day of 2026 春节 (Monday)'],
    ['2026-02-28', true, 'makeupWorkday', undefined, '春节', '2026 春节: 2月28日（周六）上班'],
    ['2026-03-07', false, 'weekend', undefined, undefined, 'ordinary Saturday'],
    ['2026-03-09', true, 'workday', undefined, undefined, 'ordinary Monday'],
    ['2026-04-06', false, 'holiday', '清明节', undefined, '2026 清明 4月4日至6日'],
    ['2026-09-20', true, 'makeupWorkday', undefined, '国庆节', '2026 国庆: 9月20日（周日）上班'],
  ])('%s: workday=%s kind=%s', (date, work, kind, holidayName, makeupName, _why) => {
    const info = cal.dayInfo(date);
    expect(info.isWorkday).toBe(work);
    expect(info.kind).toBe(kind);
    expect(info.holidayName).toBe(holidayName);
    expect(info.makeupName).toBe(makeupName);
    expect(cal.isWorkday(date)).toBe(work);
    expect(cal.holidayName(date)).toBe(holidayName);
    expect(cal.makeupWorkdayName(date)).toBe(makeupName);
  });

  it('refuses to guess a year without data', () => {
    expect(() => cal.isWorkday('2027-01-04')).toThrow(CalendarMissingError);
    expect(() => cal.isWorkday('2027-01-04')).toThrow(
      '2027 年的节假日安排尚未录入，无法计算工作日，请管理员录入国务院办公厅公布的放假安排',
    );
    expect(() => cal.isWorkday('2003-12-31')).toThrow('2003 年的节假日安排尚未录入');
    try {
      cal.isWorkday('2027-06-01');
    } catch (e) {
      expect((e as CalendarMissingError).year).toBe(2027);
    }
    expect.assertions(4);
  });
});

describe('overrides', () => {
  // Hypothetical 2027 arrangement for tests only (the real notice is not published yet).
  const overrides2027 = [
    { date: '2027-01-01', kind: 'holiday' as const, name: '元旦' }, // Friday
    { date: '2027-01-09', kind: 'workday' as const, name: '测试调休' }, // Saturday
  ];

  it('makes a year usable once it is marked complete', () => {
    const c = createCalendar({ overrides: overrides2027, completeYears: [2027] });
    expect(c.covers(2027)).toBe(true);
    expect(c.coveredYears.at(-1)).toBe(2027);
    expect(c.dayInfo('2027-01-01')).toMatchObject({ isWorkday: false, kind: 'holiday', holidayName: '元旦', source: 'override' });
    expect(c.dayInfo('2027-01-09')).toMatchObject({ isWorkday: true, kind: 'makeupWorkday', makeupName: '测试调休' });
    expect(c.isWorkday('2027-01-04')).toBe(true); // Monday, no override
    expect(c.isWorkday('2027-01-10')).toBe(false); // Sunday
  });

  it('does not use overrides of a year that is not marked complete, and says so', () => {
    const c = createCalendar({ overrides: overrides2027 });
    expect(() => c.isWorkday('2027-01-04')).toThrow(
      '2027 年的节假日安排尚未录入（已录入 2 条调整，但尚未确认该年放假安排已全部录入），无法计算工作日，请管理员录入国务院办公厅公布的放假安排',
    );
  });

  it('lets overrides win over the package', () => {
    const c = createCalendar({
      overrides: [
        { date: '2026-03-09', kind: 'holiday', name: '临时放假' }, // an ordinary Monday
        { date: '2026-02-16', kind: 'workday', name: '更正' }, // a 春节 holiday Monday in the package
      ],
    });
    expect(c.dayInfo('2026-03-09')).toMatchObject({ isWorkday: false, holidayName: '临时放假' });
    expect(c.dayInfo('2026-02-16')).toMatchObject({ isWorkday: true, kind: 'workday', source: 'override' });
    expect(cal.isWorkday('2026-03-09')).toBe(true); // the default calendar is untouched
  });

  it('rejects a complete year without any holiday, conflicting entries and bad entries', () => {
    expect(() => createCalendar({ completeYears: [2027] })).toThrow(
      '2027 年被标记为已录入完整，但没有录入任何放假日期：请按国务院办公厅公布的放假安排逐日录入',
    );
    expect(() =>
      createCalendar({
        overrides: [
          { date: '2027-01-01', kind: 'holiday', name: '元旦' },
          { date: '2027-01-01', kind: 'workday', name: '元旦' },
        ],
      }),
    ).toThrow('日期 2027-01-01 同时被录入为放假和上班，请核对国务院办公厅通知');
    expect(() => createCalendar({ overrides: [{ date: '2027-02-30', kind: 'holiday', name: '春节' }] })).toThrow(
      '第 1 条调整的日期“2027-02-30”无效',
    );
    expect(() => createCalendar({ overrides: [{ date: '2027-02-01', kind: 'holiday', name: ' ' }] })).toThrow(
      '第 1 条调整（2027-02-01）缺少名称',
    );
    expect(() => createCalendar({ completeYears: [27] })).toThrow(CalendarConfigError);
  });

  it('reads the administrator file format', () => {
    expect(parseCalendarConfig({ completeYears: [2027], overrides: overrides2027 })).toEqual({
      completeYears: [2027],
      overrides: overrides2027,
    });
    expect(() => parseCalendarConfig([])).toThrow('节假日配置格式错误');
    expect(() => parseCalendarConfig({ overrides: {} })).toThrow('节假日配置中的 overrides 应为数组');
  });

  it('can be built from overrides alone', () => {
    const c = createCalendar({ usePackageData: false, overrides: overrides2027, completeYears: [2027] });
    expect(c.coveredYears).toEqual([2027]);
    expect(() => c.isWorkday('2026-03-09')).toThrow(CalendarMissingError);
  });
});
