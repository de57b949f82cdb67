// An item's codes in other systems (issue 18) — Hệ thống 57, pakn.nq57.vn, the national S&T platform… — read by
// whoever may see the item, set, replaced or removed by the admin and the standing agency. A refusal is shown
// beside its input (the server names the field). An S&T task's national platform code is its own field: shown
// here, changed in the register.
import { useEffect, useState } from 'react';
import { Button, Form, Input, List, Select, Space, Typography } from 'antd';
import { api, get, Schemas } from './api';
import { fail } from './shared';
import { useT, vnDate } from './i18n';

type Entity = Schemas['ExternalEntity'];
type Code = Schemas['ExternalCode'];

// Systems whose codes are not set here: QĐ 20/2020 agency codes belong to units; the national S&T platform's
// code of an S&T task is the task's own field.
const NOT_HERE: Partial<Record<Entity, string[]>> = { feedback_item: ['qd20'], st_task: ['qd20', 'khcn.quocgia'] };

export function ExternalCodes({ entity, id, canEdit }: { entity: Entity; id: number; canEdit: boolean }) {
  const t = useT();
  const [form] = Form.useForm<{ system?: string; code?: string }>();
  const [codes, setCodes] = useState<Code[] | null>(null);
  const [systems, setSystems] = useState<Schemas['ExternalSystem'][]>([]);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    get<Schemas['ExternalCodeList']>(`/external-codes?entity=${entity}&entity_id=${id}`).then((r) => setCodes(r.items)).catch(fail);
  }, [entity, id]);
  useEffect(() => {
    if (canEdit) get<Schemas['ExternalSystemList']>('/external-systems').then((r) => setSystems(r.items)).catch(fail);
  }, [canEdit]);
  const send = async (system: string, code: string | null) => {
    setBusy(true);
    try {
      const r = await api<Schemas['ExternalCodeList']>('PUT', '/external-codes', { entity, entity_id: id, system, code });
      setCodes(r.items);
      if (code !== null) form.resetFields();
    } catch (e) {
      fail(e, form);
    } finally {
      setBusy(false);
    }
  };
  const own = (c: Code) => (NOT_HERE[entity] ?? []).includes(c.system);
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="external-codes">
      {codes && codes.length === 0 && <Typography.Text type="secondary">{t('Chưa có mã ở hệ thống nào.')}</Typography.Text>}
      {codes && codes.length > 0 && (
        <List size="small" dataSource={codes} renderItem={(c) => (
          <List.Item actions={canEdit && !own(c)
            ? [<Button key="x" size="small" danger disabled={busy} onClick={() => send(c.system, null)}>{t('Bỏ mã')}</Button>] : []}>
            <Space direction="vertical" size={0} style={{ minWidth: 0 }}>
              <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>{c.code}</Typography.Text>
              <Typography.Text type="secondary">{c.system_name} · {t('từ')} {vnDate(c.valid_from)}{c.note ? ` · ${c.note}` : ''}</Typography.Text>
            </Space>
          </List.Item>)} />)}
      {canEdit && (
        <Form form={form} layout="vertical" onFinish={(v) => send(v.system!, (v.code ?? '').trim())} style={{ maxWidth: 560 }}>
          <Space wrap align="start">
            <Form.Item name="system" label={t('Hệ thống')} style={{ marginBottom: 8, minWidth: 240 }}
              rules={[{ required: true, message: t('Hệ thống: hãy chọn một hệ thống.') }]}>
              <Select aria-label={t('Hệ thống')} style={{ width: 240, maxWidth: '100%' }}
                options={systems.filter((s) => !(NOT_HERE[entity] ?? []).includes(s.code)).map((s) => ({ value: s.code, label: s.name }))} />
            </Form.Item>
            <Form.Item name="code" label={t('Mã ở hệ thống đó')} style={{ marginBottom: 8 }}
              rules={[{ required: true, whitespace: true, message: t('Mã ở hệ thống đó: hãy nhập mã.') }]}>
              <Input aria-label={t('Mã ở hệ thống đó')} maxLength={100} style={{ width: 220, maxWidth: '100%' }} />
            </Form.Item>
          </Space>
          <Button htmlType="submit" disabled={busy}>{t('Ghi mã')}</Button>
        </Form>)}
    </Space>
  );
}
