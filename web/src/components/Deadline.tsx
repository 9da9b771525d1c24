/**
 * How a case's clock is shown: the marking tags (overdue, due soon, calendar missing, paused), the due date
 * with its label, and the explanation lines of how the deadline was worked out.
 */
import { Alert, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { ClockCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import type { CaseClock } from '../lib/types';
import { weekday } from '../lib/dates';

/** The tags of the queue and the case page. */
export function DeadlineTags({ clock }: { clock: CaseClock }) {
  const tags = [];
  if (clock.state === 'unknown') {
    tags.push(
      <Tag key="unknown" color="warning" icon={<WarningOutlined />}>
        节假日安排未录入
      </Tag>,
    );
  }
  if (clock.overdue) {
    tags.push(
      <Tag key="overdue" color="red">
        已逾期 {Math.abs(clock.workdaysLeft ?? 0)} 个工作日
      </Tag>,
    );
  } else if (clock.dueSoon) {
    tags.push(
      <Tag key="soon" color="orange">
        3个工作日内到期
      </Tag>,
    );
  }
  if (clock.state === 'paused') tags.push(<Tag key="paused">答复期限暂停计算</Tag>);
  if (clock.state === 'waitingCorrection') tags.push(<Tag key="waiting">等待申请人补正</Tag>);
  if (clock.state === 'stopped' && clock.repliedLate) tags.push(<Tag key="late" color="red">超过期限答复</Tag>);
  if (clock.state === 'stopped' && clock.repliedLate === false) tags.push(<Tag key="ontime" color="green">在期限内答复</Tag>);
  return tags.length > 0 ? <Space size={[0, 4]} wrap>{tags}</Space> : null;
}

/** The explanation of the deadline, one sentence a line, in order. */
export function ClockLines({ lines, testId }: { lines: string[]; testId?: string }) {
  if (lines.length === 0) return <Typography.Text type="secondary">暂无期限计算说明</Typography.Text>;
  return (
    <ol className="clock-lines" data-testid={testId}>
      {lines.map((l, i) => (
        <li key={i}>{l}</li>
      ))}
    </ol>
  );
}

/** The deadline card of the case page: the deadline must always show how it was worked out. */
export function DeadlineCard({ clock, calendarLink }: { clock: CaseClock; calendarLink?: boolean }) {
  const left =
    clock.workdaysLeft === null
      ? null
      : clock.overdue
        ? `已逾期 ${Math.abs(clock.workdaysLeft)} 个工作日`
        : clock.workdaysLeft === 0
          ? '今日到期'
          : `剩余 ${clock.workdaysLeft} 个工作日`;
  return (
    <Card
      title={
        <Space>
          <ClockCircleOutlined />
          办理期限
        </Space>
      }
      size="small"
      className={clock.overdue ? 'deadline-card overdue' : clock.dueSoon ? 'deadline-card due-soon' : 'deadline-card'}
    >
      {clock.state === 'unknown' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`${clock.missingYear ?? ''}年节假日安排未录入，无法计算期限`}
          description={
            <>
              期限不作推测。请平台管理员录入国务院办公厅发布的该年放假安排，录入后期限将自动重新计算。
              {calendarLink && <Link to="/admin/settings?tab=calendar">前往录入</Link>}
            </>
          }
        />
      )}
      <div data-testid="case-due" className="deadline-due">
        <span className="deadline-label">{clock.dueLabel}</span>
        <span className="deadline-date">{clock.due ? `${clock.due}（${weekday(clock.due)}）` : '—'}</span>
      </div>
      <Space wrap style={{ marginBottom: 8 }}>
        {left && <Typography.Text strong type={clock.overdue ? 'danger' : clock.dueSoon ? 'warning' : undefined}>{left}</Typography.Text>}
        <DeadlineTags clock={clock} />
      </Space>
      {clock.limits.length > 0 && (
        <Descriptions size="small" column={1} style={{ marginBottom: 8 }} items={clock.limits.map((l, i) => ({ key: i, label: l.label, children: `${l.due}（${weekday(l.due)}）` }))} />
      )}
      {clock.procedure.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 8 }}>
            征求意见、收费与延迟答复
          </Typography.Title>
          <ClockLines lines={clock.procedure} testId="case-procedure-lines" />
        </>
      )}
      <Typography.Title level={5} style={{ marginTop: 8 }}>
        期限计算过程
      </Typography.Title>
      <ClockLines lines={clock.lines} testId="case-clock-lines" />
    </Card>
  );
}
