/**
 * The audit trail of a case: who, when, what action, and the fields that changed (before → after).
 */
import { Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMeta } from '../lib/meta';
import { auditActionLabel, auditEventData, changesOf, stepDetails } from '../lib/describe';
import { dateTime } from '../lib/dates';
import type { AuditEntry } from '../lib/client';

const clip = (s: string, n = 80) => (s.length > n ? `${s.slice(0, n)}…` : s);

function Changes({ entry, people }: { entry: AuditEntry; people: Map<string, string> }) {
  const meta = useMeta();
  const changes = changesOf(meta, entry.before, entry.after, people);
  const data = auditEventData(entry.after);
  const details = data ? stepDetails(meta, data) : [];
  if (entry.before === null && changes.length > 0) {
    return (
      <div className="audit-changes">
        <Typography.Text type="secondary">新建记录：</Typography.Text>
        {changes.map((c) => `${c.label}：${clip(c.after, 60)}`).join('；')}
      </div>
    );
  }
  return (
    <div className="audit-changes">
      {changes.map((c) => (
        <div key={c.key}>
          <span className="step-key">{c.label}：</span>
          {c.before !== null && (
            <>
              <Typography.Text delete type="secondary" title={c.before}>
                {clip(c.before)}
              </Typography.Text>
              {' → '}
            </>
          )}
          <span title={c.after}>{clip(c.after)}</span>
        </div>
      ))}
      {details.length > 0 && (
        <div className="audit-step">
          <Typography.Text type="secondary">步骤内容：</Typography.Text>
          {details.map((d) => `${d.label}：${clip(d.value, 60)}`).join('；')}
        </div>
      )}
      {changes.length === 0 && !data && <Typography.Text type="secondary">—</Typography.Text>}
    </div>
  );
}

/** `people` names the user ids that appear in the records (the assignee). */
export function AuditHistory({ entries, people = new Map() }: { entries: AuditEntry[]; people?: Map<string, string> }) {
  const meta = useMeta();
  const columns: TableColumnsType<AuditEntry> = [
    { title: '时间', dataIndex: 'at', width: 136, render: (v: string) => dateTime(v) },
    { title: '操作人', dataIndex: 'actor', width: 120 },
    { title: '操作', dataIndex: 'action', width: 120, render: (v: string) => auditActionLabel(meta, v) },
    { title: '变更内容', key: 'changes', render: (_: unknown, e: AuditEntry) => <Changes entry={e} people={people} /> },
  ];
  return (
    <div data-testid="case-audit">
      <Table<AuditEntry> rowKey="id" size="small" columns={columns} dataSource={entries} pagination={false} />
    </div>
  );
}
