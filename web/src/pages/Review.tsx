// The standing agency's queue: reports waiting for review, oldest first, and the units that have not
// reported this period.
import { useEffect, useState } from 'react';
import { Card, Table, Tag, Select, Space, Typography, Statistic, Row, Col, Input, Button } from 'antd';
import { get, post, Schemas } from '../api';

type Extension = Schemas['ExtensionRequestList']['items'][number];
type Escalation = Schemas['EscalationList']['items'][number];
import { useT, vnDate, periodLabel, REPORT_STATE_VI } from '../i18n';
import { fail, fold } from '../shared';
import { NudgeButton } from './cockpit/NudgeButton';
import { go } from '../router';

export function Review() {
  const t = useT();
  const [plans, setPlans] = useState<Schemas['Directive'][]>([]);
  const [plan, setPlan] = useState<number | undefined>();
  const [queue, setQueue] = useState<Schemas['Report'][]>([]);
  const [obl, setObl] = useState<Schemas['ReportObligations'] | null>(null);
  const [find, setFind] = useState('');
  const shown = queue.filter((r) => fold(r.unit_name).includes(fold(find)));
  const [extensions, setExtensions] = useState<Extension[]>([]);
  const [escalations, setEscalations] = useState<Escalation[]>([]);
  const [replies, setReplies] = useState<Record<string, string>>({});
  const loadFollowUp = () => {
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
    Promise.all([get<Schemas['ReportList']>(`/reports?directive_id=${plan}&state=approved&limit=500`), get<Schemas['ReportList']>(`/reports?directive_id=${plan}&state=submitted&limit=500`)])
      .then(([a, s]) => setQueue([...a.items, ...s.items].sort((x, y) => (x.submitted_at ?? '').localeCompare(y.submitted_at ?? ''))));
    get<Schemas['ReportObligations']>(`/report-obligations?directive_id=${plan}&timeliness=missing&limit=1000`).then(setObl);
  }, [plan]);
  const groupName: Record<string, string> = { department: t('Sở, ban, ngành'), commune: t('Xã, phường, đặc khu'), other: 'Khác' };
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
      <Card size="small" title={`${t('Tiếp nhận báo cáo')} (${queue.length})`}
        extra={<Input.Search allowClear placeholder="Tìm đơn vị" aria-label="Tìm đơn vị" value={find} onChange={(e) => setFind(e.target.value)} style={{ width: 200 }} />}>
        <Table size="small" rowKey="id" dataSource={shown} scroll={{ x: 600 }} onRow={(r) => ({ onClick: () => go(`report/${r.id}`), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('Đơn vị'), dataIndex: 'unit_name' },
            { title: t('Kỳ'), dataIndex: 'period', render: periodLabel, width: 120 },
            { title: t('Gửi lúc'), dataIndex: 'submitted_at', render: vnDate, width: 150 },
            { title: t('Trạng thái'), dataIndex: 'state', width: 200, render: (s) => <Tag color={s === 'approved' ? 'blue' : 'default'}>{REPORT_STATE_VI[s]}</Tag> },
          ]} />
      </Card>
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
      <Card size="small" title={`${t('Kiến nghị vượt thẩm quyền')} (${escalations.length})`}>
        <Table size="small" rowKey={(r: Escalation) => `${r.report_id}/${r.assignment_id}`} dataSource={escalations} pagination={{ pageSize: 10 }} scroll={{ x: 1000 }} columns={[
          { title: t('Đơn vị'), dataIndex: 'unit_name', width: 180 },
          { title: t('Kỳ'), dataIndex: 'period', render: periodLabel, width: 110 },
          { title: `${t('Khó khăn, vướng mắc')} / ${t('Kiến nghị, đề xuất')}`, render: (_: unknown, r: Escalation) => <>{r.task_code}. {r.difficulties} <i>{r.proposals}</i></> },
          { title: t('Trả lời'), width: 300, render: (_: unknown, r: Escalation) => { const k = `${r.report_id}/${r.assignment_id}`; return <Space.Compact style={{ width: '100%' }}>
            <Input value={replies[k] ?? ''} onChange={(e) => setReplies({ ...replies, [k]: e.target.value })} />
            <Button onClick={() => act(`/escalations/${k}/answer`, { answer: replies[k] ?? '' })}>{t('Trả lời')}</Button></Space.Compact>; } },
        ]} />
      </Card>
      {obl && (
        <Card size="small" title={`${t('Đơn vị chưa báo cáo')} (${obl.total})`} data-testid="not-reported"
          extra={plan && obl.total > 0 ? <NudgeButton request={{ directive_id: plan }} label={t('Nhắc tất cả')} /> : null}>
          <Table size="small" rowKey="unit_id" dataSource={obl.items} pagination={{ pageSize: 20 }} columns={[
            { title: t('Đơn vị'), dataIndex: 'unit_name' },
            { title: '', dataIndex: 'peer_group', render: (g) => groupName[g] ?? g, width: 180 },
            { title: '', key: 'nudge', width: 80, render: (_: unknown, r: Schemas['ReportObligations']['items'][number]) =>
              plan ? <NudgeButton request={{ directive_id: plan, unit_ids: [r.unit_id] }} /> : null },
          ]} />
        </Card>
      )}
    </Space>
  );
}
