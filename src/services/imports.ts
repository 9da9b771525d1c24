/**
 * Bulk import of 主动公开 items, decisions, fees, items (事项) and procurement projects from .xlsx or .csv: a
 * template to download, every row checked, errors named by row and column in Chinese, and nothing imported
 * when any row is bad (one transaction). A file already imported into the same agency and kind is refused
 * (409 naming when): its SHA-256 is kept in the import's audit entry (`after.sha256`), and looked up there
 * under a transaction-scoped lock, so two uploads of one file at the same moment cannot both pass.
 */
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../db/index';
import { auditLog, disclosures } from '../db/schema';
import { decodeText } from '../extract/index';
import { fieldErrors } from '../core/applications/intake';
import { ARTICLE_20, CHANNELS, DECISION_KINDS, DOC_KINDS, MATTER_KINDS } from '../core/registry/categories';
import { chinaDate, chineseDate, type Ctx, type StaffActor } from './context';
import { appendAudit } from './audit';
import { assertAllowed } from './agencies';
import { ServiceError, badInput, conflict } from './errors';
import { RECORD_TABLES, disclosureSchema, insertRecords, type RecordTable } from './registry';
import { sha256 } from './storage';
import type { Upload } from './uploads';
import { badCharacter, badCharacterMessage } from '../core/safe-input';
import { MAX_INFLATED_BYTES, zipBombReason } from '../extract/zip';

/** A column of a records template (also a field of the records' form: GET /api/meta recordKinds). */
interface RecordColumn {
  key: string;
  header: string;
  required: boolean;
  kind: 'text' | 'date' | 'money' | 'enum';
  options?: Record<string, string>;
  example: string;
}

/**
 * Any column of a template: a record's, or one of the 主动公开 template's own kinds — category: an Art. 20
 * item (7, 七, （七）, its text); channels: 公开渠道, several separated by ；, each "渠道" or "渠道：栏目".
 */
interface Column extends Omit<RecordColumn, 'kind'> {
  kind: RecordColumn['kind'] | 'category' | 'channels';
}

export const IMPORT_COLUMNS: Record<RecordTable, RecordColumn[]> = {
  decisions: [
    { key: 'kind', header: '类别', required: true, kind: 'enum', options: DECISION_KINDS, example: '行政许可' },
    { key: 'decisionNumber', header: '决定文号', required: false, kind: 'text', example: '示卫许〔2026〕1号' },
    { key: 'subject', header: '相对人', required: true, kind: 'text', example: '示范市某某诊所' },
    { key: 'decidedOn', header: '决定日期', required: true, kind: 'date', example: '2026-03-05' },
    { key: 'publishedOn', header: '公开日期', required: false, kind: 'date', example: '2026-03-10' },
    { key: 'summary', header: '摘要', required: false, kind: 'text', example: '准予医疗机构执业登记' },
  ],
  fees: [
    { key: 'item', header: '收费项目', required: true, kind: 'text', example: '预防性体检费' },
    { key: 'collectedOn', header: '收费日期', required: true, kind: 'date', example: '2026-03-05' },
    { key: 'amountYuan', header: '金额（元）', required: true, kind: 'money', example: '1200.00' },
    { key: 'payer', header: '缴费人', required: false, kind: 'text', example: '某某公司' },
  ],
  matters: [
    { key: 'kind', header: '类别', required: true, kind: 'enum', options: MATTER_KINDS, example: '行政许可事项' },
    { key: 'name', header: '事项名称', required: true, kind: 'text', example: '医疗机构执业登记' },
    { key: 'establishedOn', header: '设立日期', required: true, kind: 'date', example: '2019-01-01' },
    { key: 'abolishedOn', header: '取消日期', required: false, kind: 'date', example: '' },
  ],
  procurements: [
    { key: 'name', header: '项目名称', required: true, kind: 'text', example: '医疗设备采购' },
    { key: 'contractedOn', header: '签约日期', required: true, kind: 'date', example: '2020-05-20' },
    { key: 'amountYuan', header: '金额（元）', required: true, kind: 'money', example: '251000' },
  ],
};

