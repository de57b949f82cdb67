// One assignment: its deadline (original and effective), status, report history and evidence.
import { useEffect, useState } from 'react';
import { Card, Descriptions, Tag, Timeline, Button, Space, Typography, message, Spin, Alert, Form, Input } from 'antd';
import { get, post, User, Schemas } from '../api';
import type { FormInstance } from 'antd';
import { useT, useCount, vnDate, usePeriodLabel, STATUS_COLOR, REPORT_STATE_VI, useStatusLabel, vnPercent } from '../i18n';
import { fail } from '../shared';
import { DateInput } from '../DateInput';
import { TaskFeedback } from './feedback/TaskLinks';

export function AssignmentDetail({ user, id }: { user: User; id: number }) {
  const t = useT();
  const counted = useCount();
  const periodLabel = usePeriodLabel();
  const statusLabel = useStatusLabel();
  const [a, setA] = useState<Schemas['AssignmentDetail'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { get<Schemas['AssignmentDetail']>(`/assignments/${id}`).then(setA).catch((e: unknown) => setError(e instanceof Error ? e.message : String(e))); }, [id]);
  const confirm = async () => {
    try { await post(`/assignments/${id}/confirm`, {}); setA(await get<Schemas['AssignmentDetail']>(`/assignments/${id}`)); }
    catch (e) { fail(e); }
  };
  const followUp = async (path: string, body: object, form: FormInstance) => {
    try {
      await post(path, body);
      message.success(t('Đã ghi nhận'));
      form.resetFields();
      setA(await get<Schemas['AssignmentDetail']>(`/assignments/${id}`));
    } catch (e) {
      fail(e, form);
    }
  };
  const [extForm] = Form.useForm();
  const [reviewForm] = Form.useForm();
  const [askForm] = Form.useForm();
  if (error) return <Alert type="error" message={error} />;
  if (!a) return <Spin />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Button type="link" onClick={() => history.back()} style={{ padding: 0 }}>← {t('Quay lại')}</Button>
      <Typography.Title level={4} style={{ margin: 0 }}>{a.task_code}. {a.task_name}</Typography.Title>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('Đơn vị')}>{a.unit_name}</Descriptions.Item>
        <Descriptions.Item label={t('Trạng thái')}><Tag color={STATUS_COLOR[a.status]}>{statusLabel(a.status)}{a.overdue_days ? ` · ${counted(a.overdue_days, 'ngày')}` : ''}</Tag></Descriptions.Item>
        <Descriptions.Item label={t('Thời hạn')}>{a.task?.deadline_text} {a.original_due && `(${vnDate(a.original_due)})`}{a.effective_due && a.effective_due !== a.original_due && ` → ${vnDate(a.effective_due)}`}</Descriptions.Item>
        <Descriptions.Item label={t('Tiến độ')}>{vnPercent(a.progress_percent)} · {a.last_update_period ? periodLabel(a.last_update_period) : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('Chủ trì chỉ đạo')}>{a.directing_leader || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('Sản phẩm đầu ra')}>{a.task?.output || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('Đơn vị tự báo hoàn thành')}>{vnDate(a.declared_done_on)}</Descriptions.Item>
        <Descriptions.Item label={t('Xác nhận hoàn thành', 'Completion confirmed')}>{vnDate(a.confirmed_done_on)}</Descriptions.Item>
      </Descriptions>
      {['standing_agency', 'admin'].includes(user.role) && !a.confirmed_done_on && a.deadline_kind !== 'recurring' &&
        <Button onClick={confirm}>{t('Xác nhận hoàn thành')}</Button>}
      {user.role === 'focal_point' && a.deadline_kind !== 'recurring' && !a.confirmed_done_on && (
        <Card size="small" title={t('Đề nghị gia hạn')}>
          <Form form={extForm} name="assignmentdetail-extForm-1" layout="inline" onFinish={(v) => followUp('/extension-requests', { assignment_id: id, requested_due: v.requested_due?.format('YYYY-MM-DD'), reason: v.reason }, extForm)}>
            <Form.Item name="requested_due" rules={[{ required: true, message: t('Chọn thời hạn mới') }]}><DateInput placeholder={t('Thời hạn mới')} aria-label={t('Thời hạn mới')} /></Form.Item>
            <Form.Item name="reason" rules={[{ required: true, message: t('Nêu lý do') }]}><Input placeholder={t('Lý do')} style={{ width: 320 }} /></Form.Item>
            <Button htmlType="submit">{t('Đề nghị gia hạn')}</Button>
          </Form>
        </Card>)}
      {user.role === 'focal_point' && a.status === 'overdue' && (
        <Card size="small" title={`${t('Rà soát quá hạn')}: ${t('nguyên nhân, trách nhiệm, giải pháp, lộ trình')}`}>
          <Form form={reviewForm} name="assignmentdetail-reviewForm-2" layout="vertical" onFinish={(v) => followUp('/overdue-reviews', { ...v, assignment_id: id, new_due: v.new_due?.format('YYYY-MM-DD') }, reviewForm)}>
            <Form.Item label={t('Nguyên nhân')} name="cause" rules={[{ required: true }]}><Input.TextArea autoSize /></Form.Item>
            <Space wrap>
              <Form.Item label={t('Trách nhiệm (đơn vị)')} name="responsible_unit" rules={[{ required: true }]}><Input /></Form.Item>
              <Form.Item label={t('Trách nhiệm (cá nhân)')} name="responsible_person"><Input /></Form.Item>
              <Form.Item label={t('Thời hạn cam kết mới')} name="new_due" rules={[{ required: true }]}><DateInput /></Form.Item>
            </Space>
            <Form.Item label={t('Giải pháp')} name="remedy" rules={[{ required: true }]}><Input.TextArea autoSize /></Form.Item>
            <Form.Item label={t('Lộ trình')} name="roadmap"><Input.TextArea autoSize /></Form.Item>
            <Button htmlType="submit">{t('Lưu')}</Button>
          </Form>
        </Card>)}
      {['leader', 'directing_leader', 'standing_agency', 'admin'].includes(user.role) && (
        <Card size="small" title={t('Yêu cầu giải trình')}>
          <Form form={askForm} name="assignmentdetail-askForm-3" layout="inline" onFinish={(v) => followUp('/explanation-requests', { assignment_id: id, question: v.question, due_on: v.due_on?.format('YYYY-MM-DD') }, askForm)}>
            <Form.Item name="question" rules={[{ required: true }]}><Input placeholder={t('Nội dung cần giải trình')} style={{ width: 360 }} /></Form.Item>
            <Form.Item name="due_on" rules={[{ required: true }]}><DateInput placeholder={t('Hạn giải trình')} aria-label={t('Hạn giải trình')} /></Form.Item>
            <Button htmlType="submit">{t('Yêu cầu giải trình')}</Button>
          </Form>
        </Card>)}
      <TaskFeedback taskId={a.task_id} />
      <Card size="small" title={t('Lịch sử báo cáo')}>
        <Timeline items={a.history.map((h) => ({
          children: <div>
            <b>{periodLabel(h.period)}</b> · {vnPercent(h.progress_percent)} · <Tag>{t(REPORT_STATE_VI[h.state])}</Tag> {vnDate(h.submitted_at)}
            {h.work_done && <div>{h.work_done}</div>}
            {h.output_ref && <div>{t('Văn bản đầu ra (số, ngày)')}: {h.output_ref}</div>}
            {h.difficulties && <div>{t('Khó khăn, vướng mắc')}: {h.difficulties}</div>}
            {h.evidence.map((e) => <div key={e.id}><a href={e.url}>{e.filename}</a></div>)}
          </div>,
        }))} />
      </Card>
    </Space>
  );
}
