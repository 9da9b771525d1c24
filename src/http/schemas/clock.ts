/**
 * A case's clock as the API sends it (src/core/applications/clock.ts CaseClock): the reply deadline with the
 * working of it (src/core/clock/deadline.ts ReplyDeadline), the limit running now, and the tracking page's
 * part of it.
 */
import { z } from 'zod';
import { day, int } from './common';

const PAUSE_KINDS = ['thirdParty', 'otherAgency', 'fee', 'other'] as const;
const DAY_KINDS = ['workday', 'weekend', 'holiday', 'makeupWorkday'] as const;

const namedDay = z.object({ date: day, name: z.string(), weekdayName: z.string() });

export const deadlineExplanation = z.object({
  start: z.object({
    date: day,
    reason: z.enum(['receipt', 'correction']).describe('起算：收到申请（receipt）或收到补正（correction）'),
    weekdayName: z.string(),
    kind: z.enum(DAY_KINDS),
    holidayName: z.string().optional(),
  }),
  receivedOn: day,
  holidaysSkipped: z.array(z.object({ date: day, name: z.string() })).describe('跳过的法定节假日（逐日）'),
  holidayPeriods: z.array(z.object({ from: day, to: day, name: z.string() })),
  makeupWorkdaysCounted: z.array(namedDay).describe('计入的调休上班日'),
  makeupWorkdaysPaused: z.array(namedDay).describe('暂停期间内的调休上班日（不计入）'),
  weekendDaysSkipped: int,
  pausedWorkdays: z.array(z.object({ pause: int, kind: z.enum(PAUSE_KINDS), from: day, to: day.nullable(), days: z.array(day) })),
  ignoredPauses: z.array(z.object({ pause: int, reason: z.string() })),
  originalDue: day.nullable(),
  extensionDays: int,
  extendedDue: day.nullable(),
  examinedUntil: day,
});

const deadlineBase = { start: day, explanation: deadlineExplanation, lines: z.array(z.string()) };

/** The reply deadline (条例 第三十三条) and how it was worked out: a date, or paused while a pause is open. */
export const replyDeadline = z.discriminatedUnion('status', [
  z.object({ ...deadlineBase, status: z.literal('due'), due: day, originalDue: day, extensionDays: int }),
  z.object({
    ...deadlineBase,
    status: z.literal('paused'),
    due: z.null(),
    openPause: z.object({ pause: int, kind: z.enum(PAUSE_KINDS), from: day }),
    usedWorkdays: int,
    remainingWorkdays: int,
  }),
]);

const limit = z.object({ label: z.string(), due: day });
const CLOCK_STATES = ['running', 'paused', 'waitingCorrection', 'stopped', 'unknown'] as const;

export const caseClock = z.object({
  state: z.enum(CLOCK_STATES).describe('running 计时中 | paused 暂停（征求意见、缴费）| waitingCorrection 等待补正 | stopped 已答复 | unknown 缺少节假日安排'),
  reply: replyDeadline.nullable(),
  due: day.nullable().describe('眼下须办理的期限'),
  dueLabel: z.string(),
  overdue: z.boolean(),
  dueSoon: z.boolean().describe('3 个工作日内到期'),
  workdaysLeft: int.nullable(),
  repliedLate: z.boolean().nullable(),
  limits: z.array(limit),
  missingYear: int.nullable(),
  lines: z.array(z.string()),
  procedure: z.array(z.string()),
});

/** What the applicant sees of the clock on the tracking page. */
export const publicClock = caseClock.pick({ state: true, due: true, dueLabel: true, overdue: true, lines: true, limits: true });
