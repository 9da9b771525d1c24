/**
 * The working-day calendar: which years the system knows (package data, and years entered by an
 * administrator), and entering a year's official arrangement (国务院办公厅 notice): the notice number and the
 * rows of date / 放假 or 调休上班 / name. The notice can be pasted as published ("一、元旦：1月1日（周五）放假
 * 1天…"): the server reads it (POST /api/calendar/notice, src/core/clock/holiday-notice.ts) and it is shown
 * festival by festival for confirmation before it is saved — a weekday or a day count that disagrees with the
 * dates stops it. Lines can also be pasted and read into rows. Only an administrator of a top-level agency may
 * save; the server's message says so otherwise.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, InputNumber, Modal, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { errorText } from '../../lib/api';
import { client, type CalendarStatus, type HolidayNoticeReading } from '../../lib/client';
import { useFormSubmit } from '../../lib/formErrors';
import { parseHolidayLines } from '../../lib/holidayPaste';
import { useUser } from '../../lib/auth';
import { dateTime, weekday } from '../../lib/dates';
import type { CalendarEntry } from '../../lib/types';

const KINDS = [
  { value: 'holiday', label: '放假' },
  { value: 'workday', label: '调休上班' },
];

/** POST /api/calendar/notice: the notice as read (src/core/clock/holiday-notice.ts), nothing saved. */
type NoticeReading = HolidayNoticeReading;

const short = (iso: string) => `${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日（${weekday(iso).replace('星期', '周')}）`;

/** 2月15日（周日）至2月23日（周一）, or one day */
function daysText(days: string[]): string {
  if (days.length === 0) return '—';
  return days.length === 1 ? short(days[0]) : `${short(days[0])}至${short(days.at(-1)!)}`;
}

/** The notice as read, festival by festival, for the administrator to compare with the notice before saving. */
function NoticeConfirm({
  reading,
  source,
  onSource,
}: {
  reading: NoticeReading;
  source: string;
  onSource: (s: string) => void;
}) {
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="calendar-notice-confirm">
      {reading.problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          title="通知内容与日期不一致，请核对后重新粘贴，或填入下表逐行修改"
          description={
            <ul className="notice-problems" data-testid="calendar-notice-problems">
              {reading.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          }
        />
      )}
      {reading.known && (
        <Alert
          type="warning"
          showIcon
          title={reading.known === 'package' ? `${reading.year} 年的放假安排系统已内置；保存后以本次录入为准。` : `${reading.year} 年已录入（${reading.enteredSource ?? ''}）；保存将整体替换该年的安排。`}
        />
      )}
      <Table
        size="small"
        rowKey="name"
        pagination={false}
        dataSource={reading.festivals}
        data-testid="calendar-notice-festivals"
        columns={[
          { title: '节日', dataIndex: 'name', width: 140 },
          { title: '放假', key: 'off', render: (_: unknown, f: NoticeReading['festivals'][number]) => daysText(f.holidays) },
          {
            title: '天数',
            key: 'days',
            width: 80,
            render: (_: unknown, f: NoticeReading['festivals'][number]) => (
              <Typography.Text type={f.statedDays !== null && f.statedDays !== f.holidays.length ? 'danger' : undefined}>{f.holidays.length} 天</Typography.Text>
            ),
          },
          { title: '调休上班', key: 'work', render: (_: unknown, f: NoticeReading['festivals'][number]) => (f.workdays.length ? f.workdays.map(short).join('、') : '不调休') },
        ]}
      />
      <Typography.Text type="secondary">
        共放假 {reading.entries.filter((e) => e.kind === 'holiday').length} 天，调休上班 {reading.entries.filter((e) => e.kind === 'workday').length} 天。
      </Typography.Text>
      {reading.notes.length > 0 && <Alert type="info" showIcon title="以下内容未作为放假或上班日期录入" description={reading.notes.join('；')} />}
      <Form.Item label="通知文号" required style={{ marginBottom: 0 }} extra="例如：国办发明电〔2026〕7号">
        <Input value={source} onChange={(e) => onSource(e.target.value)} data-testid="calendar-notice-source" />
      </Form.Item>
    </Space>
  );
}