export const IMPORT_LABELS: Record<RecordTable, string> = {
  decisions: '行政许可、行政处罚、行政强制决定',
  fees: '行政事业性收费',
  matters: '事项（行政许可、其他对外管理服务、处罚、强制、收费项目）',
  procurements: '政府集中采购项目',
};

/** The columns of an import of 主动公开 items (the fields of the registry's form, without 政策解读). */
export const DISCLOSURE_IMPORT_COLUMNS: Column[] = [
  { key: 'title', header: '标题', required: true, kind: 'text', example: '示范市卫生健康局2026年部门预算' },
  { key: 'category', header: '公开类别', required: true, kind: 'category', example: '（七）财政预算、决算信息' },
  { key: 'documentNumber', header: '文号', required: false, kind: 'text', example: '' },
  { key: 'docKind', header: '文件类型', required: false, kind: 'enum', options: DOC_KINDS, example: '' },
  { key: 'issuedOn', header: '制发日期', required: false, kind: 'date', example: '' },
  { key: 'repealedOn', header: '废止日期', required: false, kind: 'date', example: '' },
  { key: 'formedOn', header: '形成或变更日期', required: true, kind: 'date', example: '2026-02-10' },
  { key: 'publishedOn', header: '公开日期', required: false, kind: 'date', example: '2026-02-12' },
  { key: 'channels', header: '公开渠道', required: false, kind: 'channels', example: '政府网站：财政资金；政务微信公众号' },
  { key: 'summary', header: '摘要', required: false, kind: 'text', example: '' },
  { key: 'url', header: '链接', required: false, kind: 'text', example: '' },
];

export const DISCLOSURE_IMPORT_LABEL = '主动公开事项';

export type ImportKind = RecordTable | 'disclosures';

const columnsOf = (kind: ImportKind): Column[] => (kind === 'disclosures' ? DISCLOSURE_IMPORT_COLUMNS : IMPORT_COLUMNS[kind]);
export const importLabel = (kind: ImportKind): string => (kind === 'disclosures' ? DISCLOSURE_IMPORT_LABEL : IMPORT_LABELS[kind]);

export const MAX_IMPORT_ROWS = 100_000;

/** What a column takes, for the template's note sheet. */
function columnHelp(c: Column): string {
  switch (c.kind) {
    case 'date':
      return '日期，如 2026-03-05';
    case 'money':
      return '金额（元），数字';
    case 'category':
      return `条例第二十条所列类别：填序号（1—${ARTICLE_20.length}）或“（七）财政预算、决算信息”这样的类别名称`;
    case 'channels':
      return `可填：${Object.values(CHANNELS).map((l) => l.replace(/（.*）$/, '')).join('、')}；多个渠道用“；”分隔，可写“政府网站：栏目名称”。已公开的事项必填`;
    default:
      return c.options ? `可填：${Object.values(c.options).join('、')}` : '文字';
  }
}

