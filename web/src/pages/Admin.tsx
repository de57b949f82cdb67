// Plan and account management for the standing agency and administrators.
import { useEffect, useState } from 'react';
import { Tabs, Table, Form, Input, Select, Button, InputNumber, Switch, DatePicker, Space, message, Card, Tag } from 'antd';
import { get, post, put, ApiError } from '../api';
import { useT, vnDate } from '../i18n';

const ROLES = ['admin', 'standing_agency', 'leader', 'directing_leader', 'unit_head', 'focal_point', 'viewer'];

function fail(e: unknown, form?: any) {
  if (e instanceof ApiError && e.field && form) form.setFields([{ name: e.field, errors: [e.message] }]);
  else message.error(e instanceof ApiError ? e.message : String(e));
}

function useUnits() {
  const [units, setUnits] = useState<any[]>([]);
  useEffect(() => { get('/units?limit=1000').then((r) => setUnits(r.items)); }, []);
  return units;
}

function Users() {
  const t = useT();
  const units = useUnits();
  const [users, setUsers] = useState<any>(null);
  const [form] = Form.useForm();
  const load = () => get('/users?limit=500').then(setUsers).catch(() => setUsers({ items: [], total: 0 }));
  useEffect(() => { load(); }, []);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small" title={t('Thêm người dùng')}>
        <Form form={form} layout="inline" onFinish={async (v) => { try { await post('/users', v); form.resetFields(); load(); message.success(v.username); } catch (e) { fail(e, form); } }}>
          <Form.Item name="username" rules={[{ required: true }]}><Input placeholder={t('Tên đăng nhập')} /></Form.Item>
          <Form.Item name="full_name" rules={[{ required: true }]}><Input placeholder={t('Họ tên')} /></Form.Item>
          <Form.Item name="role" rules={[{ required: true }]}><Select placeholder={t('Vai trò')} style={{ width: 170 }} options={ROLES.map((r) => ({ value: r, label: r }))} /></Form.Item>
          <Form.Item name="unit_id" rules={[{ required: true }]}><Select showSearch optionFilterProp="label" placeholder={t('Đơn vị')} style={{ width: 240 }} options={units.map((u) => ({ value: u.id, label: u.name }))} /></Form.Item>
          <Form.Item name="password" rules={[{ required: true }]}><Input.Password placeholder={t('Mật khẩu')} /></Form.Item>
          <Button htmlType="submit" type="primary">{t('Lưu')}</Button>
        </Form>
      </Card>
      <Table size="small" rowKey="id" dataSource={users?.items ?? []} columns={[
        { title: t('Tên đăng nhập'), dataIndex: 'username' }, { title: t('Họ tên'), dataIndex: 'full_name' },
        { title: t('Vai trò'), dataIndex: 'role', render: (r) => <Tag>{r}</Tag> }, { title: t('Đơn vị'), dataIndex: 'unit_name' },
      ]} />
    </Space>
  );
}

function Rule() {
  const t = useT();
  const [plans, setPlans] = useState<any[]>([]);
  const [plan, setPlan] = useState<number>();
  const [form] = Form.useForm();
  useEffect(() => { get('/directives?has_plan=true&limit=100').then((r) => { setPlans(r.items); setPlan(r.items[0]?.id); }); }, []);
  useEffect(() => { if (plan) get(`/directives/${plan}/reporting-rule`).then((r) => form.setFieldsValue(r)); }, [plan]);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Select style={{ minWidth: 260 }} value={plan} onChange={setPlan} options={plans.map((d) => ({ value: d.id, label: d.number }))} />
      <Form form={form} layout="vertical" style={{ maxWidth: 520 }} onFinish={async (v) => { try { await put(`/directives/${plan}/reporting-rule`, v); message.success(t('Lưu')); } catch (e) { fail(e, form); } }}>
        <Form.Item label="Kỳ báo cáo" name="period_type"><Select options={['monthly', 'quarterly', 'half_year', 'annual'].map((x) => ({ value: x, label: x }))} /></Form.Item>
        <Form.Item label="Khoảng số liệu" name="data_window"><Select options={[{ value: 'decree09', label: 'Nghị định 09/2019: 15 tháng trước → 14 tháng này' }, { value: 'calendar', label: 'Tháng dương lịch' }]} /></Form.Item>
        <Form.Item label="Hạn báo cáo: trước ngày" name="due_day"><InputNumber min={2} max={28} /></Form.Item>
        <Form.Item label="Dời hạn rơi vào ngày nghỉ sang ngày làm việc kế tiếp" name="shift_to_working_day" valuePropName="checked"><Switch /></Form.Item>
        <Form.Item label="Cảnh báo sắp đến hạn trước (ngày)" name="due_soon_days"><InputNumber min={0} max={90} /></Form.Item>
        <Form.Item label="Mục tiêu tỷ lệ cập nhật (0–1)" name="update_target"><InputNumber min={0} max={1} step={0.05} /></Form.Item>
        <Space wrap>{['timeliness', 'updates', 'completion', 'indicators'].map((w) => (
          <Form.Item key={w} label={`Trọng số ${w}`} name={['weights', w]}><InputNumber min={0} max={1} step={0.05} /></Form.Item>))}</Space>
        <Button type="primary" htmlType="submit">{t('Lưu')}</Button>
      </Form>
    </Space>
  );
}

