// The S&T task register from an .xlsx workbook (issue 16), as the plan import does it: the file is read and
// shown first — each row to be created, changed or left as it is, every problem by sheet, row and column — and
// nothing is written until the confirmation. The workbook's shape is the export's (Xuất Excel on the register).
import { useState } from 'react';
import { Alert, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { api, ApiError, post, Schemas } from '../../api';
import { useT } from '../../i18n';

type Preview = Schemas['StTaskImport'];
type Row = Preview['rows'][number];
const ACTION_VI: Record<string, [string, string]> = {
  new: ['Tạo mới', 'green'], changed: ['Sửa', 'blue'], unchanged: ['Giữ nguyên', 'default'],
};

export function RegisterImport({ onDone }: { onDone: () => void }) {
  const t = useT();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<Schemas['StTaskImportConfirmed'] | null>(null);
  const [busy, setBusy] = useState(false);
  const fail = (e: unknown) => setError(e instanceof ApiError ? e.message : String(e));
  const send = async (f: File) => {
    setError(null); setDone(null); setPreview(null); setBusy(true);
    try { setPreview(await api<Preview>('POST', `/st-task-imports?filename=${encodeURIComponent(f.name)}`, undefined, f)); } catch (e) { fail(e); }
    setBusy(false);
  };
  const confirm = async () => {
    if (!preview) return;
    setError(null); setBusy(true);
    try { setDone(await post<Schemas['StTaskImportConfirmed']>(`/st-task-imports/${preview.id}/confirm`)); setPreview(null); onDone(); } catch (e) { fail(e); }
    setBusy(false);
  };
  return (
    <Card size="small" title={t('Nhập sổ nhiệm vụ từ Excel')}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('Tệp theo mẫu của tệp xuất Excel (trang Nhiệm vụ, Sản phẩm, Kinh phí theo năm). Chưa ghi gì vào sổ cho đến khi xác nhận.')}</Typography.Text>
        <input type="file" accept=".xlsx" aria-label={t('Tệp sổ nhiệm vụ')} data-testid="register-file" disabled={busy}
          onChange={(e) => { const f = e.target.files?.[0]; if (f) void send(f); e.target.value = ''; }} />
        {error && <Alert type="error" message={error} />}
        {done && <Alert type="success" message={`${t('Đã nhập sổ')}: ${done.created} ${t('nhiệm vụ mới')}, ${done.updated} ${t('nhiệm vụ được sửa')}.`} />}
        {preview && <>
          <Alert type={preview.summary.blocking ? 'warning' : 'info'} data-testid="import-summary"
            message={`${preview.filename}: ${preview.summary.rows} ${t('dòng')} — ${preview.summary.new} ${t('tạo mới')}, ${preview.summary.changed} ${t('sửa')}, ${preview.summary.unchanged} ${t('giữ nguyên')}; ${preview.summary.blocking} ${t('lỗi')}.`} />
          {preview.issues.length > 0 && <Card size="small" title={t('Lỗi cần sửa trong tệp')}>
            {preview.issues.map((i, k) => <div key={k}><Tag color="red">{i.row ? `${t('Dòng')} ${i.row}` : t('Tệp')}</Tag>{i.message}</div>)}
          </Card>}
          <Table<Row> size="small" rowKey="row" pagination={{ pageSize: 20 }} scroll={{ x: true }} dataSource={preview.rows} columns={[
            { title: t('Dòng'), dataIndex: 'row', width: 60 },
            { title: t('Mã'), dataIndex: 'code', width: 110 },
            { title: t('Tên nhiệm vụ'), dataIndex: 'title' },
            { title: t('Tổ chức chủ trì'), dataIndex: 'host_unit_name', responsive: ['md'] },
            { title: t('Thao tác'), render: (_, r) => {
              const [label, color] = ACTION_VI[r.action];
              return <Space wrap size={2}><Tag color={r.blocked ? 'red' : color}>{t(label)}</Tag>
                {r.changed_fields.length > 0 && <small>{r.changed_fields.length} {t('trường thay đổi')}</small>}</Space>;
            } },
          ]} />
          <Button type="primary" disabled={preview.summary.blocking > 0 || busy} onClick={confirm} data-testid="confirm-register-import">{t('Xác nhận nhập')}</Button>
        </>}
      </Space>
    </Card>
  );
}
