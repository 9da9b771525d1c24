/**
 * Labels the web app shows, from their single definitions in the core.
 */
import { DECISIONS } from '../../core/applications/decisions';
import { APPLICANT_TYPE_LABELS, CHANNEL_LABELS, DELIVERIES, FORMS, ID_TYPE_LABELS } from '../../core/applications/intake';
import { ACTIONS, ROLE_LABELS, STATUS_LABELS, TRANSITIONS, type Action } from '../../core/applications/workflow';
import { REVIEW_KIND_LABELS, REVIEW_OUTCOME_LABELS } from '../../services/review-cases';
import { ARTICLE_20, CHANNELS, DECISION_KINDS, DISCLOSURE_STATUS_LABELS, DISCLOSURE_STEP_LABELS, DISCLOSURE_STEP_ROLES, DOC_KINDS, MATTER_KINDS, ON_TIME_WORKDAYS } from '../../core/registry/categories';
import { IMPORT_COLUMNS, IMPORT_LABELS } from '../../services/imports';
import { RULES } from '../../core/report/findings';
import { rightsForWeb } from '../../core/rights';
import { SECTIONS } from '../../core/report/template';
import { REPORT_SOURCE_LABELS, REPORT_STATUS_LABELS } from '../../services/reports';
import { spec } from '../schemas/common';
import { metaAnswer, metaApi } from '../schemas/meta';
import type { Assert, Declares } from '../schemas/route';
import type { TypedApp } from '../app';

export function registerMetaRoutes(app: TypedApp): void {
  app.get('/api/meta', { schema: { tags: ['公共'], summary: '界面所用的标签与选项', ...spec(metaApi['GET /api/meta']) } }, async () => meta());
}

/** The answer declares every label the core defines (a label added here and not there would be dropped). */
export type MetaDeclared = Assert<Declares<typeof metaAnswer, ReturnType<typeof meta>>>;

function meta() {
  return {
    statuses: STATUS_LABELS,
    roles: ROLE_LABELS,
    actions: Object.fromEntries(ACTIONS.map((a) => [a, TRANSITIONS[a].label])) as Record<Action, string>,
    decisions: DECISIONS.map((d) => ({ key: d.key, label: d.label, basis: d.basis, onlyFrom: d.onlyFrom ?? [], alsoFrom: d.alsoFrom ?? [] })),
    applicantTypes: APPLICANT_TYPE_LABELS,
    channels: CHANNEL_LABELS,
    idTypes: ID_TYPE_LABELS,
    forms: FORMS,
    deliveries: DELIVERIES,
    reviewKinds: REVIEW_KIND_LABELS,
    reviewOutcomes: REVIEW_OUTCOME_LABELS,
    categories: ARTICLE_20.map((c) => ({ no: c.no, label: `（${c.numeral}）${c.text}` })),
    publicationChannels: CHANNELS,
    docKinds: DOC_KINDS,
    decisionKinds: DECISION_KINDS,
    matterKinds: MATTER_KINDS,
    categoryTexts: ARTICLE_20.map((c) => ({ no: c.no, numeral: c.numeral, text: c.text })),
    disclosureStatuses: DISCLOSURE_STATUS_LABELS,
    disclosureSteps: Object.entries(DISCLOSURE_STEP_LABELS).map(([key, label]) => ({ key, label, roles: DISCLOSURE_STEP_ROLES[key as keyof typeof DISCLOSURE_STEP_LABELS] })),
    onTimeWorkdays: ON_TIME_WORKDAYS,
    recordKinds: Object.entries(IMPORT_COLUMNS).map(([key, columns]) => ({ key, label: IMPORT_LABELS[key as keyof typeof IMPORT_LABELS], columns })),
    rules: RULES,
    sections: SECTIONS.map((s) => ({ key: s.key, heading: `${s.numeral}、${s.title}` })),
    reportStatuses: REPORT_STATUS_LABELS,
    reportSources: REPORT_SOURCE_LABELS,
    /** who may do what, and where (src/core/rights.ts): the web app shows and hides its actions from it */
    rights: rightsForWeb(),
  };
}
