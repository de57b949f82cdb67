// Groups of units (e.g. "UBND cấp xã"), which tasks and indicators can be assigned to (issue 14, item 13). A group is
// either defined by rule — every unit of the kinds it names, so a commune created later joins it by itself — or
// hand-made, its members chosen here. Every change counts from the moment it is saved (R15): a unit joining owes the
// group's live tasks from today, a unit leaving stops owing them from today, and the figures of earlier days stay.
import { useEffect, useMemo, useState } from 'react';
import { Form, Input, Select, Button, message, Card, List, Modal, Radio, Space, Tag, Typography, Alert } from 'antd';
import dayjs from 'dayjs';
import { get, post, put, Schemas } from '../../api';
import { useT, useCount } from '../../i18n';
import { fail } from '../../shared';
import { UNIT_KIND } from './labels';

type Group = Schemas['UnitGroup'];
type Unit = Schemas['Unit'];

// Host organisations never owe plan work: no group holds them, no rule names their kinds.
const KIND_CHOICES = Object.entries(UNIT_KIND).filter(([k]) => !k.startsWith('host')).map(([value, label]) => ({ value, label }));
const RULE_XA = ['commune', 'ward', 'special_zone'];

function GroupEditor({ group, units, onSaved, onClose }: { group: Group; units: Unit[]; onSaved: () => void; onClose: () => void }) {
  const t = useT();
  const [byRule, setByRule] = useState(group.member_kinds.length > 0);
  const [kinds, setKinds] = useState<string[]>(group.member_kinds.length ? group.member_kinds : RULE_XA);
  const [members, setMembers] = useState<number[]>(group.member_ids);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState('');
  const choosable = useMemo(() => units.filter((u) => !u.kind.startsWith('host')), [units]);
  const name = (id: number) => units.find((u) => u.id === id)?.name ?? `#${id}`;
  // Who the save would add and remove, shown before it is made.
  const target = byRule
    ? choosable.filter((u) => kinds.includes(u.kind) && !(u.active_to && u.active_to < dayjs().format('YYYY-MM-DD'))).map((u) => u.id)
    : members;
  const added = target.filter((id) => !group.member_ids.includes(id));
  const removed = group.member_ids.filter((id) => !target.includes(id));
  const save = async () => {
    setSaving(true); setError('');
    try {
      if (byRule) await put(`/unit-groups/${group.id}/rule`, { member_kinds: kinds });
      else {
        if (group.member_kinds.length) await put(`/unit-groups/${group.id}/rule`, { member_kinds: [] });
        await put(`/unit-groups/${group.id}/members`, { member_ids: members });
      }
      message.success(t('Đã lưu thành viên nhóm'));
      onSaved();
    } catch (e) { setError(e instanceof Error ? e.message : String(e)); } finally { setSaving(false); }
  };
  return (
    <Modal open title={`${t('Thành viên nhóm')}: ${group.name}`} onCancel={onClose} onOk={save} confirmLoading={saving}
      okText={t('Lưu')} cancelText={t('Hủy')} width="min(640px, calc(100vw - 16px))" data-testid="group-editor">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Radio.Group value={byRule} onChange={(e) => setByRule(e.target.value)} aria-label={t('Cách xác định thành viên')}>
          <Space direction="vertical">
            <Radio value={true}>{t('Theo loại đơn vị (đơn vị tạo mới tự vào nhóm)')}</Radio>
            <Radio value={false}>{t('Chọn từng đơn vị')}</Radio>
          </Space>
        </Radio.Group>
        {byRule
          ? <Select mode="multiple" aria-label={t('Loại đơn vị thành viên')} style={{ width: '100%' }} value={kinds} onChange={setKinds}
              options={KIND_CHOICES.map((o) => ({ ...o, label: t(o.label) }))} />
          : <Select mode="multiple" aria-label={t('Đơn vị thành viên')} style={{ width: '100%' }} value={members} onChange={setMembers}
              optionFilterProp="label" maxTagCount="responsive"
              options={choosable.map((u) => ({ value: u.id, label: u.name }))} />}
        <Typography.Text type="secondary" data-testid="group-effective">
          {t('Có hiệu lực từ lúc lưu, ngày')} {dayjs().format('DD/MM/YYYY')}: {t('đơn vị vào nhóm nhận các nhiệm vụ đang giao cho nhóm, với thời hạn của chúng; đơn vị ra khỏi nhóm thôi nợ; số liệu các ngày trước không đổi.')}
        </Typography.Text>
        <div data-testid="group-changes">
          <div>{t('Thêm vào nhóm')} ({added.length}): {added.slice(0, 12).map((id) => <Tag color="green" key={id}>{name(id)}</Tag>)}{added.length > 12 && '…'}</div>
          <div>{t('Ra khỏi nhóm')} ({removed.length}): {removed.slice(0, 12).map((id) => <Tag color="red" key={id}>{name(id)}</Tag>)}{removed.length > 12 && '…'}</div>
        </div>
        {error && <Alert type="error" showIcon message={error} />}
      </Space>
    </Modal>
  );
}

