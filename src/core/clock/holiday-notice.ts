/**
 * Reading the 国务院办公厅 holiday notice (关于某年部分节假日安排的通知) as it is published and pasted, e.g.
 *
 *   一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
 *   二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
 *
 * into the calendar's entries (one per day: 放假 or 调休上班), festival by festival, for an administrator to
 * confirm before saving. Nothing is guessed: every item is checked against what the notice itself says — the
 * weekday written beside a date (周四, 星期日) must be that date's, the number of days (共3天, 放假1天) must
 * be the days of the range, a 调休上班日 must fall on a weekend, no day may be both — and every disagreement is
 * a problem that blocks saving. Sentences that name a day without giving it off or making it a working day
 * (2024: "鼓励……安排职工在除夕（2月9日）休息") are listed as notes, not entered.
 *
 * Accepts full-width or half-width punctuation (the notice as printed, or as copied from a news site), dates
 * with or without the year ("2018年12月30日" in a notice for 2019), and the month left out after 至
 * ("4月4日至6日"). Pure: no I/O.
 */
import { addDays, isIsoDate, toDayNumber, weekdayOf, type CalendarOverride, type IsoDate } from './calendar';

export interface NoticeFestival {
  /** as the notice names it: 元旦, 春节, 国庆节、中秋节 */
  name: string;
  /** the days off, in order */
  holidays: IsoDate[];
  /** the make-up working days (调休上班日) */
  workdays: IsoDate[];
  /** the number of days the notice states (共8天, 放假1天), null when it states none */
  statedDays: number | null;
  /** the item as written (normalized punctuation) */
  text: string;
}

export interface HolidayNotice {
  /** the year of the arrangement: from the notice (关于2027年部分节假日安排 / 现将2027年…), else the one given */
  year: number | null;
  /** the notice's 文号 when the pasted text has it, e.g. 国办发明电〔2026〕7号 */
  source: string | null;
  festivals: NoticeFestival[];
  /** every day of the year's arrangement, in date order (days outside the year left out, with a note) */
  entries: CalendarOverride[];
  /** what disagrees with itself or cannot be read: the arrangement must not be saved while any is left */
  problems: string[];
  /** what was read but not entered (a day outside the year, a day merely suggested as a rest day) */
  notes: string[];
}

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];
const WEEKDAYS: Record<string, number> = { 日: 0, 天: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6 };
const WEEKDAY_NAMES = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** An item's head: 一、元旦： (the festival name up to the colon) */
const ITEM_HEAD = /(十[一二]|[一二三四五六七八九十])、\s*([^:。\n、]{1,12}(?:、[^:。\n、]{1,12})*?)\s*:/g;
/** A date, with its year and month when written, and the note in brackets after it: 2月15日(农历腊月二十八、周日) */
const DATE = /(?:(\d{4})\s*年\s*)?(?:(\d{1,2})\s*月\s*)?(\d{1,2})\s*日(?:\s*\(([^)]*)\))?/g;

/** Full-width punctuation as half-width (NFKC), brackets of the 文号 unified, spaces collapsed. */
function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[【\[]/g, '〔')
    .replace(/[】\]]/g, '〕')
    .replace(/\u3000/g, ' ')
    .replace(/[ \t]+/g, ' ');
}

function yearOfNotice(text: string): number | null {
  const m = /关于\s*(\d{4})\s*年\s*部分节假日/.exec(text) ?? /现将\s*(\d{4})\s*年/.exec(text) ?? /(\d{4})\s*年\s*部分节假日安排/.exec(text);
  return m ? Number(m[1]) : null;
}

function sourceOfNotice(text: string): string | null {
  const m = /国办发明电\s*〔\s*(\d{4})\s*〕\s*(\d+)\s*号/.exec(text);
  return m ? `国办发明电〔${m[1]}〕${m[2]}号` : null;
}

interface DateRef {
  date: IsoDate | null;
  /** the date as written, for messages */
  written: string;
  /** the weekday the notice writes beside it (0 = 周日), or null */
  weekday: number | null;
  /** where it ends in the sentence */
  end: number;
  start: number;
}

