// The standing agency's queue: the reports it can act on (approved by their unit head), oldest first, the
// ones still with their unit head counted apart; several accepted or returned at once, each answering for
// itself; escalations grouped by task; and the units that have not reported this period.
import { useEffect, useState } from 'react';
import { Card, Table, Tag, Select, Space, Typography, Statistic, Row, Col, Input, Button, Alert, Modal } from 'antd';
import type { CheckboxProps } from 'antd';
import { get, post, Schemas } from '../api';

type Extension = Schemas['ExtensionRequestList']['items'][number];
type Escalation = Schemas['EscalationList']['items'][number];
type Reopen = Schemas['ReopenRequest'];
type TaskGroup = { key: string; task_code: string; task_name: string; rows: Escalation[] };
import { useT, useCount, vnDate, usePeriodLabel, REPORT_STATE_VI } from '../i18n';
import { fail, fold } from '../shared';
import { NudgeButton } from './cockpit/NudgeButton';
import { go } from '../router';

export function Review() {
  const t = useT();
  const counted = useCount();
  const periodLabel = usePeriodLabel();
  const [plans, setPlans] = useState<Schemas['Directive'][]>([]);
  const [plan, setPlan] = useState<number | undefined>();
  const [queue, setQueue] = useState<Schemas['Report'][]>([]);
  const [withHead, setWithHead] = useState(0);
  const [selected, setSelected] = useState<number[]>([]);
  const [comment, setComment] = useState('');
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState<Schemas['ReviewBatchResult'] | null>(null);
  const [reload, setReload] = useState(0);
  const [obl, setObl] = useState<Schemas['ReportObligations'] | null>(null);
  const [find, setFind] = useState('');
  const shown = queue.filter((r) => fold(r.unit_name).includes(fold(find)));
  const [extensions, setExtensions] = useState<Extension[]>([]);
  const [escalations, setEscalations] = useState<Escalation[]>([]);
  const [replies, setReplies] = useState<Record<string, string>>({});
  const [reopens, setReopens] = useState<Reopen[]>([]);
  const loadFollowUp = () => {
    get<Schemas['ReopenRequestList']>('/reopen-requests?state=pending').then((r) => setReopens(r.items));
    get<Schemas['ExtensionRequestList']>('/extension-requests?state=pending').then((r) => setExtensions(r.items));
    get<Schemas['EscalationList']>('/escalations?answered=false').then((r) => setEscalations(r.items));
  };
  useEffect(loadFollowUp, []);
  const act = async (path: string, body?: unknown) => {
    try { await post(path, body); loadFollowUp(); } catch (e) { fail(e); }
  };
  useEffect(() => { get<Schemas['DirectiveList']>('/directives?has_plan=true&limit=100').then((r) => { setPlans(r.items); setPlan(r.items.find((d) => d.number === '27/QĐ-BCĐ')?.id ?? r.items[0]?.id); }); }, []);
  useEffect(() => {
    if (!plan) return;
    // Only what the standing agency can act on; reports still with their unit head are a count, not rows.
    get<Schemas['ReportList']>(`/reports?directive_id=${plan}&state=approved&limit=500`)
      .then((a) => setQueue([...a.items].sort((x, y) => (x.submitted_at ?? '').localeCompare(y.submitted_at ?? ''))));
    get<Schemas['ReportList']>(`/reports?directive_id=${plan}&state=submitted&limit=1`).then((s) => setWithHead(s.total));
    setSelected([]);
    get<Schemas['ReportObligations']>(`/report-obligations?directive_id=${plan}&timeliness=missing&limit=1000`).then(setObl);
  }, [plan, reload]);
  const batch = async (action: 'accept' | 'return') => {
    try {
      const r = await post<Schemas['ReviewBatchResult']>('/reports/review-batch', action === 'accept'
        ? { action, report_ids: selected, ...(comment.trim() ? { comment } : {}) }
        : { action, report_ids: selected, reason });
      setOutcome(r);
      setReturning(false); setReason(''); setComment('');
      setReload((n) => n + 1);
    } catch (e) { fail(e); }
  };
  const unitOf = (id: number) => queue.find((r) => r.id === id)?.unit_name ?? `#${id}`;
  // Escalations: one row per task with how many units raised it; the units' rows open beneath it.
  const byTask = Object.values(escalations.reduce<Record<string, TaskGroup>>((m, e) => {
    (m[e.task_code] ??= { key: e.task_code, task_code: e.task_code, task_name: e.task_name, rows: [] }).rows.push(e);
    return m;
  }, {})).sort((a, b) => b.rows.length - a.rows.length);
  const groupName: Record<string, string> = { department: t('Sở, ban, ngành'), commune: t('Xã, phường, đặc khu'), other: t('Khác') };
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Space wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('Tiếp nhận báo cáo')}</Typography.Title>
        <Select style={{ minWidth: 260 }} value={plan} onChange={setPlan} options={plans.map((d) => ({ value: d.id, label: d.number }))} aria-label={t('Kế hoạch')} />
      </Space>
      {obl && (
        <Card size="small" title={`${t('Tình hình nhận báo cáo')} — ${periodLabel(obl.period)} (${t('Hạn nộp')} ${vnDate(obl.due_date)})`}>
          <Row gutter={16}>
            {(['on_time', 'late', 'missing'] as const).map((k) => (
              <Col xs={8} key={k}><Statistic title={k === 'on_time' ? t('Đúng hạn') : k === 'late' ? t('Muộn') : t('Chưa báo cáo')}
                value={obl.summary[k] ?? 0} suffix={`/ ${obl.summary.expected}`} valueStyle={{ color: k === 'missing' ? '#cf1322' : undefined }} /></Col>
            ))}
          </Row>
          <Typography.Paragraph style={{ marginTop: 12 }}>
            {Object.entries(obl.by_peer_group).map(([g, m]) => <Tag key={g}>{groupName[g] ?? g}: {m.missing ?? 0} {t('Chưa báo cáo').toLowerCase()} / {m.expected}</Tag>)}
          </Typography.Paragraph>
        </Card>
      )}
      <Card size="small" title={`${t('Chờ cơ quan thường trực tiếp nhận')} (${queue.length})`} data-testid="queue"
        extra={<Input.Search allowClear placeholder={t('Tìm đơn vị')} aria-label={t('Tìm đơn vị')} value={find} onChange={(e) => setFind(e.target.value)} style={{ width: 200 }} />}>
        {withHead > 0 && <Typography.Paragraph type="secondary" data-testid="with-head">
          {withHead} {t('báo cáo đang chờ lãnh đạo đơn vị phê duyệt (chưa đến lượt cơ quan thường trực).')}</Typography.Paragraph>}
        {outcome && <Alert type={outcome.failed ? 'warning' : 'success'} showIcon closable onClose={() => setOutcome(null)} data-testid="batch-outcome" style={{ marginBottom: 12 }}
          message={`${t('Đã xử lý')} ${outcome.done}; ${t('không xử lý được')} ${outcome.failed}.`}
          description={outcome.failed ? <ul style={{ margin: 0, paddingLeft: 18 }}>{outcome.results.filter((r) => !r.ok).map((r) => <li key={r.report_id}>{unitOf(r.report_id)}: {r.error?.message}</li>)}</ul> : undefined} />}
        <Space wrap style={{ marginBottom: 12 }}>
          <Input aria-label={t('Ý kiến khi tiếp nhận (không bắt buộc)')} placeholder={t('Ý kiến khi tiếp nhận (không bắt buộc)')} value={comment} onChange={(e) => setComment(e.target.value)} style={{ width: 280 }} />
          <Button type="primary" disabled={!selected.length} onClick={() => batch('accept')}>{t('Tiếp nhận')} ({selected.length})</Button>
          <Button danger disabled={!selected.length} onClick={() => setReturning(true)}>{t('Trả lại')} ({selected.length})</Button>
        </Space>
        <Table size="small" rowKey="id" dataSource={shown} scroll={{ x: 600 }}
          rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(Number)), getCheckboxProps: (r) => ({ title: `${t('Chọn')} ${r.unit_name}`, 'aria-label': `${t('Chọn')} ${r.unit_name}` } as Partial<CheckboxProps>) }}
          onRow={(r) => ({ onClick: (e) => { if (!(e.target as HTMLElement).closest('.ant-table-selection-column')) go(`report/${r.id}`); }, style: { cursor: 'pointer' } })}
          columns={[
            { title: t('Đơn vị'), dataIndex: 'unit_name', width: 180 },
            { title: t('Kỳ'), dataIndex: 'period', render: periodLabel, width: 120 },
            { title: t('Gửi lúc'), dataIndex: 'submitted_at', render: vnDate, width: 150 },
            { title: t('Trạng thái'), dataIndex: 'state', width: 200, render: (s) => <Tag color="blue">{t(REPORT_STATE_VI[s])}</Tag> },
          ]} />
      </Card>
      <Modal open={returning} title={`${t('Trả lại')} ${counted(selected.length, 'báo cáo')}`} okText={t('Trả lại')} cancelText={t('Hủy')} onCancel={() => setReturning(false)}
        okButtonProps={{ disabled: !reason.trim(), danger: true }} onOk={() => batch('return')}>
        <label htmlFor="batch-reason">{t('Lý do')}</label>
        <Input.TextArea id="batch-reason" value={reason} onChange={(e) => setReason(e.target.value)} autoSize={{ minRows: 3 }} />
      </Modal>
      {reopens.length > 0 && (
        <Card size="small" title={`${t('Đề nghị mở lại báo cáo')} (${reopens.length})`} data-testid="reopen-requests">
          <Table size="small" rowKey="id" dataSource={reopens} pagination={false} scroll={{ x: 900 }} columns={[
            { title: t('Đơn vị'), dataIndex: 'unit_name', width: 180, render: (v: string, r: Reopen) => <a href={`#/report/${r.report_id}`}>{v}</a> },
            { title: t('Kỳ'), dataIndex: 'period', render: (p: string, r: Reopen) => <>{periodLabel(p)} — {r.directive_number}</>, width: 200 },
            { title: t('Lý do'), dataIndex: 'reason' },
            { title: t('Người đề nghị'), dataIndex: 'requested_by_name', width: 160, render: (v: string, r: Reopen) => <>{v}, {vnDate(r.requested_at)}</> },
            { title: '', width: 220, render: (_: unknown, r: Reopen) => <Space>
              <Button size="small" type="primary" onClick={() => act(`/reopen-requests/${r.id}/grant`)}>{t('Đồng ý mở lại')}</Button>
              <Button size="small" danger onClick={() => { const note = prompt(t('Ý kiến')); if (note) act(`/reopen-requests/${r.id}/refuse`, { note }); }}>{t('Không đồng ý')}</Button>
            </Space> },
          ]} />
        </Card>
      )}
      <Card size="small" title={`${t('Đề nghị gia hạn')} (${extensions.length})`}>
        <Table size="small" rowKey="id" dataSource={extensions} pagination={false} scroll={{ x: 1100 }} columns={[
          { title: t('Đơn vị'), dataIndex: 'unit_name', width: 180 },
          { title: t('Nhiệm vụ'), dataIndex: 'task_name', render: (v: string, r: Extension) => <>{r.task_code}. {v}</> },
          { title: t('Thời hạn'), width: 200, render: (_: unknown, r: Extension) => <>{vnDate(r.previous_due)} → <b>{vnDate(r.requested_due)}</b></> },
          { title: t('Lý do'), dataIndex: 'reason', width: 220 },
          { title: '', width: 200, render: (_: unknown, r: Extension) => <Space>
            <Button size="small" type="primary" onClick={() => act(`/extension-requests/${r.id}/approve`)}>{t('Chấp thuận')}</Button>
            <Button size="small" danger onClick={() => { const reason = prompt(t('Lý do')); if (reason) act(`/extension-requests/${r.id}/refuse`, { reason }); }}>{t('Không chấp thuận')}</Button>
          </Space> },
        ]} />
      </Card>
      <Card size="small" title={`${t('Kiến nghị vượt thẩm quyền')} (${counted(escalations.length, 'kiến nghị')}, ${counted(byTask.length, 'nhiệm vụ')})`} data-testid="escalations">
        <Table size="small" rowKey="key" dataSource={byTask} pagination={{ pageSize: 10 }} scroll={{ x: 700 }}
          expandable={{ expandedRowRender: (g) => <Table size="small" rowKey={(r: Escalation) => `${r.report_id}/${r.assignment_id}`} dataSource={g.rows} pagination={false} scroll={{ x: 900 }} columns={[
            { title: t('Đơn vị'), dataIndex: 'unit_name', width: 180 },
            { title: t('Kỳ'), dataIndex: 'period', render: periodLabel, width: 110 },
            { title: `${t('Khó khăn, vướng mắc')} / ${t('Kiến nghị, đề xuất')}`, render: (_: unknown, r: Escalation) => <>{r.difficulties} <i>{r.proposals}</i></> },
            { title: t('Trả lời'), width: 300, render: (_: unknown, r: Escalation) => { const k = `${r.report_id}/${r.assignment_id}`; return <Space.Compact style={{ width: '100%' }}>
              <Input aria-label={`${t('Trả lời')} ${r.unit_name}`} value={replies[k] ?? ''} onChange={(e) => setReplies({ ...replies, [k]: e.target.value })} />
              <Button onClick={() => act(`/escalations/${k}/answer`, { answer: replies[k] ?? '' })}>{t('Trả lời')}</Button></Space.Compact>; } },
          ]} /> }}
          columns={[
            { title: t('Nhiệm vụ'), render: (_: unknown, g: TaskGroup) => <>{g.task_code}. {g.task_name}</> },
            { title: t('Số đơn vị'), width: 110, render: (_: unknown, g: TaskGroup) => <Tag data-testid="escalation-count">{new Set(g.rows.map((r) => r.unit_name)).size}</Tag> },
          ]} />
      </Card>
      {obl && (
        <Card size="small" title={`${t('Đơn vị chưa báo cáo')} (${obl.total})`} data-testid="not-reported"
          extra={plan && obl.total > 0 ? <NudgeButton request={{ directive_id: plan }} label={t('Nhắc tất cả')} /> : null}>
          <Table size="small" rowKey="unit_id" dataSource={obl.items} pagination={{ pageSize: 20 }} scroll={{ x: 'max-content' }} columns={[
            { title: t('Đơn vị'), dataIndex: 'unit_name', width: 200 },
            { title: '', dataIndex: 'peer_group', render: (g) => groupName[g] ?? g, width: 180 },
            { title: '', key: 'nudge', width: 80, render: (_: unknown, r: Schemas['ReportObligations']['items'][number]) =>
              plan ? <NudgeButton request={{ directive_id: plan, unit_ids: [r.unit_id] }} /> : null },
          ]} />
        </Card>
      )}
    </Space>
  );
}