interface FormValues {
  year: number;
  source: string;
  entries: CalendarEntry[];
}

/** 2004, 2005, …, 2026 → "2004 年至 2026 年"; gaps listed. */
function yearsText(years: number[]): string {
  if (years.length === 0) return '无';
  const sorted = [...years].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const y of sorted) {
    const last = runs.at(-1);
    if (last && y === last[1] + 1) last[1] = y;
    else runs.push([y, y]);
  }
  return runs.map(([a, b]) => (a === b ? `${a} 年` : `${a} 年至 ${b} 年`)).join('、');
}

function nextYear(status: CalendarStatus): number {
  const known = [...status.packageYears, ...status.enteredYears.map((y) => y.year)];
  const thisYear = new Date().getFullYear();
  for (let y = thisYear; y < thisYear + 5; y++) if (!known.includes(y)) return y;
  return Math.max(...known, thisYear) + 1;
}

export function CalendarTab() {
  const user = useUser();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const year = Form.useWatch('year', form);
  const [status, setStatus] = useState<CalendarStatus | null>(null);
  const [paste, setPaste] = useState('');
  const [pasteProblems, setPasteProblems] = useState<string[]>([]);
  const { error, setError, busy, submit } = useFormSubmit(form);
  const [notice, setNotice] = useState('');
  const [reading, setReading] = useState<NoticeReading | null>(null);
  const [readingSource, setReadingSource] = useState('');
  const [noticeBusy, setNoticeBusy] = useState(false);
  const [noticeError, setNoticeError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const s = await client.get('/api/calendar');
      setStatus(s);
      return s;
    } catch (e) {
      setError(errorText(e));
      return null;
    }
  }, [setError]);

  useEffect(() => {
    void load().then((s) => s && form.setFieldsValue({ year: nextYear(s), entries: [] }));
  }, [load, form]);

  const entered = status?.enteredYears.find((y) => y.year === year);
  const overridesOfYear = (status?.overrides ?? []).filter((o) => o.date.startsWith(`${year}-`));

  const readPaste = () => {
    const { entries, problems } = parseHolidayLines(paste);
    setPasteProblems(problems);
    if (entries.length === 0) return;
    const current = ((form.getFieldValue('entries') as CalendarEntry[] | undefined) ?? []).filter((e) => e?.date);
    const byDate = new Map(current.map((e) => [e.date, e]));
    for (const e of entries) byDate.set(e.date, e);
    form.setFieldsValue({ entries: [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date)) });
    const first = entries[0].date.slice(0, 4);
    if (entries.every((e) => e.date.startsWith(first)) && Number(first) !== year) form.setFieldsValue({ year: Number(first) });
    message.success(`已填入 ${entries.length} 行`);
  };

  const readNotice = async () => {
    setNoticeBusy(true);
    setNoticeError(null);
    try {
      const r = await client.post('/api/calendar/notice', { body: { text: notice, ...(year ? { year } : {}) } });
      setReading(r);
      setReadingSource(r.source ?? ((form.getFieldValue('source') as string | undefined) ?? ''));
    } catch (e) {
      setNoticeError(errorText(e));
    } finally {
      setNoticeBusy(false);
    }
  };

  /** the notice's rows into the table below, to change before saving */
  const fillFromNotice = (r: NoticeReading) => {
    form.setFieldsValue({ year: r.year ?? year, entries: r.entries, ...(readingSource.trim() ? { source: readingSource.trim() } : {}) });
    setReading(null);
    message.info(`已填入 ${r.entries.length} 行，请核对后保存`);
  };

  const saveNotice = async (r: NoticeReading) => {
    if (r.year === null) return;
    setNoticeBusy(true);
    setNoticeError(null);
    try {
      await client.put('/api/calendar/:year', { params: { year: r.year }, body: { source: readingSource.trim(), entries: r.entries } });
      message.success(`${r.year} 年节假日安排已保存，所有在办申请的期限已重新计算`);
      setReading(null);
      setNotice('');
      form.setFieldsValue({ year: r.year, source: readingSource.trim(), entries: r.entries });
      await load();
    } catch (e) {
      setNoticeError(errorText(e));
    } finally {
      setNoticeBusy(false);
    }
  };

  const onFinish = (v: FormValues) =>
    submit(async () => {
      await client.put('/api/calendar/:year', {
        params: { year: v.year },
        body: { source: v.source?.trim() ?? '', entries: (v.entries ?? []).map((e) => ({ ...e, name: e.name?.trim() ?? '' })) },
      });
      message.success(`${v.year} 年节假日安排已保存，所有在办申请的期限已重新计算`);
      await load();
    });

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card size="small" title="已收录的节假日安排">
        {status && (
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'package', label: '系统内置（国务院办公厅通知）', children: yearsText(status.packageYears) },
              {
                key: 'entered',
                label: '管理员录入',
                children:
                  status.enteredYears.length === 0 ? (
                    '无'
                  ) : (
                    <Space size={[4, 4]} wrap>
                      {status.enteredYears.map((y) => (
                        <Tag key={y.year} color="blue">
                          {y.year} 年（{y.source}，{dateTime(y.createdAt)} 录入）
                        </Tag>
                      ))}
                    </Space>
                  ),
              },
            ]}
          />
        )}
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          期限按工作日计算。未收录的年份不作推测：涉及该年的期限显示为“节假日安排未录入”，录入后所有申请的期限自动重新计算。
        </Typography.Paragraph>
      </Card>

      <Card size="small" title="录入某年的放假安排">
        {!error && user.agencyParentId !== null && user.agencyParentId !== undefined && (
          <Alert type="info" showIcon style={{ marginBottom: 16 }} title="节假日安排由平台管理员（顶级机关的管理员）录入，本机关账号保存时将被拒绝。" />
        )}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="calendar-error" />}
        <Form.Item label="粘贴国务院办公厅通知" extra="将《国务院办公厅关于某年部分节假日安排的通知》正文原样粘贴于此（如“一、元旦：1月1日（周五）放假1天，不调休。”），识别后逐项核对再保存" style={{ marginBottom: 8 }} layout="vertical">
          <Input.TextArea rows={6} value={notice} onChange={(e) => setNotice(e.target.value)} placeholder={'一、元旦：1月1日（周五）放假1天，不调休。\n二、春节：……放假调休，共9天。……上班。'} data-testid="calendar-notice" />
        </Form.Item>
        <Space style={{ marginBottom: 16 }}>
          <Button type="primary" ghost onClick={() => void readNotice()} disabled={!notice.trim()} loading={noticeBusy && !reading} data-testid="calendar-notice-read">
            识别通知
          </Button>
        </Space>
        {noticeError && !reading && <Alert type="error" showIcon title={noticeError} style={{ marginBottom: 16 }} data-testid="calendar-notice-error" />}
        <Modal
          open={reading !== null}
          title={reading?.year ? `确认 ${reading.year} 年放假安排` : '确认放假安排'}
          width={820}
          onCancel={() => setReading(null)}
          mask={{ closable: false }}
          footer={
            reading && (
              <Space>
                <Button onClick={() => setReading(null)}>取消</Button>
                <Button onClick={() => fillFromNotice(reading)} disabled={reading.year === null} data-testid="calendar-notice-fill">
                  填入下表修改
                </Button>
                <Button
                  type="primary"
                  loading={noticeBusy}
                  disabled={reading.year === null || reading.problems.length > 0 || reading.entries.length === 0 || !readingSource.trim()}
                  onClick={() => void saveNotice(reading)}
                  data-testid="calendar-notice-save"
                >
                  确认无误，保存
                </Button>
              </Space>
            )
          }
        >
          {noticeError && <Alert type="error" showIcon title={noticeError} style={{ marginBottom: 12 }} />}
          {reading && <NoticeConfirm reading={reading} source={readingSource} onSource={setReadingSource} />}
        </Modal>
        <Form<FormValues> name="calendar" form={form} layout="vertical" onFinish={onFinish}>
          <Row gutter={16}>
            <Col xs={24} md={6}>
              <Form.Item name="year" label="年份" rules={[{ required: true, message: '请填写年份' }]}>
                <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={18}>
              <Form.Item name="source" label="通知文号" extra="国务院办公厅关于该年部分节假日安排的通知，例如：国办发明电〔2026〕7号" rules={[{ required: true, whitespace: true, message: '请填写通知文号' }]}>
                <Input />
              </Form.Item>
            </Col>
          </Row>
          {entered && <Alert type="success" showIcon style={{ marginBottom: 16 }} title={`${year} 年已录入（${entered.source}）；再次保存将整体替换该年的安排。`} />}
          {overridesOfYear.length > 0 && (
            <Button style={{ marginBottom: 16 }} onClick={() => form.setFieldsValue({ entries: overridesOfYear.map((o) => ({ date: o.date, kind: o.kind, name: o.name })), source: entered?.source ?? form.getFieldValue('source') })}>
              载入已录入的 {overridesOfYear.length} 行
            </Button>
          )}
          <Form.Item label="粘贴放假安排" extra="每行一条：日期 放假/调休上班 节日名称；日期范围可写作“2027-02-06 至 2027-02-12 放假 春节”">
            <Input.TextArea rows={5} value={paste} onChange={(e) => setPaste(e.target.value)} placeholder={'2027-01-01 放假 元旦\n2027-02-06 至 2027-02-12 放假 春节\n2027-02-14 调休上班 春节'} data-testid="calendar-paste" />
          </Form.Item>
          <Space style={{ marginBottom: 16 }}>
            <Button onClick={readPaste} disabled={!paste.trim()} data-testid="calendar-paste-apply">
              识别并填入下表
            </Button>
          </Space>
          {pasteProblems.length > 0 && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="以下行未能识别" description={pasteProblems.join('；')} />}
          <Form.List name="entries">
            {(fields, { add, remove }) => (
              <>
                <Table
                  size="small"
                  pagination={false}
                  rowKey="key"
                  dataSource={fields}
                  locale={{ emptyText: '尚无条目：请粘贴或逐行添加' }}
                  columns={[
                    { title: '序号', key: 'n', width: 60, render: (_: unknown, __: unknown, i: number) => i + 1 },
                    {
                      title: '日期',
                      key: 'date',
                      render: (_: unknown, f: { name: number }) => (
                        <Form.Item name={[f.name, 'date']} rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: '格式为 YYYY-MM-DD' }]} style={{ margin: 0 }}>
                          <Input placeholder="YYYY-MM-DD" />
                        </Form.Item>
                      ),
                    },
                    {
                      title: '类型',
                      key: 'kind',
                      width: 140,
                      render: (_: unknown, f: { name: number }) => (
                        <Form.Item name={[f.name, 'kind']} rules={[{ required: true, message: '请选择' }]} style={{ margin: 0 }}>
                          <Select options={KINDS} />
                        </Form.Item>
                      ),
                    },
                    {
                      title: '节日名称',
                      key: 'name',
                      render: (_: unknown, f: { name: number }) => (
                        <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: '请填写节日名称' }]} style={{ margin: 0 }}>
                          <Input />
                        </Form.Item>
                      ),
                    },
                    {
                      title: '',
                      key: 'remove',
                      width: 50,
                      render: (_: unknown, f: { name: number }) => <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="删除" />,
                    },
                  ]}
                />
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: 'holiday' })} style={{ marginTop: 8 }}>
                  添加一行
                </Button>
              </>
            )}
          </Form.List>
          <div style={{ marginTop: 16 }}>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="calendar-submit">
              保存该年放假安排
            </Button>
          </div>
        </Form>
      </Card>
    </Space>
  );
}
