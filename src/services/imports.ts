/**
 * Bulk import of decisions, fees, items (事项) and procurement projects from .xlsx or .csv: a template to
 * download, every row checked, errors named by row and column in Chinese, and nothing imported when any row is
 * bad (one transaction).
 */
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { decodeText } from '../extract/index';
import { fieldErrors } from '../core/applications/intake';
import { DECISION_KINDS, MATTER_KINDS } from '../core/registry/categories';
import type { Ctx, StaffActor } from './context';
import { assertAllowed } from './agencies';
import { ServiceError, badInput } from './errors';
import { RECORD_TABLES, insertRecords, type RecordTable } from './registry';
import type { Upload } from './uploads';
import { badCharacter, badCharacterMessage } from '../core/safe-input';
import { MAX_INFLATED_BYTES, zipBombReason } from '../extract/zip';

interface Column {
  key: string;
  header: string;
  required: boolean;
  kind: 'text' | 'date' | 'money' | 'enum';
  options?: Record<string, string>;
  example: string;
}

export const IMPORT_COLUMNS: Record<RecordTable, Column[]> = {
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

export const MAX_IMPORT_ROWS = 100_000;

/** The template workbook: headers, one example row, and a note sheet. */
export async function importTemplate(kind: RecordTable): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(IMPORT_LABELS[kind].slice(0, 30));
  const cols = IMPORT_COLUMNS[kind];
  ws.addRow(cols.map((c) => c.header)).font = { bold: true };
  ws.addRow(cols.map((c) => c.example));
  cols.forEach((c, i) => {
    ws.getColumn(i + 1).width = Math.max(12, c.header.length * 3);
  });
  const note = wb.addWorksheet('填写说明');
  note.addRow(['列', '是否必填', '说明']).font = { bold: true };
  for (const c of cols) {
    note.addRow([c.header, c.required ? '必填' : '选填', c.kind === 'date' ? '日期，如 2026-03-05' : c.kind === 'money' ? '金额（元），数字' : c.options ? `可填：${Object.values(c.options).join('、')}` : '文字']);
  }
  note.addRow([]);
  note.addRow(['第二行为示例，导入前请删除或替换。任何一行有误时整份文件都不会导入，请按提示修改后重新上传。']);
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

/** Check every row; import all of them in one transaction, or none and say which rows are wrong. */
export async function importRecords(ctx: Ctx, actor: StaffActor, agencyId: number, kind: RecordTable, upload: Upload): Promise<ImportResult> {
  await assertAllowed(ctx.db, actor, 'record.write', agencyId);
  const cols = IMPORT_COLUMNS[kind];
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
  const today = ctx.clock.today();
  const spec = RECORD_TABLES[kind];
  // where each column is in the file (undefined: an optional column left out)
  const at = cols.map((c) => index.get(normal(c.header)));
  const errors: { path: string; message: string }[] = [];
  const good: Record<string, unknown>[] = [];
  for (const { no, values } of rows) {
    const raw: Record<string, unknown> = {};
    let badValue = false;
    for (const [ci, c] of cols.entries()) {
      const i = at[ci];
      let v = i === undefined ? undefined : values[i];
      if (typeof v === 'string') v = v.trim();
      const bad = typeof v === 'string' ? badCharacter(v) : null;
      if (bad) {
        errors.push({ path: `row.${no}.${c.key}`, message: badCharacterMessage(`第 ${no} 行“${c.header}”`, bad) });
        badValue = true;
        continue;
      }
      if (v === '' || v === null) v = undefined;
      if (v !== undefined && c.kind === 'date') v = toDate(v) ?? undefined;
      if (v !== undefined && c.kind === 'money') v = typeof v === 'number' ? v : String(v).replace(/[,，元\s]/g, '');
      if (v !== undefined && c.kind === 'enum' && c.options) {
        const key = Object.entries(c.options).find(([k, label]) => label === v || k === v)?.[0];
        if (!key) {
          errors.push({ path: `row.${no}.${c.key}`, message: `第 ${no} 行“${c.header}”：应为 ${Object.values(c.options).join('、')} 之一，实为“${v}”` });
          badValue = true;
          continue;
        }
        v = key;
      }
      raw[c.key] = v;
    }
    if (badValue) continue;
    const parsed = spec.schema.safeParse(raw);
    if (!parsed.success) {
      for (const f of fieldErrors(parsed.error)) {
        const col = cols.find((c) => c.key === f.path);
        errors.push({ path: `row.${no}.${f.path}`, message: `第 ${no} 行“${col?.header ?? f.path}”：${f.message}` });
      }
      continue;
    }
    const row = parsed.data as Record<string, unknown>;
    if (String(row[spec.dateField]) > today) {
      const col = cols.find((c) => c.key === spec.dateField)!;
      errors.push({ path: `row.${no}.${spec.dateField}`, message: `第 ${no} 行“${col.header}”：不能晚于今天` });
      continue;
    }
    good.push(row);
  }
  if (errors.length > 0) {
    throw new ServiceError(422, `共 ${errors.length} 处错误，未导入任何数据。${errors[0].message}`, errors.slice(0, 200));
  }
  const { inserted } = await insertRecords(ctx, actor, agencyId, kind, good, `import:${upload.filename.slice(-80)}`);
  return { inserted };
}
