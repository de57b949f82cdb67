// The column template of each upstream system (issue 18, item 3): which of an item's fields, in which order,
// under which header, and the system's words for the city's statuses — data an admin sets, not code. The
// shipped templates are assumptions until the real entry screens are known, and the screen says so. Everyone
// who reads the outbox sees the columns; only the admin changes them (PUT /outbox-templates is manage_exchange).
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Checkbox, Form, Input, Select, Space, Typography, message } from 'antd';
import { ApiError, get, put, Schemas, User } from '../../api';
import { errorText } from '../../shared';
import { STATUS_VI, useStatusLabel, useT, vnDate } from '../../i18n';

type Template = Schemas['OutboxTemplate'];
type Column = Schemas['OutboxColumn'];
type FormValues = { columns: Partial<Column>[]; status_map: Record<string, string | undefined>; note: string; assumed: boolean };

// What each field of an outbox item holds, in the words of the screen (the codes are the API's).
const FIELD_VI: Record<string, string> = {
  upstream_code: 'Mã nhiệm vụ ở cấp trên', task_name: 'Tên nhiệm vụ', unit_code: 'Mã định danh đơn vị (QĐ 20/2020)',
  unit_name: 'Tên đơn vị', period: 'Kỳ báo cáo', status: 'Tình trạng', progress_percent: 'Tiến độ (%)',
  work_done: 'Kết quả thực hiện', outputs: 'Văn bản, sản phẩm đầu ra', difficulties: 'Khó khăn, vướng mắc',
  evidence: 'Danh sách minh chứng', reported_at: 'Ngày đơn vị báo cáo', code: 'Số phản ánh, kiến nghị',
  kind: 'Loại kiến nghị', title: 'Tiêu đề', body: 'Nội dung', field: 'Lĩnh vực', received_on: 'Ngày tiếp nhận',
};

function TemplateForm({ system, template, fields, onSaved }: { system: string; template?: Template; fields: string[]; onSaved: (t: Template) => void }) {
  const t = useT();
  const statusLabel = useStatusLabel();
  const [form] = Form.useForm<FormValues>();
  // A refusal of the whole list or of the status words is shown under that part; a column's beside its input.
  const [partError, setPartError] = useState<{ columns?: string; status_map?: string }>({});
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue({
      columns: template?.columns ?? [{ field: undefined, header: '' }],
      status_map: template?.status_map ?? {},
      note: template?.note ?? '',
      assumed: template?.assumed ?? false,
    });
    setPartError({});
  }, [system, template]);
  const save = async (v: FormValues) => {
    setPartError({});
    const status_map = Object.fromEntries(Object.entries(v.status_map ?? {}).filter(([, w]) => w && w.trim()).map(([k, w]) => [k, (w ?? '').trim()]));
    try {
      const saved = await put<Template>(`/outbox-templates/${encodeURIComponent(system)}`,
        { columns: v.columns.map((c) => ({ field: c.field ?? '', header: (c.header ?? '').trim() })), status_map, note: v.note ?? '', assumed: !!v.assumed });
      message.success(t('Đã lưu mẫu cột.'));
      onSaved(saved);
    } catch (e) {
      const m = e instanceof ApiError && e.field ? /^columns\[(\d+)\]\.(field|header)$/.exec(e.field) : null;
      if (m && e instanceof ApiError) form.setFields([{ name: ['columns', Number(m[1]), m[2] as keyof Column], errors: [e.message] }]);
      else if (e instanceof ApiError && (e.field === 'columns' || e.field === 'status_map')) setPartError({ [e.field]: e.message });
      else message.error(errorText(e));
    }
  };
  const fieldOptions = fields.map((f) => ({ value: f, label: t(FIELD_VI[f] ?? f) }));
  return (
    <Form form={form} layout="vertical" onFinish={save} data-testid="template-form" style={{ maxWidth: 720 }}>
      <Typography.Text strong>{t('Các cột, theo thứ tự')}</Typography.Text>
      <Form.List name="columns">
        {(rows, { add, remove, move }) => (
          <Space direction="vertical" style={{ width: '100%', marginTop: 8 }}>
            {rows.map((row, i) => (
              <Card size="small" key={row.key} data-testid="template-column" title={`${t('Cột')} ${i + 1}`}
                extra={<Space size={4}>
                  <Button size="small" disabled={i === 0} onClick={() => move(i, i - 1)} aria-label={`${t('Chuyển lên')} ${i + 1}`}>↑</Button>
                  <Button size="small" disabled={i === rows.length - 1} onClick={() => move(i, i + 1)} aria-label={`${t('Chuyển xuống')} ${i + 1}`}>↓</Button>
                  <Button size="small" danger disabled={rows.length === 1} onClick={() => remove(i)} aria-label={`${t('Bỏ cột')} ${i + 1}`}>✕</Button>
                </Space>}>
                {/* Named by its label (for= the input), and checked by a validator, not `required`: antd would put
                    aria-label and aria-required of a searching select on its box too, where they are not allowed. */}
                <Form.Item name={[row.name, 'field']} label={`${t('Trường của cột')} ${i + 1}`} style={{ marginBottom: 8 }}
                  rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error(`${t('Trường của cột')} ${i + 1}: ${t('hãy chọn một trường.')}`))) }]}>
                  <Select options={fieldOptions} showSearch optionFilterProp="label" />
                </Form.Item>
                <Form.Item name={[row.name, 'header']} label={t('Tiêu đề cột')} style={{ marginBottom: 0 }}
                  rules={[{ required: true, whitespace: true, message: `${t('Tiêu đề cột')} ${i + 1}: ${t('không được để trống.')}` },
                    { max: 200, message: `${t('Tiêu đề cột')} ${i + 1}: ${t('tối đa 200 ký tự.')}` }]}>
                  <Input aria-label={`${t('Tiêu đề cột')} ${i + 1}`} />
                </Form.Item>
              </Card>
            ))}
            {partError.columns && <Typography.Text type="danger" role="alert">{partError.columns}</Typography.Text>}
            <Button onClick={() => add({ field: undefined, header: '' })} disabled={rows.length >= 40}>{t('Thêm cột')}</Button>
          </Space>
        )}
      </Form.List>
      <Typography.Paragraph strong style={{ marginTop: 16, marginBottom: 4 }}>{t('Cách gọi trạng thái ở hệ thống cấp trên')}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('Để trống: hệ thống cấp trên nhận tên trạng thái của thành phố.')}</Typography.Paragraph>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', columnGap: 12 }}>
        {Object.keys(STATUS_VI).map((code) => (
          <Form.Item key={code} name={['status_map', code]} label={statusLabel(code)} style={{ marginBottom: 8 }}
            rules={[{ max: 200, message: `${statusLabel(code)}: ${t('tối đa 200 ký tự.')}` }]}>
            <Input aria-label={`${t('Cách gọi')}: ${statusLabel(code)}`} />
          </Form.Item>
        ))}
      </div>
      {partError.status_map && <Typography.Text type="danger" role="alert">{partError.status_map}</Typography.Text>}
      <Form.Item name="note" label={t('Ghi chú về mẫu')} style={{ marginTop: 8 }}>
        <Input.TextArea rows={2} maxLength={2000} aria-label={t('Ghi chú về mẫu')} />
      </Form.Item>
      <Form.Item name="assumed" valuePropName="checked">
        <Checkbox>{t('Mẫu giả định (chưa đối chiếu với màn hình nhập liệu thật của hệ thống cấp trên)')}</Checkbox>
      </Form.Item>
      <Button type="primary" htmlType="submit">{t('Lưu mẫu cột')}</Button>
    </Form>
  );
}

