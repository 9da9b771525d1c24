/**
 * GET /api/meta: every label and option the web app shows, from their single definitions in the core
 * (src/http/routes/meta.ts). The label maps list their keys from those same definitions.
 */
import { z } from 'zod';
import { ACTIONS, ROLES, STATUSES } from '../../core/applications/workflow';
import { APPLICANT_TYPES, CHANNELS, DELIVERIES, FORMS, ID_TYPES } from '../../core/applications/intake';
import { CHANNELS as PUBLICATION_CHANNELS, DECISION_KINDS, DISCLOSURE_STATUS_LABELS, DOC_KINDS, MATTER_KINDS } from '../../core/registry/categories';
import { RIGHTS, type RightKey, type Scope } from '../../core/rights';
import { int, type Operation } from './common';

/** A label for each of `keys` (an object whose keys are exactly those). */
function labelsFor<const K extends readonly [string, ...string[]]>(keys: K, description: string) {
  return z.record(z.enum(keys), z.string()).describe(description);
}
/** A label for each key of a constant map of labels. */
function labelsOf<T extends Record<string, string>>(labels: T, description: string) {
  return labelsFor(Object.keys(labels) as [keyof T & string, ...(keyof T & string)[]], description);
}
const keyedLabels = (description: string) => z.record(z.string(), z.string()).describe(description);

const SCOPES = ['public', 'signedIn', 'own', 'ownOrSupervised', 'platform'] as const satisfies readonly Scope[];
const LAPSE_STATUSES = ['awaitingCorrection', 'awaitingFee'] as const;

/** A column of an import template (src/services/imports.ts), also a field of the record form. */
const importColumn = z.object({
  key: z.string(),
  header: z.string(),
  required: z.boolean(),
  kind: z.string().describe('text | date | money | enum | …（列的取值类型）'),
  options: z.record(z.string(), z.string()).optional(),
  example: z.string(),
});

export const metaAnswer = z.object({
  statuses: labelsFor(STATUSES, '申请的办理状态'),
  roles: labelsFor(ROLES, '角色'),
  actions: labelsFor(ACTIONS, '办理步骤'),
  decisions: z
    .array(
      z.object({
        key: z.string(),
        label: z.string(),
        basis: z.string().describe('法律依据'),
        onlyFrom: z.array(z.enum(LAPSE_STATUSES)),
        alsoFrom: z.array(z.enum(LAPSE_STATUSES)),
      }),
    )
    .describe('答复的处理结果（年度报告表三的行）'),
  applicantTypes: labelsFor(APPLICANT_TYPES, '申请人类型'),
  channels: labelsFor(CHANNELS, '申请方式'),
  idTypes: labelsFor(ID_TYPES, '证件类型'),
  forms: labelsOf(FORMS, '获取信息的形式'),
  deliveries: labelsOf(DELIVERIES, '获取信息的方式'),
  reviewKinds: keyedLabels('行政复议、行政诉讼案件类型'),
  reviewOutcomes: keyedLabels('复议、诉讼结果'),
  categories: z.array(z.object({ no: int, label: z.string() })).describe('条例第二十条的公开类别'),
  publicationChannels: labelsOf(PUBLICATION_CHANNELS, '公开渠道'),
  docKinds: labelsOf(DOC_KINDS, '文件类别'),
  decisionKinds: labelsOf(DECISION_KINDS, '行政决定类别'),
  matterKinds: labelsOf(MATTER_KINDS, '事项类别'),
  categoryTexts: z.array(z.object({ no: int, numeral: z.string(), text: z.string() })),
  disclosureStatuses: labelsOf(DISCLOSURE_STATUS_LABELS, '主动公开事项的状态'),
  disclosureSteps: z.array(z.object({ key: z.string(), label: z.string(), roles: z.array(z.string()) })),
  onTimeWorkdays: int.describe('主动公开的时限（工作日，条例第二十六条）'),
  recordKinds: z.array(z.object({ key: z.string(), label: z.string(), columns: z.array(importColumn) })),
  rules: keyedLabels('年度报告检查规则'),
  sections: z.array(z.object({ key: z.string(), heading: z.string() })),
  reportStatuses: keyedLabels('年度报告的状态'),
  reportSources: keyedLabels('年度报告的来源'),
  rights: z
    .record(z.enum(Object.keys(RIGHTS) as [RightKey, ...RightKey[]]), z.object({ label: z.string(), roles: z.array(z.enum(ROLES)), scope: z.enum(SCOPES) }))
    .describe('权限表（src/core/rights.ts）：每项操作的角色与范围'),
});

export const metaApi = {
  'GET /api/meta': { response: { 200: metaAnswer } },
} satisfies Record<string, Operation>;
