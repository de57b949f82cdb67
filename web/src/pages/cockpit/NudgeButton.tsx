// "Nhắc" (issue 14, item 9): the message and its recipients are shown first, a note may be added, then it is sent
// through the reminders' path (the bell, and e-mail per each user's choice).
import { useState } from 'react';
import { Button, Input, List, Modal, Typography, message } from 'antd';
import { post, Schemas } from '../../api';
import { useT, useCount } from '../../i18n';

type Req = Schemas['NudgeRequest'];
type Res = Schemas['NudgeResult'];

export function NudgeButton({ request, label, size = 'small' }: { request: Req; label?: string; size?: 'small' | 'middle' }) {
  const t = useT();
  const counted = useCount();
  const [preview, setPreview] = useState<Res | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const open = (e: React.MouseEvent) => {
    e.stopPropagation();
    setBusy(true);
    post<Res>('/reminders/send', { ...request, preview: true }).then((r) => { setNote(''); setPreview(r); })
      .catch((err: Error) => message.error(err.message)).finally(() => setBusy(false));
  };
  const send = () => {
    setBusy(true);
    post<Res>('/reminders/send', { ...request, ...(note.trim() ? { message: note.trim() } : {}) })
      .then((r) => { message.success(`${t('Đã nhắc')} ${counted(r.items.length, 'đơn vị')} (${counted(r.notifications, 'thông báo')})`); setPreview(null); })
      .catch((err: Error) => message.error(err.message)).finally(() => setBusy(false));
  };
  return (
    <>
      <Button size={size} loading={busy && !preview} onClick={open} className="no-print" data-testid="nudge">{label ?? t('Nhắc')}</Button>
      <Modal open={!!preview} title={t('Xem trước lời nhắc')} okText={t('Gửi nhắc')} cancelText={t('Hủy')} confirmLoading={busy}
        onOk={send} onCancel={() => setPreview(null)} width={640}>
        {preview && <>
          <Typography.Paragraph>{t('Gửi đến đầu mối và lãnh đạo của')} {counted(preview.items.length, 'đơn vị')}, {t('trên chuông thông báo và thư điện tử theo lựa chọn của từng người.')}</Typography.Paragraph>
          <List size="small" bordered dataSource={preview.items.slice(0, 5)} data-testid="nudge-preview" renderItem={(i) => (
            <List.Item><div><b>{t(i.title, i.title_en || undefined)}</b><div style={{ whiteSpace: 'pre-wrap' }}>{t(i.body, i.body_en || undefined)}</div>
              <Typography.Text type="secondary">{i.unit_name} · {i.users} {t('người nhận')}</Typography.Text></div></List.Item>)} />
          {preview.items.length > 5 && <Typography.Text type="secondary">… {t('và')} {counted(preview.items.length - 5, 'đơn vị khác')}</Typography.Text>}
          <Input.TextArea style={{ marginTop: 8 }} rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)}
            aria-label={t('Lời nhắn thêm')} placeholder={t('Lời nhắn thêm (không bắt buộc)')} />
        </>}
      </Modal>
    </>
  );
}
