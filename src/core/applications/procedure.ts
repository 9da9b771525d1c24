/**
 * The lawful procedure of a case (依申请公开): what a case's history means on the calendar, and the legal
 * preconditions of every step, as data beside the state machine (workflow.ts). The services check each step
 * here before they write it, the case page shows the same state, and `gongkai case` replays a history through
 * the same rules — one place for each rule, each citing its article.
 *
 * The state is derived from the case's accepted events (never stored), as of a day: a consultation whose
 * 15 working days have lapsed ends by itself (条例 Art. 32, 34), a correction or fee period is over only
 * after its last day, and the deadline comes from the working-day clock (src/core/clock/deadline.ts).
 */
import { type Calendar, type IsoDate } from '../clock/calendar';
import {
  addWorkdays,
  correctionNoticeDue,
  feePaymentDue,
  otherAgencyReplyDue,
  replyDeadline,
  thirdPartyReplyDue,
  type Pause,
  type ReplyDeadline,
  type ReplyDeadlineInput,
} from '../clock/deadline';
import { allowedActions, check as checkTransition, type Action, type CaseFacts, type ExtensionState, type Role, type Status, type Verdict } from './workflow';

export interface CaseEvent {
  kind: string;
  on: IsoDate;
  data: Record<string, unknown>;
}

/** 合理的补正期限 (条例 Art. 30 leaves it to the agency): 15 working days from the notice unless the notice says otherwise. */
export const DEFAULT_CORRECTION_PERIOD = 15;

export type ConsultParty = 'thirdParty' | 'otherAgency';

export interface Consultation {
  party: ConsultParty;
  /** the day the 征求意见书 went out */
  from: IsoDate;
  /** the last day of the 15 working days (条例 Art. 32 / 34) */
  lapsesOn: IsoDate;
  /** the day the opinion arrived, if it did */
  repliedOn: IsoDate | null;
}

/** Everything the rules need to know of a case on a given day. */
export interface CaseState {
  receivedOn: IsoDate;
  /** as of this day (the step's date, or today) */
  asOf: IsoDate;
  status: Status;
  /** the one-time 补正 notice (条例 Art. 30) */
  correction: { on: IsoDate; periodDays: number; dueOn: IsoDate } | null;
  /** corrected applications received: the clock restarts from the last one */
  corrections: IsoDate[];
  consultations: Consultation[];
  extension: ExtensionState;
  extensionDays: number;
  /** the fee notice: sent, delivered (the day the applicant received it), the last day to pay, paid */
  fee: { on: IsoDate; deliveredOn: IsoDate | null; payBy: IsoDate | null; paidOn: IsoDate | null } | null;
  /** 条例 Art. 35: the applicant was asked to explain the reasons for the volume or frequency */
  reasonsRequestedOn: IsoDate | null;
  /** 条例 Art. 35: the later, reasonable reply date set and told to the applicant */
  deferredTo: IsoDate | null;
  repliedOn: IsoDate | null;
  decision: string | null;
}

const PARTY_LABEL: Record<ConsultParty, string> = { thirdParty: '第三方', otherAgency: '其他机关' };
const consultDue = (calendar: Calendar, party: ConsultParty, from: IsoDate) =>
  party === 'otherAgency' ? otherAgencyReplyDue(calendar, from) : thirdPartyReplyDue(calendar, from);

/** A consultation is still running on `day`: no opinion yet, and its 15 working days have not lapsed. */
export function consultationOpen(c: Consultation, day: IsoDate): boolean {
  return c.repliedOn === null && day <= c.lapsesOn;
}

/**
 * The state of a case on `asOf` from its accepted events (in order). `status` is the state machine's, with the
 * law's own transitions applied: a consultation whose period has lapsed no longer holds the case.
 */