/** The template workbook: headers, one example row, and a note sheet. */
export async function importTemplate(kind: ImportKind): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(importLabel(kind).slice(0, 30));
  const cols = columnsOf(kind);
  ws.addRow(cols.map((c) => c.header)).font = { bold: true };
  ws.addRow(cols.map((c) => c.example));
  cols.forEach((c, i) => {
    ws.getColumn(i + 1).width = Math.max(12, c.header.length * 3);
  });
  const note = wb.addWorksheet('填写说明');
  note.addRow(['列', '是否必填', '说明']).font = { bold: true };
  for (const c of cols) {
    note.addRow([c.header, c.required ? '必填' : '选填', columnHelp(c)]);
  }
  note.addRow([]);
  note.addRow(['第二行为示例，导入前请删除或替换。任何一行有误时整份文件都不会导入，请按提示修改后重新上传。同一份文件不能重复导入。']);
  if (kind === 'disclosures') note.addRow(['填写了“公开日期”的事项按已公开登记；未填写的登记为待审核，须经保密审查、审核批准后发布。']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function toDate(v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (v instanceof Date) return `${v.getUTCFullYear()}-${String(v.getUTCMonth() + 1).padStart(2, '0')}-${String(v.getUTCDate()).padStart(2, '0')}`;
  const s = String(v).trim().normalize('NFKC');
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s);
  if (!m) return s; // left for the schema to refuse, named
  return `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
}

function cellValue(v: ExcelJS.CellValue): unknown {
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    if ('result' in v) return v.result; // a formula: its value
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return v.text; // a hyperlink
  }
  return v;
}

/** Rows of the file as { header → value } with their row numbers (as the user sees them). */
async function readRows(upload: Upload): Promise<{ headers: string[]; rows: { no: number; values: unknown[] }[] }> {
  const name = upload.filename.toLowerCase();
  const isZip = upload.bytes[0] === 0x50 && upload.bytes[1] === 0x4b;
  if (isZip || name.endsWith('.xlsx')) {
    // exceljs inflates the whole workbook in this thread: a compression bomb is refused before it does
    const bomb = zipBombReason(upload.bytes, MAX_INFLATED_BYTES, 'Excel 文件');
    if (bomb) throw badInput(bomb, [{ path: 'file', message: bomb }]);
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(Buffer.from(upload.bytes) as unknown as ArrayBuffer);
    } catch {
      throw badInput('无法读取该 Excel 文件，请使用 .xlsx 格式（可下载导入模板）', [{ path: 'file', message: '无法读取该 Excel 文件' }]);
    }
    const ws = wb.worksheets[0];
    if (!ws) throw badInput('Excel 文件中没有工作表');
    const headers: string[] = [];
    ws.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => {
      headers[col - 1] = String(cellValue(cell.value) ?? '').trim();
    });
    const rows: { no: number; values: unknown[] }[] = [];
    ws.eachRow({ includeEmpty: false }, (row, no) => {
      if (no === 1) return;
      const values = headers.map((_, i) => cellValue(row.getCell(i + 1).value));
      if (values.some((v) => v !== null && v !== undefined && String(v).trim() !== '')) rows.push({ no, values });
    });
    return { headers, rows };
  }
  const { text } = decodeText(upload.bytes);
  let records: string[][];
  try {
    records = parseCsv(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true, trim: true });
  } catch (e) {
    throw badInput(`CSV 文件格式有误：${(e as Error).message}`, [{ path: 'file', message: 'CSV 文件格式有误' }]);
  }
  const [headers = [], ...body] = records;
  return { headers: headers.map((h) => h.trim()), rows: body.map((values, i) => ({ no: i + 2, values })) };
}

export interface ImportResult {
  inserted: number;
}

/** An Art. 20 category as written in a cell: 7, "七", "（七）", "第二十条第（七）项", its text, or "（七）" and its text. */
function categoryOf(v: unknown): number | null {
  const s = String(v).normalize('NFKC').replace(/\s+/g, '');
  if (/^\d+$/.test(s)) return Number(s) >= 1 && Number(s) <= ARTICLE_20.length ? Number(s) : null;
  const m = /^(?:第二十条)?第?\(?([一二三四五六七八九十]+)\)?项?/.exec(s);
  if (m) {
    const c = ARTICLE_20.find((x) => x.numeral === m[1]);
    const rest = s.slice(m[0].length);
    if (c && (rest === '' || c.text.normalize('NFKC').replace(/\s+/g, '').startsWith(rest))) return c.no;
    if (c) return null;
  }
  return ARTICLE_20.find((x) => x.text.normalize('NFKC') === s)?.no ?? null;
}

/** A channel's name as a cell may write it: its key, its label, or its label without the part in brackets. */
function channelKeyOf(name: string): string | null {
  const n = name.normalize('NFKC').replace(/\s+/g, '');
  for (const [key, label] of Object.entries(CHANNELS)) {
    const l = label.normalize('NFKC');
    if (n === key || n === l || n === l.replace(/\(.*\)$/, '')) return key;
  }
  return null;
}

/**
 * 公开渠道 as written: "政府网站：财政资金；政务微信公众号" → { website: '财政资金', wechat: '' }. Several are
 * separated by ；(or a line break); a name holding 、 (报刊、广播、电视) is matched whole. Returns the names
 * not known, when any.
 */
function channelsOf(v: unknown): { channels: Record<string, string>; unknown: string[] } {
  const channels: Record<string, string> = {};
  const unknown: string[] = [];
  for (const part of String(v).normalize('NFKC').split(/[;\n]+/)) {
    const t = part.trim();
    if (!t) continue;
    const [name, ...column] = t.split(':');
    const key = channelKeyOf(name);
    if (key) channels[key] = column.join(':').trim();
    else unknown.push(name.trim());
  }
  return { channels, unknown };
}

type RowError = { path: string; message: string };

/**
 * Every row of the file read by its columns and checked with `check` (the row's values by key → the row to
 * insert, or the errors of the row); all the good rows, or a 422 naming every bad row and column.
 */
async function checkedRows(
  upload: Upload,
  cols: Column[],
  check: (raw: Record<string, unknown>, no: number, header: (key: string) => string) => { row: Record<string, unknown> } | { errors: RowError[] },
): Promise<Record<string, unknown>[]> {
  const { headers, rows } = await readRows(upload);
  const index = new Map<string, number>();
  const normal = (h: string) => h.normalize('NFKC').replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）');
  headers.forEach((h, i) => index.set(normal(h), i));
  const missing = cols.filter((c) => c.required && !index.has(normal(c.header)));
  if (missing.length > 0) {
    throw badInput(`文件缺少必填列：${missing.map((c) => c.header).join('、')}（请使用导入模板）`, missing.map((c) => ({ path: c.key, message: `缺少“${c.header}”列` })));
  }
  if (rows.length === 0) throw badInput('文件中没有数据行');
  if (rows.length > MAX_IMPORT_ROWS) throw badInput(`一次最多导入 ${MAX_IMPORT_ROWS} 行`);
  const header = (key: string) => cols.find((c) => c.key === key)?.header ?? key;
  // where each column is in the file (undefined: an optional column left out)
  const at = cols.map((c) => index.get(normal(c.header)));
  const errors: RowError[] = [];
  const good: Record<string, unknown>[] = [];
  for (const { no, values } of rows) {
    const raw: Record<string, unknown> = {};
    let badValue = false;
    const bad = (c: Column, message: string) => {
      errors.push({ path: `row.${no}.${c.key}`, message: `第 ${no} 行“${c.header}”：${message}` });
      badValue = true;
    };
    for (const [ci, c] of cols.entries()) {
      const i = at[ci];
      let v = i === undefined ? undefined : values[i];
      if (typeof v === 'string') v = v.trim();
      const badChar = typeof v === 'string' ? badCharacter(v) : null;
      if (badChar) {
        errors.push({ path: `row.${no}.${c.key}`, message: badCharacterMessage(`第 ${no} 行“${c.header}”`, badChar) });
        badValue = true;
        continue;
      }
      if (v === '' || v === null) v = undefined;
      if (v !== undefined && c.kind === 'date') v = toDate(v) ?? undefined;
      if (v !== undefined && c.kind === 'money') v = typeof v === 'number' ? v : String(v).replace(/[,，元\s]/g, '');
      if (v !== undefined && c.kind === 'enum' && c.options) {
        const key = Object.entries(c.options).find(([k, label]) => label === v || k === v)?.[0];
        if (!key) {
          bad(c, `应为 ${Object.values(c.options).join('、')} 之一，实为“${v}”`);
          continue;
        }
        v = key;
      }
      if (v !== undefined && c.kind === 'category') {
        const no = categoryOf(v);
        if (no === null) {
          bad(c, `应为条例第二十条所列类别（序号 1—${ARTICLE_20.length}，或如“（七）财政预算、决算信息”），实为“${v}”`);
          continue;
        }
        v = no;
      }
      if (v !== undefined && c.kind === 'channels') {
        const r = channelsOf(v);
        if (r.unknown.length > 0) {
          bad(c, `无法识别的公开渠道“${r.unknown.join('、')}”，可填：${Object.values(CHANNELS).map((l) => l.replace(/（.*）$/, '')).join('、')}`);
          continue;
        }
        v = r.channels;
      }
      raw[c.key] = v;
    }
    if (badValue) continue;
    const r = check(raw, no, header);
    if ('errors' in r) errors.push(...r.errors);
    else good.push(r.row);
  }
  if (errors.length > 0) {
    throw new ServiceError(422, `共 ${errors.length} 处错误，未导入任何数据。${errors[0].message}`, errors.slice(0, 200));
  }
  return good;
}

/** A row's values through the schema: the row, or its errors named by row and column. */
function viaSchema(schema: z.ZodType, raw: Record<string, unknown>, no: number, header: (key: string) => string): { row: Record<string, unknown> } | { errors: RowError[] } {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { row: parsed.data as Record<string, unknown> };
  return { errors: fieldErrors(parsed.error).map((f) => ({ path: `row.${no}.${f.path}`, message: `第 ${no} 行“${header(f.path)}”：${f.message}` })) };
}

// ---------------------------------------------------------------------------------------------------------
// The same file twice

const CHINA_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false });

/**
 * Refuse a file (by its SHA-256) already imported into the agency as `entity` (the import's audit entry
 * holds it). Inside the import's transaction, under an advisory lock on (agency, entity, hash): a second
 * upload of the same file waits for the first to commit, then sees it.
 */
async function refuseImportedBefore(tx: Db, agencyId: number, entity: string, hash: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`import:${agencyId}:${entity}:${hash}`}))`);
  const [earlier] = await tx
    .select({ at: auditLog.at, actorName: auditLog.actorName, after: auditLog.after })
    .from(auditLog)
    .where(and(eq(auditLog.agencyId, agencyId), eq(auditLog.entity, entity), eq(auditLog.action, 'insert'), sql`${auditLog.after}->>'sha256' = ${hash}`))
    .orderBy(desc(auditLog.id))
    .limit(1);
  if (!earlier) return;
  const after = (earlier.after ?? {}) as { count?: number; filename?: string };
  const when = `${chineseDate(chinaDate(earlier.at))} ${CHINA_TIME.format(earlier.at)}`;
  throw conflict(
    `该文件已于 ${when} 导入（${after.filename ? `文件“${after.filename}”，` : ''}共 ${after.count ?? 0} 行，导入人：${earlier.actorName}），不能重复导入。` +
      '如需更正已导入的记录，请在列表中修改或删除。',
  );
}

