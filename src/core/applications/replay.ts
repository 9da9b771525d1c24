/**
 * A case's history, replayed through the rules (`gongkai case`): each step is checked as the system would
 * check it (the state machine and procedure.ts's legal rules), accepted steps move the case on, refused ones
 * are reported with the article and leave it as it was; then the clock as of `asOf`. For staff and auditors
 * checking a case by hand. Pure: no I/O.
 */
import { z } from 'zod';
import { CalendarMissingError, isIsoDate, type Calendar, type IsoDate } from '../clock/calendar';
import { receiptDate, type ReceiptInput } from '../clock/deadline';
import { DECISIONS, decisionByKey, type Decision } from './decisions';
import { caseState, checkStep, dueOf, pausesOf, procedureLines, replyDeadlineOf, type CaseEvent } from './procedure';
import type { Action, Role } from './workflow';

const day = (what: string) => z.string({ error: `${what}应为 YYYY-MM-DD 格式的日期` }).refine(isIsoDate, `${what}应为 YYYY-MM-DD 格式的有效日期`);

/** A reply's outcome: a row of table 三 (e.g. "withheld.thirdPartyRights") or a decision key (e.g. "notOurs"). */
function decisionOf(outcome: string): string | undefined {
  if (decisionByKey(outcome)) return outcome;
  const row = outcome.replace(/^applications\./, '');
  return DECISIONS.find((d) => d.row === row)?.key;
}

const stepSchema = z.discriminatedUnion(
  'step',
  [
    z.object({ step: z.literal('requestCorrection'), on: day('步骤日期'), days: z.number().int().min(1).max(60).optional(), items: z.string().optional() }),
    z.object({ step: z.literal('corrected'), on: day('步骤日期'), note: z.string().optional() }),
    z.object({ step: z.literal('consult'), on: day('步骤日期'), party: z.enum(['thirdParty', 'agency'], { error: 'party 应为 thirdParty 或 agency' }) }),
    z.object({ step: z.literal('consultReply'), on: day('步骤日期') }),
    z.object({ step: z.literal('extend'), on: day('步骤日期'), days: z.number({ error: 'extend 需要 days（延长的工作日数）' }).int().min(1).max(20, '延长的期限最长不得超过20个工作日（条例第三十三条第二款）') }),
    z.object({ step: z.literal('feeNotice'), on: day('步骤日期'), delivered: day('delivered').optional() }),
    z.object({ step: z.literal('feeDelivered'), on: day('步骤日期'), delivered: day('delivered') }),
    z.object({ step: z.literal('feePaid'), on: day('步骤日期') }),
    z.object({ step: z.literal('requestReasons'), on: day('步骤日期') }),
    z.object({ step: z.literal('defer'), on: day('步骤日期'), until: day('until'), reason: z.string().optional() }),
    z.object({ step: z.literal('lapse'), on: day('步骤日期'), reason: z.enum(['noCorrection', 'feeUnpaid'], { error: 'reason 应为 noCorrection 或 feeUnpaid' }) }),
    z.object({
      step: z.literal('reply'),
      on: day('步骤日期'),
      outcome: z.string().refine((o) => decisionOf(o) !== undefined, '未知的处理结果：应为表三的行（如 disclosed、withheld.thirdPartyRights）或处理决定'),
      reason: z.string().optional(),
      noConsultationReason: z.string().optional(),
    }),
  ],
  { error: '未知的步骤：应为 requestCorrection、corrected、consult、consultReply、extend、feeNotice、feeDelivered、feePaid、requestReasons、defer、lapse 或 reply' },
);

export const caseFileSchema = z
  .object({
    channel: z.enum(['online', 'inPerson', 'post', 'fax', 'email', 'ordinaryLetter'], { error: 'channel 应为 online、inPerson、post、fax 或 email' }),
    received: day('received').optional(),
    signedFor: day('signedFor').optional(),
    asOf: day('asOf'),
    steps: z.array(stepSchema).max(1000).default([]),
  })
  .refine((c) => (c.channel === 'post' ? c.signedFor !== undefined : c.received !== undefined), {
    message: '邮寄（post）须给出签收日期 signedFor，其他方式须给出收到日期 received（条例第三十一条）',
    path: ['received'],
  });