export function caseState(receivedOn: IsoDate, events: readonly CaseEvent[], calendar: Calendar, asOf: IsoDate): CaseState {
  const s: CaseState = {
    receivedOn,
    asOf,
    status: 'pending',
    correction: null,
    corrections: [],
    consultations: [],
    extension: 'none',
    extensionDays: 0,
    fee: null,
    reasonsRequestedOn: null,
    deferredTo: null,
    repliedOn: null,
    decision: null,
  };
  for (const e of events) {
    const d = e.data;
    switch (e.kind) {
      case 'assign':
        if (s.status === 'pending') s.status = 'processing';
        break;
      case 'requestCorrection': {
        const periodDays = Number(d.periodDays ?? DEFAULT_CORRECTION_PERIOD);
        s.correction = { on: e.on, periodDays, dueOn: addWorkdays(calendar, e.on, periodDays) };
        s.status = 'awaitingCorrection';
        break;
      }
      case 'receiveCorrection':
        s.corrections.push(e.on);
        s.status = 'processing';
        break;
      case 'startConsultation': {
        const party: ConsultParty = d.with === 'otherAgency' ? 'otherAgency' : 'thirdParty';
        s.consultations.push({ party, from: e.on, lapsesOn: consultDue(calendar, party, e.on), repliedOn: null });
        s.status = 'consulting';
        break;
      }
      case 'endConsultation': {
        const open = s.consultations.findLast((c) => c.repliedOn === null);
        // an opinion after the lapse does not reopen the excluded time: it ends at the lapse
        if (open) open.repliedOn = e.on <= open.lapsesOn ? e.on : open.lapsesOn;
        if (s.status === 'consulting') s.status = 'processing';
        break;
      }
      case 'requestExtension':
        s.extension = 'requested';
        break;
      case 'approveExtension':
        s.extension = 'approved';
        s.extensionDays += Number(d.days ?? 0);
        break;
      case 'rejectExtension':
        s.extension = 'rejected';
        break;
      case 'issueFeeNotice': {
        const deliveredOn = typeof d.deliveredOn === 'string' ? d.deliveredOn : null;
        s.fee = { on: e.on, deliveredOn, payBy: deliveredOn ? feePaymentDue(calendar, deliveredOn) : null, paidOn: null };
        s.status = 'awaitingFee';
        break;
      }
      case 'recordFeeDelivery':
        if (s.fee) {
          s.fee.deliveredOn = String(d.deliveredOn);
          s.fee.payBy = feePaymentDue(calendar, s.fee.deliveredOn);
        }
        break;
      case 'recordPayment':
        if (s.fee) s.fee.paidOn = e.on;
        s.status = 'processing';
        break;
      case 'requestReasons':
        s.reasonsRequestedOn = e.on;
        break;
      case 'deferReply':
        s.deferredTo = String(d.until);
        break;
      case 'reply':
        s.repliedOn = e.on;
        s.decision = String(d.decision);
        s.status = 'replied';
        break;
      case 'close':
        s.status = 'closed';
        break;
      default:
        break;
    }
    // a consultation that lapsed before the next step ended then (条例 Art. 32: 逾期未提出意见; Art. 34: 视为同意)
  }
  if (s.status === 'consulting' && !s.consultations.some((c) => consultationOpen(c, asOf))) s.status = 'processing';
  return s;
}

/** The excluded spans (P1, P2] of the clock as of `state.asOf`; an open one has no `to`. */
export function pausesOf(state: CaseState): Pause[] {
  const pauses: Pause[] = [];
  for (const c of state.consultations) {
    const to = c.repliedOn ?? (state.asOf > c.lapsesOn ? c.lapsesOn : undefined);
    pauses.push({ kind: c.party, from: c.from, ...(to ? { to } : {}) });
  }
  if (state.fee) pauses.push({ kind: 'fee', from: state.fee.on, ...(state.fee.paidOn ? { to: state.fee.paidOn } : {}) });
  return pauses;
}

export function deadlineInputOf(state: CaseState, extra: { extensionDays?: number } = {}): ReplyDeadlineInput {
  return {
    receivedOn: state.receivedOn,
    corrections: state.corrections.map((receivedOn) => ({ receivedOn })),
    pauses: pausesOf(state),
    extensionDays: extra.extensionDays ?? state.extensionDays,
  };
}

/** The reply deadline as it stands on `state.asOf`. */
export function replyDeadlineOf(state: CaseState, calendar: Calendar, extra: { extensionDays?: number } = {}): ReplyDeadline {
  return replyDeadline(deadlineInputOf(state, extra), calendar);
}

/** The deadline in force (a day), or null while the clock is held; an Art. 35 deferral replaces it. */
export function dueOf(state: CaseState, calendar: Calendar, extra: { extensionDays?: number } = {}): IsoDate | null {
  if (state.deferredTo) return state.deferredTo;
  const r = replyDeadlineOf(state, calendar, extra);
  return r.status === 'due' ? r.due : null;
}

