// Plan and account management for the standing agency and administrators.
import { useEffect, useState } from 'react';
import { Tabs, Table, Form, Input, Select, Button, InputNumber, Switch, DatePicker, Space, message, Card, Tag, Modal, Popconfirm } from 'antd';
import type { FormInstance } from 'antd';
import { get, post, put, ApiError, User, Schemas } from '../api';
import { useT, vnDate } from '../i18n';
import { UnitSuccession } from './UnitSuccession';

const ROLES = ['admin', 'standing_agency', 'leader', 'directing_leader', 'unit_head', 'focal_point', 'viewer'];
const PERIOD_TYPE: Record<string, string> = { monthly: 'Hằng tháng', quarterly: 'Hằng quý', half_year: '6 tháng', annual: 'Hằng năm' };
// R11: the ranking's components.
const WEIGHT_VI: Record<string, string> = {
  timeliness: 'đúng hạn báo cáo', updates: 'cập nhật', completion: 'hoàn thành đúng hạn', indicators: 'đạt chỉ tiêu',
};
const ROLE_VI: Record<string, string> = {
  admin: 'Quản trị hệ thống', standing_agency: 'Cơ quan thường trực', leader: 'Lãnh đạo', directing_leader: 'Lãnh đạo chủ trì',
  unit_head: 'Lãnh đạo đơn vị', focal_point: 'Đầu mối báo cáo', viewer: 'Chỉ xem',
};

function fail(e: unknown, form?: FormInstance) {
  if (e instanceof ApiError && e.field && form) form.setFields([{ name: e.field, errors: [e.message] }]);
  else message.error(e instanceof ApiError ? e.message : String(e));
}

function useUnits(version = 0) {
  const [units, setUnits] = useState<Schemas['Unit'][]>([]);
  useEffect(() => { get<Schemas['UnitList']>('/units?limit=1000').then((r) => setUnits(r.items)); }, [version]);
  return units;
}

