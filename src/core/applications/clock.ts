/**
 * A case's clock, derived from its events and the calendar (never stored): the reply deadline and how it was
 * worked out, the other limits running now, and whether the case is overdue or due within 3 working days.
 * A new year's calendar entered later re-times every open case, since nothing here is kept.
 */
import { CalendarMissingError, type Calendar, type IsoDate } from '../clock/calendar';
import {
  addWorkdays,
  correctionNoticeDue,
  countWorkdays,
  feePaymentDue,
  otherAgencyReplyDue,
  replyDeadline,
  thirdPartyReplyDue,
  type Pause,
  type ReplyDeadline,
} from '../clock/deadline';
import type { Status } from './workflow';

export interface CaseEvent {
  kind: string;
  on: IsoDate;
  data: Record<string, unknown>;
}

export interface CaseClock {
  /** running | paused (consultation, fee) | waitingCorrection | stopped (replied) | unknown (no calendar) */
  state: 'running' | 'paused' | 'waitingCorrection' | 'stopped' | 'unknown';
  /** the reply deadline as worked out now, with its explanation (null while waiting for a correction) */
  reply: ReplyDeadline | null;
  /** the limit the agency must act by next, and what it is */
  due: IsoDate | null;
  dueLabel: string;
  overdue: boolean;
  /** due within 3 working days (and not overdue) */
  dueSoon: boolean;
  /** working days from today to `due` (negative when overdue) */
  workdaysLeft: number | null;
  /** for a replied case: replied after the deadline */
  repliedLate: boolean | null;
  /** every other limit that applies now */
  limits: { label: string; due: IsoDate }[];
  /** the calendar year that is missing, when the clock cannot be worked out */
  missingYear: number | null;
  /** Chinese sentences explaining the clock */
  lines: string[];
}

/** Default 合理的补正期限 (条例 Art. 30 leaves it to the agency): 15 working days from the notice. */
export const DEFAULT_CORRECTION_PERIOD = 15;
export const DUE_SOON_WORKDAYS = 3;

export function deadlineInput(receivedOn: IsoDate, events: CaseEvent[], upTo?: IsoDate) {
  const relevant = upTo ? events.filter((e) => e.on <= upTo) : events;
  const corrections = relevant.filter((e) => e.kind === 'receiveCorrection').map((e) => ({ receivedOn: e.on }));
  const pauses: Pause[] = [];
  for (const e of relevant) {
    if (e.kind === 'startConsultation') pauses.push({ from: e.on, kind: e.data.with === 'otherAgency' ? 'otherAgency' : 'thirdParty' });
    if (e.kind === 'issueFeeNotice') pauses.push({ from: e.on, kind: 'fee' });
    const closing = e.kind === 'endConsultation' ? ['thirdParty', 'otherAgency'] : e.kind === 'recordPayment' ? ['fee'] : null;
    if (closing) {
      const open = [...pauses].reverse().find((p) => p.to === undefined && closing.includes(p.kind));
      if (open) open.to = e.on;
    }
  }
  const extensionDays = relevant.filter((e) => e.kind === 'approveExtension').reduce((n, e) => n + Number(e.data.days ?? 0), 0);
  return { receivedOn, corrections, pauses, extensionDays };
}

export function caseClock(
  c: { receivedOn: IsoDate; status: Status; repliedOn: IsoDate | null },
  events: CaseEvent[],
  calendar: Calendar,
  today: IsoDate,
): CaseClock {
  const result: CaseClock = {
    state: 'running',
    reply: null,
    due: null,
    dueLabel: '答复期限',
    overdue: false,
    dueSoon: false,
    workdaysLeft: null,
    repliedLate: null,
    limits: [],
    missingYear: null,
    lines: [],
  };
  try {
    const last = <K extends string>(kind: K) => [...events].reverse().find((e) => e.kind === kind);
    if (c.status === 'awaitingCorrection') {
      const notice = last('requestCorrection');
      const period = Number(notice?.data.periodDays ?? DEFAULT_CORRECTION_PERIOD);
      result.state = 'waitingCorrection';
      result.due = notice ? addWorkdays(calendar, notice.on, period) : null;
      result.dueLabel = '补正期限';
      result.lines.push(
        `已于 ${notice?.on ?? '—'} 告知补正，补正期限 ${period} 个工作日（至 ${result.due ?? '—'}）；答复期限自收到补正后的申请之日起重新计算（条例第三十条）`,
      );
    } else {
      const input = deadlineInput(c.receivedOn, events, c.repliedOn ?? undefined);
      const reply = replyDeadline(input, calendar);
      result.reply = reply;
      result.lines.push(...reply.lines);
      if (c.status === 'replied' || c.status === 'closed') {
        result.state = 'stopped';
        if (reply.status === 'due' && c.repliedOn) {
          result.due = reply.due;
          result.repliedLate = c.repliedOn > reply.due;
          result.lines.push(result.repliedLate ? `于 ${c.repliedOn} 答复，超过答复期限` : `于 ${c.repliedOn} 答复，在答复期限内`);
        }
      } else if (reply.status === 'paused') {
        result.state = 'paused';
        // the limit running now is the third party's, the other agency's or the applicant's
        const open = reply.openPause;
        const limit =
          open.kind === 'fee'
            ? { label: '缴费期限', due: feePaymentDue(calendar, open.from) }
            : open.kind === 'otherAgency'
              ? { label: '其他机关答复期限', due: otherAgencyReplyDue(calendar, open.from) }
              : { label: '第三方答复期限', due: thirdPartyReplyDue(calendar, open.from) };
        result.limits.push(limit);
        result.due = limit.due;
        result.dueLabel = limit.label;
      } else {
        result.due = reply.due;
      }
      if (c.status === 'pending' || (c.status === 'processing' && !events.some((e) => e.kind === 'requestCorrection'))) {
        const noticeDue = correctionNoticeDue(calendar, input.corrections.at(-1)?.receivedOn ?? c.receivedOn);
        if (noticeDue >= today) result.limits.push({ label: '补正告知期限（如需补正）', due: noticeDue });
      }
    }
    if (result.due && result.state !== 'stopped') {
      result.overdue = today > result.due;
      result.workdaysLeft = result.overdue ? -countWorkdays(calendar, result.due, today) : countWorkdays(calendar, today, result.due);
      result.dueSoon = !result.overdue && result.workdaysLeft <= DUE_SOON_WORKDAYS;
    }
  } catch (e) {
    if (!(e instanceof CalendarMissingError)) throw e;
    result.state = 'unknown';
    result.missingYear = e.year;
    result.lines.push(`${e.message}；录入后期限将自动重新计算`);
  }
  return result;
}
