// Accounts: a new user, and an admin's actions on one user (a new password, lock/unlock, end sessions, lift the login delay).
import { useEffect, useState } from 'react';
import { Table, Form, Input, Select, Button, Space, message, Card, Tag, Modal, Popconfirm } from 'antd';
import { get, post, User, Schemas } from '../../api';
import { useT } from '../../i18n';
import { fail, useUnits } from '../../shared';
import { ROLES, ROLE_VI } from './labels';

function UserActions({ user, reload, self }: { user: Schemas['User']; reload: () => void; self: boolean }) {
  const t = useT();
  const [resetting, setResetting] = useState(false);
  const [form] = Form.useForm();
  const act = async (path: string, done: string) => {
    try {
      // end-sessions tells how many sessions ended; the other actions answer the user or { ok }.
      const r = await post<Schemas['SessionsEnded'] | Schemas['User'] | Schemas['Ok']>(`/users/${user.id}/${path}`);
      message.success('sessions_ended' in r ? `${done} (${r.sessions_ended} ${t('phiên')})` : done);
      reload();
    } catch (e) { fail(e); }
  };
  return (
    <Space wrap size={4}>
      <Button size="small" onClick={() => setResetting(true)} data-testid={`reset-${user.username}`}>{t('Đặt lại mật khẩu')}</Button>
      {self ? null : user.active
        ? <Popconfirm title={`${t('Khóa tài khoản')} ${user.username}? ${t('Mọi phiên sẽ kết thúc.')}`} okText={t('Khóa')} cancelText={t('Thôi')}
            onConfirm={() => act('deactivate', t('Đã khóa tài khoản'))}>
            <Button size="small" danger>{t('Khóa tài khoản')}</Button></Popconfirm>
        : <Button size="small" onClick={() => act('activate', t('Đã mở khóa tài khoản'))}>{t('Mở khóa tài khoản')}</Button>}
      <Button size="small" onClick={() => act('end-sessions', t('Đã kết thúc phiên'))}>{t('Kết thúc phiên')}</Button>
      <Button size="small" onClick={() => act('unlock', t('Đã bỏ thời gian chờ đăng nhập'))}>{t('Bỏ chờ đăng nhập')}</Button>
      <Modal open={resetting} title={`${t('Đặt lại mật khẩu')}: ${user.username}`} okText={t('Lưu')} cancelText={t('Thôi')}
        onCancel={() => { setResetting(false); form.resetFields(); }} onOk={() => form.submit()} destroyOnClose>
        <Form form={form} name="admin-form-1" layout="vertical" onFinish={async (v) => {
          try {
            const r = await post<Schemas['SessionsEnded']>(`/users/${user.id}/password`, { new_password: v.new_password });
            message.success(`${t('Đã đặt mật khẩu mới')} (${r.sessions_ended} ${t('phiên kết thúc')})`);
            setResetting(false);
            form.resetFields();
          } catch (e) { fail(e, form); }
        }}>
          <Form.Item label={t('Mật khẩu mới')} name="new_password" rules={[{ required: true, message: t('Nhập mật khẩu mới') }]}
            extra={t('Mọi phiên đăng nhập của người này sẽ kết thúc.')}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

export function Users({ me }: { me?: User }) {
  const t = useT();
  const units = useUnits();
  const [users, setUsers] = useState<Schemas['UserList'] | null>(null);
  const [form] = Form.useForm();
  const load = () => get<Schemas['UserList']>('/users?limit=500').then(setUsers).catch(() => setUsers({ items: [], total: 0 }));
  useEffect(() => { load(); }, []);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small" title={t('Thêm người dùng')}>
        <Form form={form} name="admin-form-2" layout="inline" onFinish={async (v) => { try { await post('/users', v); form.resetFields(); load(); message.success(v.username); } catch (e) { fail(e, form); } }}>
          <Form.Item name="username" rules={[{ required: true }]}><Input placeholder={t('Tên đăng nhập')} /></Form.Item>
          <Form.Item name="full_name" rules={[{ required: true }]}><Input placeholder={t('Họ tên')} /></Form.Item>
          <Form.Item name="role" rules={[{ required: true }]}><Select placeholder={t('Vai trò')} style={{ width: 170 }} options={ROLES.map((r) => ({ value: r, label: t(ROLE_VI[r] ?? r) }))} /></Form.Item>
          <Form.Item name="unit_id" rules={[{ required: true }]}><Select showSearch optionFilterProp="label" placeholder={t('Đơn vị')} style={{ width: 240 }} options={units.map((u) => ({ value: u.id, label: u.name }))} /></Form.Item>
          <Form.Item name="email" rules={[{ type: 'email', message: t('E-mail không hợp lệ') }]}><Input placeholder={t('E-mail (để lấy lại mật khẩu)')} style={{ width: 230 }} /></Form.Item>
          <Form.Item name="password" rules={[{ required: true }]}><Input.Password placeholder={t('Mật khẩu')} /></Form.Item>
          <Button htmlType="submit" type="primary">{t('Lưu')}</Button>
        </Form>
      </Card>
      <Table size="small" rowKey="id" dataSource={users?.items ?? []} columns={[
        { title: t('Tên đăng nhập'), dataIndex: 'username' }, { title: t('Họ tên'), dataIndex: 'full_name' },
        { title: t('Vai trò'), dataIndex: 'role', render: (r: string) => <Tag>{t(ROLE_VI[r] ?? r)}</Tag> }, { title: t('Đơn vị'), dataIndex: 'unit_name' },
        { title: t('Trạng thái'), dataIndex: 'active', render: (a: boolean) => (a ? <Tag color="green">{t('Hoạt động')}</Tag> : <Tag color="red">{t('Đã khóa')}</Tag>) },
        { title: t('Thao tác'), key: 'actions', render: (_: unknown, u: Schemas['User']) => <UserActions user={u} reload={load} self={u.id === me?.id} /> },
      ]} scroll={{ x: true }} pagination={{ pageSize: 50 }} />
    </Space>
  );
}
