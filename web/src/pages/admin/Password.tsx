/**
 * Changing one's own password (the other sessions of the user end).
 */
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { client } from '../../lib/client';
import { useFormSubmit } from '../../lib/formErrors';

export default function Password() {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const { error, busy, submit } = useFormSubmit(form);

  const onFinish = (values: { current: string; next: string }) =>
    submit(async () => {
      await client.post('/api/auth/password', { body: { current: values.current, next: values.next } });
      message.success('密码已修改，其他设备上的登录已退出');
      form.resetFields();
    });

  return (
    <Card title="修改密码" style={{ maxWidth: 480 }}>
      <Typography.Paragraph type="secondary">新密码至少 10 位，须同时包含字母和数字。</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form name="password" form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item name="current" label="当前密码" rules={[{ required: true, message: '请填写当前密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="next"
          label="新密码"
          rules={[
            { required: true, message: '请填写新密码' },
            { min: 10, message: '密码至少 10 位' },
            { pattern: /^(?=.*[A-Za-z])(?=.*\d)/, message: '密码须同时包含字母和数字' },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label="确认新密码"
          dependencies={['next']}
          rules={[
            { required: true, message: '请再次填写新密码' },
            ({ getFieldValue }) => ({
              validator: async (_, v) => {
                if (v && v !== getFieldValue('next')) throw new Error('两次填写的新密码不一致');
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="password-submit">
          修改密码
        </Button>
      </Form>
    </Card>
  );
}
