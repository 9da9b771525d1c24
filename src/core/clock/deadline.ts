/**
 * Time limits of 依申请公开 (条例 Art. 30–34; 办法 for fee payment), counted in working days.
 *
 * Counting convention (domain.md §2, "期间开始之日不计算在内"): the start day is day 0 and never counts,
 * whatever kind of day it is; day 1 is the first working day after it, and a limit of N working days ends at the
 * end of the N-th working day after the start. A pause from P1 (the day the notice goes out) to P2 (the day the
 * answer or payment arrives) removes from the count the working days d with P1 < d ≤ P2. A correction (补正)
 * restarts the count from the day the corrected application is received. An extension adds working days
 * after the original deadline (pauses still excluded). A pause that begins after the day the limit is reached
 * does not move that limit; one that begins on that very day holds it until the pause ends. Pure: no I/O.
 */
import {
  type Calendar,
  type DayInfo,
  type IsoDate,
  assertIsoDate,
  addDays,
  toDayNumber,
  weekdayName,
} from './calendar';

/** 条例 Art. 33: 20 working days to reply. */
export const REPLY_WORKDAYS = 20;
/** 条例 Art. 33: an extension is at most 20 working days. */
export const MAX_EXTENSION_WORKDAYS = 20;
/** 条例 Art. 30: the 补正 notice is due within 7 working days of receipt. */
export const CORRECTION_NOTICE_WORKDAYS = 7;
/** 条例 Art. 32: the third party answers within 15 working days of receiving the letter. */
export const THIRD_PARTY_REPLY_WORKDAYS = 15;
/** 条例 Art. 34: a consulted agency answers within 15 working days of receiving the letter. */
export const OTHER_AGENCY_REPLY_WORKDAYS = 15;
/** 办法: the applicant pays within 20 working days of receiving the fee notice. */
export const FEE_PAYMENT_WORKDAYS = 20;

/** Input that breaks a rule of the 条例 or is inconsistent (message in Chinese). */
export class DeadlineInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeadlineInputError';
  }
}

function assertCount(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new DeadlineInputError(`${what}必须是非负整数，收到：${String(n)}`);
}

// ---------------------------------------------------------------------------------------------------------
// Basic working-day arithmetic

/**
 * The n-th working day after `from` (`from` itself is day 0 and is never counted; n = 0 returns `from`).
 * Throws CalendarMissingError when a day to be examined lies in a year without calendar.
 */
export function addWorkdays(calendar: Calendar, from: IsoDate, n: number): IsoDate {
  assertIsoDate(from);
  assertCount(n, '工作日数');
  let day = from;
  let counted = 0;
  while (counted < n) {
    day = addDays(day, 1);
    if (calendar.isWorkday(day)) counted++;
  }
  return day;
}

/**
 * Number of working days d with from < d ≤ to (the start day is not counted, the end day is), i.e. how many
 * working days of a limit have been used by the end of `to`. `to` equal to `from` gives 0; `to` before `from`
 * is an error.
 */
export function countWorkdays(calendar: Calendar, from: IsoDate, to: IsoDate): number {
  const a = toDayNumber(from, '起始日期');
  const b = toDayNumber(to, '结束日期');
  if (b < a) throw new DeadlineInputError(`结束日期 ${to} 早于起始日期 ${from}`);
  let n = 0;
  for (let day = addDays(from, 1); toDayNumber(day) <= b; day = addDays(day, 1)) {
    if (calendar.isWorkday(day)) n++;
  }
  return n;
}

/** 条例 Art. 30: the last day to send the one-time 补正 notice (7 working days after receipt). */
export function correctionNoticeDue(calendar: Calendar, receivedOn: IsoDate): IsoDate {
  return addWorkdays(calendar, receivedOn, CORRECTION_NOTICE_WORKDAYS);
}

/**
 * 条例 Art. 32: the last day for the third party's opinion, 15 working days from the day it receives the
 * 征求意见书 (pass the sending date when the receipt date is unknown: the earliest possible limit).
 */
export function thirdPartyReplyDue(calendar: Calendar, letterReceivedOn: IsoDate): IsoDate {
  return addWorkdays(calendar, letterReceivedOn, THIRD_PARTY_REPLY_WORKDAYS);
}

