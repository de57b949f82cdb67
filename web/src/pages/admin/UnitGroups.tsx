// A hand-made group of units (e.g. "UBND cấp xã"), which tasks and indicators can be assigned to.
import { Form, Input, Select, Button, message, Card } from 'antd';
import { post, Schemas } from '../../api';
import { useT } from '../../i18n';
import { fail } from '../../shared';

export function UnitGroups({ units }: { units: Schemas['Unit'][] }) {
  const t = useT();
  const [form] = Form.useForm();
  return (
    <Card size="small" title="Thêm nhóm đơn vị">
      <Form form={form} name="admin-groupForm-9" layout="inline" onFinish={async (v) => { try { await post('/unit-groups', v); form.resetFields(); message.success(v.name); } catch (e) { fail(e, form); } }}>
        <Form.Item name="code" rules={[{ required: true }]}><Input placeholder="Mã" style={{ width: 120 }} /></Form.Item>
        <Form.Item name="name" rules={[{ required: true }]}><Input placeholder="Tên nhóm" /></Form.Item>
        <Form.Item name="member_ids"><Select mode="multiple" optionFilterProp="label" placeholder="Thành viên" style={{ minWidth: 320 }} options={units.map((u) => ({ value: u.id, label: u.name }))} /></Form.Item>
        <Button type="primary" htmlType="submit">{t('Lưu')}</Button>
      </Form>
    </Card>
  );
}