// ---------------------------------------------------------------------------------------------------------
// The legal preconditions of each step (one table; every rule cites its article)

export interface Step {
  action: Action;
  on: IsoDate;
  data: Record<string, unknown>;
}

export interface RuleInput {
  /** the case on the step's day, before the step */
  state: CaseState;
  step: Step;
  calendar: Calendar;
}

export interface LegalRule {
  id: string;
  /** the article the rule rests on */
  article: string;
  /** which steps it applies to; for `reply`, optionally which decisions */
  actions: Action[];
  decisions?: string[];
  /** the rule reads what the officer enters with the step (so it cannot be judged before the step is filled in) */
  readsInput?: boolean;
  /** a reason the step is refused (Chinese, citing the article), or null */
  test: (x: RuleInput) => string | null;
}

/** The deadline before an extension is granted (the one an extension must be approved within). */
const dueWithoutExtension = (state: CaseState, calendar: Calendar) =>
  state.deferredTo ?? dueOf(state, calendar, { extensionDays: state.extensionDays });

export const LEGAL_RULES: LegalRule[] = [
  {
    id: 'correction.withinSevenDays',
    article: '条例第三十条',
    actions: ['requestCorrection'],
    test: ({ state, step, calendar }) => {
      const last = correctionNoticeDue(calendar, state.receivedOn);
      return step.on > last
        ? `补正告知应当自收到申请之日起7个工作日内一次性作出（条例第三十条）：本申请于 ${state.receivedOn} 收到，告知补正的最后一日为 ${last}，${step.on} 已超过，不能再要求补正，请按原申请内容答复`
        : null;
    },
  },
  {
    id: 'correction.lateNeedsReason',
    article: '条例第三十条',
    actions: ['receiveCorrection'],
    readsInput: true,
    test: ({ state, step }) =>
      state.correction && step.on > state.correction.dueOn && !String(step.data.note ?? '').trim()
        ? `补正期限已于 ${state.correction.dueOn} 届满；逾期收到的补正，须在说明中写明申请人逾期的正当理由（条例第三十条：无正当理由逾期不补正的，视为放弃申请）`
        : null,
  },
  {
    id: 'extension.withinPeriod',
    article: '条例第三十三条第二款',
    actions: ['requestExtension', 'approveExtension'],
    test: ({ state, step, calendar }) => {
      const due = dueWithoutExtension(state, calendar);
      return due !== null && step.on > due
        ? `延长答复期限应当在答复期限内经政府信息公开工作机构负责人同意并告知申请人（条例第三十三条第二款）：本申请答复期限为 ${due}，${step.on} 已超过，不能再延期`
        : null;
    },
  },
  {
    id: 'fee.withinPeriod',
    article: '条例第三十三条、《政府信息公开信息处理费管理办法》',
    actions: ['issueFeeNotice'],
    test: ({ state, step, calendar }) => {
      const due = dueOf(state, calendar);
      return due !== null && step.on > due
        ? `收费通知应当在政府信息公开申请处理期限内发出：本申请答复期限为 ${due}，${step.on} 已超过，不能再发出收费通知`
        : null;
    },
  },
  {
    id: 'fee.deliveredAfterSent',
    article: '《政府信息公开信息处理费管理办法》',
    actions: ['issueFeeNotice', 'recordFeeDelivery'],
    readsInput: true,
    test: ({ state, step }) => {
      const delivered = step.data.deliveredOn;
      const sent = step.action === 'issueFeeNotice' ? step.on : state.fee?.on;
      if (typeof delivered !== 'string') return step.action === 'recordFeeDelivery' ? '请填写申请人收到收费通知的日期' : null;
      if (sent && delivered < sent) return `申请人收到收费通知的日期 ${delivered} 不能早于发出日期 ${sent}`;
      if (delivered > step.on) return `申请人收到收费通知的日期 ${delivered} 不能晚于登记之日 ${step.on}`;
      return null;
    },
  },
  {
    id: 'fee.paidWithinPeriod',
    article: '《政府信息公开信息处理费管理办法》',
    actions: ['recordPayment'],
    test: ({ state, step }) =>
      state.fee?.payBy && step.on > state.fee.payBy
        ? `缴费期限已于 ${state.fee.payBy} 届满，申请人逾期未缴纳的，视为放弃申请；请作出“逾期未缴纳信息处理费”的处理`
        : null,
  },
  {
    id: 'lapse.noCorrection',
    article: '条例第三十条',
    actions: ['reply'],
    decisions: ['noCorrection'],
    test: ({ state, step }) =>
      state.correction && step.on <= state.correction.dueOn
        ? `补正期限至 ${state.correction.dueOn} 届满，期限届满前不能认定申请人逾期不补正（条例第三十条），最早可于 ${nextDay(state.correction.dueOn)} 作出`
        : null,
  },
  {
    id: 'lapse.feeUnpaid',
    article: '《政府信息公开信息处理费管理办法》',
    actions: ['reply'],
    decisions: ['feeUnpaid'],
    test: ({ state, step }) => {
      if (!state.fee) return null;
      if (!state.fee.payBy) return '尚未登记申请人收到收费通知的日期，缴费期限无法确定，不能认定逾期未缴费（申请人应当自收到收费通知之日起20个工作日内缴纳）';
      return step.on <= state.fee.payBy
        ? `缴费期限至 ${state.fee.payBy} 届满（自申请人收到收费通知次日起20个工作日），期限届满前不能认定逾期未缴费，最早可于 ${nextDay(state.fee.payBy)} 作出`
        : null;
    },
  },
  {
    id: 'refusal.thirdPartyConsulted',
    article: '条例第十五条、第三十二条',
    actions: ['reply'],
    decisions: ['thirdPartyRights'],
    test: ({ state, step }) =>
      state.consultations.some((c) => c.party === 'thirdParty') || String(step.data.noConsultationReason ?? '').trim()
        ? null
        : '以“保护第三方合法权益”不予公开，应当书面征求第三方意见（条例第三十二条）；请先征求第三方意见，或写明无需征求意见的理由',
  },
  {
    id: 'refusal.excessiveReasonsAsked',
    article: '条例第三十五条',
    actions: ['reply'],
    decisions: ['excessive'],
    test: ({ state }) =>
      state.reasonsRequestedOn
        ? null
        : '以“无正当理由大量反复申请”不予处理，应当先要求申请人说明理由，认为理由不合理的方可告知不予处理（条例第三十五条）；请先“要求说明理由”',
  },
  {
    id: 'deferral.afterReasons',
    article: '条例第三十五条',
    actions: ['deferReply'],
    test: ({ state, step, calendar }) => {
      if (!state.reasonsRequestedOn) return '延迟答复须先要求申请人说明理由，并认为理由合理（条例第三十五条）；请先“要求说明理由”';
      const due = dueOf(state, calendar);
      return due !== null && step.on > due ? `延迟答复应当在答复期限（${due}）内确定并告知申请人（条例第三十五条），${step.on} 已超过` : null;
    },
  },
  {
    id: 'deferral.laterDate',
    article: '条例第三十五条',
    actions: ['deferReply'],
    readsInput: true,
    test: ({ state, step, calendar }) => {
      const due = dueOf(state, calendar);
      const until = String(step.data.until ?? '');
      return due !== null && until <= due ? `延迟答复的期限 ${until} 应当晚于现行答复期限 ${due}` : null;
    },
  },
  {
    id: 'reasons.withinPeriod',
    article: '条例第三十五条',
    actions: ['requestReasons'],
    test: ({ state, step, calendar }) => {
      const due = dueOf(state, calendar);
      return due !== null && step.on > due ? `要求说明理由应当在答复期限（${due}）内作出（条例第三十五条）` : null;
    },
  },
  {
    id: 'reply.specialProcedureNamed',
    article: '条例第三十六条第（七）项',
    actions: ['reply'],
    decisions: ['administrativeQuery'],
    test: ({ step }) =>
      String(step.data.reason ?? '').trim().length >= 4
        ? null
        : '属于工商、不动产登记资料等有特别规定的信息，应当告知申请人依照有关法律、行政法规的规定办理（条例第三十六条第（七）项）：请在说明中写明该法律、行政法规及办理途径',
  },
];

