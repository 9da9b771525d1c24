/**
 * A case's clock, derived from its events and the calendar (never stored): the reply deadline and how it was
 * worked out, the other limits running now, and whether the case is overdue or due within 3 working days.
 * A new year's calendar entered later re-times every open case, since nothing here is kept.
 */
import { CalendarMissingError, type Calendar, type IsoDate } from '../clock/calendar';
import { correctionNoticeDue, countWorkdays, type ReplyDeadline } from '../clock/deadline';
import { caseState, dueOf, procedureLines, replyDeadlineOf, type CaseEvent } from './procedure';
import type { Status } from './workflow';

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
  /** Chinese sentences on consultations, the fee and a deferral (procedure.ts) */
  procedure: string[];
}

export const DUE_SOON_WORKDAYS = 3;

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
    procedure: [],
  };
  try {
    const state = caseState(c.receivedOn, events, calendar, c.repliedOn ?? today);
    result.procedure = procedureLines(state);
    if (state.status === 'awaitingCorrection' && state.correction) {
      const notice = state.correction;
      result.state = 'waitingCorrection';
      result.due = notice.dueOn;
      result.dueLabel = '补正期限';
      result.lines.push(
        `已于 ${notice.on} 告知补正，补正期限 ${notice.periodDays} 个工作日（至 ${notice.dueOn}）；答复期限自收到补正后的申请之日起重新计算（条例第三十条）`,
      );
    } else {
      const reply = replyDeadlineOf(state, calendar);
      result.reply = reply;
      result.lines.push(...reply.lines);
      if (state.deferredTo) result.lines.push(`依条例第三十五条延迟答复，答复期限为 ${state.deferredTo}`);
      if (c.status === 'replied' || c.status === 'closed') {
        result.state = 'stopped';
        const due = dueOf(state, calendar);
        if (due && c.repliedOn) {
          result.due = due;
          result.repliedLate = c.repliedOn > due;
          result.lines.push(result.repliedLate ? `于 ${c.repliedOn} 答复，超过答复期限` : `于 ${c.repliedOn} 答复，在答复期限内`);
        }
      } else if (state.deferredTo) {
        result.due = state.deferredTo;
      } else if (reply.status === 'paused') {
        result.state = 'paused';
        // the limit running now is the third party's, the other agency's or the applicant's
        const open = reply.openPause;
        const consultation = state.consultations.find((x) => x.from === open.from && x.party === open.kind);
        const limit =
          open.kind === 'fee'
            ? { label: '缴费期限', due: state.fee?.payBy ?? null }
            : { label: open.kind === 'otherAgency' ? '其他机关答复期限' : '第三方答复期限', due: consultation?.lapsesOn ?? null };
        if (limit.due) result.limits.push({ label: limit.label, due: limit.due });
        result.due = limit.due;
        result.dueLabel = limit.label;
      } else {
        result.due = reply.due;
      }
      if (c.status === 'pending' || (c.status === 'processing' && !state.correction)) {
        const noticeDue = correctionNoticeDue(calendar, c.receivedOn);
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