/** 条例 Art. 34: the last day for a consulted agency's opinion, 15 working days from its receipt of the letter. */
export function otherAgencyReplyDue(calendar: Calendar, letterReceivedOn: IsoDate): IsoDate {
  return addWorkdays(calendar, letterReceivedOn, OTHER_AGENCY_REPLY_WORKDAYS);
}

/** 办法: the last day to pay the 信息处理费, 20 working days from the day the applicant receives the fee notice. */
export function feePaymentDue(calendar: Calendar, noticeReceivedOn: IsoDate): IsoDate {
  return addWorkdays(calendar, noticeReceivedOn, FEE_PAYMENT_WORKDAYS);
}

// ---------------------------------------------------------------------------------------------------------
// Receipt date (条例 Art. 31)

export type ReceiptInput =
  /** 当面提交 */
  | { channel: 'inPerson'; submittedOn: IsoDate }
  /** 邮寄，需签收 (registered / express post) */
  | { channel: 'post'; signedOn: IsoDate }
  /** 平常信函等无需签收的邮寄方式 */
  | { channel: 'ordinaryLetter'; confirmedOn: IsoDate }
  /** 互联网渠道 */
  | { channel: 'online'; confirmedOn: IsoDate }
  /** 政府信息公开工作机构的传真 */
  | { channel: 'fax'; confirmedOn: IsoDate };

export interface ReceiptDate {
  receivedOn: IsoDate;
  /** Why this day, citing the article, in Chinese. */
  reason: string;
}

