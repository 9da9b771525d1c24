/**
 * The annual report in the back office (src/http/routes/reports.ts): the years of an agency's reports, the
 * editor's workspace and its steps (save, submit, approve, return, publish), the records behind a cell, the
 * files of a draft and of a frozen version, and bringing in an earlier year's published report (read and shown
 * first, saved on confirmation).
 *
 * The report itself is the core's model (src/core/report/model.ts, docs/report-model.md), its text the
 * sections of ./public.ts.
 */
import { z } from 'zod';
import { RECORD_KIND_LABELS, type RecordKind } from '../../core/report/engine';
import { RULES, SEVERITY_LABELS, type RuleId, type Severity } from '../../core/report/findings';
import { NARRATIVE_KEYS } from '../../core/report/layout';
import { FORMATS, reportSchema } from '../../core/report/model';
import { int32, positiveInt32 } from '../../core/safe-input';
import { MEDIA, agencyParams, day, download, fileBytes, int, timestamp, type Operation } from './common';
import { reportSections } from './public';
import { registryStats } from './registry';

export const reportParams = agencyParams.extend({ year: int32('年度', { min: 2019, max: 2100 }) });

// ---------------------------------------------------------------------------------------------------------
// The parts of the answers

const format = z.enum(FORMATS).describe('模板版本：2019 年版（2020 年度及以前）或 2021 年版');
const STATUSES = 'none 未编写 | draft 草稿 | submitted 待审核 | approved 已批准 | published 已发布 | imported 已导入';
const SOURCES = 'published 本系统发布 | imported 导入的已公布报告';

/** What a check or the reading of a file says about a report (src/core/report/findings.ts). */
export const reportFinding = z.object({
  rule: z.enum(Object.keys(RULES) as [RuleId, ...RuleId[]]).describe('规则（名称见 GET /api/meta 的 rules）'),
  severity: z.enum(Object.keys(SEVERITY_LABELS) as [Severity, ...Severity[]]).describe('error 错误 | warning 警告 | info 提示'),
  message: z.string(),
  where: z.string().describe('位置：报告数据的路径（如 applications.total[6]）或原文的“line N”'),
});

export const severityCounts = z.object({ error: int, warning: int, info: int }).describe('错误、警告、提示各几处');

/** A frozen version of a year's report. */
export const reportVersionInfo = z.object({
  version: int,
  source: z.string().describe(SOURCES),
  publishedAt: timestamp,
  originalName: z.string().nullable().describe('导入时上传的原始文件名（本系统发布的为 null）'),
  counts: severityCounts,
});

/** The key figures of a report, compared across agencies and years (src/services/reports/versions.ts figures). */
export const reportFigures = z.object({
  format,
  received: z.number().nullable().describe('本年新收申请'),
  carriedOver: z.number().nullable().describe('上年结转'),
  answered: z.number().nullable().describe('办理结果总计'),
  carriedForward: z.number().nullable().describe('结转下年度继续办理'),
  disclosedShare: z.number().nullable().describe('予以公开与部分公开占办理结果总计的比例（0–1）'),
  reviews: z.number().nullable().describe('行政复议总计'),
  suits: z.number().nullable().describe('行政诉讼总计'),
  documents: z.number().nullable().describe('表二：本年制发（2019 年版）或新制发（2021 年版）的规章和规范性文件'),
  licensing: z.number().nullable().describe('行政许可决定'),
  punishment: z.number().nullable().describe('行政处罚决定'),
  enforcement: z.number().nullable().describe('行政强制决定'),
});

// ---------------------------------------------------------------------------------------------------------
// The answers

/** A year of the list page. */
export const reportYear = z.object({
  year: int,
  format,
  status: z.string().describe(STATUSES),
  updatedAt: timestamp.nullable().describe('草稿最后修改时间'),
  versions: z.array(reportVersionInfo.omit({ originalName: true })),
  dueOn: day.describe('报送期限（条例第四十九条）'),
});

export const allowedSteps = z
  .object({ save: z.boolean(), submit: z.boolean(), approve: z.boolean(), return: z.boolean(), publish: z.boolean(), import: z.boolean() })
  .describe('当前用户现在可以办理的步骤');

export const reportHistoryEntry = z.object({
  action: z.string(),
  label: z.string(),
  actorName: z.string(),
  at: timestamp,
  reason: z.string().nullable().describe('退回意见'),
  version: int.nullable().describe('发布或导入的版本'),
});

/** The editor's workspace: a year's report as it stands. */
export const reportWorkspace = z.object({
  agency: z.object({ id: int, name: z.string(), kind: z.string() }),
  year: int,
  format,
  report: reportSchema.describe('按记录计算的表格数据（见 docs/report-model.md）'),
  sections: reportSections.describe('正文：已保存的，或按数据生成的草稿'),
  generatedSections: reportSections.describe('按数据生成的正文草稿'),
  saved: z.boolean().describe('是否已保存过正文'),
  status: z.string().describe(STATUSES),
  draftVersion: int.describe('草稿版本：保存正文时以 ?version= 防止覆盖他人的修改'),
  allowed: allowedSteps,
  submitFrom: day.describe('可以提交、审核和发布的第一天（次年 1 月 1 日）'),
  yearEnded: z.boolean(),
  findings: z.array(reportFinding),
  counts: severityCounts,
  sectionLineMap: z.array(z.object({ line: int, section: z.enum(NARRATIVE_KEYS), paragraph: int })).describe('检查结果中“line N”所指的正文部分与段落'),
  previous: z.object({ year: int, source: z.string(), version: int }).nullable().describe('上一年度报告（最新版本）'),
  previousReport: reportSchema.nullable().describe('上一年度报告的数据，供对照'),
  versions: z.array(reportVersionInfo),
  history: z.array(reportHistoryEntry).describe('保存、提交、审核、退回和发布的记录（最早的在前）'),
  registry: registryStats.describe('本年度主动公开的统计（正文草稿引用）'),
  dueOn: day.describe('报送期限'),
});

