// The unit tree: a new unit, a new group, and the list of units with their merges and splits (R16).
// On a phone the list is a column of cards (name first, then code, kind and dates), not a squeezed table.
import { useState } from 'react';
import { Table, Form, Input, Select, Button, Space, message, Card, Grid, List, Typography } from 'antd';
import { post, Schemas } from '../../api';
import { useT, vnDate } from '../../i18n';
import { fail, fold, useUnits } from '../../shared';
import { DateInput } from '../../DateInput';
import { UNIT_KIND, PEER_GROUP } from './labels';
import { UnitGroups } from './UnitGroups';
import { UnitSuccession } from './UnitSuccession';

type Unit = Schemas['Unit'];

function UnitCard({ unit, units, onClosed }: { unit: Unit; units: Unit[]; onClosed: () => void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <Card size="small" style={{ width: '100%' }} data-testid="unit-card">
      <Typography.Text strong style={{ display: 'block' }}>{unit.name}</Typography.Text>
      <Typography.Text type="secondary" style={{ display: 'block' }}>{unit.code} · {t(UNIT_KIND[unit.kind] ?? unit.kind)}</Typography.Text>
      {(unit.active_from || unit.active_to) && <Typography.Text type="secondary" style={{ display: 'block' }}>
        {t('Hoạt động từ')} {vnDate(unit.active_from)}{unit.active_to ? ` ${t('đến')} ${vnDate(unit.active_to)}` : ''}
      </Typography.Text>}
      <Button type="link" size="small" style={{ paddingLeft: 0 }} aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? '▴' : '▾'} {t('Sáp nhập, chia tách')}
      </Button>
      {open && <UnitSuccession unitId={unit.id} units={units} onClosed={onClosed} />}
    </Card>
  );
}

export function Units() {
  const t = useT();
  const screens = Grid.useBreakpoint();
  const [version, setVersion] = useState(0);
  const [search, setSearch] = useState('');
  const units = useUnits(version);
  const [form] = Form.useForm();
  const closed = () => setVersion((x) => x + 1);
  const shown = search ? units.filter((u) => fold(`${u.name} ${u.code}`).includes(fold(search))) : units;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small" title={t('Thêm đơn vị')}>
        <Form form={form} name="admin-form-8" layout="inline" onFinish={async (v) => {
          try { await post('/units', { ...v, active_from: v.active_from?.format('YYYY-MM-DD') }); form.resetFields(); message.success(v.name); closed(); } catch (e) { fail(e, form); }
        }}>
          <Form.Item name="code" rules={[{ required: true }]}><Input placeholder={t('Mã')} style={{ width: 120 }} /></Form.Item>
          <Form.Item name="name" rules={[{ required: true }]}><Input placeholder={t('Tên đơn vị')} /></Form.Item>
          <Form.Item name="parent_id" rules={[{ required: true }]}><Select aria-label={t('Đơn vị cấp trên')} showSearch optionFilterProp="label" placeholder={t('Đơn vị cấp trên')} style={{ width: 220 }} options={units.map((u) => ({ value: u.id, label: u.name }))} /></Form.Item>
          <Form.Item name="kind" initialValue="office"><Select aria-label={t('Loại đơn vị')} style={{ width: 170 }} options={Object.entries(UNIT_KIND).map(([value, label]) => ({ value, label: t(label) }))} /></Form.Item>
          {/* No peer group sent unless chosen: the server then takes it from the kind (R12: a commune, ward or special zone is compared with communes). */}
          <Form.Item name="peer_group"><Select aria-label={t('Nhóm so sánh')} allowClear placeholder={t('Nhóm so sánh: theo loại')} style={{ width: 200 }} options={Object.entries(PEER_GROUP).map(([value, label]) => ({ value, label: t(label) }))} /></Form.Item>
          <Form.Item name="active_from"><DateInput placeholder={t('Hoạt động từ')} aria-label={t('Hoạt động từ')} /></Form.Item>
          <Button type="primary" htmlType="submit">{t('Lưu')}</Button>
        </Form>
      </Card>
      <UnitGroups units={units} />
      <Input.Search allowClear placeholder={t('Tìm đơn vị')} aria-label={t('Tìm đơn vị')} style={{ maxWidth: 360 }}
        onChange={(e) => setSearch(e.target.value)} />
      {screens.md ? (
        <Table size="small" rowKey="id" dataSource={shown} columns={[
          { title: t('Mã'), dataIndex: 'code', width: 140 }, { title: t('Đơn vị'), dataIndex: 'name' }, { title: t('Loại'), dataIndex: 'kind', width: 140, render: (k: string) => t(UNIT_KIND[k] ?? k) },
          { title: t('Hoạt động từ'), dataIndex: 'active_from', render: vnDate, width: 120 },
          { title: t('Hoạt động đến'), dataIndex: 'active_to', render: vnDate, width: 120 },
        ]} expandable={{
          // R16: merges and splits, and the form that closes a unit into its successors.
          expandedRowRender: (u: Unit) => <UnitSuccession unitId={u.id} units={units} onClosed={closed} />,
        }} />
      ) : (
        <List dataSource={shown} rowKey="id" split={false} pagination={{ pageSize: 20, size: 'small', showSizeChanger: false }}
          renderItem={(u: Unit) => <List.Item style={{ padding: '4px 0' }}><UnitCard unit={u} units={units} onClosed={closed} /></List.Item>} />
      )}
    </Space>
  );
}