/** The dates of a sentence, the month (and year) carried over from the one before ("4月4日至6日"). */
function datesOf(sentence: string, year: number, month: { value: number | null }): DateRef[] {
  const out: DateRef[] = [];
  let y = year;
  for (const m of sentence.matchAll(DATE)) {
    if (m[1]) y = Number(m[1]);
    if (m[2]) month.value = Number(m[2]);
    const day = Number(m[3]);
    const written = m[0].replace(/\s*\(.*$/, '');
    let date: IsoDate | null = null;
    if (month.value !== null) {
      const iso = `${y}-${String(month.value).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      date = isIsoDate(iso) ? iso : null;
    }
    const wd = m[4] ? /(?:周|週|星期|礼拜)([日天一二三四五六])/.exec(m[4]) : null;
    out.push({ date, written, weekday: wd ? WEEKDAYS[wd[1]] : null, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

function days(from: IsoDate, to: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  for (let d = from; toDayNumber(d) <= toDayNumber(to); d = addDays(d, 1)) out.push(d);
  return out;
}

/** Sentences of an item: split at 。 and ；, and a sentence that both gives days off and sets working days at its commas. */
function sentencesOf(body: string): string[] {
  const out: string[] = [];
  for (const s of body.split(/[。;]/)) {
    const t = s.trim();
    if (!t) continue;
    if (/放假/.test(t) && /上班/.test(t)) out.push(...t.split(',').map((x) => x.trim()).filter(Boolean));
    else out.push(t);
  }
  return out;
}

/**
 * Read a pasted notice. `year` is the year the administrator is entering; the notice's own year, when it
 * states one, wins (and a different `year` is a problem, so that 2026's notice is not saved as 2027's).
 */
export function parseHolidayNotice(input: string, year?: number): HolidayNotice {
  const text = normalize(input ?? '');
  const problems: string[] = [];
  const notes: string[] = [];
  const stated = yearOfNotice(text);
  if (stated !== null && year !== undefined && stated !== year) problems.push(`通知是 ${stated} 年的放假安排，而录入的年份为 ${year} 年，请核对`);
  const noticeYear = stated ?? year ?? null;
  const result: HolidayNotice = { year: noticeYear, source: sourceOfNotice(text), festivals: [], entries: [], problems, notes };
  if (noticeYear === null) {
    problems.push('未能从通知中读出年份（如“关于2027年部分节假日安排的通知”），请先填写年份');
    return result;
  }

  // the items, in the order 一、二、三…: a head that does not follow the one before is part of the text
  // (tried at every position: a false head must not swallow the real one after it)
  const heads: { index: number; bodyStart: number; name: string }[] = [];
  const headRe = new RegExp(ITEM_HEAD.source, 'g');
  for (let m = headRe.exec(text); m !== null; headRe.lastIndex = m.index + 1, m = headRe.exec(text)) {
    if (m[1] !== NUMERALS[heads.length]) continue;
    heads.push({ index: m.index, bodyStart: m.index + m[0].length, name: m[2].trim() });
  }
  if (heads.length === 0) {
    problems.push('未找到放假安排的条目（应为“一、元旦：1月1日放假……”这样的条目，请粘贴通知正文）');
    return result;
  }

  const seen = new Map<IsoDate, { kind: CalendarOverride['kind']; name: string }>();
  heads.forEach((item, i) => {
    // the last item ends with its line (what follows is the notice's closing paragraph and signature)
    const last = i + 1 === heads.length;
    const raw = text.slice(item.bodyStart, last ? text.length : heads[i + 1].index).trim();
    const body = (last ? raw.split('\n')[0] : raw).replace(/\s*\n\s*/g, ' ').trim();
    const festival: NoticeFestival = { name: item.name, holidays: [], workdays: [], statedDays: null, text: `${NUMERALS[i]}、${item.name}:${body}` };
    const where = `${NUMERALS[i]}、${item.name}`;
    const month = { value: null as number | null };
    for (const sentence of sentencesOf(body)) {
      const refs = datesOf(sentence, noticeYear, month);
      const off = /放假/.test(sentence);
      const work = /上班/.test(sentence);
      if (refs.length === 0) continue;
      for (const r of refs) {
        if (r.date === null) {
          problems.push(`${where}：日期“${r.written}”无效`);
          continue;
        }
        if (r.weekday !== null && weekdayOf(r.date) !== r.weekday) {
          problems.push(`${where}：${r.written}注明为${WEEKDAY_NAMES[r.weekday]}，但 ${r.date} 是${WEEKDAY_NAMES[weekdayOf(r.date)]}，请核对`);
        }
      }
      if (refs.some((r) => r.date === null)) continue;
      if (off) {
        const count = /(?:共|放假)\s*(\d+)\s*天/.exec(sentence);
        if (count) festival.statedDays = Number(count[1]);
        // "A至B" is a range; dates otherwise listed are single days
        for (let k = 0; k < refs.length; k++) {
          const next = refs[k + 1];
          if (next && /^\s*(?:至|到|~|-|—|–)\s*$/.test(sentence.slice(refs[k].end, next.start))) {
            if (next.date! < refs[k].date!) problems.push(`${where}：${refs[k].written}至${next.written}，结束日期早于开始日期`);
            else festival.holidays.push(...days(refs[k].date!, next.date!));
            k++;
          } else {
            festival.holidays.push(refs[k].date!);
          }
        }
      } else if (work) {
        for (const r of refs) {
          festival.workdays.push(r.date!);
          const wd = weekdayOf(r.date!);
          if (wd !== 0 && wd !== 6) problems.push(`${where}：调休上班日 ${r.date} 是${WEEKDAY_NAMES[wd]}，不是周末，请核对`);
        }
      } else {
        notes.push(`${where}：“${sentence}”未作为放假或上班日期录入`);
      }
    }
    if (festival.holidays.length === 0) problems.push(`${where}：未找到放假日期`);
    if (festival.statedDays !== null && festival.holidays.length > 0 && festival.statedDays !== festival.holidays.length) {
      problems.push(`${where}：通知写明共 ${festival.statedDays} 天，但所列日期为 ${festival.holidays.length} 天（${festival.holidays[0]} 至 ${festival.holidays.at(-1)}），请核对`);
    }
    for (const [kind, list] of [
      ['holiday', festival.holidays],
      ['workday', festival.workdays],
    ] as const) {
      for (const date of list) {
        const before = seen.get(date);
        if (before && before.kind !== kind) {
          problems.push(`${date} 既在“${before.name}”中${before.kind === 'holiday' ? '放假' : '上班'}，又在“${item.name}”中${kind === 'holiday' ? '放假' : '上班'}，请核对`);
          continue;
        }
        if (before) continue;
        seen.set(date, { kind, name: item.name });
        if (!date.startsWith(`${noticeYear}-`)) {
          notes.push(`${where}：${date} 属于 ${date.slice(0, 4)} 年，不计入 ${noticeYear} 年的安排（应在该年的安排中录入）`);
          continue;
        }
        result.entries.push({ date, kind, name: item.name });
      }
    }
    result.festivals.push(festival);
  });
  result.entries.sort((a, b) => a.date.localeCompare(b.date));
  return result;
}