export type CaseFile = z.input<typeof caseFileSchema>;
type Parsed = z.infer<typeof caseFileSchema>;
type StepIn = Parsed['steps'][number];

/** The events (in the system's vocabulary) a step of the file stands for. */
function eventsOf(s: StepIn): { action: Action; data: Record<string, unknown> }[] {
  switch (s.step) {
    case 'requestCorrection':
      return [{ action: 'requestCorrection', data: { periodDays: s.days ?? 15, items: s.items ?? '' } }];
    case 'corrected':
      return [{ action: 'receiveCorrection', data: { note: s.note ?? '' } }];
    case 'consult':
      return [{ action: 'startConsultation', data: { with: s.party === 'agency' ? 'otherAgency' : 'thirdParty' } }];
    case 'consultReply':
      return [{ action: 'endConsultation', data: {} }];
    case 'extend':
      // the 负责人's approval and the notice to the applicant on the same day (条例 Art. 33(2))
      return [
        { action: 'requestExtension', data: { days: s.days } },
        { action: 'approveExtension', data: { days: s.days } },
      ];
    case 'feeNotice':
      return [{ action: 'issueFeeNotice', data: s.delivered ? { deliveredOn: s.delivered } : {} }];
    case 'feeDelivered':
      return [{ action: 'recordFeeDelivery', data: { deliveredOn: s.delivered } }];
    case 'feePaid':
      return [{ action: 'recordPayment', data: {} }];
    case 'requestReasons':
      return [{ action: 'requestReasons', data: {} }];
    case 'defer':
      return [{ action: 'deferReply', data: { until: s.until, reason: s.reason ?? '' } }];
    case 'lapse':
      return [{ action: 'reply', data: { decision: s.reason } }];
    case 'reply':
      return [{ action: 'reply', data: { decision: decisionOf(s.outcome), reason: s.reason, noConsultationReason: s.noConsultationReason } }];
  }
}

export interface ReplayedStep {
  on: IsoDate;
  step: string;
  accepted: boolean;
  reason?: string;
  /** for a reply: the remedy its letter must state (remedies.ts) */
  remedy?: string;
}

/** The remedy of a reply in words, as the letter states it (the 复议机关 and court are the agency's: remedies.ts). */
const REMEDY_WORDS: Record<Decision['remedy'], string> = {
  choice: '可以申请行政复议（六十日内），或者提起行政诉讼（六个月内）',
  reconsiderationFirst: '应当先申请行政复议（六十日内，行政复议法第二十三条第一款第（四）项），对复议决定不服再提起行政诉讼',
  partialReconsiderationFirst: '对不予公开的部分应当先申请行政复议（行政复议法第二十三条第一款第（四）项）；对其他内容可以申请行政复议或者提起行政诉讼',
};

export interface Replay {
  channel: string;
  received: IsoDate;
  asOf: IsoDate;
  /** the deadline in force, or null while the clock is held */
  due: IsoDate | null;
  /** the last day to pay, when a fee notice was sent and its receipt is known */
  payBy: IsoDate | null;
  paused: { kind: string; from: IsoDate; to: IsoDate | null }[];
  steps: ReplayedStep[];
  overdue: boolean;
  repliedOn: IsoDate | null;
  lines: string[];
}

const ALL_ROLES: Role[] = ['officer', 'reviewer', 'admin'];

