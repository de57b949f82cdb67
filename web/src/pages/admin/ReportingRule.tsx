// A plan's reporting rule: period, data window, due day, the first period's lead after issue (R2), due-soon days, update target, the early warning's
// thresholds (issue 17) and the ranking's weights.
import { useEffect, useState } from 'react';
import { Form, Select, Button, InputNumber, Switch, Space, message } from 'antd';
import { get, put, Schemas } from '../../api';
import { useT } from '../../i18n';
import { fail, usePlans } from '../../shared';
import { PERIOD_TYPE, WEIGHT_VI } from './labels';

export function ReportingRule() {
  const t = useT();
  const plans = usePlans();
  const [plan, setPlan] = useState<number>();
  const [form] = Form.useForm();
  useEffect(() => { if (plan === undefined) setPlan(plans[0]?.id); }, [plans]);
  useEffect(() => { if (plan) get<Schemas['ReportingRule']>(`/directives/${plan}/reporting-rule`).then((r) => form.setFieldsValue(r)).catch(fail); }, [plan]);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Select style={{ minWidth: 260 }} value={plan} onChange={setPlan} options={plans.map((d) => ({ value: d.id, label: d.number }))} />
      <Form form={form} name="admin-form-3" layout="vertical" style={{ maxWidth: 520 }} onFinish={async (v) => { try { await put(`/directives/${plan}/reporting-rule`, v); message.success(t('Lưu')); } catch (e) { fail(e, form); } }}>
        <Form.Item label="Kỳ báo cáo" name="period_type"><Select options={Object.entries(PERIOD_TYPE).map(([value, label]) => ({ value, label }))} /></Form.Item>
        <Form.Item label="Khoảng số liệu" name="data_window"><Select options={[{ value: 'decree09', label: 'Nghị định 09/2019: 15 tháng trước → 14 tháng này' }, { value: 'calendar', label: 'Tháng dương lịch' }]} /></Form.Item>
        <Form.Item label="Hạn báo cáo: trước ngày" name="due_day"><InputNumber min={2} max={28} /></Form.Item>
        <Form.Item label="Dời hạn rơi vào ngày nghỉ sang ngày làm việc kế tiếp" name="shift_to_working_day" valuePropName="checked"><Switch /></Form.Item>
        <Form.Item label={t('Kỳ báo cáo đầu tiên: hạn nộp cách ngày ban hành ít nhất (ngày)')} name="first_period_lead_days"><InputNumber min={0} max={90} /></Form.Item>
        <Form.Item label="Cảnh báo sắp đến hạn trước (ngày)" name="due_soon_days"><InputNumber min={0} max={90} /></Form.Item>
        <Form.Item label="Mục tiêu tỷ lệ cập nhật (0–1)" name="update_target"><InputNumber min={0} max={1} step={0.05} /></Form.Item>
        <Space wrap>
          <Form.Item label={t('Cảnh báo sớm: đứng yên sau (kỳ liền không đổi hoặc cùng một khó khăn)')} name="stalled_periods"><InputNumber min={2} max={12} /></Form.Item>
          <Form.Item label={t('Cảnh báo sớm: kiến nghị vượt thẩm quyền chưa trả lời sau (ngày)')} name="unanswered_days"><InputNumber min={1} max={365} /></Form.Item>
        </Space>
        <Space wrap>{['timeliness', 'updates', 'completion', 'indicators'].map((w) => (
          <Form.Item key={w} label={`Trọng số: ${WEIGHT_VI[w] ?? w}`} name={['weights', w]}><InputNumber min={0} max={1} step={0.05} /></Form.Item>))}</Space>
        <Button type="primary" htmlType="submit">{t('Lưu')}</Button>
      </Form>
    </Space>
  );
}
