// One assignment: its deadline (original and effective), status, report history and evidence.
import { useEffect, useState } from 'react';
import { Card, Descriptions, Tag, Timeline, Button, Space, Typography, message, Spin, Alert } from 'antd';
import { get, post, User, ApiError } from '../api';
import { useT, vnDate, periodLabel, STATUS_COLOR, REPORT_STATE_VI, useStatusLabel } from '../i18n';

export function AssignmentDetail({ user, id }: { user: User; id: number }) {
  const t = useT();
  const statusLabel = useStatusLabel();
  const [a, setA] = useState<any>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { get(`/assignments/${id}`).then(setA).catch((e) => setError(e.message)); }, [id]);
  const confirm = async () => {
    try { await post(`/assignments/${id}/confirm`, {}); setA(await get(`/assignments/${id}`)); }
    catch (e) { message.error(e instanceof ApiError ? e.message : String(e)); }
  };
  if (error) return <Alert type="error" message={error} />;
  if (!a) return <Spin />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Button type="link" onClick={() => history.back()} style={{ padding: 0 }}>← Quay lại</Button>
      <Typography.Title level={4} style={{ margin: 0 }}>{a.task_code}. {a.task_name}</Typography.Title>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('Đơn vị')}>{a.unit_name}</Descriptions.Item>
        <Descriptions.Item label={t('Trạng thái')}><Tag color={STATUS_COLOR[a.status]}>{statusLabel(a.status)}{a.overdue_days ? ` · ${a.overdue_days} ngày` : ''}</Tag></Descriptions.Item>
        <Descriptions.Item label={t('Thời hạn')}>{a.task?.deadline_text} {a.original_due && `(${vnDate(a.original_due)})`}{a.effective_due && a.effective_due !== a.original_due && ` → ${vnDate(a.effective_due)}`}</Descriptions.Item>
        <Descriptions.Item label={t('Tiến độ')}>{a.progress_percent} % · {a.last_update_period ? periodLabel(a.last_update_period) : '—'}</Descriptions.Item>
        <Descriptions.Item label="Chủ trì chỉ đạo">{a.directing_leader || '—'}</Descriptions.Item>
        <Descriptions.Item label="Sản phẩm đầu ra">{a.task?.output || '—'}</Descriptions.Item>
        <Descriptions.Item label="Đơn vị tự báo hoàn thành">{vnDate(a.declared_done_on)}</Descriptions.Item>
        <Descriptions.Item label="Xác nhận hoàn thành">{vnDate(a.confirmed_done_on)}</Descriptions.Item>
      </Descriptions>
      {['standing_agency', 'admin'].includes(user.role) && !a.confirmed_done_on && a.deadline_kind !== 'recurring' &&
        <Button onClick={confirm}>{t('Xác nhận hoàn thành')}</Button>}
      <Card size="small" title={t('Lịch sử báo cáo')}>
        <Timeline items={a.history.map((h: any) => ({
          children: <div>
            <b>{periodLabel(h.period)}</b> · {h.progress_percent} % · <Tag>{REPORT_STATE_VI[h.state]}</Tag> {vnDate(h.submitted_at)}
            {h.work_done && <div>{h.work_done}</div>}
            {h.output_ref && <div>{t('Văn bản đầu ra (số, ngày)')}: {h.output_ref}</div>}
            {h.difficulties && <div>{t('Khó khăn, vướng mắc')}: {h.difficulties}</div>}
            {h.evidence.map((e: any) => <div key={e.id}><a href={e.url}>{e.filename}</a></div>)}
          </div>,
        }))} />
      </Card>
    </Space>
  );
}