export function UnitGroups({ units }: { units: Unit[] }) {
  const t = useT();
  const counted = useCount();
  const [form] = Form.useForm();
  const [groups, setGroups] = useState<Group[]>([]);
  const [version, setVersion] = useState(0);
  const [editing, setEditing] = useState<Group | null>(null);
  useEffect(() => { get<Schemas['UnitGroupList']>('/unit-groups?limit=1000').then((r) => setGroups(r.items)).catch(fail); }, [version]);
  const reload = () => setVersion((x) => x + 1);
  const how = (g: Group) => (g.member_kinds.length
    ? `${t('Theo loại')}: ${g.member_kinds.map((k) => t(UNIT_KIND[k] ?? k)).join(', ')}`
    : t('Chọn từng đơn vị'));
  return (
    <Card size="small" title={t('Nhóm đơn vị')} data-testid="unit-groups">
      <List size="small" dataSource={groups} rowKey="id" locale={{ emptyText: t('Chưa có nhóm; thêm nhóm ở dưới.') }}
        renderItem={(g: Group) => (
          <List.Item actions={[<Button key="edit" size="small" onClick={() => setEditing(g)}>{t('Sửa thành viên')}</Button>]}>
            <List.Item.Meta title={<span style={{ whiteSpace: 'normal' }}>{g.name} <Typography.Text type="secondary">({g.code})</Typography.Text></span>}
              description={`${counted(g.member_count, 'đơn vị')} · ${how(g)}`} />
          </List.Item>)} />
      <Typography.Title level={5} style={{ marginTop: 12 }}>{t('Thêm nhóm đơn vị')}</Typography.Title>
      <Form form={form} name="admin-groupForm-9" layout="inline" style={{ rowGap: 8 }} onFinish={async (v) => {
        try { await post('/unit-groups', v); form.resetFields(); message.success(v.name); reload(); } catch (e) { fail(e, form); }
      }}>
        <Form.Item name="code" rules={[{ required: true, message: t('Nhập mã nhóm') }]}><Input aria-label={t('Mã')} placeholder={t('Mã')} style={{ width: 120 }} /></Form.Item>
        <Form.Item name="name" rules={[{ required: true, message: t('Nhập tên nhóm') }]}><Input aria-label={t('Tên nhóm')} placeholder={t('Tên nhóm')} /></Form.Item>
        <Form.Item name="member_kinds"><Select mode="multiple" aria-label={t('Loại đơn vị thành viên')} placeholder={t('Theo loại đơn vị')} style={{ minWidth: 220, maxWidth: '100%' }}
          options={KIND_CHOICES.map((o) => ({ ...o, label: t(o.label) }))} /></Form.Item>
        <Form.Item name="member_ids"><Select mode="multiple" optionFilterProp="label" aria-label={t('Đơn vị thành viên')} placeholder={t('hoặc chọn từng đơn vị')} style={{ minWidth: 220, maxWidth: '100%' }}
          options={units.filter((u) => !u.kind.startsWith('host')).map((u) => ({ value: u.id, label: u.name }))} /></Form.Item>
        <Button type="primary" htmlType="submit">{t('Lưu')}</Button>
      </Form>
      {editing && <GroupEditor group={editing} units={units} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); reload(); }} />}
    </Card>
  );
}
