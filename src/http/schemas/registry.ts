/**
 * 主动公开 in the back office (src/http/routes/registry.ts): the items and their review, the statistics, the
 * records of decisions, fees, 事项 and procurement, imports, and the 公开指南.
 */
import { z } from 'zod';
import { int32, positiveInt32 } from '../../core/safe-input';
import { DISCLOSURE_STEPS, DISCLOSURE_STEP_SCHEMAS, decisionSchema, disclosureSchema, feeSchema, matterSchema, procurementSchema, registryFilterSchema, type DisclosureStep } from '../../services/registry';
import { MEDIA, agencyParams, day, download, fileBytes, id, int, ok, timestamp, type Operation } from './common';

// ---------------------------------------------------------------------------------------------------------
// Items of 主动公开

const STATUS_CODES = 'draft 待审核 | approved 已批准待发布 | published 已公开 | withdrawn 已撤回';

/** An item as the registry lists it (src/services/registry.ts listDisclosures). */
export const disclosure = z.object({
  agencyId: int,
  id,
  title: z.string(),
  category: int.describe('条例第二十条的项（1–15）'),
  categoryLabel: z.string(),
  documentNumber: z.string().nullable().describe('文号'),
  docKind: z.string().nullable().describe('regulation 规章 | normativeDocument 行政规范性文件'),
  issuedOn: day.nullable().describe('制发日期'),
  repealedOn: day.nullable().describe('废止日期'),
  formedOn: day.describe('形成或者变更之日'),
  publishedOn: day.nullable(),
  channels: z.record(z.string(), z.string()).describe('公开渠道 → 栏目或账号'),
  interpretationOf: id.nullable().describe('所解读的文件'),
  summary: z.string().nullable(),
  url: z.string().nullable().describe('原文地址'),
  status: z.string().describe(STATUS_CODES),
  secrecyReviewedBy: id.nullable(),
  secrecyReviewedOn: day.nullable(),
  secrecyReviewerName: z.string().nullable().describe('保密审查人'),
  approvedBy: id.nullable(),
  approvedOn: day.nullable(),
  approverName: z.string().nullable().describe('审核批准人'),
  createdBy: id.nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
  version: int.describe('版本：修改时以 ?version= 防止覆盖他人的更新'),
  timeliness: z
    .object({ by: day.nullable().describe('按时公开的最后一天'), onTime: z.boolean().nullable(), overdue: z.boolean() })
    .describe('是否在形成之日起 20 个工作日内公开（条例第二十六条）'),
  allowedSteps: z.array(z.enum(DISCLOSURE_STEPS)).describe('当前用户现在可以办理的步骤'),
});

export const disclosureList = z.object({ total: int, items: z.array(disclosure) });

/** An item as entered (the service checks it: src/services/registry.ts disclosureSchema). */
export const disclosureBody = disclosureSchema;

const STEP_LABELS: Record<DisclosureStep, string> = { secrecyReview: '保密审查', approve: '审核批准', publish: '发布', repeal: '废止', withdraw: '撤回' };
type StepSchema = (typeof DISCLOSURE_STEP_SCHEMAS)[DisclosureStep];
export const disclosureStepBody = z
  .union(DISCLOSURE_STEPS.map((s) => DISCLOSURE_STEP_SCHEMAS[s].meta({ title: s, description: STEP_LABELS[s] })) as unknown as [StepSchema, ...StepSchema[]])
  .nullish()
  .describe('所办步骤（路径中的 step）所需的内容：各步骤一种；on 为日期（默认今天）');
export type DisclosureStepBody<S extends DisclosureStep> = z.input<(typeof DISCLOSURE_STEP_SCHEMAS)[S]>;

export const registryStats = z.object({
  published: int.describe('本年度公开的条数'),
  byCategory: z.record(z.string(), int).describe('条例第二十条的项 → 条数'),
  byChannel: z.record(z.string(), int).describe('公开渠道 → 条数'),
  interpretations: int.describe('政策解读的条数'),
  onTimeRate: z.number().nullable().describe('及时率（0–1）'),
  publicationRate: z.number().nullable().describe('公开率（0–1）'),
  byMonth: z.array(z.object({ month: int, published: int, onTime: int })),
});

// ---------------------------------------------------------------------------------------------------------
// Records: decisions, fees, 事项, procurement

const recordKind = z.enum(['decisions', 'fees', 'matters', 'procurements'], { error: '记录类别无效' });
const importKind = z.enum(['decisions', 'fees', 'matters', 'procurements', 'disclosures'], { error: '导入类别无效' });
const kindParams = agencyParams.extend({ kind: recordKind });
const recordParams = kindParams.extend({ id: z.uuid('记录编号无效') });

const recordKey = { agencyId: int, id };
export const decisionRecord = z
  .object({
    ...recordKey,
    kind: z.string().describe('licensing 行政许可 | punishment 行政处罚 | enforcement 行政强制'),
    decisionNumber: z.string().nullable(),
    subject: z.string().describe('相对人'),
    decidedOn: day,
    publishedOn: day.nullable(),
    summary: z.string().nullable(),
    createdAt: timestamp,
  })
  .meta({ title: 'decisions', description: '行政决定' });
