// A plan's reporting rule: period, data window, due day, the first period's lead after issue (R2), due-soon days, update target, the early warning's
// thresholds (issue 17) and the ranking's weights.
import { useEffect, useState } from 'react';
import { Form, Select, Button, InputNumber, Switch, Space, message } from 'antd';
import { get, put, Schemas } from '../../api';
import { useT } from '../../i18n';
import { fail, usePlans } from '../../shared';
import { PERIOD_TYPE, WEIGHT_VI } from './labels';

// A share the server keeps as a fraction (0.85) is typed and shown as a percentage with a decimal comma ("85").
const asPercent = {
  getValueProps: (v: number | null | undefined) => ({ value: v === null || v === undefined ? v : Math.round(v * 1000) / 10 }),
  normalize: (v: number | null) => (v === null ? v : v / 100),
};

export function ReportingRule() {
  const t = useT();
  const plans = usePlans();
  const [plan, setPlan] = useState<number>();
  const [form] = Form.useForm();
  useEffect(() => { if (plan === undefined) setPlan(plans[0]?.id); }, [plans]);
  useEffect(() => { if (plan) get<Schemas['ReportingRule']>(`/directives/${plan}/reporting-rule`).then((r) => form.setFieldsValue(r)).catch(fail); }, [plan]);
  const share = { min: 0, max: 100, step: 5, decimalSeparator: ',', addonAfter: '%', style: { width: 140 } };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Form.Item label={t('Kế hoạch')} style={{ margin: 0 }}>
        <Select aria-label={t('Kế hoạch')} style={{ minWidth: 260, maxWidth: '100%' }} value={plan} onChange={setPlan} options={plans.map((d) => ({ value: d.id, label: d.number }))} />
      </Form.Item>
      <Form form={form} name="admin-form-3" layout="vertical" style={{ maxWidth: 520 }} onFinish={async (v) => { try { await put(`/directives/${plan}/reporting-rule`, v); message.success(t('Đã lưu')); } catch (e) { fail(e, form); } }}>
        <Form.Item label={t('Kỳ báo cáo')} name="period_type"><Select options={Object.entries(PERIOD_TYPE).map(([value, label]) => ({ value, label: t(label) }))} /></Form.Item>
        <Form.Item label={t('Khoảng số liệu')} name="data_window"><Select options={[{ value: 'decree09', label: t('Nghị định 09/2019: ngày 15 tháng trước đến ngày 14 tháng này') }, { value: 'calendar', label: t('Tháng dương lịch') }]} /></Form.Item>
        <Form.Item label={t('Hạn báo cáo: trước ngày')} name="due_day"><InputNumber min={2} max={28} /></Form.Item>
        <Form.Item label={t('Dời hạn rơi vào ngày nghỉ sang ngày làm việc kế tiếp')} name="shift_to_working_day" valuePropName="checked"><Switch /></Form.Item>
        <Form.Item label={t('Kỳ báo cáo đầu tiên: hạn nộp cách ngày ban hành ít nhất (ngày)')} name="first_period_lead_days"><InputNumber min={0} max={90} /></Form.Item>
        <Form.Item label={t('Cảnh báo sắp đến hạn trước (ngày)')} name="due_soon_days"><InputNumber min={0} max={90} /></Form.Item>
        <Form.Item label={t('Mục tiêu tỷ lệ cập nhật')} name="update_target" {...asPercent}><InputNumber {...share} /></Form.Item>
        <Form.Item label={t('Chỉ tiêu có nguy cơ khi thấp hơn lộ trình quá (phần khoảng cách từ mức gốc đến chỉ tiêu)')} name="at_risk_tolerance" {...asPercent}><InputNumber {...share} /></Form.Item>
        <Space wrap>
          <Form.Item label={t('Cảnh báo sớm: đứng yên sau (kỳ liền không đổi hoặc cùng một khó khăn)')} name="stalled_periods"><InputNumber min={2} max={12} /></Form.Item>
          <Form.Item label={t('Cảnh báo sớm: kiến nghị vượt thẩm quyền chưa trả lời sau (ngày)')} name="unanswered_days"><InputNumber min={1} max={365} /></Form.Item>
        </Space>
        <Space wrap>{['timeliness', 'updates', 'completion', 'indicators', 'feedback'].map((w) => (
          <Form.Item key={w} label={`${t('Trọng số')}: ${t(WEIGHT_VI[w] ?? w)}`} name={['weights', w]} {...asPercent}><InputNumber {...share} /></Form.Item>))}</Space>
        {/* R11: peers' warning against tiny denominators — the feedback component counts from this many judged items. */}
        <Form.Item label={t('Phản ánh: chỉ tính cho đơn vị chủ trì ít nhất (phản ánh đã xét)')} name={['weights', 'feedback_min_items']}><InputNumber min={1} max={1000} /></Form.Item>
        <Button type="primary" htmlType="submit">{t('Lưu')}</Button>
      </Form>
    </Space>
  );
}