function nextDay(d: IsoDate): IsoDate {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}

/** The state machine's facts of a state (workflow.ts's guards). */
export function factsOfState(state: CaseState): CaseFacts {
  return { status: state.status, correctionRequested: state.correction !== null, extension: state.extension, feeNoticed: state.fee !== null };
}

/**
 * May this step be taken on this case (roles, state machine, then the law's dates and preconditions)?
 * `events` are the case's accepted events before the step.
 */
export function checkStep(
  receivedOn: IsoDate,
  events: readonly CaseEvent[],
  step: Step,
  roles: readonly Role[],
  calendar: Calendar,
): Verdict & { state: CaseState } {
  const state = caseState(receivedOn, events, calendar, step.on);
  const verdict = checkTransition(step.action, factsOfState(state), roles, step.data.decision as string | undefined);
  if (!verdict.ok) return { ...verdict, state };
  const decision = step.action === 'reply' ? String(step.data.decision ?? '') : undefined;
  for (const rule of LEGAL_RULES) {
    if (!rule.actions.includes(step.action)) continue;
    if (rule.decisions && (!decision || !rule.decisions.includes(decision))) continue;
    const refused = rule.test({ state, step, calendar });
    if (refused) return { ok: false, status: 409, reason: refused, state };
  }
  return { ...verdict, state };
}