export const feeRecord = z
  .object({ ...recordKey, item: z.string(), collectedOn: day, amountYuan: z.number().describe('金额（元）'), payer: z.string().nullable(), createdAt: timestamp })
  .meta({ title: 'fees', description: '行政事业性收费' });
export const matterRecord = z
  .object({ ...recordKey, kind: z.string(), name: z.string(), establishedOn: day, abolishedOn: day.nullable(), createdAt: timestamp })
  .meta({ title: 'matters', description: '事项' });
export const procurementRecord = z
  .object({ ...recordKey, name: z.string(), contractedOn: day, amountYuan: z.number().describe('金额（元）'), createdAt: timestamp })
  .meta({ title: 'procurements', description: '政府集中采购项目' });

/** A record of the path's kind. */
export const recordRow = z.union([decisionRecord, feeRecord, matterRecord, procurementRecord]).describe('路径中 kind 类别的一条记录');

/** A record as entered, of the path's kind (the service checks it with the kind's schema). */
export const recordBody = z
  .union([
    decisionSchema.meta({ title: 'decisions', description: '行政决定' }),
    feeSchema.meta({ title: 'fees', description: '行政事业性收费' }),
    matterSchema.meta({ title: 'matters', description: '事项' }),
    procurementSchema.meta({ title: 'procurements', description: '政府集中采购项目' }),
  ])
  .describe('路径中 kind 类别的记录的各字段');

export const createdRecords = z.object({ inserted: int.describe('登记的条数'), ids: z.array(id) });

/** What an import takes: one file, read by the service (src/http/multipart.ts readForm). */
export const importForm = z.object({ file: fileBytes.describe('.xlsx 或 .csv 文件（列见导入模板）') });
/** What an import answers: the rows inserted (all of the file's). */
export const imported = z.object({ inserted: int.describe('导入的行数') });

// ---------------------------------------------------------------------------------------------------------
// 公开指南

export const staffGuide = z.object({
  body: z.string().describe('公开指南全文'),
  custom: z.boolean().describe('false：按机关信息生成的默认指南'),
  updatedAt: timestamp.nullable().describe('最后修改时间（未修改过时为 null）'),
});

export const registryApi = {
  'GET /api/agencies/:agencyId/disclosures': { params: agencyParams, querystring: registryFilterSchema, response: { 200: disclosureList.describe('按形成日期排序：新的在前') } },
  'POST /api/agencies/:agencyId/disclosures': { params: agencyParams, body: disclosureBody, response: { 201: z.object({ id }) } },
  'PUT /api/agencies/:agencyId/disclosures/:id': {
    params: agencyParams.extend({ id: z.uuid() }),
    querystring: z.object({ version: positiveInt32('版本号').optional() }),
    body: disclosureBody,
    response: { 200: ok },
  },
  'POST /api/agencies/:agencyId/disclosures/:id/:step': {
    params: agencyParams.extend({ id: z.uuid(), step: z.enum(DISCLOSURE_STEPS, { error: '无效的步骤' }) }),
    body: disclosureStepBody,
    response: { 200: ok },
  },
  'POST /api/agencies/:agencyId/disclosures/import': { params: agencyParams, body: importForm, form: 'multipart', response: { 200: imported } },
  'GET /api/agencies/:agencyId/registry-stats': {
    params: agencyParams,
    querystring: z.object({ year: int32('年度', { min: 2000, max: 2100 }) }),
    response: { 200: registryStats },
  },
  'GET /api/agencies/:agencyId/records/:kind': {
    params: kindParams,
    querystring: z.object({ year: int32('年度').optional() }),
    response: { 200: z.array(recordRow).describe('按日期排序：新的在前（至多 2000 条）') },
  },
  'POST /api/agencies/:agencyId/records/:kind': { params: kindParams, body: recordBody, response: { 201: createdRecords } },
  'PUT /api/agencies/:agencyId/records/:kind/:id': { params: recordParams, body: recordBody.describe('记录的各字段，同逐条登记'), response: { 200: ok } },
  'DELETE /api/agencies/:agencyId/records/:kind/:id': { params: recordParams, response: { 200: ok } },
  'POST /api/agencies/:agencyId/records/:kind/import': { params: kindParams, body: importForm, form: 'multipart', response: { 200: imported } },
  'GET /api/import-templates/:kind': { params: z.object({ kind: importKind }), response: { 200: download('导入模板（Excel）', [MEDIA.xlsx]) } },
  'GET /api/agencies/:agencyId/guide': { params: agencyParams, response: { 200: staffGuide } },
  'PUT /api/agencies/:agencyId/guide': { params: agencyParams, body: z.object({ body: z.string().describe('公开指南全文') }), response: { 200: ok } },
} satisfies Record<string, Operation>;
