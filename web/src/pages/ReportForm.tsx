// The monthly report: one row per assignment, the unit's indicator values with the rate computed as
// typed, evidence files; autosaved as a draft; submit, approve, accept or return by role.
import { useEffect, useRef, useState } from 'react';
import { Card, Table, InputNumber, Input, Checkbox, Button, Space, Tag, Typography, Alert, Modal, message, Spin, Descriptions } from 'antd';
import { api, get, post, put, User, ApiError } from '../api';
import { useT, vnDate, vnPercent, periodLabel, REPORT_STATE_VI } from '../i18n';
import { go } from '../router';

export function ReportForm({ user, id }: { user: User; id: number }) {
  const t = useT();
  const [report, setReport] = useState<any>(null);
  const [items, setItems] = useState<any[]>([]);
  const [values, setValues] = useState<Record<number, any>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const [uploading, setUploading] = useState(false);
  const timer = useRef<number | undefined>(undefined);
  const dirty = useRef(false);
  // The autosave timer fires after later renders: it must read the latest values, not its render's.
  const latest = useRef({ report, items, values });
  latest.current = { report, items, values };
  // The version of the last answer, kept apart from the render: one save waits for the one before it,
  // then sends the version that save produced.
  const version = useRef<number | undefined>(undefined);
  const inFlight = useRef<Promise<boolean> | null>(null);

  const apply = (r: any) => {
    version.current = r.version;
    setReport(r);
    setItems(r.items ?? []);
    const v: Record<number, any> = {};
    for (const x of r.indicator_values ?? []) v[x.indicator_id] = x;
    setValues(v);
  };
  useEffect(() => { get(`/reports/${id}`).then(apply).catch((e) => message.error(e.message)); }, [id]);

  const editable = report && ['draft', 'returned', 'accepted'].includes(report.state) && user.role === 'focal_point';

  const save = async (): Promise<boolean> => {
    while (inFlight.current) await inFlight.current;
    if (!dirty.current) return true;
    const run = saveNow();
    inFlight.current = run;
    try {
      return await run;
    } finally {
      inFlight.current = null;
    }
  };
  const saveNow = async (): Promise<boolean> => {
    const { report, items, values } = latest.current;
    dirty.current = false; // a change typed while this save is on its way marks the form dirty again
    setSaving('saving');
    try {
      const indicator_values = Object.values(values)
        .filter((v: any) => v.numerator != null || v.denominator != null || v.value != null)
        .map((v: any) => ({ indicator_id: v.indicator_id, numerator: v.numerator, denominator: v.denominator, value: v.value, estimated_full_year: v.estimated_full_year }));
      // The version this page started from: the server refuses an edit without it, and answers 409 when
      // someone else saved in between (the page then reloads the report instead of overwriting theirs).
      const r = await put(`/reports/${id}`, {
        version: version.current, summary: report.summary, difficulties: report.difficulties, proposals: report.proposals,
        items: items.map((i) => ({ assignment_id: i.assignment_id, progress_percent: i.progress_percent, work_done: i.work_done,
          output_ref: i.output_ref, difficulties: i.difficulties, proposals: i.proposals, exceeds_authority: i.exceeds_authority })),
        indicator_values });
      setErrors({});
      version.current = r.version;
      setReport(r);
      setSaving('saved');
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.field === 'version') {
        message.error(e.message);
        await get(`/reports/${id}`).then(apply).catch(() => undefined);
        setSaving('idle');
        return false;
      }
      dirty.current = true;
      if (e instanceof ApiError && e.field) setErrors({ [e.field]: e.message });
      else message.error(String((e as Error).message));
      setSaving('idle');
      return false;
    }
  };
  const touch = () => {
    dirty.current = true;
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(save, 1200);
  };
  const setItem = (k: number, field: string, v: unknown) => {
    setItems((old) => old.map((x, i) => (i === k ? { ...x, [field]: v } : x)));
    touch();
  };
  const setValue = (ind: any, field: string, v: unknown) => {
    setValues((old) => ({ ...old, [ind.id]: { indicator_id: ind.id, ...(old[ind.id] ?? {}), [field]: v } }));
    touch();
  };
  const act = async (action: string, body?: unknown) => {
    window.clearTimeout(timer.current);
    if (action === 'submit' && !(await save())) return;
    try {
      const r = await post(`/reports/${id}/${action}`, body);
      apply(r);
      message.success(REPORT_STATE_VI[r.state]);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    }
  };
  const upload = async (file: File, assignment_id?: number) => {
    setUploading(true);
    try {
      await api('POST', `/reports/${id}/evidence?filename=${encodeURIComponent(file.name)}${assignment_id ? `&assignment_id=${assignment_id}` : ''}`, undefined, file);
      apply(await get(`/reports/${id}`));
      message.success(file.name);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setUploading(false);
    }
  };

  if (!report) return <Spin />;
  const err = (k: number, f: string) => errors[`items[${k}].${f}`];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Button type="link" onClick={() => history.back()} style={{ padding: 0 }}>← Quay lại</Button>
      <Typography.Title level={3} style={{ margin: 0 }}>{t('Báo cáo kỳ')} {periodLabel(report.period)} — {report.unit_name}</Typography.Title>
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }} bordered>
        <Descriptions.Item label={t('Trạng thái')}><Tag data-testid="report-state">{REPORT_STATE_VI[report.state]}</Tag></Descriptions.Item>
        <Descriptions.Item label={t('Hạn nộp')}>{vnDate(report.due_date)}</Descriptions.Item>
        <Descriptions.Item label={t('Gửi lúc')}>{vnDate(report.first_submitted_at)} {report.timeliness === 'late' && <Tag color="red">{t('Muộn')}</Tag>}{report.timeliness === 'on_time' && <Tag color="green">{t('Đúng hạn')}</Tag>}</Descriptions.Item>
        <Descriptions.Item label="">{saving === 'saving' ? t('Đang lưu…') : saving === 'saved' ? <span data-testid="saved">{t('Đã lưu nháp')}</span> : ''}{report.reopened_count > 0 && <Tag color="orange">Mở lại {report.reopened_count} lần</Tag>}</Descriptions.Item>
      </Descriptions>
      {report.state === 'returned' && <Alert type="warning" showIcon message={`${t('Bị trả lại')}: ${report.return_reason}`} />}
      <Card size="small" title={t('Tiến độ')}>
        <Table size="small" rowKey="assignment_id" dataSource={items} pagination={false} scroll={{ x: 1100 }}
          columns={[
            { title: t('Nhiệm vụ'), dataIndex: 'task_name', width: 280, render: (v, r: any) => <><b>{r.task_code}.</b> {v}</> },
            { title: t('Tiến độ'), dataIndex: 'progress_percent', width: 130, render: (v, r: any, k) => (
              <Space direction="vertical" size={0}>
                <InputNumber aria-label={`${t('Tiến độ')} ${r.task_code}`} min={0} max={100} value={v} disabled={!editable} addonAfter="%"
                  status={err(k, 'progress_percent') ? 'error' : undefined} onChange={(x) => setItem(k, 'progress_percent', x ?? 0)} />
                {r.previous_progress_percent != null && <Typography.Text type="secondary" style={{ fontSize: 12 }}>kỳ trước {r.previous_progress_percent} %</Typography.Text>}
                {err(k, 'progress_percent') && <Typography.Text type="danger" style={{ fontSize: 12 }}>{err(k, 'progress_percent')}</Typography.Text>}
              </Space>) },
            { title: t('Kết quả thực hiện'), dataIndex: 'work_done', width: 260, render: (v, _r, k) => <Input.TextArea aria-label={t('Kết quả thực hiện')} autoSize value={v} disabled={!editable} onChange={(e) => setItem(k, 'work_done', e.target.value)} /> },
            { title: t('Văn bản đầu ra (số, ngày)'), dataIndex: 'output_ref', width: 170, render: (v, _r, k) => <Input value={v} disabled={!editable} onChange={(e) => setItem(k, 'output_ref', e.target.value)} /> },
            { title: t('Khó khăn, vướng mắc'), dataIndex: 'difficulties', width: 200, render: (v, _r, k) => <Input.TextArea autoSize value={v} disabled={!editable} onChange={(e) => setItem(k, 'difficulties', e.target.value)} /> },
            { title: t('Kiến nghị, đề xuất'), dataIndex: 'proposals', width: 200, render: (v, _r, k) => <Input.TextArea autoSize value={v} disabled={!editable} onChange={(e) => setItem(k, 'proposals', e.target.value)} /> },
            { title: t('Vượt thẩm quyền'), dataIndex: 'exceeds_authority', width: 90, render: (v, _r, k) => <Checkbox checked={v} disabled={!editable} onChange={(e) => setItem(k, 'exceeds_authority', e.target.checked)} /> },
            { title: t('Minh chứng'), width: 140, render: (_v, r: any) => editable ? (
              <input type="file" aria-label={`${t('Minh chứng')} ${r.task_code}`} disabled={uploading} style={{ width: 130 }}
                onChange={(e) => e.target.files?.[0] && upload(e.target.files[0], r.assignment_id)} />) : null },
          ]} />
      </Card>
      {(report.reportable_indicators?.length ?? 0) > 0 && (
        <Card size="small" title={t('Chỉ tiêu')}>
          <Table size="small" rowKey="id" dataSource={report.reportable_indicators} pagination={false} scroll={{ x: 700 }}
            columns={[
              { title: t('Chỉ tiêu'), dataIndex: 'name', render: (v, r: any) => <>{r.code}. {v} <Typography.Text type="secondary">({r.target_text})</Typography.Text></> },
              ...(['numerator', 'denominator'] as const).map((f) => ({
                title: f === 'numerator' ? t('Tử số') : t('Mẫu số'), width: 120, render: (_: unknown, ind: any) => ind.aggregation === 'ratio_of_sums'
                  ? <InputNumber aria-label={`${f === 'numerator' ? t('Tử số') : t('Mẫu số')} ${ind.code}`} min={0} disabled={!editable} value={values[ind.id]?.[f]} onChange={(x) => setValue(ind, f, x)} /> : null })),
              { title: t('Tỷ lệ'), width: 140, render: (_: unknown, ind: any) => {
                const v = values[ind.id];
                if (ind.aggregation !== 'ratio_of_sums') return <InputNumber min={0} disabled={!editable} value={v?.value} onChange={(x) => setValue(ind, 'value', x)} />;
                return <b data-testid={`rate-${ind.code}`}>{v?.denominator > 0 ? vnPercent((100 * (v.numerator ?? 0)) / v.denominator) : '—'}</b>;
              } },
            ]} />
          {Object.keys(errors).filter((k) => k.startsWith('indicator')).map((k) => <Alert key={k} type="error" message={errors[k]} />)}
        </Card>
      )}
      <Card size="small" title={`${t('Khó khăn, vướng mắc')} / ${t('Kiến nghị, đề xuất')}`}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Input.TextArea placeholder={t('Khó khăn, vướng mắc')} autoSize={{ minRows: 2 }} value={report.difficulties} disabled={!editable}
            onChange={(e) => { setReport({ ...report, difficulties: e.target.value }); touch(); }} />
          <Input.TextArea placeholder={t('Kiến nghị, đề xuất')} autoSize={{ minRows: 2 }} value={report.proposals} disabled={!editable}
            onChange={(e) => { setReport({ ...report, proposals: e.target.value }); touch(); }} />
          {(report.evidence ?? []).map((e: any) => <a key={e.id} href={e.url}>{e.filename} ({Math.ceil(e.size_bytes / 1024)} KB)</a>)}
        </Space>
      </Card>
      <Space wrap>
        {user.role === 'focal_point' && ['draft', 'returned'].includes(report.state) && <Button type="primary" onClick={() => act('submit')}>{t('Gửi báo cáo')}</Button>}
        {user.role === 'unit_head' && report.state === 'submitted' && <><Button type="primary" onClick={() => act('approve')}>{t('Phê duyệt')}</Button><Button danger onClick={() => setReturning(true)}>{t('Trả lại')}</Button></>}
        {['standing_agency', 'admin'].includes(user.role) && report.state === 'approved' && <><Button type="primary" onClick={() => act('accept')}>{t('Tiếp nhận')}</Button><Button danger onClick={() => setReturning(true)}>{t('Trả lại')}</Button></>}
        <Button onClick={() => go('inbox')}>{t('Việc của tôi')}</Button>
      </Space>
      <Modal open={returning} title={t('Trả lại')} okText={t('Trả lại')} onCancel={() => setReturning(false)} okButtonProps={{ disabled: !reason.trim() }}
        onOk={async () => { await act('return', { reason }); setReturning(false); setReason(''); }}>
        <Input.TextArea aria-label={t('Lý do')} placeholder={t('Lý do')} value={reason} onChange={(e) => setReason(e.target.value)} autoSize={{ minRows: 3 }} />
      </Modal>
    </Space>
  );
}