export function Templates({ user }: { user: User }) {
  const t = useT();
  const [list, setList] = useState<Schemas['OutboxTemplateList'] | null>(null);
  const [systems, setSystems] = useState<Schemas['ExternalSystem'][]>([]);
  const [system, setSystem] = useState<string>('nq57');
  const [error, setError] = useState<string | null>(null);
  const canEdit = user.role === 'admin';
  useEffect(() => {
    get<Schemas['OutboxTemplateList']>('/outbox-templates').then(setList).catch((e) => setError(errorText(e)));
    get<Schemas['ExternalSystemList']>('/external-systems').then((r) => setSystems(r.items)).catch((e) => setError(errorText(e)));
  }, []);
  const template = list?.items.find((x) => x.system === system);
  return (
    <Card size="small" title={t('Mẫu cột của hệ thống cấp trên')} data-testid="templates">
      <Space direction="vertical" style={{ width: '100%' }}>
        {error && <Alert type="error" message={error} />}
        <Typography.Text type="secondary">
          {t('Mẫu cột quyết định hộp thư đi của mỗi hệ thống: cột nào, thứ tự nào, gọi trạng thái thế nào. Các mẫu kèm theo phần mềm là giả định cho đến khi biết màn hình nhập liệu thật của hệ thống cấp trên.')}
        </Typography.Text>
        <Select style={{ width: 320, maxWidth: '100%' }} value={system} onChange={setSystem} aria-label={t('Hệ thống của mẫu')}
          options={systems.filter((s) => s.code !== 'qd20').map((s) => ({ value: s.code, label: s.name }))} />
        {template?.assumed && (
          <Alert type="warning" showIcon data-testid="assumed" message={t('Mẫu này là giả định: chưa đối chiếu với màn hình nhập liệu thật của hệ thống cấp trên.')}
            description={template.note || undefined} />
        )}
        {list && !template && <Typography.Text>{t('Hệ thống này chưa có mẫu cột: hộp thư đi của nó chưa được chuẩn bị.')}</Typography.Text>}
        {template && <Typography.Text type="secondary">{t('Sửa lần cuối')}: {vnDate(template.updated_at)}</Typography.Text>}
        {canEdit && list
          ? <TemplateForm system={system} template={template} fields={list.fields}
              onSaved={(saved) => setList((l) => l && { ...l, items: [...l.items.filter((x) => x.system !== saved.system), saved] })} />
          : template && (
            <ol data-testid="template-columns" style={{ paddingLeft: 20, margin: 0 }}>
              {template.columns.map((c) => <li key={c.field}><b>{c.header}</b> — {t(FIELD_VI[c.field] ?? c.field)}</li>)}
            </ol>)}
      </Space>
    </Card>
  );
}
