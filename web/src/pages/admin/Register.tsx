/**
 * Staff registration of an application received in person, by post, by ordinary letter or by fax: the same
 * fields as the public form, plus the channel and the date that counts as the day received (条例第三十一条).
 */
import { useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Form, Result, Row, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { multipartBody } from '../../lib/api';
import { client, type CreatedApplication, type RegistrationBody } from '../../lib/client';
import { useUser } from '../../lib/auth';
import { toNamePath, useFormSubmit } from '../../lib/formErrors';
import { optionsOf, useMeta } from '../../lib/meta';
import { isoOf, notFuture } from '../../lib/dates';
import { filesOf, STAFF_ACCEPT } from '../../lib/uploads';
import { ApplicationFields, intakeValues } from '../../components/ApplicationFields';
import { FileField } from '../../components/FileField';

/** What the date is, by channel (条例第三十一条). */
const DATE_LABELS: Record<string, { label: string; extra: string }> = {
  inPerson: { label: '当面提交之日', extra: '申请人当面提交的，以提交之日为收到申请之日' },
  post: { label: '签收之日', extra: '以邮寄方式提交的，以行政机关签收之日为收到申请之日' },
  ordinaryLetter: { label: '确认之日', extra: '以平常信函等无需签收的邮寄方式提交的，以与申请人确认之日为收到申请之日' },
  fax: { label: '确认之日', extra: '通过传真提交的，以双方确认之日为收到申请之日' },
  online: { label: '确认之日', extra: '通过互联网渠道提交的，以双方确认之日为收到申请之日' },
};

const REGISTER_CHANNELS = ['inPerson', 'post', 'ordinaryLetter', 'fax'];

export default function Register() {
  const meta = useMeta();
  const user = useUser();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const channel = (Form.useWatch('channel', form) as string | undefined) ?? 'inPerson';
  const { error, busy, submit } = useFormSubmit(form);
  const [created, setCreated] = useState<CreatedApplication | null>(null);

  const onFinish = async (values: Record<string, unknown>) => {
    const files = filesOf(values.supporting as never).map((file) => ({ kind: 'supporting', file }));
    // the form's values as the API reads them (the server checks them and names each field at fault)
    const data = { ...intakeValues(values), channel: values.channel, date: isoOf(values.date as Dayjs) };
    delete (data as Record<string, unknown>).agencyId;
    const body = data as RegistrationBody;
    await submit(
      async () => {
        setCreated(await client.post('/api/agencies/:agencyId/applications', { params: { agencyId: user.agencyId }, body: files.length > 0 ? multipartBody(body, files) : body }));
        window.scrollTo({ top: 0 });
      },
      (p) => (p.startsWith('files') ? ['supporting'] : toNamePath(p)),
    );
  };

  if (created) {
    return (
      <Result
        status="success"
        title="申请已登记"
        subTitle={`收到申请日期：${created.receivedOn}。请将查询码告知申请人，凭查询码可查询办理进度。`}
        extra={[
          <Button type="primary" key="open" onClick={() => navigate(`/admin/applications/${created.id}`)}>
            打开该申请
          </Button>,
          <Button
            key="again"
            onClick={() => {
              setCreated(null);
              form.resetFields();
            }}
          >
            继续登记
          </Button>,
        ]}
      >
        <div className="tracking-box">
          <div className="tracking-caption">查询码</div>
          <div className="tracking-code" data-testid="tracking-code">
            {created.trackingCode}
          </div>
        </div>
      </Result>
    );
  }

  const dateInfo = DATE_LABELS[channel] ?? DATE_LABELS.inPerson;
  return (
    <div className="register-page">
      <Typography.Title level={3}>登记申请</Typography.Title>
      <Typography.Paragraph type="secondary">登记当面提交、邮寄、平常信函或传真提交的政府信息公开申请（{user.agencyName}）。</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="register-error" />}
      <Form
        name="register"
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ channel: 'inPerson', date: dayjs(), applicantType: 'natural', idType: 'idCard', form: 'paper', delivery: 'post' }}
        scrollToFirstError={{ block: 'center' }}
      >
        <Card title="收到申请" size="small" className="form-section">
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="channel" label="申请方式" rules={[{ required: true, message: '请选择申请方式' }]}>
                <Select options={optionsOf(meta.channels, REGISTER_CHANNELS)} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="date" label={dateInfo.label} extra={dateInfo.extra} rules={[{ required: true, message: `请填写${dateInfo.label}` }]}>
                <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <ApplicationFields form={form} showAgency={false} />
        <Card title="申请材料" size="small" className="form-section">
          <FileField
            name="supporting"
            label="申请书及身份证明等材料的扫描件"
            extra="PDF、JPG、PNG、DOCX、XLSX，每个不超过 10 MB，最多 5 个"
            accept={STAFF_ACCEPT}
            who="staff"
          />
        </Card>
        <Space>
          <Button type="primary" htmlType="submit" size="large" loading={busy} data-testid="register-submit">
            登记
          </Button>
          <Button size="large" onClick={() => navigate('/admin')}>
            取消
          </Button>
        </Space>
      </Form>
    </div>
  );
}