/** The day an application counts as received (条例 Art. 31). */
export function receiptDate(input: ReceiptInput): ReceiptDate {
  switch (input.channel) {
    case 'inPerson':
      return {
        receivedOn: assertIsoDate(input.submittedOn, '提交日期'),
        reason: '申请人当面提交，以提交之日为收到申请之日（《政府信息公开条例》第三十一条第（一）项）',
      };
    case 'post':
      return {
        receivedOn: assertIsoDate(input.signedOn, '签收日期'),
        reason: '申请人以邮寄方式提交，以行政机关签收之日为收到申请之日（《政府信息公开条例》第三十一条第（二）项）',
      };
    case 'ordinaryLetter':
      return {
        receivedOn: assertIsoDate(input.confirmedOn, '确认日期'),
        reason:
          '申请人以平常信函等无需签收的方式邮寄提交，以与申请人确认之日为收到申请之日（《政府信息公开条例》第三十一条第（二）项）',
      };
    case 'online':
      return {
        receivedOn: assertIsoDate(input.confirmedOn, '确认日期'),
        reason: '申请人通过互联网渠道提交，以双方确认之日为收到申请之日（《政府信息公开条例》第三十一条第（三）项）',
      };
    case 'fax':
      return {
        receivedOn: assertIsoDate(input.confirmedOn, '确认日期'),
        reason:
          '申请人通过政府信息公开工作机构的传真提交，以双方确认之日为收到申请之日（《政府信息公开条例》第三十一条第（三）项）',
      };
    default: {
      const never: never = input;
      throw new DeadlineInputError(`未知的提交方式：${String((never as { channel?: unknown }).channel)}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Reply deadline (条例 Art. 33)

export type PauseKind = 'thirdParty' | 'otherAgency' | 'fee' | 'other';

export interface Pause {
  /** P1: the day the 征求意见书 / 收费通知 goes out. */
  from: IsoDate;
  /** P2: the day the answer / payment arrives; absent while it has not arrived. */
  to?: IsoDate;
  kind: PauseKind;
}

export interface ReplyDeadlineInput {
  /** The day the application was received (条例 Art. 31). */
  receivedOn: IsoDate;
  /** Corrected applications received (补正); the count restarts from the last one. */
  corrections?: readonly { receivedOn: IsoDate }[];
  pauses?: readonly Pause[];
  /** Working days of an approved extension (0–20). */
  extensionDays?: number;
}

export const PAUSE_LABEL: Record<PauseKind, string> = {
  thirdParty: '征求第三方意见',
  otherAgency: '征求其他机关意见',
  fee: '收费通知至缴纳信息处理费',
  other: '其他不计入答复期限的期间',
};

export interface PausedWorkdays {
  /** Index in the input `pauses`. */
  pause: number;
  kind: PauseKind;
  from: IsoDate;
  to: IsoDate | null;
  /** The working days this pause removed from the count (within the examined range). */
  days: IsoDate[];
}

export interface DeadlineExplanation {
  start: {
    date: IsoDate;
    reason: 'receipt' | 'correction';
    weekdayName: string;
    kind: DayInfo['kind'];
    holidayName?: string;
  };
  receivedOn: IsoDate;
  /** Holiday days passed over (in the examined range start < d ≤ end), one entry per day. */
  holidaysSkipped: { date: IsoDate; name: string }[];
  /** The same days grouped into consecutive periods. */
  holidayPeriods: { from: IsoDate; to: IsoDate; name: string }[];
  /** 调休上班日 that were counted as working days. */
  makeupWorkdaysCounted: { date: IsoDate; name: string; weekdayName: string }[];
  /** 调休上班日 inside a pause (working days, but not counted). */
  makeupWorkdaysPaused: { date: IsoDate; name: string; weekdayName: string }[];
  /** Ordinary Saturdays and Sundays passed over. */
  weekendDaysSkipped: number;
  pausedWorkdays: PausedWorkdays[];
  /** Pauses that did not move the limit, with why. */
  ignoredPauses: { pause: number; reason: string }[];
  /** The end of the 20-working-day period (null while a pause is open before it). */
  originalDue: IsoDate | null;
  extensionDays: number;
  /** The end of the extended period (null without extension, or while a pause is open). */
  extendedDue: IsoDate | null;
  /** The last day examined (the due date, or the day the open pause began). */
  examinedUntil: IsoDate;
}

interface ResultBase {
  start: IsoDate;
  explanation: DeadlineExplanation;
  /** Chinese sentences summarising the computation, in order. */
  lines: string[];
}

export interface DeadlineFixed extends ResultBase {
  status: 'due';
  /** The reply deadline: the end of this day. */
  due: IsoDate;
  originalDue: IsoDate;
  extensionDays: number;
}

export interface DeadlinePaused extends ResultBase {
  status: 'paused';
  due: null;
  /** The open pause that stops the clock. */
  openPause: { pause: number; kind: PauseKind; from: IsoDate };
  /** Working days counted up to and including the day the open pause began. */
  usedWorkdays: number;
  /** Working days left (including any extension) once the pause ends. */
  remainingWorkdays: number;
}

export type ReplyDeadline = DeadlineFixed | DeadlinePaused;

function checkInput(input: ReplyDeadlineInput): { start: IsoDate; reason: 'receipt' | 'correction'; extension: number } {
  const received = assertIsoDate(input.receivedOn, '收到申请日期');
  const extension = input.extensionDays ?? 0;
  if (!Number.isSafeInteger(extension) || extension < 0) {
    throw new DeadlineInputError(`延长答复期限的工作日数必须是非负整数，收到：${String(extension)}`);
  }
  if (extension > MAX_EXTENSION_WORKDAYS) {
    throw new DeadlineInputError(
      `延长答复期限最长不得超过 ${MAX_EXTENSION_WORKDAYS} 个工作日（《政府信息公开条例》第三十三条第二款），收到：${extension} 个工作日`,
    );
  }
  let start = received;
  let reason: 'receipt' | 'correction' = 'receipt';
  for (const c of input.corrections ?? []) {
    assertIsoDate(c.receivedOn, '收到补正申请日期');
    if (toDayNumber(c.receivedOn) < toDayNumber(received)) {
      throw new DeadlineInputError(`收到补正申请日期 ${c.receivedOn} 早于收到申请日期 ${received}`);
    }
    if (toDayNumber(c.receivedOn) >= toDayNumber(start)) {
      start = c.receivedOn;
      reason = 'correction';
    }
  }
  (input.pauses ?? []).forEach((p, i) => {
    const label = `第 ${i + 1} 个暂停期间（${PAUSE_LABEL[p.kind] ?? p.kind}）`;
    if (!(p.kind in PAUSE_LABEL)) {
      throw new DeadlineInputError(`${label}的类型无效：应为 thirdParty、otherAgency、fee 或 other`);
    }
    assertIsoDate(p.from, `${label}的开始日期`);
    if (toDayNumber(p.from) < toDayNumber(received)) {
      throw new DeadlineInputError(`${label}的开始日期 ${p.from} 早于收到申请日期 ${received}`);
    }
    if (p.to !== undefined) {
      assertIsoDate(p.to, `${label}的结束日期`);
      if (toDayNumber(p.to) < toDayNumber(p.from)) {
        throw new DeadlineInputError(`${label}的结束日期 ${p.to} 早于开始日期 ${p.from}`);
      }
    }
  });
  return { start, reason, extension };
}

/** Indices of the pauses whose range P1 < d ≤ P2 (or P1 < d when open) contains `day`. */
function pausesCovering(pauses: readonly Pause[], day: IsoDate): number[] {
  const n = toDayNumber(day);
  const out: number[] = [];
  pauses.forEach((p, i) => {
    if (n > toDayNumber(p.from) && (p.to === undefined || n <= toDayNumber(p.to))) out.push(i);
  });
  return out;
}

/**
 * The reply deadline of an application (条例 Art. 30, 33, 34; 办法), with a readable explanation.
 * Throws DeadlineInputError for inconsistent input or an extension over 20 working days, InvalidDateError for a
 * bad date, and CalendarMissingError when a day to examine lies in a year without calendar.
 */
export function replyDeadline(input: ReplyDeadlineInput, calendar: Calendar): ReplyDeadline {
  const { start, reason, extension } = checkInput(input);
  const pauses = input.pauses ?? [];
  const target = REPLY_WORKDAYS + extension;
  const startInfo = calendar.dayInfo(start);

  const holidaysSkipped: DeadlineExplanation['holidaysSkipped'] = [];
  const makeupWorkdaysCounted: DeadlineExplanation['makeupWorkdaysCounted'] = [];
  const makeupWorkdaysPaused: DeadlineExplanation['makeupWorkdaysPaused'] = [];
  const pausedDays = new Map<number, IsoDate[]>();
  let weekendDaysSkipped = 0;
  let overlapDays = 0;

  let counted = 0;
  let originalDue: IsoDate | null = null;
  let openPause: number | null = null;
  let day = start;
  while (counted < target) {
    const next = addDays(day, 1);
    const covering = pausesCovering(pauses, next);
    const open = covering.find((i) => pauses[i].to === undefined);
    if (open !== undefined) {
      // From here on the clock stands still until the answer arrives: the deadline cannot be fixed yet.
      openPause = open;
      break;
    }
    day = next;
    const info = calendar.dayInfo(day);
    if (!info.isWorkday) {
      if (info.kind === 'holiday') holidaysSkipped.push({ date: day, name: info.holidayName ?? '' });
      else weekendDaysSkipped++;
      continue;
    }
    if (covering.length > 0) {
      for (const i of covering) {
        const list = pausedDays.get(i) ?? [];
        list.push(day);
        pausedDays.set(i, list);
      }
      if (covering.length > 1) overlapDays++;
      if (info.kind === 'makeupWorkday') makeupWorkdaysPaused.push({ date: day, name: info.makeupName ?? '', weekdayName: info.weekdayName });
      continue;
    }
    counted++;
    if (info.kind === 'makeupWorkday') makeupWorkdaysCounted.push({ date: day, name: info.makeupName ?? '', weekdayName: info.weekdayName });
    if (counted === REPLY_WORKDAYS) originalDue = day;
  }
  // A pause that begins on the very day the limit is reached (a fee notice sent on the last day) stops the
  // clock like any other: no working day is left to count, so the limit becomes the day the pause ends (the
  // next working day when that is not one), and while it is open the deadline cannot be fixed.
  let endsWithPause: { pause: number; to: IsoDate } | null = null;
  if (openPause === null) {
    pauses.forEach((p, i) => {
      if (p.from !== day || openPause !== null) return;
      if (p.to === undefined) openPause = i;
      else if (toDayNumber(p.to) > toDayNumber(day) && (endsWithPause === null || toDayNumber(p.to) > toDayNumber(endsWithPause.to))) {
        endsWithPause = { pause: i, to: p.to };
      }
    });
  }
  if (openPause === null && endsWithPause !== null) {
    const { pause, to } = endsWithPause as { pause: number; to: IsoDate };
    let d = day;
    while (toDayNumber(d) < toDayNumber(to)) {
      d = addDays(d, 1);
      if (calendar.isWorkday(d)) pausedDays.set(pause, [...(pausedDays.get(pause) ?? []), d]);
    }
    while (!calendar.isWorkday(d)) d = addDays(d, 1);
    day = d;
  }
  const examinedUntil = day;

  const pausedWorkdays: PausedWorkdays[] = pauses.map((p, i) => ({
    pause: i,
    kind: p.kind,
    from: p.from,
    to: p.to ?? null,
    days: pausedDays.get(i) ?? [],
  }));
  const endsWithPauseIndex = (endsWithPause as { pause: number } | null)?.pause ?? -1;
  const ignoredPauses: DeadlineExplanation['ignoredPauses'] = [];
  pauses.forEach((p, i) => {
    if (i === openPause) return;
    const fromN = toDayNumber(p.from);
    if (p.to !== undefined && toDayNumber(p.to) <= toDayNumber(start)) {
      ignoredPauses.push({ pause: i, reason: `该期间在答复期限起算日 ${start} 之前已结束，不影响期限` });
    } else if (i === endsWithPauseIndex) {
      // began on the last day: it moved the limit (above)
    } else if (fromN >= toDayNumber(examinedUntil) && openPause === null) {
      ignoredPauses.push({ pause: i, reason: `该期间自答复期限届满之日（${examinedUntil}）或之后开始，不影响期限` });
    } else if (openPause !== null && fromN > toDayNumber(examinedUntil)) {
      ignoredPauses.push({ pause: i, reason: `该期间在尚未结束的暂停期间开始之后，待其结束后再计算` });
    }
  });

  const holidayPeriods = groupHolidays(holidaysSkipped);
  const explanation: DeadlineExplanation = {
    start: {
      date: start,
      reason,
      weekdayName: startInfo.weekdayName,
      kind: startInfo.kind,
      ...(startInfo.holidayName ? { holidayName: startInfo.holidayName } : {}),
    },
    receivedOn: input.receivedOn,
    holidaysSkipped,
    holidayPeriods,
    makeupWorkdaysCounted,
    makeupWorkdaysPaused,
    weekendDaysSkipped,
    pausedWorkdays,
    ignoredPauses,
    originalDue,
    extensionDays: extension,
    extendedDue: openPause === null && extension > 0 ? examinedUntil : null,
    examinedUntil,
  };

  const lines = describe(input, explanation, startInfo, pauses, overlapDays);

  if (openPause !== null) {
    const p = pauses[openPause];
    const remaining = target - counted;
    lines.push(
      `${PAUSE_LABEL[p.kind]}自 ${p.from} 起暂停计算，尚未结束，答复期限暂无法确定：已用 ${counted} 个工作日，尚余 ${remaining} 个工作日`,
    );
    return {
      status: 'paused',
      due: null,
      start,
      openPause: { pause: openPause, kind: p.kind, from: p.from },
      usedWorkdays: counted,
      remainingWorkdays: remaining,
      explanation,
      lines,
    };
  }

  const due = examinedUntil;
  if (originalDue === null) originalDue = due; // target === REPLY_WORKDAYS always reaches it; kept for type safety
  lines.push(`第 ${REPLY_WORKDAYS} 个工作日为 ${originalDue}（${weekdayName(originalDue)}），法定答复期限届满`);
  if (extension > 0) {
    lines.push(
      `经政府信息公开工作机构负责人同意延长 ${extension} 个工作日（《政府信息公开条例》第三十三条第二款），延长后期限为 ${due}（${weekdayName(due)}）`,
    );
  }
  if (endsWithPauseIndex >= 0) {
    const p = pauses[endsWithPauseIndex];
    lines.push(`${PAUSE_LABEL[p.kind]}于期限届满当日（${p.from}）开始，期限顺延至该期间结束（${p.to}）${p.to === due ? '' : `后的第一个工作日 ${due}`}`);
  }
  lines.push(`答复期限：${due}`);
  return { status: 'due', due, originalDue, extensionDays: extension, start, explanation, lines };
}

function groupHolidays(days: { date: IsoDate; name: string }[]): DeadlineExplanation['holidayPeriods'] {
  const periods: { from: IsoDate; to: IsoDate; names: string[] }[] = [];
  for (const d of days) {
    const last = periods[periods.length - 1];
    if (last && toDayNumber(d.date) === toDayNumber(last.to) + 1) {
      last.to = d.date;
      if (!last.names.includes(d.name)) last.names.push(d.name);
    } else {
      periods.push({ from: d.date, to: d.date, names: [d.name] });
    }
  }
  return periods.map((p) => ({ from: p.from, to: p.to, name: p.names.join('、') }));
}

function range(from: IsoDate, to: IsoDate): string {
  return from === to ? from : `${from} 至 ${to}`;
}

/** The explanation as Chinese sentences, in date order (the closing lines are added by the caller). */
function describe(
  input: ReplyDeadlineInput,
  e: DeadlineExplanation,
  startInfo: DayInfo,
  pauses: readonly Pause[],
  overlapDays: number,
): string[] {
  const lines: string[] = [];
  const dayNote = (info: DayInfo): string =>
    info.kind === 'holiday'
      ? `${info.weekdayName}，${info.holidayName}假期`
      : info.kind === 'makeupWorkday'
        ? `${info.weekdayName}，调休上班日`
        : info.weekdayName;
  if (e.start.reason === 'receipt') {
    lines.push(`收到申请日 ${e.start.date}（${dayNote(startInfo)}；第 0 日，不计入）`);
  } else {
    lines.push(`收到申请日 ${input.receivedOn}（${weekdayName(input.receivedOn)}）`);
    lines.push(
      `收到补正申请日 ${e.start.date}（${dayNote(startInfo)}；第 0 日，不计入）：依《政府信息公开条例》第三十条，答复期限自收到补正的申请之日起重新计算`,
    );
  }

  type Event = { at: number; text: string };
  const events: Event[] = [];
  for (const h of e.holidayPeriods) {
    events.push({ at: toDayNumber(h.from), text: `跳过${h.name}假期 ${range(h.from, h.to)}` });
  }
  for (const m of e.makeupWorkdaysCounted) {
    events.push({ at: toDayNumber(m.date), text: `${m.date}（${m.weekdayName}）为${m.name}调休上班日，计入` });
  }
  for (const m of e.makeupWorkdaysPaused) {
    events.push({ at: toDayNumber(m.date), text: `${m.date}（${m.weekdayName}）为${m.name}调休上班日，但处于暂停期间，不计入` });
  }
  for (const p of e.pausedWorkdays) {
    if (p.to === null || e.ignoredPauses.some((x) => x.pause === p.pause)) continue;
    const n = p.days.length;
    const which = n > 0 ? `：${range(p.days[0], p.days[n - 1])}` : '';
    events.push({
      at: toDayNumber(p.from),
      text: `${PAUSE_LABEL[p.kind]}期间 ${p.from} 至 ${p.to} 不计入（${n} 个工作日${which}）`,
    });
  }
  for (const x of e.ignoredPauses) {
    const p = pauses[x.pause];
    const when = p.to === undefined ? `（自 ${p.from} 起，尚未结束）` : `期间 ${range(p.from, p.to)}`;
    events.push({ at: toDayNumber(p.from), text: `${PAUSE_LABEL[p.kind]}${when}：${x.reason}` });
  }
  events.sort((a, b) => a.at - b.at);
  lines.push(...events.map((ev) => ev.text));
  if (overlapDays > 0) lines.push(`其中 ${overlapDays} 个工作日同时处于多个暂停期间，只扣除一次`);
  if (e.weekendDaysSkipped > 0) lines.push(`跳过周六、周日共 ${e.weekendDaysSkipped} 天`);
  return lines;
}