function Holidays() {
  const t = useT();
  const [items, setItems] = useState<any[]>([]);
  const [form] = Form.useForm();
  const load = () => get('/holidays').then((r) => setItems(r.items));
  useEffect(() => { load(); }, []);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Form form={form} layout="inline" onFinish={async (v) => { try { await put(`/holidays/${v.day.format('YYYY-MM-DD')}`, { name: v.name }); form.resetFields(); load(); } catch (e) { fail(e, form); } }}>
        <Form.Item name="day" rules={[{ required: true }]}><DatePicker format="DD/MM/YYYY" /></Form.Item>
        <Form.Item name="name" rules={[{ required: true }]}><Input placeholder="Tên ngày nghỉ" /></Form.Item>
        <Button htmlType="submit" type="primary">{t('Lưu')}</Button>
      </Form>
      <Table size="small" rowKey="day" dataSource={items} pagination={false} columns={[{ title: 'Ngày', dataIndex: 'day', render: vnDate }, { title: 'Tên', dataIndex: 'name' }]} />
    </Space>
  );
}

function Tasks() {
  const t = useT();
  const units = useUnits();
  const [plans, setPlans] = useState<any[]>([]);
  const [groups, setGroups] = useState<any[]>([]);
  const [form] = Form.useForm();
  useEffect(() => { get('/directives?has_plan=true&limit=100').then((r) => setPlans(r.items)); get('/unit-groups?limit=100').then((r) => setGroups(r.items)); }, []);
  return (
    <Form form={form} layout="vertical" style={{ maxWidth: 720 }} onFinish={async (v) => {
      try { const r = await post('/tasks', v); message.success(`${r.code}: ${r.assignment_count} đơn vị`); form.resetFields(); } catch (e) { fail(e, form); }
    }}>
      <Form.Item label={t('Kế hoạch')} name="directive_id" rules={[{ required: true }]}><Select options={plans.map((d) => ({ value: d.id, label: d.number }))} /></Form.Item>
      <Form.Item label="Số thứ tự" name="code" rules={[{ required: true }]}><Input /></Form.Item>
      <Form.Item label="Tên nhiệm vụ" name="name" rules={[{ required: true }]}><Input.TextArea autoSize /></Form.Item>
      <Form.Item label="Nhóm đơn vị chủ trì" name="lead_group_ids"><Select mode="multiple" options={groups.map((g) => ({ value: g.id, label: `${g.name} (${g.member_count})` }))} /></Form.Item>
      <Form.Item label="Đơn vị chủ trì" name="lead_unit_ids"><Select mode="multiple" showSearch optionFilterProp="label" options={units.map((u) => ({ value: u.id, label: u.name }))} /></Form.Item>
      <Form.Item label="Đơn vị phối hợp" name="coordinating_unit_ids"><Select mode="multiple" showSearch optionFilterProp="label" options={units.map((u) => ({ value: u.id, label: u.name }))} /></Form.Item>
      <Form.Item label="Thời hạn (như văn bản ghi: Quý II/2026, 12/2026, Thường xuyên…)" name="deadline_text" rules={[{ required: true }]}><Input /></Form.Item>
      <Form.Item label="Chủ trì chỉ đạo" name="directing_leader"><Input /></Form.Item>
      <Form.Item label="Sản phẩm đầu ra" name="output"><Input /></Form.Item>
      <Button type="primary" htmlType="submit">{t('Lưu')}</Button>
    </Form>
  );
}

export function Admin() {
  const t = useT();
  return <Tabs items={[
    { key: 'tasks', label: t('Nhiệm vụ'), children: <Tasks /> },
    { key: 'rule', label: t('Quy định báo cáo'), children: <Rule /> },
    { key: 'holidays', label: t('Ngày nghỉ lễ'), children: <Holidays /> },
    { key: 'users', label: t('Người dùng'), children: <Users /> },
  ]} />;
}
