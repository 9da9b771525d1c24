/**
 * The status of an application as a coloured tag (label from /api/meta).
 */
import { Tag } from 'antd';
import { labelOf, useMeta } from '../lib/meta';

const COLORS: Record<string, string> = {
  pending: 'gold',
  processing: 'processing',
  awaitingCorrection: 'warning',
  consulting: 'purple',
  awaitingFee: 'orange',
  replied: 'success',
  closed: 'default',
};

export function StatusTag({ status, testId, large }: { status: string; testId?: string; large?: boolean }) {
  const meta = useMeta();
  return (
    <Tag color={COLORS[status] ?? 'default'} data-testid={testId} style={large ? { fontSize: 15, padding: '3px 12px', lineHeight: '22px' } : undefined}>
      {labelOf(meta.statuses, status)}
    </Tag>
  );
}
