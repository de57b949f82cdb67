// The public holidays that move a due date falling on them (R3).
import { useEffect, useState } from 'react';
import { Table, Form, Input, Button, Space } from 'antd';
import { get, put, Schemas } from '../../api';
import { useT, vnDate } from '../../i18n';
import { fail } from '../../shared';
import { DateInput } from '../../DateInput';

export function Holidays() {
  const t = useT();
  const [items, setItems] = useState<Schemas['Holiday'][]>([]);
  const [form] = Form.useForm();
  const load = () => get<Schemas['HolidayList']>('/holidays').then((r) => setItems(r.items)).catch(fail);
  useEffect(() => { load(); }, []);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Form form={form} name="admin-form-4" layout="inline" onFinish={async (v) => { try { await put(`/holidays/${v.day.format('YYYY-MM-DD')}`, { name: v.name }); form.resetFields(); load(); } catch (e) { fail(e, form); } }}>
        <Form.Item name="day" rules={[{ required: true }]}><DateInput aria-label={t('Ngày nghỉ')} /></Form.Item>
        <Form.Item name="name" rules={[{ required: true }]}><Input placeholder={t('Tên ngày nghỉ')} /></Form.Item>
        <Button htmlType="submit" type="primary">{t('Lưu')}</Button>
      </Form>
      <Table size="small" rowKey="day" dataSource={items} pagination={false} columns={[{ title: t('Ngày'), dataIndex: 'day', render: vnDate }, { title: t('Tên'), dataIndex: 'name' }]} />
    </Space>
  );
}
