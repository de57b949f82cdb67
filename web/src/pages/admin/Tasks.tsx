// A new task of a plan, assigned to units and groups of units.
import { useEffect, useState } from 'react';
import { Form, Input, Select, Button, message } from 'antd';
import { get, post, Schemas } from '../../api';
import { useT, useCount } from '../../i18n';
import { fail, usePlans, useUnits } from '../../shared';
import { DeadlineInput } from '../../DeadlineInput';

export function Tasks() {
  const t = useT();
  const counted = useCount();
  const units = useUnits();
  const plans = usePlans();
  const [groups, setGroups] = useState<Schemas['UnitGroup'][]>([]);
  const [form] = Form.useForm();
  useEffect(() => { get<Schemas['UnitGroupList']>('/unit-groups?limit=100').then((r) => setGroups(r.items)).catch(fail); }, []);
  return (
    <Form form={form} name="admin-form-5" layout="vertical" style={{ maxWidth: 720 }} onFinish={async (v) => {
      try { const r = await post<Schemas['TaskCreated']>('/tasks', v); message.success(`${r.code}: ${counted(r.assignment_count, 'đơn vị')}`); form.resetFields(); } catch (e) { fail(e, form); }
    }}>
      <Form.Item label={t('Kế hoạch')} name="directive_id" rules={[{ required: true }]}><Select options={plans.map((d) => ({ value: d.id, label: d.number }))} /></Form.Item>
      <Form.Item label={t('Số thứ tự')} name="code" rules={[{ required: true }]}><Input /></Form.Item>
      <Form.Item label={t('Tên nhiệm vụ')} name="name" rules={[{ required: true }]}><Input.TextArea autoSize /></Form.Item>
      <Form.Item label={t('Nhóm đơn vị chủ trì')} name="lead_group_ids"><Select mode="multiple" options={groups.map((g) => ({ value: g.id, label: `${g.name} (${g.member_count})` }))} /></Form.Item>
      <Form.Item label={t('Đơn vị chủ trì')} name="lead_unit_ids"><Select mode="multiple" showSearch optionFilterProp="label" options={units.map((u) => ({ value: u.id, label: u.name }))} /></Form.Item>
      <Form.Item label={t('Đơn vị phối hợp')} name="coordinating_unit_ids"><Select mode="multiple" showSearch optionFilterProp="label" options={units.map((u) => ({ value: u.id, label: u.name }))} /></Form.Item>
      <Form.Item label={t('Thời hạn (như văn bản ghi: Quý II/2026, 12/2026, Thường xuyên…)')} name="deadline_text" rules={[{ required: true }]}><DeadlineInput /></Form.Item>
      <Form.Item label={t('Chủ trì chỉ đạo')} name="directing_leader"><Input /></Form.Item>
      <Form.Item label={t('Sản phẩm đầu ra')} name="output"><Input /></Form.Item>
      <Button type="primary" htmlType="submit">{t('Lưu')}</Button>
    </Form>
  );
}
