/**
 * 公开指南: the agency's guide to its disclosure work (条例 Art. 12), edited here (administrators and
 * reviewers, as the API allows) and shown on the public portal at /guide/:agencyId. Until the agency writes
 * its own, the API answers a default text written from the agency's details.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { ExportOutlined, SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { errorText } from '../../lib/api';
import { client } from '../../lib/client';
import { useCan } from '../../lib/rights';
import { useFormSubmit } from '../../lib/formErrors';
import { dateTime } from '../../lib/dates';
import { AgencyPicker, useAgencyScope } from '../../components/AgencyPicker';
import { GuideText } from '../../components/registry/GuideText';
import type { GuideText as Guide } from '../../components/registry/types';
import '../../components/registry/registry.css';

/** When the agency last saved its guide, or (`defaultText`) that the guide is still the default one. */
function SavedMark({ guide, defaultText }: { guide: Guide; defaultText: string }) {
  if (!guide.custom) return <Tag color="gold">{defaultText}</Tag>;
  return (
    <Typography.Text type="secondary" className="small-text">
      最近保存：{dateTime(guide.updatedAt)}
    </Typography.Text>
  );
}

export default function GuideEditor() {
  const can = useCan();
  const { message } = App.useApp();
  const scope = useAgencyScope();
  const [form] = Form.useForm<{ body: string }>();
  const body = Form.useWatch('body', form) ?? '';
  const [guide, setGuide] = useState<Guide | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { error: saveError, busy, submit } = useFormSubmit(form);
  const canEdit = can('guide.write', scope.agencyId);

  const load = useCallback(async () => {
    try {
      const g = await client.get('/api/agencies/:agencyId/guide', { params: { agencyId: scope.agencyId } });
      setGuide(g);
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  }, [scope.agencyId]);

  useEffect(() => {
    void load();
  }, [load]);

  const onFinish = (v: { body: string }) =>
    submit(async () => {
      await client.put('/api/agencies/:agencyId/guide', { params: { agencyId: scope.agencyId }, body: { body: v.body } });
      message.success('公开指南已保存，公众页面同步更新');
      await load();
    });

  const dirty = guide !== null && body !== guide.body;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div className="page-head">
        <Typography.Title level={3} style={{ margin: 0 }}>
          公开指南 · {scope.agencyName}
        </Typography.Title>
        <Space wrap>
          <AgencyPicker scope={scope} />
          <Button icon={<ExportOutlined />} href={`/guide/${scope.agencyId}`} target="_blank" data-testid="guide-public-link">
            查看公众页面
          </Button>
        </Space>
      </div>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {'政府信息公开指南包括政府信息的分类、编排体系、获取方式和政府信息公开工作机构的名称、办公地址、办公时间、联系电话、传真号码、互联网联系方式等内容（条例第十二条）。' +
          '每行一段；以“一、”“二、”等开头的行显示为标题。'}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} />}
      {!guide && !error && <Skeleton active />}
      {guide && !canEdit && (
        <Card
          size="small"
          title="公开指南"
          extra={<SavedMark guide={guide} defaultText="系统根据机关信息生成的默认指南" />}
        >
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={scope.own ? '公开指南由本机关的管理员或审核人修改，您可以查看。' : '您正在查看其他机关的公开指南（只读）。'}
          />
          <GuideText body={guide.body} testId="guide-readonly" />
        </Card>
      )}
      {guide && canEdit && (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={12}>
            <Card
              size="small"
              title="编辑"
              extra={<SavedMark guide={guide} defaultText="系统根据机关信息生成的默认指南，尚未保存" />}
            >
              {saveError && <Alert type="error" showIcon title={saveError} style={{ marginBottom: 12 }} />}
              <Form key={`${scope.agencyId}-${guide.updatedAt ?? ''}`} name="guide" form={form} layout="vertical" onFinish={onFinish} initialValues={{ body: guide.body }}>
                <Form.Item
                  name="body"
                  rules={[
                    { required: true, whitespace: true, message: '请填写公开指南' },
                    { min: 20, message: '公开指南内容过短' },
                    { max: 50000, message: '公开指南内容过长' },
                  ]}
                  className="guide-editor"
                >
                  <Input.TextArea autoSize={{ minRows: 18, maxRows: 32 }} showCount maxLength={50000} data-testid="guide-body" />
                </Form.Item>
                <Space>
                  <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={busy} disabled={!dirty && guide.custom} data-testid="guide-save">
                    {guide.custom ? '保存' : '保存为本机关的公开指南'}
                  </Button>
                  <Button icon={<UndoOutlined />} disabled={!dirty} onClick={() => form.setFieldsValue({ body: guide.body })}>
                    放弃修改
                  </Button>
                  {dirty && <Typography.Text type="warning">有未保存的修改</Typography.Text>}
                </Space>
              </Form>
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card size="small" title="预览（公众页面显示效果）" className="guide-preview-card">
              <div className="guide-preview">
                <GuideText body={body} />
              </div>
            </Card>
          </Col>
        </Row>
      )}
    </Space>
  );
}
