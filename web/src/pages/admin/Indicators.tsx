// A new indicator of a plan: its target as the document words it, its baseline and how it adds up; and an
// indicator's data source (R19): reported by the units, typed from the national portal, or computed by the system.
import { useEffect, useState } from 'react';
import { Form, Input, Select, Button, InputNumber, Space, Typography, message } from 'antd';
import { get, post, put, Schemas } from '../../api';
import { useT } from '../../i18n';
import { fail, usePlans, useUnits } from '../../shared';
import { AGGREGATION, INDICATOR_SOURCE } from './labels';

function useSourceOptions() {
  const t = useT();
  return Object.entries(INDICATOR_SOURCE).map(([value, label]) => ({ value, label: t(label) }));
}

// R19: a new source from now on; the dates before keep theirs (the server keeps the history).
export function SourceEditor() {
  const t = useT();
  const plans = usePlans();
  const options = useSourceOptions();
  const [plan, setPlan] = useState<number>();
  const [indicators, setIndicators] = useState<Schemas['Indicator'][]>([]);
  const [form] = Form.useForm();
  const load = (id?: number) => {
    if (!id) { setIndicators([]); return; }
    get<Schemas['IndicatorList']>(`/indicators?directive_id=${id}&limit=500`).then((r) => setIndicators(r.items)).catch(fail);
  };
  useEffect(() => load(plan), [plan]);
  return (
    <Form form={form} name="admin-indicator-source" layout="vertical" style={{ maxWidth: 720 }} onFinish={async (v) => {
      try {
        const r = await put<Schemas['Indicator']>(`/indicators/${v.indicator_id}/source`, { data_source: v.data_source });
        message.success(`${r.code}: ${t(r.data_source_label)}`);
        load(plan);
      } catch (e) { fail(e, form); }
    }}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('Chỉ tiêu tự tính lấy số liệu toàn thành phố tại từng ngày (R19); đơn vị không nhập. Đổi nguồn có hiệu lực từ nay, các ngày trước giữ nguồn cũ.')}
      </Typography.Paragraph>
      <Form.Item label={t('Kế hoạch')}><Select aria-label={t('Kế hoạch')} value={plan} onChange={(v) => { setPlan(v); form.resetFields(); }} options={plans.map((d) => ({ value: d.id, label: d.number }))} /></Form.Item>
      <Form.Item label={t('Chỉ tiêu')} name="indicator_id" rules={[{ required: true }]}>
        <Select aria-label={t('Chỉ tiêu')} showSearch optionFilterProp="label" onChange={(id) => form.setFieldValue('data_source', indicators.find((i) => i.id === id)?.data_source)}
          options={indicators.map((i) => ({ value: i.id, label: `${i.code}. ${i.name} — ${t(i.data_source_label)}` }))} />
      </Form.Item>
      <Form.Item label={t('Nguồn số liệu')} name="data_source" rules={[{ required: true }]}><Select aria-label={t('Nguồn số liệu')} options={options} /></Form.Item>
      <Button type="primary" htmlType="submit">{t('Đổi nguồn số liệu')}</Button>
    </Form>
  );
}

export function Indicators() {
  const t = useT();
  const plans = usePlans();
  const [groups, setGroups] = useState<Schemas['UnitGroup'][]>([]);
  const units = useUnits();
  const [form] = Form.useForm();
  const sources = useSourceOptions();
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
      <Form.Item label={t('Nguồn số liệu')} name="data_source"><Select aria-label={t('Nguồn số liệu')} allowClear placeholder={t('Đơn vị báo cáo')} options={sources} /></Form.Item>
      <Button type="primary" htmlType="submit">{t('Lưu')}</Button>
    </Form>
  );
}
