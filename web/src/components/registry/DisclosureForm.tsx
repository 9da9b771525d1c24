/**
 * Registering or changing (while 待审核) an item of 主动公开, in a drawer: every field of disclosureSchema
 * (src/services/registry.ts). Field messages of the API go next to their fields.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Col, DatePicker, Drawer, Form, Input, Row, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { client } from '../../lib/client';
import { useFormSubmit } from '../../lib/formErrors';
import { optionsOf } from '../../lib/meta';
import { dayOf, isoOf, notFuture } from '../../lib/dates';
import { ChannelsInput, channelsFieldPath } from './ChannelsInput';
import { filterCategory, useRegistryMeta, type Disclosure } from './types';

interface FormValues {
  title: string;
  category: number;
  documentNumber?: string;
  formedOn: Dayjs;
  docKind?: string | null;
  issuedOn?: Dayjs | null;
  repealedOn?: Dayjs | null;
  channels: Record<string, string>;
  interpretationOf?: string | null;
  summary?: string;
  url?: string;
}

/** The documents a 政策解读 may be linked to: found by title or 文号, the (一) documents by default. */
function useDocuments(agencyId: number, open: boolean, search: string) {
  const [docs, setDocs] = useState<Disclosure[]>([]);
  useEffect(() => {
    if (!open) return;
    let live = true;
    const timer = window.setTimeout(() => {
      const q = search.trim();
      client
        .get('/api/agencies/:agencyId/disclosures', { params: { agencyId }, query: q ? { q, pageSize: 30 } : { category: 1, pageSize: 200 } })
        .then((r) => {
          if (!live) return;
          setDocs((before) => {
            const byId = new Map(before.map((d) => [d.id, d]));
            for (const d of r.items) byId.set(d.id, d);
            return [...byId.values()];
          });
        })
        .catch(() => undefined);
    }, 250);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [agencyId, open, search]);
  return docs;
}

export function DisclosureForm({
  open,
  editing,
  agencyId,
  onClose,
  onSaved,
}: {
  open: boolean;
  editing: Disclosure | null;
  agencyId: number;
  onClose: () => void;
  onSaved: () => void;
}) {
  const meta = useRegistryMeta();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const category = Form.useWatch('category', form);
  const docKind = Form.useWatch('docKind', form);
  const { error, setError, busy, submit } = useFormSubmit(form);
  const [search, setSearch] = useState('');
  const docs = useDocuments(agencyId, open, search);

  useEffect(() => {
    if (!open) return;
    setError(null);
    setSearch('');
    form.resetFields();
    if (editing) {
      form.setFieldsValue({
        title: editing.title,
        category: editing.category,
        documentNumber: editing.documentNumber ?? undefined,
        formedOn: dayOf(editing.formedOn),
        docKind: editing.docKind,
        issuedOn: dayOf(editing.issuedOn) ?? null,
        repealedOn: dayOf(editing.repealedOn) ?? null,
        channels: editing.channels,
        interpretationOf: editing.interpretationOf,
        summary: editing.summary ?? undefined,
        url: editing.url ?? undefined,
      });
    }
  }, [open, editing, form]);

  const text = meta.categoryTexts.find((c) => c.no === category);
  const docOptions = useMemo(
    () =>
      docs
        .filter((d) => d.id !== editing?.id)
        .map((d) => ({ value: d.id, label: d.documentNumber ? `${d.title}（${d.documentNumber}）` : d.title })),
    [docs, editing],
  );

  const onFinish = async (v: FormValues) => {
    const isDocument = v.category === 1;
    const body = {
      title: v.title?.trim(),
      category: v.category,
      documentNumber: v.documentNumber?.trim() || null,
      formedOn: isoOf(v.formedOn)!, // required by the form
      docKind: isDocument ? (v.docKind ?? null) : null,
      issuedOn: isDocument ? (isoOf(v.issuedOn) ?? null) : null,
      repealedOn: isDocument ? (isoOf(v.repealedOn) ?? null) : null,
      channels: v.channels ?? {},
      interpretationOf: v.interpretationOf || null,
      summary: v.summary?.trim() || null,
      url: v.url?.trim() || null,
    };
    await submit(
      async () => {
        if (editing) await client.put('/api/agencies/:agencyId/disclosures/:id', { params: { agencyId, id: editing.id }, query: { version: editing.version }, body });
        else await client.post('/api/agencies/:agencyId/disclosures', { params: { agencyId }, body });
        message.success(editing ? '公开事项已修改' : '公开事项已登记，待保密审查和审核批准');
        onClose();
        onSaved();
      },
      channelsFieldPath,
    );
  };

  return (
    <Drawer
      open={open}
      title={editing ? '修改公开事项' : '登记主动公开事项'}
      size={720}
      onClose={onClose}
      forceRender
      destroyOnHidden={false}
      footer={
        <Space style={{ float: 'right' }}>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="registry-submit">
            保存
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="registry-form-error" />}
      <Form<FormValues> name="disclosure" form={form} layout="vertical" onFinish={onFinish} initialValues={{ channels: {} }}>
        <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }]}>
          <Input maxLength={300} showCount data-testid="registry-title" />
        </Form.Item>
        <Form.Item
          name="category"
          label="公开类别（条例第二十条）"
          rules={[{ required: true, message: '请选择公开类别' }]}
          extra={text ? `《中华人民共和国政府信息公开条例》第二十条第（${text.numeral}）项：${text.text}` : '按《中华人民共和国政府信息公开条例》第二十条所列事项选择'}
        >
          <Select
            placeholder="请选择（一）至（十五），可输入文字查找，如“预算”"
            options={meta.categories.map((c) => ({ value: c.no, label: c.label }))}
            showSearch={{ filterOption: filterCategory }}
            optionRender={(o) => <span className="wrap-option">{o.label}</span>}
            notFoundContent="没有匹配的类别"
            data-testid="registry-category"
          />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="documentNumber" label="文号">
              <Input maxLength={100} placeholder="例如：示卫规〔2026〕1号" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="formedOn"
              label="形成或变更日期"
              rules={[{ required: true, message: '请填写形成或变更日期' }]}
              extra={`应自该日起 ${meta.onTimeWorkdays} 个工作日内公开（条例第二十六条）`}
            >
              <DatePicker disabledDate={notFuture} style={{ width: '100%' }} data-testid="registry-formed-on" />
            </Form.Item>
          </Col>
        </Row>

        {category === 1 && (
          <div className="form-box">
            <Typography.Text strong>规章、规范性文件的制发与废止</Typography.Text>
            <Typography.Paragraph type="secondary" style={{ margin: '4px 0 12px' }}>
              年度报告按制发件数、废止件数和现行有效件数统计。已公开的文件废止时，请在列表中使用“废止”。
            </Typography.Paragraph>
            <Row gutter={16}>
              <Col xs={24} md={8}>
                <Form.Item name="docKind" label="文件类型">
                  <Select allowClear placeholder="其他文件不选" options={optionsOf(meta.docKinds)} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="issuedOn" label="制发日期" rules={docKind ? [{ required: true, message: '请填写制发日期' }] : []}>
                  <DatePicker disabledDate={notFuture} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="repealedOn" label="废止日期">
                  <DatePicker disabledDate={notFuture} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
          </div>
        )}

        <Form.Item name="channels" label="公开渠道" extra="发布时至少选择一个渠道；可注明栏目或账号名称">
          <ChannelsInput testId="registry-channels" />
        </Form.Item>
        <Form.Item name="interpretationOf" label="政策解读" extra="本条是政策解读时，选择所解读的文件（可按标题或文号查找）">
          <Select
            allowClear
            showSearch={{ filterOption: false, onSearch: setSearch }}
            placeholder="不是政策解读则不选"
            options={docOptions}
            notFoundContent={<Typography.Text type="secondary">没有找到文件</Typography.Text>}
            data-testid="registry-interpretation"
          />
        </Form.Item>
        <Form.Item name="summary" label="内容摘要">
          <Input.TextArea rows={3} maxLength={5000} showCount />
        </Form.Item>
        <Form.Item name="url" label="原文链接" rules={[{ type: 'url', message: '请填写完整的网址，如 https://…' }]}>
          <Input maxLength={500} placeholder="https://" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