export function replayCase(file: Parsed, calendar: Calendar): Replay {
  const receipt: ReceiptInput =
    file.channel === 'post'
      ? { channel: 'post', signedOn: file.signedFor! }
      : file.channel === 'inPerson'
        ? { channel: 'inPerson', submittedOn: file.received! }
        : file.channel === 'ordinaryLetter'
          ? { channel: 'ordinaryLetter', confirmedOn: file.received! }
          : { channel: file.channel === 'fax' ? 'fax' : 'online', confirmedOn: file.received! };
  const { receivedOn, reason: receiptReason } = receiptDate(receipt);
  // the file has no assignment step: the case is being handled from the day it was received
  const events: CaseEvent[] = [{ kind: 'assign', on: receivedOn, data: {} }];
  const steps: ReplayedStep[] = [];
  for (const s of file.steps) {
    const last = events.at(-1)?.on ?? receivedOn;
    let refused: string | null = null;
    if (s.on < last) refused = `日期 ${s.on} 早于上一步骤或收到申请的日期 ${last}`;
    else if (s.on > file.asOf) refused = `日期 ${s.on} 晚于 asOf（${file.asOf}）`;
    const accepted: CaseEvent[] = [];
    for (const e of refused ? [] : eventsOf(s)) {
      try {
        const v = checkStep(receivedOn, [...events, ...accepted], { action: e.action, on: s.on, data: e.data }, ALL_ROLES, calendar);
        if (!v.ok) {
          refused = v.reason;
          break;
        }
      } catch (err) {
        if (!(err instanceof CalendarMissingError)) throw err;
        refused = err.message;
        break;
      }
      accepted.push({ kind: e.action, on: s.on, data: e.data });
    }
    if (refused) steps.push({ on: s.on, step: s.step, accepted: false, reason: refused });
    else {
      events.push(...accepted);
      const decision = s.step === 'reply' || s.step === 'lapse' ? decisionByKey(String(accepted.at(-1)?.data.decision)) : undefined;
      steps.push({ on: s.on, step: s.step, accepted: true, ...(decision ? { remedy: REMEDY_WORDS[decision.remedy] } : {}) });
    }
  }

  const state = caseState(receivedOn, events, calendar, clockDay(events, file.asOf));
  const lines = [receiptReason];
  let due: IsoDate | null = null;
  let overdue = false;
  try {
    const reply = replyDeadlineOf(state, calendar);
    lines.push(...reply.lines);
    due = dueOf(state, calendar);
    if (state.deferredTo) lines.push(`依条例第三十五条延迟答复，答复期限为 ${state.deferredTo}`);
    if (state.status === 'awaitingCorrection' && state.correction) {
      due = null; // the reply clock restarts from the corrected application
      lines.push(`待补正：补正期限至 ${state.correction.dueOn}，答复期限自收到补正后的申请之日起重新计算（条例第三十条）`);
    }
    overdue = due !== null && (state.repliedOn ? state.repliedOn > due : file.asOf > due);
    if (state.repliedOn && due) lines.push(overdue ? `于 ${state.repliedOn} 答复，超过答复期限 ${due}` : `于 ${state.repliedOn} 答复，在答复期限 ${due} 内`);
    else if (due && !state.repliedOn) lines.push(overdue ? `截至 ${file.asOf} 尚未答复，已超过答复期限 ${due}` : `截至 ${file.asOf} 尚未答复，答复期限为 ${due}`);
  } catch (err) {
    if (!(err instanceof CalendarMissingError)) throw err;
    lines.push(err.message);
  }
  lines.push(...procedureLines(state));
  return {
    channel: file.channel,
    received: receivedOn,
    asOf: file.asOf,
    due,
    payBy: state.fee?.payBy ?? null,
    paused: pausesOf(state).map((p) => ({ kind: p.kind, from: p.from, to: p.to ?? null })),
    steps,
    overdue,
    repliedOn: state.repliedOn,
    lines,
  };
}

/** A replied case's clock stands as of its reply; an open one as of `asOf`. */
function clockDay(events: CaseEvent[], asOf: IsoDate): IsoDate {
  return events.findLast((e) => e.kind === 'reply')?.on ?? asOf;
}