// ---------------------------------------------------------------------------------------------------------
// Records: decisions, fees, 事项, procurement

/** Check every row; import all of them in one transaction, or none and say which rows are wrong. */
export async function importRecords(ctx: Ctx, actor: StaffActor, agencyId: number, kind: RecordTable, upload: Upload): Promise<ImportResult> {
  await assertAllowed(ctx.db, actor, 'record.write', agencyId);
  const hash = sha256(upload.bytes);
  // refused before reading a large file; checked again in the transaction (two uploads at once)
  await refuseImportedBefore(ctx.db, agencyId, kind, hash);
  const today = ctx.clock.today();
  const spec = RECORD_TABLES[kind];
  const good = await checkedRows(upload, IMPORT_COLUMNS[kind], (raw, no, header) => {
    const r = viaSchema(spec.schema, raw, no, header);
    if ('row' in r && String(r.row[spec.dateField]) > today) {
      return { errors: [{ path: `row.${no}.${spec.dateField}`, message: `第 ${no} 行“${header(spec.dateField)}”：不能晚于今天` }] };
    }
    return r;
  });
  const filename = upload.filename.slice(-80);
  const { inserted } = await insertRecords(ctx, actor, agencyId, kind, good, `import:${filename}`, {
    before: (tx) => refuseImportedBefore(tx, agencyId, kind, hash),
    audit: { filename, sha256: hash },
  });
  return { inserted };
}

