/**
 * The state machine of an application (依申请公开): which step is allowed when, by whom, and where it leads.
 * The services enforce it; the web shows only the steps allowed now.
 *
 *   待办理 pending ─assign→ 办理中 processing ─reply→ 已答复 replied ─close→ 已办结 closed
 *   processing ─requestCorrection→ 待补正 awaitingCorrection ─receiveCorrection→ processing (clock restarts)
 *   processing ─startConsultation→ 征求意见中 consulting ─endConsultation→ processing (time not counted)
 *   processing ─issueFeeNotice→ 待缴费 awaitingFee ─recordPayment→ processing (time not counted)
 *   requestExtension (officer) → approveExtension | rejectExtension (reviewer): adds ≤ 20 working days
 *   requestReasons → deferReply (条例 Art. 35: a later, reasonable reply date), or reply 不予处理
 * The law's dates and preconditions of each step (Art. 30–35, the 办法) are in procedure.ts.
 * A lapsed correction or fee ends the case with the decision noCorrection / feeUnpaid (其他处理).
 */
import { DECISIONS, decisionByKey } from './decisions';

export const STATUSES = ['pending', 'processing', 'awaitingCorrection', 'consulting', 'awaitingFee', 'replied', 'closed'] as const;
export type Status = (typeof STATUSES)[number];

export const STATUS_LABELS: Record<Status, string> = {
  pending: '待办理',
  processing: '办理中',
  awaitingCorrection: '待补正',
  consulting: '征求意见中',
  awaitingFee: '待缴费',
  replied: '已答复',
  closed: '已办结',
};

export const OPEN_STATUSES: Status[] = ['pending', 'processing', 'awaitingCorrection', 'consulting', 'awaitingFee'];

