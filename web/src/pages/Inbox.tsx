// "Việc của tôi": what the unit must do this month — its reports and their deadlines, returned reports
// with the reviewer's reason, assignments overdue, due soon or not updated.
import { useEffect, useState } from 'react';
import { Card, List, Button, Tag, Typography, Space, Alert, Table, message, Spin, Input } from 'antd';
import { get, post, User, Schemas } from '../api';
import { useT, useCount, vnDate, usePeriodLabel, REPORT_STATE_VI, STATUS_COLOR, useStatusLabel } from '../i18n';
import { fail } from '../shared';
import { go } from '../router';
import { DelegationCard } from './Delegation';

interface Due {
  directive: Schemas['Directive'];
  period: string;
  due_date: string;
  report?: Schemas['Report'];
  past: boolean;
}

export function Inbox({ user }: { user: User }) {
  const t = useT();
  const counted = useCount();
  const periodLabel = usePeriodLabel();
  const statusLabel = useStatusLabel();
  const [dues, setDues] = useState<Due[] | null>(null);
  const [returned, setReturned] = useState<Schemas['Report'][]>([]);
  const [toApprove, setToApprove] = useState<Schemas['Report'][]>([]);
  const [warnings, setWarnings] = useState<Schemas['AssignmentList'] | null>(null);
  const [explanations, setExplanations] = useState<Schemas['ExplanationRequestList']['items']>([]);
  const [answers, setAnswers] = useState<Record<number, string>>({});

  const load = async () => {
    const plans = (await get<Schemas['DirectiveList']>(`/directives?has_plan=true&limit=100`)).items;
    const out: Due[] = [];
    for (const d of plans) {
      const mine = await get<Schemas['AssignmentList']>(`/assignments?directive_id=${d.id}&unit_id=${user.unit_id}&limit=1`);
      if (mine.total === 0) continue;
      const detail = await get<Schemas['DirectiveDetail']>(`/directives/${d.id}`);
      // R2: a plan without an issue date is not reported on, nor a period due before its first period.
      const first = detail.first_period;
      if (!first) continue;
      for (const [which, past] of [[detail.judged_period, true], [detail.open_period, false]] as const) {
        if (!which || which.due_date < first.due_date) continue;
        const r = await get<Schemas['ReportList']>(`/reports?directive_id=${d.id}&unit_id=${user.unit_id}&period=${which.period}`);
        const report = r.items[0];
        if (past && report && ['accepted', 'approved', 'submitted'].includes(report.state)) continue;
        out.push({ directive: d, period: which.period, due_date: which.due_date, report, past });
      }
    }
    // Most urgent first: a past period not yet sent (overdue), then by due date.
    const overdue = (d: Due) => d.past && (!d.report || ['draft', 'returned'].includes(d.report.state));
    out.sort((a, b) => Number(overdue(b)) - Number(overdue(a)) || a.due_date.localeCompare(b.due_date));
    setDues(out);
    setReturned((await get<Schemas['ReportList']>(`/reports?state=returned&limit=50`)).items);
    // A deputy (a viewer with a delegation running today) approves as the head would.
    const deputy = user.role === 'viewer' && (await get<Schemas['DelegationList']>('/delegations')).items.some((d) => d.deputy_id === user.id && d.active);
    if (user.role === 'unit_head' || deputy) setToApprove((await get<Schemas['ReportList']>(`/reports?state=submitted&limit=50`)).items);
    setWarnings(await get<Schemas['AssignmentList']>(`/assignments?unit_id=${user.unit_id}&subtree=true&warning=true&limit=200`));
    setExplanations((await get<Schemas['ExplanationRequestList']>('/explanation-requests?answered=false')).items);
  };
  const answer = async (id: number) => {
    try {
      await post(`/explanation-requests/${id}/answer`, { answer: answers[id] ?? '' });
      setExplanations((old) => old.filter((x) => x.id !== id));
      message.success(t('Giải trình'));
    } catch (e) {
      fail(e);
    }
  };
  useEffect(() => { load().catch((e: unknown) => message.error(e instanceof Error ? e.message : String(e))); }, []);

  const start = async (d: Due) => {
    try {
      const r = await post<Schemas['ReportDetail']>('/reports', { directive_id: d.directive.id, period: d.period });
      go(`report/${r.id}`);
    } catch (e) {
      fail(e);
    }
  };

  if (!dues) return <Spin />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Typography.Title level={3} style={{ margin: 0 }}>{t('Việc của tôi')} — {user.unit_name}</Typography.Title>
      {returned.map((r) => (
        <Alert key={r.id} type="warning" showIcon data-testid="returned"
          message={`${t('Bị trả lại')}: ${r.unit_name} — ${periodLabel(r.period)}`}
          description={<>{t('Lý do')}: {r.return_reason} <Button type="link" onClick={() => go(`report/${r.id}`)}>{t('Mở báo cáo')}</Button></>} />
      ))}
      {explanations.map((x) => (
        <Alert key={x.id} type="error" showIcon data-testid="explanation"
          message={`${t('Yêu cầu giải trình')} — ${t('hạn')} ${vnDate(x.due_on)} (${x.requested_by_name})`}
          description={<Space direction="vertical" style={{ width: '100%' }}>
            <span>{x.question}</span>
            {['focal_point', 'unit_head'].includes(user.role) && <>
              <Input.TextArea aria-label={t('Giải trình')} autoSize value={answers[x.id] ?? ''} onChange={(e) => setAnswers({ ...answers, [x.id]: e.target.value })} />
              <Button onClick={() => answer(x.id)}>{t('Giải trình')}</Button></>}
          </Space>} />
      ))}
      <Card title={t('Báo cáo của đơn vị')} size="small">
        <List dataSource={dues} locale={{ emptyText: t('Không có việc cần làm.') }} renderItem={(d) => (
          <List.Item data-testid="due-report" actions={[d.report
            ? <Button key="open" onClick={() => go(`report/${d.report?.id}`)}>{t('Mở báo cáo')}</Button>
            : user.role === 'focal_point' ? <Button key="start" type="primary" onClick={() => start(d)}>{t('Lập báo cáo')}</Button> : null]}>
            <List.Item.Meta
              title={<>{t('Kế hoạch')} {d.directive.number} — {periodLabel(d.period)}<div className="ant-list-item-meta-description" style={{ fontWeight: 'normal' }}>{d.directive.title}</div></>}
              description={<Space wrap>
                <span>{t('Hạn nộp')}: <b>{vnDate(d.due_date)}</b></span>
                {d.past && !d.report && <Tag color="red">{t('Chưa báo cáo')} — {t('Quá hạn')}</Tag>}
                {d.report && <Tag>{t(REPORT_STATE_VI[d.report.state])}</Tag>}
              </Space>} />
          </List.Item>
        )} />
      </Card>
      {(user.role === 'unit_head' || toApprove.length > 0) && (
        <Card title={t('Phê duyệt')} size="small">
          <List dataSource={toApprove} locale={{ emptyText: t('Không có việc cần làm.') }} renderItem={(r) => (
            <List.Item actions={[<Button key="o" type="primary" onClick={() => go(`report/${r.id}`)}>{t('Mở báo cáo')}</Button>]}>
              {r.unit_name} — {periodLabel(r.period)} · {t('Gửi lúc')} {vnDate(r.submitted_at)}
            </List.Item>)} />
        </Card>
      )}
      {user.role === 'unit_head' && <DelegationCard user={user} />}
      <Card title={`${t('Danh sách cảnh báo')} (${warnings?.total ?? 0})`} size="small">
        <Table size="small" rowKey="id" dataSource={warnings?.items ?? []} pagination={{ pageSize: 10 }} scroll={{ x: 600 }}
          onRow={(r) => ({ onClick: () => go(`assignment/${r.id}`), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('Nhiệm vụ'), dataIndex: 'task_name', render: (v: string, r) => <>{r.task_code}. {v}</> },
            { title: t('Trạng thái'), dataIndex: 'status', width: 180, render: (s: string, r) => <Tag color={STATUS_COLOR[s]}>{statusLabel(s)}{r.overdue_days ? ` (${counted(r.overdue_days, 'ngày')})` : ''}</Tag> },
            { title: t('Hạn hoàn thành'), dataIndex: 'effective_due', width: 120, render: vnDate },
          ]} />
      </Card>
    </Space>
  );
}
