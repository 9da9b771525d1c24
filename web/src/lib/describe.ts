/**
 * Turning the stored data of steps and audit entries into readable Chinese: field names and coded values.
 */
import type { Meta } from './types';
import { ATTACHMENT_KINDS, AUDIT_ACTIONS, CONSULT_RESULTS, CONSULT_WITH, FEE_STANDARDS, FIELD_LABELS } from '../../../src/core/applications/labels';

export function fieldLabel(key: string): string {
  return FIELD_LABELS[key] ?? key;
}

export function decisionLabel(meta: Meta, key: string): string {
  return meta.decisions.find((d) => d.key === key)?.label ?? key;
}

/** A value as text, with codes replaced by their labels. */
export function valueText(meta: Meta, key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? '是' : '否';
  // a document issued by the step (告知书, 答复书): its number, as printed on it
  if (typeof value === 'object' && typeof (value as { number?: unknown }).number === 'string') return (value as { number: string }).number;
  if (typeof value === 'object') return JSON.stringify(value);
  const s = String(value);
  const coded: Record<string, Record<string, string>> = {
    status: meta.statuses,
    channel: meta.channels,
    applicantType: meta.applicantTypes,
    idType: meta.idTypes,
    form: meta.forms,
    delivery: meta.deliveries,
    with: CONSULT_WITH,
    result: CONSULT_RESULTS,
    standard: FEE_STANDARDS,
    kind: ATTACHMENT_KINDS,
  };
  if (key === 'decision' || key === 'outcome') return decisionLabel(meta, s);
  if (key === 'by') return s === 'applicant' ? '申请人（网上提交）' : s;
  return coded[key]?.[s] ?? s;
}

/** Keys of a step's data that are not shown (ids with a readable twin). */
const HIDDEN_DATA = new Set(['assigneeId']);

/** The details of a step, as label/value pairs in the data's order. */
export function stepDetails(meta: Meta, data: Record<string, unknown>): { key: string; label: string; value: string }[] {
  return Object.entries(data)
    .filter(([k, v]) => !HIDDEN_DATA.has(k) && v !== null && v !== undefined && v !== '')
    .map(([k, v]) => ({ key: k, label: fieldLabel(k), value: valueText(meta, k, v) }));
}

export function auditActionLabel(meta: Meta, action: string): string {
  return meta.actions[action] ?? AUDIT_ACTIONS[action] ?? action;
}

/** Fields of a record not worth listing as changes. */
const NOISE = new Set(['id', 'agencyId', 'createdAt', 'updatedAt', 'version', 'event', 'createdBy', 'submittedAt']);

export interface Change {
  key: string;
  label: string;
  before: string | null;
  after: string;
}

/** The fields that differ between the record before and after a change (all set fields when created). */
export function changesOf(meta: Meta, before: unknown, after: unknown, people: Map<string, string> = new Map()): Change[] {
  const b = before && typeof before === 'object' ? (before as Record<string, unknown>) : null;
  const a = after && typeof after === 'object' ? (after as Record<string, unknown>) : null;
  if (!a) return [];
  const out: Change[] = [];
  for (const [k, v] of Object.entries(a)) {
    if (NOISE.has(k)) continue;
    const old = b ? b[k] : undefined;
    if (b && JSON.stringify(old ?? null) === JSON.stringify(v ?? null)) continue;
    if (!b && (v === null || v === undefined || v === '')) continue;
    const text = (x: unknown) => (k === 'assigneeId' && typeof x === 'string' && people.has(x) ? people.get(x)! : valueText(meta, k, x));
    out.push({ key: k, label: fieldLabel(k), before: b ? text(old) : null, after: text(v) });
  }
  return out;
}

/** The step data recorded with an audit entry of a workflow step. */
export function auditEventData(after: unknown): Record<string, unknown> | null {
  const event = after && typeof after === 'object' ? (after as { event?: { data?: Record<string, unknown>; on?: string } }).event : undefined;
  return event?.data ? { ...(event.on ? { on: event.on } : {}), ...event.data } : null;
}
