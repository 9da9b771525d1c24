/**
 * Reading a year's holiday arrangement pasted as lines, e.g.
 *   2027-01-01 放假 元旦
 *   2027-02-06 至 2027-02-12 放假 春节
 *   2027-02-14 调休上班 春节
 * Dates may also be written 2027/2/6 or 2027年2月6日; a range (至, ~, —) gives one row per day.
 */
import dayjs from 'dayjs';
import type { CalendarEntry } from './types';

const DATE = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?/g;

function iso(y: string, m: string, d: string): string | null {
  const s = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const day = dayjs(s);
  return day.isValid() && day.format('YYYY-MM-DD') === s ? s : null;
}

export function parseHolidayLines(text: string): { entries: CalendarEntry[]; problems: string[] } {
  const entries: CalendarEntry[] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const dates = [...line.matchAll(DATE)].map((m) => iso(m[1], m[2], m[3]));
    if (dates.length === 0 || dates.some((d) => d === null)) {
      problems.push(`第 ${i + 1} 行：找不到有效日期`);
      return;
    }
    let rest = line.replace(DATE, ' ');
    const workday = /调休上班|上班|补班/.test(rest);
    const holiday = !workday && /放假|休息|休假|假/.test(rest);
    if (!workday && !holiday) {
      problems.push(`第 ${i + 1} 行：请写明“放假”或“调休上班”`);
      return;
    }
    rest = rest.replace(/调休上班|上班|补班|放假|休息|休假/g, ' ').replace(/[至到~～—–]|(?:^|\s)-+(?=\s|$)/g, ' ').replace(/[,，、;；\t]/g, ' ');
    const name = rest.replace(/\s+/g, ' ').trim().replace(/^假\s*/, '');
    if (!name) {
      problems.push(`第 ${i + 1} 行：请写明节日名称`);
      return;
    }
    const [from, to] = [dates[0]!, dates[1] ?? dates[0]!];
    if (to < from) {
      problems.push(`第 ${i + 1} 行：结束日期早于开始日期`);
      return;
    }
    for (let d = dayjs(from); !d.isAfter(dayjs(to)); d = d.add(1, 'day')) {
      entries.push({ date: d.format('YYYY-MM-DD'), kind: workday ? 'workday' : 'holiday', name });
    }
  });
  return { entries, problems };
}
