// The register of directing documents: a new one (its number, kind, date, issuer, excerpt, bases) and the list.
import { useEffect, useState } from 'react';
import { Table, Form, Input, Select, Button, Switch, Space, Card, Tag } from 'antd';
import { get, post, Schemas } from '../../api';
import { useT, vnDate } from '../../i18n';
import { fail } from '../../shared';
import { DateInput } from '../../DateInput';
import { DIRECTIVE_KIND } from './labels';

export function Directives() {
  const t = useT();
  const [items, setItems] = useState<Schemas['Directive'][]>([]);
  const [form] = Form.useForm();
  const load = () => get<Schemas['DirectiveList']>('/directives?limit=200').then((r) => setItems(r.items)).catch(fail);
  useEffect(() => { load(); }, []);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small" title={t('Thêm văn bản')}>
        <Form form={form} name="admin-form-6" layout="vertical" style={{ maxWidth: 720 }} onFinish={async (v) => {
          try { await post('/directives', { ...v, issued_on: v.issued_on?.format('YYYY-MM-DD') }); form.resetFields(); load(); } catch (e) { fail(e, form); }
        }}>
          <Space wrap>
            <Form.Item label={t('Số, ký hiệu')} name="number" rules={[{ required: true }]}><Input placeholder="27/QĐ-BCĐ" /></Form.Item>
            <Form.Item label={t('Loại')} name="kind" rules={[{ required: true }]}><Select style={{ width: 160 }} options={Object.entries(DIRECTIVE_KIND).map(([value, label]) => ({ value, label: t(label) }))} /></Form.Item>
            <Form.Item label={t('Ngày ban hành')} name="issued_on" extra={t('Kỳ báo cáo đầu tiên tính từ ngày này; kế hoạch chưa có ngày ban hành chưa mở để báo cáo.')}><DateInput /></Form.Item>
            <Form.Item label={t('Có kế hoạch để báo cáo')} name="has_plan" valuePropName="checked"><Switch /></Form.Item>
          </Space>
          <Form.Item label={t('Cơ quan ban hành')} name="issuer"><Input /></Form.Item>
          <Form.Item label={t('Trích yếu')} name="title" rules={[{ required: true }]}><Input.TextArea autoSize /></Form.Item>
          <Form.Item label={t('Căn cứ')} name="basis_ids"><Select mode="multiple" optionFilterProp="label" options={items.map((d) => ({ value: d.id, label: d.number }))} /></Form.Item>
          <Button type="primary" htmlType="submit">{t('Lưu')}</Button>
        </Form>
      </Card>
      <Table size="small" rowKey="id" dataSource={items} scroll={{ x: 560 }} columns={[
        { title: t('Số, ký hiệu'), dataIndex: 'number', width: 180 }, { title: t('Ngày'), dataIndex: 'issued_on', render: vnDate, width: 110 },
        { title: t('Trích yếu'), dataIndex: 'title' }, { title: t('Kế hoạch'), dataIndex: 'has_plan', render: (v: boolean) => (v ? <Tag color="blue">✓</Tag> : null), width: 90 },
      ]} />
    </Space>
  );
}