/**
 * The steps a user may take on `day`: the state machine's, less those the law's dates already forbid (a 补正
 * notice after the 7th working day, an extension after the deadline, …). Rules that read the step's input, and
 * the reply's decision rules, are judged when the step is taken.
 */
export function allowedSteps(receivedOn: IsoDate, events: readonly CaseEvent[], roles: readonly Role[], calendar: Calendar, day: IsoDate): Action[] {
  const state = caseState(receivedOn, events, calendar, day);
  return allowedActions(factsOfState(state), roles).filter((action) =>
    LEGAL_RULES.every((rule) => !rule.actions.includes(action) || rule.readsInput || rule.decisions || !rule.test({ state, step: { action, on: day, data: {} }, calendar })),
  );
}

/** Chinese sentences on the consultations and periods of a case, for the case page. */
export function procedureLines(state: CaseState): string[] {
  const lines: string[] = [];
  for (const c of state.consultations) {
    const who = PARTY_LABEL[c.party];
    if (c.repliedOn !== null && c.repliedOn < c.lapsesOn) lines.push(`${c.from} 征求${who}意见，${c.repliedOn} 收到意见，该期间不计入答复期限`);
    else if (c.repliedOn !== null || state.asOf > c.lapsesOn) {
      lines.push(
        c.party === 'otherAgency'
          ? `${c.from} 征求其他机关意见，15个工作日内（至 ${c.lapsesOn}）未提出意见，视为同意公开（条例第三十四条）；不计入答复期限的时间至 ${c.lapsesOn} 止`
          : `${c.from} 征求第三方意见，15个工作日内（至 ${c.lapsesOn}）未提出意见，由本机关依照条例的规定决定是否公开（条例第三十二条）；不计入答复期限的时间至 ${c.lapsesOn} 止`,
      );
    } else lines.push(`${c.from} 征求${who}意见，${who}应当于 ${c.lapsesOn} 前提出意见（条例第${c.party === 'otherAgency' ? '三十四' : '三十二'}条），其间不计入答复期限`);
  }
  if (state.fee) {
    const f = state.fee;
    if (f.payBy) lines.push(`${f.on} 发出收费通知，申请人于 ${f.deliveredOn} 收到，应当于 ${f.payBy} 前缴纳信息处理费，逾期未缴纳的视为放弃申请`);
    else lines.push(`${f.on} 发出收费通知，申请人收到通知的日期尚未登记（邮寄以签收日为准），缴费期限自收到之日次日起算20个工作日`);
    if (f.paidOn) lines.push(`${f.paidOn} 申请人缴纳信息处理费，收费通知至缴费期间不计入答复期限`);
    else if (f.payBy && state.asOf > f.payBy) lines.push(`缴费期限已于 ${f.payBy} 届满，申请人未缴纳，可作出“逾期未缴纳信息处理费”的处理`);
  }
  if (state.deferredTo) lines.push(`依条例第三十五条确定延迟答复，答复期限为 ${state.deferredTo}`);
  return lines;
}
