/**
 * What an import from .xlsx or .csv came to (records, 主动公开 items): the rows imported, or why nothing was —
 * every wrong row with its column (the API's fields `row.<n>.<key>`), or a file imported before (409).
 */
import { useState } from 'react';
import { Alert, App, Button, Space, Table, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { ApiError, errorText, type FieldError } from '../../lib/api';

export type ImportOutcome =
  | { ok: true; filename: string; inserted: number }
  | { ok: false; filename: string; message: string; fields: FieldError[] };

interface RowError {
  key: number;
  row: number | null;
  field: string;
  message: string;
}

/** `row.5.decidedOn` → 第 5 行, 决定日期; the message without its 第 N 行“…”： prefix. */
function rowErrors(columns: { key: string; header: string }[], fields: FieldError[]): RowError[] {
  return fields.map((f, i) => {
    const m = /^row\.(\d+)\.(.+)$/.exec(f.path);
    const key = m ? m[2] : f.path;
    // the column's header: from the columns given, else as the message names it (第 5 行“决定日期”：…)
    const named = /^第\s*\d+\s*行“([^”]*)”/.exec(f.message)?.[1];
    const header = columns.find((c) => c.key === key)?.header ?? named ?? (key === 'file' ? '文件' : key);
    return { key: i, row: m ? Number(m[1]) : null, field: header, message: f.message.replace(/^第\s*\d+\s*行(“[^”]*”)?[：:]\s*/, '') };
  });
}

export function ImportResult({ columns, outcome, onClose, testId = 'records' }: { columns: { key: string; header: string }[]; outcome: ImportOutcome; onClose: () => void; testId?: string }) {
  if (outcome.ok) {
    return <Alert type="success" showIcon closable={{ onClose }} title={`“${outcome.filename}”已导入 ${outcome.inserted} 行`} data-testid={`${testId}-import-ok`} />;
  }
  const errors = rowErrors(columns, outcome.fields);
  return (
    <Alert
      type="error"
      showIcon
      closable={{ onClose }}
      title={`“${outcome.filename}”未能导入，未导入任何数据`}
      data-testid={`${testId}-import-failed`}
      description={
        <Space orientation="vertical" style={{ width: '100%' }}>
          <span data-testid={`${testId}-import-message`}>{outcome.message}</span>
          {errors.length > 0 && <span>导入按整份文件进行：任何一行有误时，整份文件都不会导入。请按下表修改后重新上传整份文件。</span>}
          {errors.length > 0 && (
            <Table<RowError>
              size="small"
              rowKey="key"
              dataSource={errors}
              pagination={errors.length > 10 ? { pageSize: 10, showSizeChanger: false, showTotal: (n) => `共 ${n} 处错误` } : false}
              columns={[
                { title: '行号', dataIndex: 'row', width: 80, render: (v: number | null) => v ?? '—' },
                { title: '字段', dataIndex: 'field', width: 140 },
                { title: '错误', dataIndex: 'message' },
              ]}
              data-testid={`${testId}-import-errors`}
            />
          )}
        </Space>
      }
    />
  );
}

/**
 * 下载导入模板 and 批量导入 (.xlsx / .csv): the file sent by `importTo` (a form with one field `file`, posted
 * through the typed client); what it came to handed to
 * `onOutcome` (null when a new upload starts), and `onImported` called after a successful one.
 */
export function ImportButtons({
  templateUrl,
  importTo,
  onOutcome,
  onImported,
  testId = 'records',
}: {
  templateUrl: string;
  importTo: (form: FormData) => Promise<{ inserted: number }>;
  onOutcome: (o: ImportOutcome | null) => void;
  onImported: () => void;
  testId?: string;
}) {
  const { message } = App.useApp();
  const [importing, setImporting] = useState(false);
  const upload = async (file: File) => {
    setImporting(true);
    onOutcome(null);
    const form = new FormData();
    form.append('file', file, file.name);
    try {
      const r = await importTo(form);
      onOutcome({ ok: true, filename: file.name, inserted: r.inserted });
      message.success(`已导入 ${r.inserted} 行`);
      onImported();
    } catch (e) {
      onOutcome({ ok: false, filename: file.name, message: errorText(e), fields: e instanceof ApiError ? e.fields : [] });
    } finally {
      setImporting(false);
    }
  };
  return (
    <>
      <Button icon={<DownloadOutlined />} href={templateUrl} download data-testid={`${testId}-template`}>
        下载导入模板
      </Button>
      <span data-testid={`${testId}-import`}>
        <Upload
          accept=".xlsx,.csv"
          showUploadList={false}
          maxCount={1}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={importing}>
            批量导入（.xlsx / .csv）
          </Button>
        </Upload>
      </span>
    </>
  );
}