export const ROLES = ['officer', 'reviewer', 'admin', 'supervisor'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = { officer: '信息公开工作人员', reviewer: '审核人', admin: '管理员', supervisor: '监督人员' };

export const ACTIONS = [
  'assign',
  'requestCorrection',
  'receiveCorrection',
  'startConsultation',
  'endConsultation',
  'requestExtension',
  'approveExtension',
  'rejectExtension',
  'issueFeeNotice',
  'recordFeeDelivery',
  'recordPayment',
  'requestReasons',
  'deferReply',
  'reply',
  'close',
] as const;
export type Action = (typeof ACTIONS)[number];

export type ExtensionState = 'none' | 'requested' | 'approved' | 'rejected';

/** What the state machine needs to know of a case beyond its status (derived from its events). */
export interface CaseFacts {
  status: Status;
  correctionRequested: boolean;
  extension: ExtensionState;
  feeNoticed: boolean;
}

interface Transition {
  label: string;
  from: Status[];
  to: (status: Status) => Status;
  roles: Role[];
  /** a reason the step is refused (Chinese), or null */
  guard?: (facts: CaseFacts) => string | null;
  /** the step is dated today by the server (no date is entered with it) */
  undated?: true;
}

const WORK: Role[] = ['officer', 'admin'];

export const TRANSITIONS: Record<Action, Transition> = {
  assign: {
    label: '分配承办人',
    from: OPEN_STATUSES,
    to: (s) => (s === 'pending' ? 'processing' : s),
    roles: ['officer', 'reviewer', 'admin'],
    undated: true,
  },
  requestCorrection: {
    label: '告知补正',
    from: ['pending', 'processing'],
    to: () => 'awaitingCorrection',
    roles: WORK,
    guard: (f) => (f.correctionRequested ? '补正应当一次性告知，本申请已告知过补正（条例第三十条）' : null),
  },
  receiveCorrection: {
    label: '收到补正',
    from: ['awaitingCorrection'],
    to: () => 'processing',
    roles: WORK,
  },
  startConsultation: {
    label: '征求第三方或其他机关意见',
    from: ['pending', 'processing'],
    to: () => 'consulting',
    roles: WORK,
  },
  endConsultation: {
    label: '收到征求意见答复',
    from: ['consulting'],
    to: () => 'processing',
    roles: WORK,
  },
  requestExtension: {
    label: '申请延期答复',
    from: ['pending', 'processing', 'consulting', 'awaitingFee'],
    to: (s) => s,
    roles: WORK,
    guard: (f) =>
      f.extension === 'requested'
        ? '延期申请正在等待审核'
        : f.extension === 'approved'
          ? '本申请已经延期，延长的期限最长不得超过20个工作日（条例第三十三条）'
          : null,
  },
  approveExtension: {
    label: '批准延期',
    from: ['pending', 'processing', 'consulting', 'awaitingFee'],
    to: (s) => s,
    roles: ['reviewer'],
    guard: (f) => (f.extension !== 'requested' ? '没有待审核的延期申请' : null),
  },
  rejectExtension: {
    label: '不批准延期',
    from: ['pending', 'processing', 'consulting', 'awaitingFee'],
    to: (s) => s,
    roles: ['reviewer'],
    undated: true,
    guard: (f) => (f.extension !== 'requested' ? '没有待审核的延期申请' : null),
  },
  issueFeeNotice: {
    label: '发出收费通知',
    from: ['processing'],
    to: () => 'awaitingFee',
    roles: WORK,
    guard: (f) => (f.feeNoticed ? '本申请已发出过收费通知' : null),
  },
  recordFeeDelivery: {
    label: '登记收费通知送达日期',
    from: ['awaitingFee'],
    to: (s) => s,
    roles: WORK,
  },
  requestReasons: {
    label: '要求说明理由',
    from: ['pending', 'processing'],
    to: (s) => (s === 'pending' ? 'processing' : s),
    roles: WORK,
  },
  deferReply: {
    label: '延迟答复',
    from: ['pending', 'processing'],
    to: (s) => (s === 'pending' ? 'processing' : s),
    roles: WORK,
  },
  recordPayment: {
    label: '确认已缴费',
    from: ['awaitingFee'],
    to: () => 'processing',
    roles: WORK,
  },
  reply: {
    label: '作出答复',
    from: ['pending', 'processing', 'awaitingCorrection', 'awaitingFee'],
    to: () => 'replied',
    roles: WORK,
  },
  close: {
    label: '办结',
    from: ['replied'],
    to: () => 'closed',
    roles: WORK,
  },
};

/** Steps whose date the officer may set (the others are dated today by the server). */
export const DATED_ACTIONS: ReadonlySet<Action> = new Set(ACTIONS.filter((a) => !TRANSITIONS[a].undated));

export type Verdict = { ok: true; to: Status } | { ok: false; reason: string; status: 403 | 409 | 400 };

/** May a user with `roles` take `action` on a case with these facts (and, for a reply, this decision)? */
export function check(action: Action, facts: CaseFacts, roles: readonly Role[], decision?: string): Verdict {
  const t = TRANSITIONS[action];
  if (!roles.some((r) => t.roles.includes(r))) {
    return { ok: false, status: 403, reason: `“${t.label}”需要${t.roles.map((r) => ROLE_LABELS[r]).join('或')}权限` };
  }
  if (!t.from.includes(facts.status)) {
    return { ok: false, status: 409, reason: `申请当前状态为“${STATUS_LABELS[facts.status]}”，不能${t.label}` };
  }
  const refused = t.guard?.(facts);
  if (refused) return { ok: false, status: 409, reason: refused };
  if (action === 'reply') {
    const d = decision ? decisionByKey(decision) : undefined;
    if (!d) return { ok: false, status: 400, reason: '请选择答复的处理结果' };
    const lapse = facts.status === 'awaitingCorrection' || facts.status === 'awaitingFee' ? facts.status : null;
    if (d.onlyFrom && (!lapse || !d.onlyFrom.includes(lapse))) {
      return { ok: false, status: 409, reason: `“${d.label}”只能在${d.onlyFrom.map((s) => STATUS_LABELS[s]).join('或')}状态下作出` };
    }
    if (lapse && !d.onlyFrom?.includes(lapse) && !d.alsoFrom?.includes(lapse)) {
      return { ok: false, status: 409, reason: `申请当前状态为“${STATUS_LABELS[facts.status]}”，只能作出逾期未补正、逾期未缴费或撤回等答复` };
    }
  }
  return { ok: true, to: t.to(facts.status) };
}

/** The steps a user may take now (for the case page). */
export function allowedActions(facts: CaseFacts, roles: readonly Role[]): Action[] {
  return ACTIONS.filter((a) => {
    const t = TRANSITIONS[a];
    return roles.some((r) => t.roles.includes(r)) && t.from.includes(facts.status) && !t.guard?.(facts);
  });
}

/** The decisions a reply may make in the case's present state. */
export function allowedDecisions(status: Status): string[] {
  const lapse = status === 'awaitingCorrection' || status === 'awaitingFee' ? status : null;
  return DECISIONS.filter((d) => (lapse ? d.onlyFrom?.includes(lapse) || d.alsoFrom?.includes(lapse) : !d.onlyFrom)).map((d) => d.key);
}
