/**
 * The agency's accounts: list, create (with roles), change roles, deactivate or reactivate, reset password,
 * and unlock an account locked after repeated wrong passwords.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Checkbox, Form, Input, Popconfirm, Space, Table, Tag, Tooltip } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { TableColumnsType } from 'antd';
import type { Role } from '../../../../src/core/applications/workflow';
import { errorText } from '../../lib/api';
import { client, type UserAccount } from '../../lib/client';
import { useUser } from '../../lib/auth';
import { useFormSubmit } from '../../lib/formErrors';
import { labelOf, optionsOf, useMeta } from '../../lib/meta';
import { dateTime } from '../../lib/dates';
import { FormModal } from '../FormModal';

/** An account as the list gives it: `lockedUntil` is set while it is locked after repeated wrong passwords. */
type Account = UserAccount;

type Editing = { mode: 'create' } | { mode: 'roles'; account: Account } | { mode: 'password'; account: Account };

// the server also refuses common and simple passwords (e.g. 'Password2026', 'woaini1314'), naming the field
const passwordRules = [
  { required: true, message: '请填写密码' },
  { min: 10, message: '密码至少 10 位' },
  { pattern: /^(?=.*[A-Za-z])(?=.*\d)/, message: '密码须同时包含字母和数字' },
];

function AccountModal({ editing, agencyId, onClose, onSaved }: { editing: Editing | null; agencyId: number; onClose: () => void; onSaved: () => void }) {
  const meta = useMeta();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const { error, setError, busy, submit } = useFormSubmit(form);

  useEffect(() => {
    setError(null);
    form.resetFields();
    if (editing?.mode === 'roles') form.setFieldsValue({ roles: editing.account.roles });
  }, [editing, form]);

  const onFinish = async (v: { username?: string; displayName?: string; password?: string; roles?: Role[] }) => {
    if (!editing) return;
    await submit(async () => {
      if (editing.mode === 'create') {
        await client.post('/api/agencies/:agencyId/users', {
          params: { agencyId },
          body: { username: v.username ?? '', displayName: v.displayName ?? '', password: v.password ?? '', roles: v.roles ?? [] },
        });
        message.success('账号已创建');
      } else if (editing.mode === 'roles') {
        await client.patch('/api/users/:id', { params: { id: editing.account.id }, body: { roles: v.roles } });
        message.success('角色已修改');
      } else {
        await client.patch('/api/users/:id', { params: { id: editing.account.id }, body: { password: v.password } });
        message.success('密码已重置，该账号需用新密码重新登录');
      }
      onClose();
      onSaved();
    });
  };

  const title = !editing ? '' : editing.mode === 'create' ? '新建账号' : editing.mode === 'roles' ? `修改角色：${editing.account.displayName}` : `重置密码：${editing.account.displayName}`;
  return (
    <FormModal open={editing !== null} title={title} onCancel={onClose} forceRender form={form} busy={busy} error={error} okTestId="account-submit">
      <Form name="account" form={form} layout="vertical" onFinish={onFinish}>
        {editing?.mode === 'create' && (
          <>
            <Form.Item name="username" label="用户名" extra="3–40 位字母、数字、下划线、点或连字符" rules={[{ required: true, message: '请填写用户名' }]}>
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item name="displayName" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
              <Input maxLength={50} />
            </Form.Item>
          </>
        )}
        {(editing?.mode === 'create' || editing?.mode === 'password') && (
          <Form.Item name="password" label={editing.mode === 'create' ? '初始密码' : '新密码'} extra="至少 10 位，须同时包含字母和数字，不能是常见或简单的密码" rules={passwordRules}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        {(editing?.mode === 'create' || editing?.mode === 'roles') && (
          <Form.Item name="roles" label="角色" rules={[{ required: true, type: 'array', min: 1, message: '至少选择一个角色' }]}>
            <Checkbox.Group options={optionsOf(meta.roles)} />
          </Form.Item>
        )}
      </Form>
    </FormModal>
  );
}

export function AccountsTab() {
  const user = useUser();
  const meta = useMeta();
  const { message } = App.useApp();
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setAccounts(await client.get('/api/agencies/:agencyId/users', { params: { agencyId: user.agencyId } }));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setLoading(false);
    }
  }, [user.agencyId]);

  useEffect(() => {
    void load();
  }, [load]);

  const setActive = async (a: UserAccount, active: boolean) => {
    try {
      await client.patch('/api/users/:id', { params: { id: a.id }, body: { active } });
      message.success(active ? '账号已启用' : '账号已停用');
      void load();
    } catch (e) {
      message.error(errorText(e));
    }
  };

  const unlock = async (a: Account) => {
    try {
      await client.post('/api/users/:id/unlock', { params: { id: a.id } });
      message.success(`已解锁“${a.displayName}”的账号`);
      void load();
    } catch (e) {
      message.error(errorText(e));
    }
  };

  const columns: TableColumnsType<Account> = [
    { title: '用户名', dataIndex: 'username', width: 140 },
    { title: '姓名', dataIndex: 'displayName', width: 180 },
    {
      title: '角色',
      dataIndex: 'roles',
      render: (roles: string[]) => roles.map((r) => <Tag key={r} color="blue">{labelOf(meta.roles, r)}</Tag>),
    },
    {
      title: '状态',
      dataIndex: 'active',
      width: 90,
      render: (v: boolean, a: Account) =>
        !v ? (
          <Tag>已停用</Tag>
        ) : a.lockedUntil ? (
          <Tooltip title={`密码连续错误次数过多，锁定至 ${dateTime(a.lockedUntil)}`}>
            <Tag color="red" data-testid={`account-locked-${a.username}`}>
              已锁定
            </Tag>
          </Tooltip>
        ) : (
          <Tag color="green">启用</Tag>
        ),
    },
    { title: '创建时间', dataIndex: 'createdAt', width: 150, render: (v: string) => dateTime(v) },
    {
      title: '操作',
      key: 'ops',
      width: 250,
      render: (_: unknown, a: Account) => (
        <Space size={0} wrap>
          {a.lockedUntil && (
            <Popconfirm title={`解锁“${a.displayName}”的账号？`} description="解锁后可立即登录，密码错误次数重新计算。" okText="解锁" cancelText="取消" onConfirm={() => void unlock(a)}>
              <Button type="link" size="small" data-testid={`account-unlock-${a.username}`}>
                解锁
              </Button>
            </Popconfirm>
          )}
          <Button type="link" size="small" onClick={() => setEditing({ mode: 'roles', account: a })} data-testid={`account-roles-${a.username}`}>
            修改角色
          </Button>
          <Button type="link" size="small" onClick={() => setEditing({ mode: 'password', account: a })} data-testid={`account-password-${a.username}`}>
            重置密码
          </Button>
          {a.active ? (
            <Popconfirm title={`停用“${a.displayName}”的账号？`} description="停用后该账号立即退出登录，不能再登录。" okText="停用" cancelText="取消" onConfirm={() => void setActive(a, false)}>
              <Button type="link" size="small" danger disabled={a.id === user.userId} data-testid={`account-deactivate-${a.username}`}>
                停用
              </Button>
            </Popconfirm>
          ) : (
            <Button type="link" size="small" onClick={() => void setActive(a, true)} data-testid={`account-activate-${a.username}`}>
              启用
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create' })} data-testid="account-new">
          新建账号
        </Button>
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      <Table<Account> rowKey="id" size="middle" loading={loading} columns={columns} dataSource={accounts} pagination={false} />
      <AccountModal editing={editing} agencyId={user.agencyId} onClose={() => setEditing(null)} onSaved={() => void load()} />
    </Space>
  );
}
