/**
 * Staff login. After logging in, back to the page that asked for it, or to the work queue.
 */
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { client } from '../../lib/client';
import { useAuth } from '../../lib/auth';
import { useFormSubmit } from '../../lib/formErrors';

export default function Login() {
  const [form] = Form.useForm();
  const { refresh } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { error, busy, submit } = useFormSubmit(form);

  const onFinish = (values: { username: string; password: string }) =>
    submit(async () => {
      await client.post('/api/auth/login', { body: values });
      await refresh();
      const next = params.get('next');
      navigate(next && next.startsWith('/admin') && !next.startsWith('/admin/login') ? next : '/admin', { replace: true });
    });

  return (
    <div className="login-page">
      <Card className="login-card">
        <div className="login-brand">
          <span className="portal-emblem">公</span>
          <div>
            <Typography.Title level={3} style={{ margin: 0 }}>
              政府信息公开工作平台
            </Typography.Title>
            <Typography.Text type="secondary">工作人员登录</Typography.Text>
          </div>
        </div>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form name="login" form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item name="username" label="用户名" rules={[{ required: true, whitespace: true, message: '请填写用户名' }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" size="large" autoFocus />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请填写密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="login-submit">
            登录
          </Button>
        </Form>
        <div className="login-foot">
          <Link to="/">返回公众门户</Link>
        </div>
      </Card>
    </div>
  );
}
