// A new indicator of a plan: its target as the document words it, its baseline and how it adds up.
import { useEffect, useState } from 'react';
import { Form, Input, Select, Button, InputNumber, Space, message } from 'antd';
import { get, post, Schemas } from '../../api';
import { useT } from '../../i18n';
import { fail, usePlans, useUnits } from '../../shared';
import { AGGREGATION } from './labels';

export function Indicators() {
  const t = useT();
  const plans = usePlans();
  const [groups, setGroups] = useState<Schemas['UnitGroup'][]>([]);
  const units = useUnits();
  const [form] = Form.useForm();
  useEffect(() => { get<Schemas['UnitGroupList']>('/unit-groups?limit=100').then((r) => setGroups(r.items)).catch(fail); }, []);
  return (
    <Form form={form} name="admin-form-7" layout="vertical" style={{ maxWidth: 720 }} onFinish={async (v) => {
      try { const r = await post<Schemas['Indicator']>('/indicators', v); message.success(`${r.code}. ${r.name}`); form.resetFields(); } catch (e) { fail(e, form); }
    }}>
      <Form.Item label={t('Kế hoạch')} name="directive_id" rules={[{ required: true }]}><Select options={plans.map((d) => ({ value: d.id, label: d.number }))} /></Form.Item>
      <Space wrap>
        <Form.Item label={t('Số thứ tự')} name="code" rules={[{ required: true }]}><Input style={{ width: 100 }} /></Form.Item>
        <Form.Item label={t('Kết quả (≥80%, 100%, 5 sản phẩm)')} name="target_text" rules={[{ required: true }]}><Input /></Form.Item>
        <Form.Item label={t('Giá trị đầu kỳ')} name="baseline"><InputNumber /></Form.Item>
        {/* No aggregation sent unless chosen: the server takes it from the unit of measure, as the plan import does
            (a rate is a ratio of sums, a count or an amount adds up over the year): "150 sản phẩm" is never a ratio. */}
        <Form.Item label={t('Cách tổng hợp')} name="aggregation"><Select aria-label={t('Cách tổng hợp')} allowClear placeholder={t('Theo đơn vị tính')} style={{ width: 240 }} options={Object.entries(AGGREGATION).map(([value, label]) => ({ value, label: t(label) }))} /></Form.Item>
      </Space>
      <Form.Item label={t('Chỉ tiêu')} name="name" rules={[{ required: true }]}><Input.TextArea autoSize /></Form.Item>
      <Form.Item label={t('Đơn vị chủ trì theo dõi')} name="monitoring_unit_id"><Select showSearch allowClear optionFilterProp="label" options={units.map((u) => ({ value: u.id, label: u.name }))} /></Form.Item>
      <Form.Item label={t('Nhóm đơn vị báo cáo')} name="reporting_group_id"><Select allowClear options={groups.map((g) => ({ value: g.id, label: g.name }))} /></Form.Item>
      <Button type="primary" htmlType="submit">{t('Lưu')}</Button>
    </Form>
  );
}