// An admin's account actions on one user: a new password, deactivate/activate, end sessions, lift the login delay.
function UserActions({ user, reload, self }: { user: Schemas['User']; reload: () => void; self: boolean }) {
  const t = useT();
  const [resetting, setResetting] = useState(false);
  const [form] = Form.useForm();
  const act = async (path: string, done: string) => {
    try {
      // end-sessions tells how many sessions ended; the other actions answer the user or { ok }.
      const r = await post<Schemas['SessionsEnded'] | Schemas['User'] | Schemas['Ok']>(`/users/${user.id}/${path}`);
      message.success('sessions_ended' in r ? `${done} (${r.sessions_ended} phiên)` : done);
      reload();
    } catch (e) { fail(e); }
  };
  return (
    <Space wrap size={4}>
      <Button size="small" onClick={() => setResetting(true)} data-testid={`reset-${user.username}`}>{t('Đặt lại mật khẩu')}</Button>
      {self ? null : user.active
        ? <Popconfirm title={`Khóa tài khoản ${user.username}? Mọi phiên sẽ kết thúc.`} okText="Khóa" cancelText="Thôi"
            onConfirm={() => act('deactivate', 'Đã khóa tài khoản')}>
            <Button size="small" danger>{t('Khóa tài khoản')}</Button></Popconfirm>
        : <Button size="small" onClick={() => act('activate', 'Đã mở khóa tài khoản')}>{t('Mở khóa tài khoản')}</Button>}
      <Button size="small" onClick={() => act('end-sessions', 'Đã kết thúc phiên')}>{t('Kết thúc phiên')}</Button>
      <Button size="small" onClick={() => act('unlock', 'Đã bỏ thời gian chờ đăng nhập')}>{t('Bỏ chờ đăng nhập')}</Button>
      <Modal open={resetting} title={`${t('Đặt lại mật khẩu')}: ${user.username}`} okText={t('Lưu')} cancelText="Thôi"
        onCancel={() => { setResetting(false); form.resetFields(); }} onOk={() => form.submit()} destroyOnClose>
        <Form form={form} name="admin-form-1" layout="vertical" onFinish={async (v) => {
          try {
            const r = await post<Schemas['SessionsEnded']>(`/users/${user.id}/password`, { new_password: v.new_password });
            message.success(`Đã đặt mật khẩu mới (${r.sessions_ended} phiên kết thúc)`);
            setResetting(false);
            form.resetFields();
          } catch (e) { fail(e, form); }
        }}>
          <Form.Item label={t('Mật khẩu mới')} name="new_password" rules={[{ required: true, message: 'Nhập mật khẩu mới' }]}
            extra="Mọi phiên đăng nhập của người này sẽ kết thúc.">
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

function Users({ me }: { me?: User }) {
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
          <Form.Item name="role" rules={[{ required: true }]}><Select placeholder={t('Vai trò')} style={{ width: 170 }} options={ROLES.map((r) => ({ value: r, label: ROLE_VI[r] ?? r }))} /></Form.Item>
          <Form.Item name="unit_id" rules={[{ required: true }]}><Select showSearch optionFilterProp="label" placeholder={t('Đơn vị')} style={{ width: 240 }} options={units.map((u) => ({ value: u.id, label: u.name }))} /></Form.Item>
          <Form.Item name="email" rules={[{ type: 'email', message: 'E-mail không hợp lệ' }]}><Input placeholder="E-mail (để lấy lại mật khẩu)" style={{ width: 230 }} /></Form.Item>
          <Form.Item name="password" rules={[{ required: true }]}><Input.Password placeholder={t('Mật khẩu')} /></Form.Item>
          <Button htmlType="submit" type="primary">{t('Lưu')}</Button>
        </Form>
      </Card>
      <Table size="small" rowKey="id" dataSource={users?.items ?? []} columns={[
        { title: t('Tên đăng nhập'), dataIndex: 'username' }, { title: t('Họ tên'), dataIndex: 'full_name' },
        { title: t('Vai trò'), dataIndex: 'role', render: (r: string) => <Tag>{ROLE_VI[r] ?? r}</Tag> }, { title: t('Đơn vị'), dataIndex: 'unit_name' },
        { title: t('Trạng thái'), dataIndex: 'active', render: (a: boolean) => (a ? <Tag color="green">Hoạt động</Tag> : <Tag color="red">Đã khóa</Tag>) },
        { title: t('Thao tác'), key: 'actions', render: (_: unknown, u: Schemas['User']) => <UserActions user={u} reload={load} self={u.id === me?.id} /> },
      ]} scroll={{ x: true }} pagination={{ pageSize: 50 }} />
    </Space>
  );
}

function Rule() {
  const t = useT();
  const [plans, setPlans] = useState<Schemas['Directive'][]>([]);
  const [plan, setPlan] = useState<number>();
  const [form] = Form.useForm();
  useEffect(() => { get<Schemas['DirectiveList']>('/directives?has_plan=true&limit=100').then((r) => { setPlans(r.items); setPlan(r.items[0]?.id); }); }, []);
  useEffect(() => { if (plan) get<Schemas['ReportingRule']>(`/directives/${plan}/reporting-rule`).then((r) => form.setFieldsValue(r)); }, [plan]);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Select style={{ minWidth: 260 }} value={plan} onChange={setPlan} options={plans.map((d) => ({ value: d.id, label: d.number }))} />
      <Form form={form} name="admin-form-3" layout="vertical" style={{ maxWidth: 520 }} onFinish={async (v) => { try { await put(`/directives/${plan}/reporting-rule`, v); message.success(t('Lưu')); } catch (e) { fail(e, form); } }}>
        <Form.Item label="Kỳ báo cáo" name="period_type"><Select options={Object.entries(PERIOD_TYPE).map(([value, label]) => ({ value, label }))} /></Form.Item>
        <Form.Item label="Khoảng số liệu" name="data_window"><Select options={[{ value: 'decree09', label: 'Nghị định 09/2019: 15 tháng trước → 14 tháng này' }, { value: 'calendar', label: 'Tháng dương lịch' }]} /></Form.Item>
        <Form.Item label="Hạn báo cáo: trước ngày" name="due_day"><InputNumber min={2} max={28} /></Form.Item>
        <Form.Item label="Dời hạn rơi vào ngày nghỉ sang ngày làm việc kế tiếp" name="shift_to_working_day" valuePropName="checked"><Switch /></Form.Item>
        <Form.Item label="Cảnh báo sắp đến hạn trước (ngày)" name="due_soon_days"><InputNumber min={0} max={90} /></Form.Item>
        <Form.Item label="Mục tiêu tỷ lệ cập nhật (0–1)" name="update_target"><InputNumber min={0} max={1} step={0.05} /></Form.Item>
        <Space wrap>{['timeliness', 'updates', 'completion', 'indicators'].map((w) => (
          <Form.Item key={w} label={`Trọng số: ${WEIGHT_VI[w] ?? w}`} name={['weights', w]}><InputNumber min={0} max={1} step={0.05} /></Form.Item>))}</Space>
        <Button type="primary" htmlType="submit">{t('Lưu')}</Button>
      </Form>
    </Space>
  );
}

