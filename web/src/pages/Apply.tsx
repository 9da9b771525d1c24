/**
 * The public application form (政府信息公开申请). Sent as multipart when files are attached (a field `data`
 * with the JSON, each file under its kind: idCopy / supporting), as JSON otherwise. On success the tracking
 * code is shown prominently; the server's field messages are shown next to their fields.
 */
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Form, Result, Space, Typography } from 'antd';
import { CopyOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { multipartBody } from '../lib/api';
import { client, type IntakeAnswer, type IntakeBody } from '../lib/client';
import { usePublicAgencies } from '../lib/agencies';
import { toNamePath, useFormSubmit } from '../lib/formErrors';
import { filesOf, APPLICANT_ACCEPT, MAX_FILES } from '../lib/uploads';
import { ApplicationFields, intakeValues } from '../components/ApplicationFields';
import { FileField } from '../components/FileField';

function Submitted({ created, onAgain }: { created: IntakeAnswer; onAgain: () => void }) {
  const [copied, setCopied] = useState(false);
  const navigate = useNavigate();
  const trackPath = `/track/${created.trackingCode}`;
  return (
    <Result
      status="success"
      title="申请已提交"
      subTitle={`${created.agencyName}已于 ${created.receivedOn} 收到您的政府信息公开申请。`}
      extra={[
        <Button type="primary" key="track" onClick={() => navigate(trackPath)}>
          查看办理进度
        </Button>,
        <Button key="again" onClick={onAgain}>
          再提交一份申请
        </Button>,
      ]}
    >
      <div className="tracking-box">
        <div className="tracking-caption">您的查询码</div>
        <div className="tracking-code" data-testid="tracking-code">
          {created.trackingCode}
        </div>
        <Button
          icon={<CopyOutlined />}
          size="small"
          onClick={() => {
            void navigator.clipboard?.writeText(created.trackingCode).then(() => setCopied(true));
          }}
        >
          {copied ? '已复制' : '复制查询码'}
        </Button>
        <div className="tracking-url">
          办理进度页面：
          <Link to={trackPath} data-testid="tracking-link">
            {window.location.origin}
            {trackPath}
          </Link>
        </div>
        <Typography.Paragraph className="tracking-note">
          {'请妥善保存查询码。凭查询码可以查询办理进度和答复期限、在线提交补正、下载答复书。行政机关自收到申请之日起 20 个工作日内予以答复（条例第三十三条）。'}
        </Typography.Paragraph>
      </div>
    </Result>
  );
}

export default function Apply() {
  const [form] = Form.useForm();
  const [params] = useSearchParams();
  const { agencies, error: loadError } = usePublicAgencies();
  const { error, setError, busy, submit } = useFormSubmit(form);
  const [created, setCreated] = useState<IntakeAnswer | null>(null);
  const top = useRef<HTMLDivElement>(null);
  const wanted = Number(params.get('agency'));

  // the agency asked for in the address (/apply?agency=ID), or the only one
  useEffect(() => {
    if (!agencies) return;
    if (agencies.some((a) => a.id === wanted)) form.setFieldValue('agencyId', wanted);
    else if (agencies.length === 1) form.setFieldValue('agencyId', agencies[0].id);
  }, [agencies, wanted, form]);

  // a failed load of the agencies is said where a failed submission is
  useEffect(() => {
    if (loadError) setError(loadError);
  }, [loadError, setError]);

  const onFinish = async (values: Record<string, unknown>) => {
    const idCopy = filesOf(values.idCopy as never);
    const supporting = filesOf(values.supporting as never);
    const files = [...idCopy.map((file) => ({ kind: 'idCopy', file })), ...supporting.map((file) => ({ kind: 'supporting', file }))];
    // the form's values as the API reads them (the server checks them and names each field at fault)
    const data = intakeValues(values) as IntakeBody;
    const sent = await submit(
      async () => {
        const result = await client.post('/api/public/applications', { body: files.length > 0 ? multipartBody(data, files) : data });
        setCreated(result);
        window.scrollTo({ top: 0 });
      },
      // "files.3" is the 4th file sent: the identity documents come first
      (path) => {
        const m = /^files\.(\d+)/.exec(path);
        if (m) return [Number(m[1]) < idCopy.length ? 'idCopy' : 'supporting'];
        return toNamePath(path);
      },
    );
    if (!sent) top.current?.scrollIntoView({ behavior: 'smooth' });
  };

  if (created) {
    return (
      <Submitted
        created={created}
        onAgain={() => {
          setCreated(null);
          form.resetFields();
        }}
      />
    );
  }

  const countRule = ({ getFieldValue }: { getFieldValue: (n: string) => unknown }) => ({
    validator: async () => {
      const n = ((getFieldValue('idCopy') as unknown[]) ?? []).length + ((getFieldValue('supporting') as unknown[]) ?? []).length;
      if (n > MAX_FILES) throw new Error(`附件合计最多 ${MAX_FILES} 个`);
    },
  });

  return (
    <div ref={top} className="apply-page">
      <Typography.Title level={2}>政府信息公开申请</Typography.Title>
      <Typography.Paragraph type="secondary">
        带 <span className="required-mark">*</span> 的为必填项。申请人提供的身份证明和联系方式仅用于办理本申请。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="apply-error" closable={{ onClose: () => setError(null) }} />}
      <Form
        name="apply"
        form={form}
        layout="vertical"
        onFinish={onFinish}
        onFinishFailed={({ errorFields }) => errorFields[0] && form.scrollToField(errorFields[0].name, { block: 'center' })}
        initialValues={{ applicantType: 'natural', idType: 'idCard', form: 'electronic', delivery: 'online' }}
        scrollToFirstError={false}
      >
        <ApplicationFields form={form} agencies={agencies ?? []} />
        <Card title="附件" size="small" className="form-section">
          <Typography.Paragraph type="secondary">
            可上传 PDF、JPG、PNG 文件，每个不超过 10 MB，合计不超过 {MAX_FILES} 个。
          </Typography.Paragraph>
          <FileField name="idCopy" label="身份证明" extra="自然人：身份证件扫描件或照片；法人或其他组织：营业执照等证明文件" accept={APPLICANT_ACCEPT} rules={[countRule]} dependencies={['supporting']} />
          <FileField name="supporting" label="其他材料" extra="如有助于查询所需信息的材料" accept={APPLICANT_ACCEPT} rules={[countRule]} dependencies={['idCopy']} />
        </Card>
        <Space>
          <Button type="primary" htmlType="submit" size="large" loading={busy} data-testid="apply-submit">
            提交申请
          </Button>
          <Typography.Text type="secondary">提交后将获得查询码，凭查询码查询办理进度。</Typography.Text>
        </Space>
      </Form>
    </div>
  );
}