/** A record counted in a cell. */
export const cellRecord = z.object({
  kind: z.enum(Object.keys(RECORD_KIND_LABELS) as [RecordKind, ...RecordKind[]]),
  kindLabel: z.string(),
  id: z.string(),
  label: z.string(),
  date: day.nullable(),
  detail: z.string(),
  amount: z.number().describe('计入该单元格的数量'),
});

/** What was read from a report brought in, before it is saved. */
export const importPreview = z.object({
  token: z.string().describe('确认导入时随同一文件提交'),
  year: int,
  format,
  printedAgency: z.string().nullable().describe('报告中印载的机关名称'),
  agency: z.object({ id: int, name: z.string() }),
  figures: reportFigures,
  report: reportSchema,
  findings: z.array(reportFinding),
  counts: severityCounts,
  existing: z.array(z.object({ version: int, source: z.string() })).describe('该年度已有的版本'),
});

/** What publication answers: the version it froze. */
export const publishedVersion = z.object({ version: int.describe('发布的版本') });

export const importSaved = z.object({ year: int, version: int, format, report: reportSchema, findings: z.array(reportFinding), counts: severityCounts });

// ---------------------------------------------------------------------------------------------------------
// The bodies

const importFields = {
  file: fileBytes.describe('报告文件（文本、.docx、.pdf、.html）'),
  year: z.string().optional().describe('报告年度（可选；填写时须与文件所载年度一致）'),
};
export const reportImportForm = z.object(importFields).describe('一个报告文件');
export const reportImportConfirmForm = z.object({ ...importFields, token: z.string().describe('第一步返回的 token') }).describe('与第一步相同的报告文件及其 token');

export const returnBody = z.object({ reason: z.string().max(1000, '退回意见不能超过 1000 字').optional().describe('退回意见') }).nullish();

// ---------------------------------------------------------------------------------------------------------
// The operations

const versionQuery = z.object({ version: positiveInt32('版本号').optional() });

export const reportsApi = {
  'GET /api/agencies/:agencyId/reports': { params: agencyParams, response: { 200: z.array(reportYear).describe('各年度（最近的在前）') } },
  'GET /api/agencies/:agencyId/reports/:year': { params: reportParams, response: { 200: reportWorkspace } },
  'PUT /api/agencies/:agencyId/reports/:year/sections': { params: reportParams, querystring: versionQuery, body: reportSections, response: { 200: reportWorkspace } },
  'POST /api/agencies/:agencyId/reports/:year/submit': { params: reportParams, noBody: true, response: { 200: reportWorkspace } },
  'POST /api/agencies/:agencyId/reports/:year/approve': { params: reportParams, noBody: true, response: { 200: reportWorkspace } },
  'POST /api/agencies/:agencyId/reports/:year/return': { params: reportParams, body: returnBody, response: { 200: reportWorkspace } },
  'POST /api/agencies/:agencyId/reports/:year/publish': { params: reportParams, noBody: true, response: { 200: publishedVersion } },
  'GET /api/agencies/:agencyId/reports/:year/cells': {
    params: reportParams,
    querystring: z.object({ path: z.string().min(3).max(100).describe('单元格的路径，如 applications.total[6]') }),
    response: { 200: z.array(cellRecord).describe('按日期排序') },
  },
  'GET /api/agencies/:agencyId/reports/:year/draft.:kind': {
    params: reportParams.extend({ kind: z.enum(['docx', 'xlsx', 'html']) }),
    response: { 200: download('草稿的 Word、Excel 文件，或网页（html，在浏览器中显示）', [MEDIA.docx, MEDIA.xlsx, MEDIA.html]) },
  },
  'GET /api/agencies/:agencyId/reports/:year/versions/:version/:kind': {
    params: reportParams.extend({ version: positiveInt32('版本号'), kind: z.enum(['docx', 'xlsx', 'original'], { error: '文件类别无效' }) }),
    response: { 200: download('该版本的 Word、Excel 文件，或导入时上传的原始文件（original，其本来的文件类型）', [MEDIA.docx, MEDIA.xlsx, MEDIA.pdf, MEDIA.html, 'text/plain', MEDIA.octet]) },
  },
  'POST /api/agencies/:agencyId/reports/import': { params: agencyParams, body: reportImportForm, form: 'multipart', response: { 200: importPreview } },
  'POST /api/agencies/:agencyId/reports/import/confirm': { params: agencyParams, body: reportImportConfirmForm, form: 'multipart', response: { 201: importSaved } },
} satisfies Record<string, Operation>;
