/**
 * The working-day calendar: which years the system knows (package data, and years entered by an
 * administrator), and entering a year's official arrangement (国务院办公厅 notice): the notice number and the
 * rows of date / 放假 or 调休上班 / name. Lines can be pasted and read into rows. Only an administrator of a
 * top-level agency may save; the server's message says so otherwise.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, InputNumber, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { api, errorText } from '../../lib/api';
import { useFormSubmit } from '../../lib/formErrors';
import { parseHolidayLines } from '../../lib/holidayPaste';
import { useUser } from '../../lib/auth';
import { dateTime } from '../../lib/dates';
import type { CalendarEntry, CalendarStatus } from '../../lib/types';

const KINDS = [
  { value: 'holiday', label: '放假' },
  { value: 'workday', label: '调休上班' },
];

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

  const load = useCallback(async () => {
    try {
      const s = await api.get<CalendarStatus>('/api/calendar');
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

  const onFinish = (v: FormValues) =>
    submit(async () => {
      await api.put(`/api/calendar/${v.year}`, { source: v.source?.trim() ?? '', entries: (v.entries ?? []).map((e) => ({ ...e, name: e.name?.trim() ?? '' })) });
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
