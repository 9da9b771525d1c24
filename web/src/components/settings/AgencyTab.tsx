/**
 * The agency's contact details (the portal, the 公开指南, and the reply letters: the 行政复议机关 and the
 * 人民法院 named in the remedies paragraph), the 文号 of its notices (short name, pattern), and whether it is a
 * one-person office that may waive the four-eyes principle (src/core/rights.ts).
 */
import { useEffect, useState } from 'react';
import { Alert, App, Button, Col, Form, Input, Row, Switch, Typography } from 'antd';
import { errorText } from '../../lib/api';
import { client, type StaffAgency } from '../../lib/client';
import { useUser } from '../../lib/auth';
import { useFormSubmit } from '../../lib/formErrors';
import { CONTACT_LABELS } from '../../lib/agencies';
import type { AgencyContact } from '../../lib/types';

const FIELDS: { name: Exclude<keyof AgencyContact, 'allowSingleOfficer'>; extra?: string; max: number }[] = [
  { name: 'office', max: 100, extra: '负责政府信息公开的工作机构' },
  { name: 'address', max: 200 },
  { name: 'postcode', max: 10 },
  { name: 'phone', max: 50 },
  { name: 'fax', max: 50 },
  { name: 'email', max: 100 },
  { name: 'hours', max: 200 },
  { name: 'website', max: 200 },
  { name: 'reconsiderationBody', max: 100, extra: '答复书告知申请人可以向其申请行政复议，例如“示范市人民政府”' },
  { name: 'court', max: 100, extra: '答复书告知申请人可以向其提起行政诉讼' },
  { name: 'shortName', max: 20, extra: '用于通知书的文号，例如“示范卫健”；不填则用机关全称' },
  { name: 'noticeNumberPattern', max: 60, extra: '补正告知书、答复书等通知书的文号，{简称}、{年}、{序号} 发出时填入，序号按年连续编排；不填则为“{简称}依申〔{年}〕{序号}号”' },
];

export function AgencyTab() {
  const user = useUser();
  const { message } = App.useApp();
  const [form] = Form.useForm<AgencyContact>();
  const [agency, setAgency] = useState<StaffAgency | null>(null);
  const { error, setError, busy, submit } = useFormSubmit(form);

  useEffect(() => {
    client
      .get('/api/agencies/:agencyId', { params: { agencyId: user.agencyId } })
      .then((a) => {
        setAgency(a);
        form.setFieldsValue(a.contact);
      })
      .catch((e: unknown) => setError(errorText(e)));
  }, [user.agencyId, form, setError]);

  const onFinish = async (v: AgencyContact) => {
    const contact = {
      ...Object.fromEntries(Object.entries(v).filter(([, x]) => typeof x === 'string' && x.trim() !== '').map(([k, x]) => [k, (x as string).trim()])),
      allowSingleOfficer: v.allowSingleOfficer === true,
    };
    await submit(async () => {
      await client.put('/api/agencies/:agencyId/contact', { params: { agencyId: user.agencyId }, body: contact });
      message.success('机关信息已保存');
    });
  };

  return (
    <>
      <Typography.Title level={5}>{agency?.name ?? user.agencyName}</Typography.Title>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form name="agency" form={form} layout="vertical" onFinish={onFinish} style={{ maxWidth: 860 }}>
        <Row gutter={16}>
          {FIELDS.map((f) => (
            <Col key={f.name} xs={24} md={12}>
              <Form.Item name={f.name} label={CONTACT_LABELS[f.name]} extra={f.extra} rules={[{ max: f.max, message: `不能超过 ${f.max} 字` }]}>
                <Input />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Form.Item
          name="allowSingleOfficer"
          label={CONTACT_LABELS.allowSingleOfficer}
          valuePropName="checked"
          extra="四眼原则：申请延期与批准延期、保密审查与审核批准与发布、提交与审核年度报告，应由不同的人办理。只有一名工作人员的机关可以打开此项，允许同一人办理；每一次这样办理都会在操作记录中注明。"
        >
          <Switch data-testid="agency-single-officer" checkedChildren="允许一人办理" unCheckedChildren="须由两人办理" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="agency-submit">
          保存
        </Button>
      </Form>
    </>
  );
}