function Holidays() {
  const t = useT();
  const [items, setItems] = useState<Schemas['Holiday'][]>([]);
  const [form] = Form.useForm();
  const load = () => get<Schemas['HolidayList']>('/holidays').then((r) => setItems(r.items));
  useEffect(() => { load(); }, []);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Form form={form} name="admin-form-4" layout="inline" onFinish={async (v) => { try { await put(`/holidays/${v.day.format('YYYY-MM-DD')}`, { name: v.name }); form.resetFields(); load(); } catch (e) { fail(e, form); } }}>
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
  const [plans, setPlans] = useState<Schemas['Directive'][]>([]);
  const [groups, setGroups] = useState<Schemas['UnitGroup'][]>([]);
  const [form] = Form.useForm();
  useEffect(() => { get<Schemas['DirectiveList']>('/directives?has_plan=true&limit=100').then((r) => setPlans(r.items)); get<Schemas['UnitGroupList']>('/unit-groups?limit=100').then((r) => setGroups(r.items)); }, []);
  return (
    <Form form={form} name="admin-form-5" layout="vertical" style={{ maxWidth: 720 }} onFinish={async (v) => {
      try { const r = await post<Schemas['TaskCreated']>('/tasks', v); message.success(`${r.code}: ${r.assignment_count} đơn vị`); form.resetFields(); } catch (e) { fail(e, form); }
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

const DIRECTIVE_KIND: Record<string, string> = {
  decision: 'Quyết định', plan: 'Kế hoạch', program: 'Chương trình', letter: 'Công văn', notice: 'Thông báo',
  resolution: 'Nghị quyết', conclusion: 'Kết luận', other: 'Khác',
};
const UNIT_KIND: Record<string, string> = {
  city: 'Thành phố', department: 'Sở, ban, ngành', commune: 'Xã', ward: 'Phường', special_zone: 'Đặc khu', office: 'Cơ quan, văn phòng',
  police: 'Công an', party: 'Cơ quan Đảng', other: 'Khác',
};
const PEER_GROUP: Record<string, string> = { department: 'Sở, ban, ngành', commune: 'Xã, phường, đặc khu', other: 'Khác' };

function Directives() {
  const t = useT();
  const [items, setItems] = useState<Schemas['Directive'][]>([]);
  const [form] = Form.useForm();
  const load = () => get<Schemas['DirectiveList']>('/directives?limit=200').then((r) => setItems(r.items));
  useEffect(() => { load(); }, []);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small" title="Thêm văn bản">
        <Form form={form} name="admin-form-6" layout="vertical" style={{ maxWidth: 720 }} onFinish={async (v) => {
          try { await post('/directives', { ...v, issued_on: v.issued_on?.format('YYYY-MM-DD') }); form.resetFields(); load(); } catch (e) { fail(e, form); }
        }}>
          <Space wrap>
            <Form.Item label="Số, ký hiệu" name="number" rules={[{ required: true }]}><Input placeholder="27/QĐ-BCĐ" /></Form.Item>
            <Form.Item label="Loại" name="kind" rules={[{ required: true }]}><Select style={{ width: 160 }} options={Object.entries(DIRECTIVE_KIND).map(([value, label]) => ({ value, label }))} /></Form.Item>
            <Form.Item label="Ngày ban hành" name="issued_on"><DatePicker format="DD/MM/YYYY" /></Form.Item>
            <Form.Item label="Có kế hoạch để báo cáo" name="has_plan" valuePropName="checked"><Switch /></Form.Item>
          </Space>
          <Form.Item label="Cơ quan ban hành" name="issuer"><Input /></Form.Item>
          <Form.Item label="Trích yếu" name="title" rules={[{ required: true }]}><Input.TextArea autoSize /></Form.Item>
          <Form.Item label="Căn cứ" name="basis_ids"><Select mode="multiple" optionFilterProp="label" options={items.map((d) => ({ value: d.id, label: d.number }))} /></Form.Item>
          <Button type="primary" htmlType="submit">{t('Lưu')}</Button>
        </Form>
      </Card>
      <Table size="small" rowKey="id" dataSource={items} columns={[
        { title: 'Số, ký hiệu', dataIndex: 'number', width: 180 }, { title: 'Ngày', dataIndex: 'issued_on', render: vnDate, width: 110 },
        { title: 'Trích yếu', dataIndex: 'title' }, { title: t('Kế hoạch'), dataIndex: 'has_plan', render: (v: boolean) => (v ? <Tag color="blue">✓</Tag> : null), width: 90 },
      ]} />
    </Space>
  );
}

function Indicators() {
  const t = useT();
  const [plans, setPlans] = useState<Schemas['Directive'][]>([]);
  const [groups, setGroups] = useState<Schemas['UnitGroup'][]>([]);
  const units = useUnits();
  const [form] = Form.useForm();
  useEffect(() => { get<Schemas['DirectiveList']>('/directives?has_plan=true&limit=100').then((r) => setPlans(r.items)); get<Schemas['UnitGroupList']>('/unit-groups?limit=100').then((r) => setGroups(r.items)); }, []);
  return (
    <Form form={form} name="admin-form-7" layout="vertical" style={{ maxWidth: 720 }} onFinish={async (v) => {
      try { const r = await post<Schemas['Indicator']>('/indicators', v); message.success(`${r.code}. ${r.name}`); form.resetFields(); } catch (e) { fail(e, form); }
    }}>
      <Form.Item label={t('Kế hoạch')} name="directive_id" rules={[{ required: true }]}><Select options={plans.map((d) => ({ value: d.id, label: d.number }))} /></Form.Item>
      <Space wrap>
        <Form.Item label="Số thứ tự" name="code" rules={[{ required: true }]}><Input style={{ width: 100 }} /></Form.Item>
        <Form.Item label="Kết quả (≥80%, 100%, 5 sản phẩm)" name="target_text" rules={[{ required: true }]}><Input /></Form.Item>
        <Form.Item label="Giá trị đầu kỳ" name="baseline"><InputNumber /></Form.Item>
        {/* No aggregation sent unless chosen: the server takes it from the unit of measure, as the plan import does
            (a rate is a ratio of sums, a count or an amount adds up over the year): "150 sản phẩm" is never a ratio. */}
        <Form.Item label="Cách tổng hợp" name="aggregation"><Select aria-label="Cách tổng hợp" allowClear placeholder="Theo đơn vị tính" style={{ width: 240 }} options={[
          { value: 'ratio_of_sums', label: 'Tỷ lệ (tổng tử / tổng mẫu)' }, { value: 'sum', label: 'Tổng' }, { value: 'cumulative', label: 'Lũy kế từ đầu năm' },
          { value: 'latest', label: 'Số mới nhất' }, { value: 'average', label: 'Trung bình' }]} /></Form.Item>
      </Space>
      <Form.Item label={t('Chỉ tiêu')} name="name" rules={[{ required: true }]}><Input.TextArea autoSize /></Form.Item>
      <Form.Item label="Đơn vị chủ trì theo dõi" name="monitoring_unit_id"><Select showSearch allowClear optionFilterProp="label" options={units.map((u) => ({ value: u.id, label: u.name }))} /></Form.Item>
      <Form.Item label="Nhóm đơn vị báo cáo" name="reporting_group_id"><Select allowClear options={groups.map((g) => ({ value: g.id, label: g.name }))} /></Form.Item>
      <Button type="primary" htmlType="submit">{t('Lưu')}</Button>
    </Form>
  );
}

function Units() {
  const t = useT();
  const [version, setVersion] = useState(0);
  const units = useUnits(version);
  const [form] = Form.useForm();
  const [groupForm] = Form.useForm();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small" title="Thêm đơn vị">
        <Form form={form} name="admin-form-8" layout="inline" onFinish={async (v) => {
          try { await post('/units', { ...v, active_from: v.active_from?.format('YYYY-MM-DD') }); form.resetFields(); message.success(v.name); } catch (e) { fail(e, form); }
        }}>
          <Form.Item name="code" rules={[{ required: true }]}><Input placeholder="Mã" style={{ width: 120 }} /></Form.Item>
          <Form.Item name="name" rules={[{ required: true }]}><Input placeholder="Tên đơn vị" /></Form.Item>
          <Form.Item name="parent_id" rules={[{ required: true }]}><Select aria-label="Đơn vị cấp trên" showSearch optionFilterProp="label" placeholder="Đơn vị cấp trên" style={{ width: 220 }} options={units.map((u) => ({ value: u.id, label: u.name }))} /></Form.Item>
          <Form.Item name="kind" initialValue="office"><Select aria-label="Loại đơn vị" style={{ width: 170 }} options={Object.entries(UNIT_KIND).map(([value, label]) => ({ value, label }))} /></Form.Item>
          {/* No peer group sent unless chosen: the server then takes it from the kind (R12: a commune, ward or special zone is compared with communes). */}
          <Form.Item name="peer_group"><Select aria-label="Nhóm so sánh" allowClear placeholder="Nhóm so sánh: theo loại" style={{ width: 200 }} options={Object.entries(PEER_GROUP).map(([value, label]) => ({ value, label }))} /></Form.Item>
          <Form.Item name="active_from"><DatePicker placeholder="Hoạt động từ" format="DD/MM/YYYY" /></Form.Item>
          <Button type="primary" htmlType="submit">{t('Lưu')}</Button>
        </Form>
      </Card>
      <Card size="small" title="Thêm nhóm đơn vị">
        <Form form={groupForm} name="admin-groupForm-9" layout="inline" onFinish={async (v) => { try { await post('/unit-groups', v); groupForm.resetFields(); message.success(v.name); } catch (e) { fail(e, groupForm); } }}>
          <Form.Item name="code" rules={[{ required: true }]}><Input placeholder="Mã" style={{ width: 120 }} /></Form.Item>
          <Form.Item name="name" rules={[{ required: true }]}><Input placeholder="Tên nhóm" /></Form.Item>
          <Form.Item name="member_ids"><Select mode="multiple" optionFilterProp="label" placeholder="Thành viên" style={{ minWidth: 320 }} options={units.map((u) => ({ value: u.id, label: u.name }))} /></Form.Item>
          <Button type="primary" htmlType="submit">{t('Lưu')}</Button>
        </Form>
      </Card>
      <Table size="small" rowKey="id" dataSource={units} columns={[
        { title: 'Mã', dataIndex: 'code', width: 140 }, { title: t('Đơn vị'), dataIndex: 'name' }, { title: 'Loại', dataIndex: 'kind', width: 140, render: (k: string) => UNIT_KIND[k] ?? k },
        { title: t('Hoạt động từ'), dataIndex: 'active_from', render: vnDate, width: 120 },
        { title: t('Hoạt động đến'), dataIndex: 'active_to', render: vnDate, width: 120 },
      ]} expandable={{
        // R16: merges and splits, and the form that closes a unit into its successors.
        expandedRowRender: (u: Schemas['Unit']) => <UnitSuccession unitId={u.id} units={units} onClosed={() => setVersion((x) => x + 1)} />,
      }} />
    </Space>
  );
}

export function Admin({ me }: { me?: User }) {
  const t = useT();
  return <Tabs items={[
    { key: 'directives', label: 'Văn bản', children: <Directives /> },
    { key: 'indicators', label: t('Chỉ tiêu'), children: <Indicators /> },
    { key: 'tasks', label: t('Nhiệm vụ'), children: <Tasks /> },
    { key: 'units', label: t('Đơn vị'), children: <Units /> },
    { key: 'rule', label: t('Quy định báo cáo'), children: <Rule /> },
    { key: 'holidays', label: t('Ngày nghỉ lễ'), children: <Holidays /> },
    { key: 'users', label: t('Người dùng'), children: <Users me={me} /> },
  ]} />;
}
