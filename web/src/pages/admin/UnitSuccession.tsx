// R16: a unit's merges and splits, shown on its row of the unit list, and the standing agency's form to close a
// unit into its successors (the first successor takes the work not named for another).
import { useEffect, useState } from 'react';
import { Button, Form, Input, Modal, Select, Space, Tag, Typography, message } from 'antd';
import type { Dayjs } from 'dayjs';
import { get, post, ApiError, Schemas } from '../../api';
import { useT, useCount, vnDate } from '../../i18n';
import { fail } from '../../shared';
import { DateInput } from '../../DateInput';

type Succession = Schemas['Succession'];
type Assignment = Schemas['Assignment'];
// The close form: the successors chosen, and for each successor after the first the assignments it takes.
type CloseForm = { closing_date?: Dayjs; reason: string; successor_ids?: number[] } & Record<`takes_${number}`, number[] | undefined>;

export function UnitSuccession({ unitId, units, onClosed }: { unitId: number; units: Schemas['Unit'][]; onClosed: () => void }) {
  const t = useT();
  const counted = useCount();
  const [unit, setUnit] = useState<Schemas['UnitDetail']>();
  const [open, setOpen] = useState(false);
  const [work, setWork] = useState<Assignment[]>([]);
  const [form] = Form.useForm();
  const successorIds: number[] = Form.useWatch('successor_ids', form) ?? [];
  const load = () => get<Schemas['UnitDetail']>(`/units/${unitId}`).then(setUnit);
  useEffect(() => { load(); }, [unitId]);
  useEffect(() => {
    if (open) get<Schemas['AssignmentList']>(`/assignments?unit_id=${unitId}&limit=1000`).then((r) => setWork(r.items.filter((a) =>
      !a.confirmed_done_on && a.decision !== 'cancelled')));
  }, [open, unitId]);
  if (!unit) return null;
  const successors: Succession[] = unit.successors ?? [];
  const predecessors: Succession[] = unit.predecessors ?? [];
  const nameOf = (id: number) => units.find((u) => u.id === id)?.name ?? String(id);

  const submit = async (v: CloseForm) => {
    try {
      const r = await post<Schemas['UnitClosed']>(`/units/${unitId}/close`, {
        closing_date: v.closing_date?.format('YYYY-MM-DD'), reason: v.reason,
        successors: (v.successor_ids ?? []).map((id: number, i: number) => ({ unit_id: id, assignment_ids: i === 0 ? [] : v[`takes_${id}` as `takes_${number}`] ?? [] })),
      });
      message.success(`${t('Đã chuyển')} ${r.passed.length} ${t('nhiệm vụ cho đơn vị kế thừa')}`);
      setOpen(false);
      load();
      onClosed();
    } catch (e) {
      if (e instanceof ApiError && e.field) {
        const name = e.field === 'successors' ? 'successor_ids' : e.field === 'id' ? 'closing_date' : e.field;
        form.setFields([{ name, errors: [e.message] }]);
      } else fail(e);
    }
  };

  return (
    <Space direction="vertical" size="small">
      {successors.length > 0 && (
        <Typography.Text>
          {t('Đã sáp nhập, chia tách từ ngày')} {vnDate(successors[0].closing_date)} {t('vào')}{' '}
          {successors.map((s) => <Tag key={s.id} color={s.default ? 'blue' : 'default'}>{s.successor_name} · {counted(s.assignments, 'nhiệm vụ')}</Tag>)}
          — {successors[0].reason}
        </Typography.Text>
      )}
      {predecessors.map((s) => (
        <Typography.Text key={s.id}>
          {t('Kế thừa')} {s.unit_name} {t('từ ngày')} {vnDate(s.closing_date)}: {counted(s.assignments, 'nhiệm vụ')} — {s.reason}
        </Typography.Text>
      ))}
      {successors.length === 0 && predecessors.length === 0 && <Typography.Text type="secondary">{t('Chưa có sáp nhập, chia tách.')}</Typography.Text>}
      {/* the city itself is never merged into another unit */}
      {successors.length === 0 && unit.parent_id != null && <Button size="small" onClick={() => setOpen(true)}>{t('Sáp nhập, chia tách…')}</Button>}
      <Modal open={open} title={`${t('Sáp nhập, chia tách')}: ${unit.name}`} okText={t('Lưu')} cancelText={t('Thôi')}
        onCancel={() => setOpen(false)} onOk={() => form.submit()} destroyOnClose>
        <Typography.Paragraph type="secondary">
          {t('Từ ngày sáp nhập, nhiệm vụ đang thực hiện và việc đôn đốc chuyển cho đơn vị kế thừa; số liệu các ngày trước vẫn giữ nguyên (R16).')}
        </Typography.Paragraph>
        <Form form={form} name={`close-unit-${unitId}`} layout="vertical" onFinish={submit} preserve={false}>
          <Form.Item label={t('Ngày sáp nhập, chia tách')} name="closing_date" rules={[{ required: true }]}
            extra={t('Ngày đầu tiên đơn vị kế thừa đảm nhận; đơn vị này hoạt động đến hết ngày trước đó.')}>
            <DateInput />
          </Form.Item>
          <Form.Item label={t('Căn cứ, lý do')} name="reason" rules={[{ required: true }]}><Input /></Form.Item>
          <Form.Item label={t('Đơn vị kế thừa')} name="successor_ids" rules={[{ required: true }]}
            extra={t('Đơn vị đầu tiên nhận các nhiệm vụ không giao cho đơn vị khác.')}>
            <Select mode="multiple" showSearch optionFilterProp="label"
              options={units.filter((u) => u.id !== unitId).map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
          {successorIds.slice(1).map((id) => (
            <Form.Item key={id} label={`${t('Nhiệm vụ do')} ${nameOf(id)} ${t('nhận (chia tách)')}`} name={`takes_${id}`}>
              <Select mode="multiple" optionFilterProp="label"
                options={work.map((a) => ({ value: a.id, label: `${a.task_code} ${a.task_name}` }))} />
            </Form.Item>
          ))}
        </Form>
      </Modal>
    </Space>
  );
}
