/**
 * The fields of an application (条例 Art. 29), shared by the public form and the staff registration form:
 * the applicant, the information sought, and how it is to be provided. Labels of codes come from /api/meta.
 */
import { Card, Col, Form, Input, Radio, Row, Select, type FormInstance } from 'antd';
import { useEffect, useMemo } from 'react';
import { optionsOf, useMeta } from '../lib/meta';
import type { Agency } from '../lib/types';

const ORG_ID_TYPES = ['uscc'];

/** Applicant types as option groups: "法人或其他组织：商业企业" goes under the group "法人或其他组织". */
function applicantTypeOptions(labels: Record<string, string>) {
  const groups = new Map<string, { value: string; label: string }[]>();
  const plain: { value: string; label: string }[] = [];
  for (const [value, label] of Object.entries(labels)) {
    const at = label.indexOf('：');
    if (at < 0) {
      plain.push({ value, label });
    } else {
      const group = label.slice(0, at);
      groups.set(group, [...(groups.get(group) ?? []), { value, label: label.slice(at + 1) }]);
    }
  }
  return [...plain, ...[...groups].map(([label, options]) => ({ label, title: label, options }))];
}

export function ApplicationFields({ form, agencies, showAgency = true }: { form: FormInstance; agencies?: Agency[]; showAgency?: boolean }) {
  const meta = useMeta();
  const applicantType = Form.useWatch('applicantType', form) as string | undefined;
  const idType = Form.useWatch('idType', form) as string | undefined;
  const delivery = Form.useWatch('delivery', form) as string | undefined;
  const organisation = applicantType !== undefined && applicantType !== 'natural';

  const typeOptions = useMemo(() => applicantTypeOptions(meta.applicantTypes), [meta]);
  const idOptions = optionsOf(
    meta.idTypes,
    Object.keys(meta.idTypes).filter((k) => (applicantType === undefined ? true : organisation ? ORG_ID_TYPES.includes(k) : !ORG_ID_TYPES.includes(k))),
  );

  // an organisation is identified by its 统一社会信用代码, a person by an identity document
  useEffect(() => {
    if (applicantType === undefined) return;
    const current = form.getFieldValue('idType') as string | undefined;
    if (organisation && current !== 'uscc') form.setFieldValue('idType', 'uscc');
    if (!organisation && (current === undefined || current === 'uscc')) form.setFieldValue('idType', 'idCard');
  }, [applicantType, organisation, form]);

  return (
    <>
      {showAgency && (
        <Card title="受理机关" size="small" className="form-section">
          <Form.Item name="agencyId" label="向哪个行政机关申请" rules={[{ required: true, message: '请选择受理机关' }]}>
            <Select
              placeholder="请选择受理机关"
              showSearch={{ optionFilterProp: 'label' }}
              options={(agencies ?? []).map((a) => ({ value: a.id, label: a.name }))}
            />
          </Form.Item>
        </Card>
      )}

      <Card title="申请人信息" size="small" className="form-section">
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="applicantType" label="申请人类型" rules={[{ required: true, message: '请选择申请人类型' }]}>
              <Select placeholder="自然人，或法人或其他组织" options={typeOptions} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="applicantName"
              label={organisation ? '名称（单位全称）' : '姓名'}
              rules={[{ required: true, whitespace: true, message: '请填写姓名或名称' }, { max: 100, message: '不能超过 100 字' }]}
            >
              <Input autoComplete={organisation ? 'organization' : 'name'} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="idType" label={organisation ? '证照类型' : '身份证件类型'} rules={[{ required: true, message: '请选择证件类型' }]}>
              <Select options={idOptions} placeholder="请选择" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="idNumber"
              label={idType === 'uscc' ? '统一社会信用代码' : '证件号码'}
              rules={[
                { required: true, whitespace: true, message: '请填写证件号码' },
                ...(idType === 'idCard' ? [{ pattern: /^\d{17}[\dXx]$/, message: '居民身份证号码应为 18 位' }] : []),
                ...(idType === 'uscc' ? [{ pattern: /^[0-9A-Za-z]{18}$/, message: '统一社会信用代码应为 18 位' }] : []),
              ]}
            >
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          {organisation && (
            <Col xs={24} md={24}>
              <Form.Item name="legalRepresentative" label="法定代表人或者负责人" rules={[{ required: true, whitespace: true, message: '请填写法定代表人或者负责人' }]}>
                <Input maxLength={50} />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={8}>
            <Form.Item
              name="phone"
              label="联系电话"
              rules={[
                { required: true, whitespace: true, message: '请填写联系电话' },
                { pattern: /^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(?:-\d{1,6})?)$/, message: '请填写手机号或带区号的固定电话' },
              ]}
            >
              <Input autoComplete="tel" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="email"
              label="电子邮箱"
              rules={[{ type: 'email', message: '电子邮箱格式不正确' }, { required: delivery === 'email', message: '选择电子邮件获取时，请填写电子邮箱' }]}
            >
              <Input autoComplete="email" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="contactPerson" label="联系人">
              <Input maxLength={50} placeholder={organisation ? '办理本申请的联系人' : '与申请人不同时填写'} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="address" label="通信地址" rules={[{ required: delivery === 'post', whitespace: true, message: '选择邮寄获取时，请填写通信地址' }]}>
              <Input maxLength={200} autoComplete="street-address" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="postcode"
              label="邮政编码"
              rules={[{ pattern: /^\d{6}$/, message: '邮政编码应为 6 位数字' }, { required: delivery === 'post', message: '选择邮寄获取时，请填写邮政编码' }]}
            >
              <Input maxLength={6} autoComplete="postal-code" />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title="所需政府信息" size="small" className="form-section">
        <Form.Item
          name="description"
          label="所需政府信息的名称、文号或者便于行政机关查询的其他特征性描述"
          extra="请尽量写明信息的名称、文号、制作机关、形成时间等，便于查询；申请内容不明确的，行政机关将告知补正（条例第二十九条、第三十条）。"
          rules={[
            { required: true, whitespace: true, message: '请描述所需的政府信息' },
            { min: 5, message: '请至少填写 5 个字' },
            { max: 2000, message: '不能超过 2000 字' },
          ]}
        >
          <Input.TextArea rows={4} showCount maxLength={2000} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="documentNumber" label="文号（如知道）">
              <Input maxLength={100} placeholder="例如：示卫〔2025〕12号" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="purpose" label="用途（选填）">
              <Input maxLength={500} />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title="获取信息的形式和方式" size="small" className="form-section">
        <Row gutter={16}>
          <Col xs={24} md={10}>
            <Form.Item name="form" label="获取信息的形式" rules={[{ required: true, message: '请选择纸质或电子' }]}>
              <Radio.Group options={optionsOf(meta.forms)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={14}>
            <Form.Item name="delivery" label="获取信息的方式" rules={[{ required: true, message: '请选择获取信息的方式' }]}>
              <Radio.Group options={optionsOf(meta.deliveries)} />
            </Form.Item>
          </Col>
        </Row>
      </Card>
    </>
  );
}

/** The intake values the API expects, from the form's values (empty strings left out). */
export function intakeValues(values: Record<string, unknown>): Record<string, unknown> {
  const keys = [
    'agencyId',
    'applicantType',
    'applicantName',
    'idType',
    'idNumber',
    'legalRepresentative',
    'contactPerson',
    'phone',
    'email',
    'address',
    'postcode',
    'description',
    'documentNumber',
    'purpose',
    'form',
    'delivery',
  ];
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const v = values[k];
    if (v === undefined || v === null || v === '') continue;
    out[k] = typeof v === 'string' ? v.trim() : v;
  }
  if (out.applicantType === 'natural') delete out.legalRepresentative;
  return out;
}
