/**
 * The agency's templates of its notices (通知书模板): one per kind (补正告知书, 延期答复告知书, 征求意见函,
 * 收费通知书, 说明理由告知书, 延迟答复告知书, 答复书, 不予处理告知书), with the kind's placeholders, a preview
 * filled with sample values, and the problems (unknown placeholders, required ones missing) shown as the
 * template is typed, by the same rules the server applies (src/core/applications/notices.ts).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, Row, Select, Space, Tag, Typography } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { errorText } from '../../lib/api';
import { client, type NoticeTemplate } from '../../lib/client';
import { useUser } from '../../lib/auth';
import { useFormSubmit } from '../../lib/formErrors';
import { NOTICE_KINDS, fillNotice, templateProblems, type NoticeKind } from '../../../../src/core/applications/notices';

/** The filled notice laid out as the Word file is: title centred, number under it, signature at the right. */
export function NoticeText({ text, testId }: { text: string; testId?: string }) {
  const lines = text.split('\n').map((l) => l.trim());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const [title = '', ...rest] = lines;
  const signature = Math.max(0, rest.length - 2);
  // the first line ending in "：" among the first three is the salutation (flush left), as src/render/letter.ts has it
  const salutation = rest.findIndex((l, i) => i <= 2 && i < signature && /[:：]$/.test(l));
  return (
    <div className="notice-text" data-testid={testId} style={{ fontFamily: 'FangSong, STFangsong, serif', lineHeight: 1.9 }}>
      <div style={{ textAlign: 'center', fontSize: 18, fontWeight: 600 }}>{title}</div>
      {rest.map((l, i) => (
        <div
          key={i}
          style={i >= signature ? { textAlign: 'right' } : i === 0 && i !== salutation ? { textAlign: 'center' } : i === salutation ? {} : { textIndent: '2em' }}
        >
          {l || '\u00a0'}
        </div>
      ))}
    </div>
  );
}

export function LetterTemplateTab() {
  const user = useUser();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ body: string }>();
  const [templates, setTemplates] = useState<NoticeTemplate[] | null>(null);
  const [kind, setKind] = useState<NoticeKind>('reply');
  const { error, setError, busy, submit } = useFormSubmit(form);
  const area = useRef<TextAreaRef>(null);
  const agencyId = user.agencyId;
  const body = (Form.useWatch('body', form) as string | undefined) ?? '';
  const current = templates?.find((t) => t.kind === kind) ?? null;

  useEffect(() => {
    client
      .get('/api/agencies/:agencyId/notice-templates', { params: { agencyId } })
      .then((list) => {
        setTemplates(list);
        form.setFieldsValue({ body: list.find((t) => t.kind === 'reply')?.body ?? '' });
      })
      .catch((e: unknown) => setError(errorText(e)));
  }, [agencyId, form, setError]);

  const choose = (k: NoticeKind) => {
    setKind(k);
    setError(null);
    form.setFieldsValue({ body: templates?.find((t) => t.kind === k)?.body ?? '' });
    form.setFields([{ name: 'body', errors: [] }]);
  };

  /** Insert a placeholder where the cursor is. */
  const insert = (name: string) => {
    const text = (form.getFieldValue('body') as string | undefined) ?? '';
    const el = area.current?.resizableTextArea?.textArea;
    const at = el ? el.selectionStart : text.length;
    form.setFieldsValue({ body: `${text.slice(0, at)}{{${name}}}${text.slice(at)}` });
    void form.validateFields(['body']).catch(() => {});
  };

  const preview = useMemo(() => (current ? fillNotice(body, current.sample) : ''), [body, current]);

  const onFinish = (v: { body: string }) =>
    submit(async () => {
      await client.put('/api/agencies/:agencyId/notice-templates/:kind', { params: { agencyId, kind }, body: { body: v.body } });
      setTemplates((list) => list?.map((t) => (t.kind === kind ? { ...t, body: v.body, custom: true } : t)) ?? list);
      message.success(`${NOTICE_KINDS[kind].title}模板已保存`);
    });

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {'办理步骤需要书面告知申请人（或征求第三方、其他机关意见）时，按此处的模板生成通知书（Word 文件），承办人发出前可预览并修改。' +
          '第一行为标题，{{文号}} 一行在发出时填入本机关的文号，以“：”结尾的一行为称呼，最后两行为机关名称和日期。'}
      </Typography.Paragraph>
      <Space wrap>
        <Typography.Text>通知书：</Typography.Text>
        <Select
          style={{ width: 320 }}
          value={kind}
          onChange={choose}
          data-testid="template-kind"
          options={(templates ?? []).map((t) => ({ value: t.kind, label: `${t.title}${t.custom ? '（已自定义）' : ''}` }))}
        />
      </Space>
      {current && (
        <Alert
          type="info"
          showIcon
          title={`依据：${current.article}${current.public ? '' : '。征求意见函发给第三方或其他机关，不在申请人的查询页面显示'}`}
          description={current.custom ? undefined : '当前使用系统默认模板'}
        />
      )}
      {current && (
        <div>
          <Typography.Text>可用占位符（点击插入）：</Typography.Text>
          <Space size={[4, 4]} wrap>
            {current.placeholders.map((p) => (
              <Tag key={p} color={current.required.some((r) => r.name === p) ? 'gold' : 'blue'} className="clickable-tag" onClick={() => insert(p)} data-testid={`placeholder-${p}`}>
                {`{{${p}}}`}
              </Tag>
            ))}
          </Space>
          <Typography.Paragraph type="secondary" style={{ marginTop: 4, marginBottom: 0 }}>
            金色为必须保留的占位符：{current.required.map((r) => `{{${r.name}}}（${r.why}）`).join('；')}
          </Typography.Paragraph>
        </div>
      )}
      {error && <Alert type="error" showIcon title={error} />}
      <Row gutter={24}>
        <Col xs={24} xl={12}>
          <Form name="letterTemplate" form={form} layout="vertical" onFinish={onFinish}>
            <Form.Item
              name="body"
              label={current ? `${current.title}模板` : '模板'}
              rules={[
                { required: true, message: '模板不能为空' },
                {
                  validator: async (_, value: string | undefined) => {
                    const problems = value ? templateProblems(kind, value) : [];
                    if (problems.length > 0) throw new Error(problems.join('\n'));
                  },
                },
              ]}
            >
              <Input.TextArea ref={area} rows={16} className="template-text" data-testid="template-body" />
            </Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="template-submit">
                保存模板
              </Button>
              <Button
                onClick={() => {
                  if (current) form.setFieldsValue({ body: current.defaultBody });
                  void form.validateFields(['body']).catch(() => {});
                }}
                data-testid="template-default"
              >
                恢复默认模板
              </Button>
            </Space>
          </Form>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title="预览（示例内容）">
            <NoticeText text={preview} testId="template-preview" />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
