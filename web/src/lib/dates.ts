/**
 * Dates: the API speaks 'YYYY-MM-DD' (China time); the forms use dayjs.
 */
import dayjs, { type Dayjs } from 'dayjs';

export const ISO = 'YYYY-MM-DD';

export function isoOf(d: Dayjs | null | undefined): string | undefined {
  return d ? d.format(ISO) : undefined;
}

export function dayOf(iso: string | null | undefined): Dayjs | undefined {
  return iso ? dayjs(iso) : undefined;
}

/** No date after today can be picked for something that has happened. */
export function notFuture(d: Dayjs): boolean {
  return d.isAfter(dayjs(), 'day');
}

/** 2026-03-13 → 2026年3月13日 */
export function chineseDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = dayjs(iso);
  return d.isValid() ? `${d.year()}年${d.month() + 1}月${d.date()}日` : iso;
}

/** An instant as local date and time. */
export function dateTime(at: string | null | undefined): string {
  if (!at) return '—';
  const d = dayjs(at);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm') : at;
}

/** Day of the week in Chinese (星期一…). */
export function weekday(iso: string): string {
  return `星期${'日一二三四五六'[dayjs(iso).day()]}`;
}
