/**
 * The agency's reply-letter template (答复书模板), with its placeholders.
 */
import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Form, Input, Space, Tag, Typography } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { api, errorText } from '../../lib/api';
import { useUser } from '../../lib/auth';
import { useFormSubmit } from '../../lib/formErrors';

interface Template {
  body: string;
  custom: boolean;
  placeholders: string[];
}

export function LetterTemplateTab() {
  const user = useUser();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ body: string }>();
  const [template, setTemplate] = useState<Template | null>(null);
  const { error, setError, busy, submit } = useFormSubmit(form);
  const area = useRef<TextAreaRef>(null);
  const url = `/api/agencies/${user.agencyId}/letter-template`;

  useEffect(() => {
    api
      .get<Template>(url)
      .then((t) => {
        setTemplate(t);
        form.setFieldsValue({ body: t.body });
      })
      .catch((e: unknown) => setError(errorText(e)));
  }, [url, form, setError]);

  /** Insert a placeholder where the cursor is. */
  const insert = (name: string) => {
    const text = (form.getFieldValue('body') as string | undefined) ?? '';
    const el = area.current?.resizableTextArea?.textArea;
    const at = el ? el.selectionStart : text.length;
    form.setFieldsValue({ body: `${text.slice(0, at)}{{${name}}}${text.slice(at)}` });
  };

  const onFinish = (v: { body: string }) =>
    submit(async () => {
      await api.put(url, { body: v.body });
      setTemplate((t) => (t ? { ...t, body: v.body, custom: true } : t));
      message.success('答复书模板已保存');
    });

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {'作出答复时按此模板生成答复书（Word 文件）。第一行为标题，“编号：”一行居中，以“：”结尾的一行为称呼，最后两行为机关名称和日期。' +
          '模板必须包含 {{答复意见}} 和 {{救济途径}}（告知申请人申请行政复议、提起行政诉讼的权利）。'}
        {template && !template.custom && '（当前使用系统默认模板）'}
      </Typography.Paragraph>
      {template && (
        <div>
          <Typography.Text>可用占位符（点击插入）：</Typography.Text>
          <Space size={[4, 4]} wrap>
            {template.placeholders.map((p) => (
              <Tag key={p} color="blue" className="clickable-tag" onClick={() => insert(p)} data-testid={`placeholder-${p}`}>
                {`{{${p}}}`}
              </Tag>
            ))}
          </Space>
        </div>
      )}
      {error && <Alert type="error" showIcon title={error} />}
      <Form name="letterTemplate" form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item name="body" label="答复书模板" rules={[{ required: true, message: '模板不能为空' }]}>
          <Input.TextArea ref={area} rows={14} className="template-text" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="template-submit">
          保存模板
        </Button>
      </Form>
    </Space>
  );
}