// ---------------------------------------------------------------------------------------------------------
// 主动公开 items

/**
 * Import 主动公开 items: every row checked as the registry's form checks an item (条例第二十条 category,
 * 规章/规范性文件 only under 第（一）项, dates in order and not after today), all or none. A row with a
 * 公开日期 is an item published before it was entered here: it is recorded as 已公开 (with its channels,
 * which it must name), and the importer needs the right to publish; a row without one is 待审核 and goes
 * through 保密审查 and 审核批准 like any item.
 */
export async function importDisclosures(ctx: Ctx, actor: StaffActor, agencyId: number, upload: Upload): Promise<ImportResult> {
  await assertAllowed(ctx.db, actor, 'disclosure.write', agencyId);
  const hash = sha256(upload.bytes);
  await refuseImportedBefore(ctx.db, agencyId, 'disclosures', hash);
  const today = ctx.clock.today();
  const good = await checkedRows(upload, DISCLOSURE_IMPORT_COLUMNS, (raw, no, header) => {
    const { publishedOn, ...item } = raw;
    const r = viaSchema(disclosureSchema, item, no, header);
    if ('errors' in r) return r;
    const errors: RowError[] = [];
    const err = (key: string, message: string) => errors.push({ path: `row.${no}.${key}`, message: `第 ${no} 行“${header(key)}”：${message}` });
    const d = r.row as z.infer<typeof disclosureSchema>;
    if (d.formedOn > today) err('formedOn', '不能晚于今天');
    if (typeof publishedOn === 'string') {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(publishedOn)) err('publishedOn', '日期格式应为 YYYY-MM-DD');
      else if (publishedOn > today) err('publishedOn', '不能晚于今天');
      else if (publishedOn < d.formedOn) err('publishedOn', '不能早于形成或变更日期');
      if (Object.keys(d.channels).length === 0) err('channels', '已公开的事项请填写公开渠道');
    }
    return errors.length > 0 ? { errors } : { row: { ...d, publishedOn: publishedOn ?? null } };
  });
  if (good.some((r) => r.publishedOn)) await assertAllowed(ctx.db, actor, 'disclosure.publish', agencyId);
  const now = ctx.clock.now();
  const rows = good.map((d) => ({
    agencyId,
    id: randomUUID(),
    ...(d as z.infer<typeof disclosureSchema>),
    channels: d.channels as Record<string, string>,
    docKind: (d.docKind as string | null | undefined) ?? null,
    publishedOn: (d.publishedOn as string | null) ?? null,
    status: d.publishedOn ? 'published' : 'draft',
    createdBy: actor.userId,
    createdAt: now,
    updatedAt: now,
  }));
  const filename = upload.filename.slice(-80);
  await ctx.db.transaction(async (tx) => {
    await refuseImportedBefore(tx, agencyId, 'disclosures', hash);
    for (let i = 0; i < rows.length; i += 500) await tx.insert(disclosures).values(rows.slice(i, i + 500));
    await appendAudit(
      tx,
      actor,
      { agencyId, entity: 'disclosures', entityId: `import:${filename}`, action: 'insert', after: { count: rows.length, published: rows.filter((r) => r.publishedOn).length, first: rows[0], source: `import:${filename}`, filename, sha256: hash } },
      now,
    );
  });
  return { inserted: rows.length };
}
