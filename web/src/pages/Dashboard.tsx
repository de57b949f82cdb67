// The leaders' view: every number is a link to the assignments behind it.
import { lazy, Suspense, useContext, useEffect, useState } from 'react';
import { Button, Card, Row, Col, Statistic, Progress, Table, Tag, Select, Space, Typography, Spin, Tabs } from 'antd';
import dayjs from 'dayjs';
import { get, User, Schemas } from '../api';

type D = Schemas['Dashboard'];
type DashboardIndicator = D['indicators']['items'][number];
type Warning = D['warnings']['items'][number];
// A row of the warning list: the rule-based warnings first, then work at risk before it is overdue (issue 17).
type WarningRow = Pick<Warning, 'id' | 'unit_name' | 'task_code' | 'task_name' | 'overdue_days'> & { status: string; reason?: string };
const RISKS_IN_WARNINGS = 10;  // the first by deadline; the "Nguy cơ" section below lists them all
import { LangContext, useT, useCount, vnPercent, vnDate, usePeriodLabel, STATUS_COLOR, INDICATOR_VI, useStatusLabel } from '../i18n';
import { go } from '../router';
import { DateInput } from '../DateInput';
import { RiskSection, useRisks, reasonText, IndicatorProjection } from './risks/RiskSection';
import { IndicatorWhy } from './risks/IndicatorWhy';
import { UnitBreakdown } from './cockpit/UnitBreakdown';
import { NudgeButton } from './cockpit/NudgeButton';
import { rankWords, scoreText } from './ranking/words';
import { StOverdueSection } from './st-tasks/StOverdue';
import { FeedbackWarnings } from './feedback/FeedbackWarnings';

// Who may remind units (the permission of explanation requests).
const CAN_REMIND = ['admin', 'standing_agency', 'leader', 'directing_leader'];

// echarts is a third of a megabyte: the figures show first, the chart when it has arrived.
const Trend = lazy(() => import('./Trend').then((m) => ({ default: m.Trend })));

// The rule of docs/RULES.md a figure follows, with its explanation on hover.
function RuleRef({ rule, why }: { rule?: string; why?: string }) {
  if (!rule) return null;
  return <Typography.Text type="secondary" style={{ fontSize: 11 }} title={why} data-testid={`rule-${rule}`}>[{rule}]</Typography.Text>;
}

const STATUSES = ['overdue', 'due_soon', 'in_progress', 'not_started', 'done_on_time', 'done_late', 'recurring_updated', 'recurring_not_updated', 'waiting', 'no_deadline'];

export function Dashboard({ user, query }: { user: User; query: URLSearchParams }) {
  const t = useT();
  const counted = useCount();
  const periodLabel = usePeriodLabel();
  const statusLabel = useStatusLabel();
  const [plans, setPlans] = useState<Schemas['Directive'][]>([]);
  const [data, setData] = useState<D | null>(null);
  const directive = query.get('directive_id') ?? '';
  const asOf = query.get('as_of') ?? '';
  const unit = query.get('unit_id') ?? '';
  const field = query.get('field') ?? '';
  const leader = query.get('directing_leader') ?? '';
  const peer = query.get('peer_group') ?? '';
  const params = new URLSearchParams();
  if (directive) params.set('directive_id', directive);
  if (asOf) params.set('as_of', asOf);
  if (unit) params.set('unit_id', unit);
  if (field) params.set('field', field);
  if (leader) params.set('directing_leader', leader);
  if (peer) params.set('peer_group', peer);
  const [fields, setFields] = useState<string[]>([]);
  const [leaders, setLeaders] = useState<string[]>([]);
  const [units, setUnits] = useState<Schemas['Unit'][]>([]);
  // The filters' choices (≈ 160 KB of tasks and units) are asked for once the figures are in: on a slow line
  // they would otherwise share it with the dashboard's own answer and hold the figures back.
  const [asked, setAsked] = useState(false);
  useEffect(() => {
    if (!data || asked) return;
    setAsked(true);
    get<Schemas['TaskList']>('/tasks?limit=1000').then((r) => {
      setFields([...new Set<string>(r.items.map((x) => x.field).filter(Boolean))].sort());
      setLeaders([...new Set<string>(r.items.map((x) => x.directing_leader).filter(Boolean))].sort());
    });
    get<Schemas['UnitList']>('/units?limit=1000').then((r) => setUnits(r.items.filter((x) => x.kind !== 'office')));
  }, [data, asked]);
  const qs = params.toString();
  // The risks follow the plan, the date and the unit; the other filters narrow the dashboard's figures only.
  const riskParams = new URLSearchParams();
  for (const k of ['directive_id', 'as_of', 'unit_id']) if (params.get(k)) riskParams.set(k, params.get(k) as string);
  const riskQuery = riskParams.toString();
  const risks = useRisks(riskQuery);
  // Issue 17: each indicator's full-year forecast and the units pulling it down come with the risks, apart.
  const outlooks = new Map((risks.data?.indicators ?? []).map((o) => [o.indicator_id, o]));
  const lang = useContext(LangContext);
  // The indicator whose "why" is open; another filter or date closes it (its figures would be another's).
  const [why, setWhy] = useState<DashboardIndicator | null>(null);
  useEffect(() => { setWhy(null); }, [qs]);
  useEffect(() => { get<Schemas['DirectiveList']>('/directives?has_plan=true&limit=100').then((r) => setPlans(r.items)); }, []);
  useEffect(() => { setData(null); get<D>(`/dashboard?${qs}`).then(setData); }, [qs]);
  const setFilter = (k: string, v: string | undefined) => {
    const p = new URLSearchParams(qs);
    if (v) p.set(k, v); else p.delete(k);
    go(`dashboard?${p.toString()}`);
  };
  // Drill-down keeps the dashboard's filters, so the list shows exactly the rows behind the number.
  const drillQuery = (extra: Record<string, string>) => {
    const p = new URLSearchParams(qs);
    if (data?.scope?.unit_id && !p.get('unit_id') && !['admin', 'standing_agency', 'leader', 'directing_leader'].includes(user.role)) p.set('unit_id', String(data.scope.unit_id));
    for (const [k, v] of Object.entries(extra)) p.set(k, v);
    if (p.get('unit_id')) p.set('subtree', 'true');
    return p.toString();
  };
  const drill = (extra: Record<string, string>) => go(`assignments?${drillQuery(extra)}`);
  // The full ranking follows the plan, date, unit and filters of the dashboard; its group is the tab's.
  const rankQuery = (g: string) => {
    const p = new URLSearchParams(qs);
    p.set('peer_group', g);
    return p.toString();
  };
  if (!data) return <Spin />;
  const a = data.assignments;
  const u = data.update_compliance;
  // A unit's name opens the whole ranking at its row, with its components in words (the title says them too).
  const rankCols = (g: string) => [
    { title: t('Hạng'), dataIndex: 'rank', width: 60 },
    { title: t('Đơn vị'), dataIndex: 'unit_name', render: (v: string, r: Schemas['Ranking']['items'][number]) =>
      <a href={`#/xep-hang?${rankQuery(g)}&unit=${r.unit_id}`} title={rankWords(r, lang)}>{v}</a> },
    { title: t('Điểm'), dataIndex: 'score', width: 80, render: (v: number | null) => scoreText(v) },
    { title: t('Đúng hạn BC / Cập nhật / Hoàn thành'), width: 240, render: (_: unknown, r: Schemas['Ranking']['items'][number]) => {
      const c = r.components;
      const f = (x: Schemas['RankingShare']) => `${x.numerator}/${x.denominator}`;
      return <Typography.Text type="secondary">{f(c.timeliness)} · {f(c.updates)} · {f(c.completion)}</Typography.Text>;
    } },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('Bảng điều hành')} — {data.scope.unit_name}</Typography.Title>
        <Select allowClear placeholder={t('Tất cả')} style={{ minWidth: 220 }} value={directive ? Number(directive) : undefined}
          onChange={(v) => setFilter('directive_id', v ? String(v) : undefined)} options={plans.map((d) => ({ value: d.id, label: d.number }))} aria-label={t('Kế hoạch')} />
        <DateInput aria-label={t('Số liệu đến ngày')} value={asOf ? dayjs(asOf) : dayjs(data.as_of)} onChange={(d) => setFilter('as_of', d ? d.format('YYYY-MM-DD') : undefined)} allowClear={false} />
        {['admin', 'standing_agency', 'leader', 'directing_leader'].includes(user.role) && (
          <Select allowClear showSearch optionFilterProp="label" placeholder={t('Đơn vị')} style={{ minWidth: 200 }} value={unit ? Number(unit) : undefined}
            onChange={(v) => setFilter('unit_id', v ? String(v) : undefined)} options={units.map((x) => ({ value: x.id, label: x.name }))} aria-label={t('Đơn vị')} />)}
        <Select allowClear aria-label={t('Nhóm đơn vị')} placeholder={t('Nhóm đơn vị')} style={{ minWidth: 170 }} value={peer || undefined} onChange={(v) => setFilter('peer_group', v)}
          options={[{ value: 'department', label: t('Sở, ban, ngành') }, { value: 'commune', label: t('Xã, phường, đặc khu') }]} />
        <Select allowClear aria-label={t('Lĩnh vực')} placeholder={t('Lĩnh vực')} style={{ minWidth: 170 }} value={field || undefined} onChange={(v) => setFilter('field', v)} options={fields.map((x) => ({ value: x, label: x }))} />
        <Select allowClear aria-label={t('Lãnh đạo chủ trì')} placeholder={t('Lãnh đạo chủ trì')} style={{ minWidth: 200 }} value={leader || undefined} onChange={(v) => setFilter('directing_leader', v)}
          options={leaders.map((x) => ({ value: x, label: x.replace(/^Đồng chí /, '').split(',')[0] }))} />
      </Space>
      <Row gutter={[12, 12]}>
        {STATUSES.filter((s) => a.by_status[s]).map((s) => (
          <Col xs={12} sm={8} md={6} lg={4} key={s}>
            <Card size="small" hoverable onClick={() => drill({ status: s })} data-testid={`status-${s}`}>
              <Statistic title={<Tag color={STATUS_COLOR[s]} style={{ whiteSpace: 'normal', maxWidth: '100%' }}>{statusLabel(s)}</Tag>} value={a.by_status[s]} groupSeparator="." />
            </Card>
          </Col>
        ))}
      </Row>
      <UnitBreakdown query={qs} drill={drill} />
      <Row gutter={[12, 12]}>
        <Col xs={24} md={8}>
          <Card size="small" title={t('Tỷ lệ cập nhật')}>
            <Progress type="dashboard" aria-label={t('Tỷ lệ cập nhật')} percent={Math.round((u.rate ?? 0) * 10) / 10} format={() => vnPercent(u.rate)}
              status={u.met ? 'success' : 'exception'} />
            <div>{u.updated}/{u.open} · {t('mục tiêu')} ≥ {vnPercent(u.target)} <RuleRef rule={u.rule} why={u.why} /></div>
            <a onClick={() => drill({ warning: 'true' })}>{t('Chưa cập nhật')} / {t('Quá hạn')} / {t('Sắp đến hạn')}: {data.warnings.total}</a>
          </Card>
        </Col>
        <Col xs={24} md={16}>
          <Card size="small" title={t('Tình hình nhận báo cáo')}>
            <Table size="small" rowKey="directive_id" pagination={false} dataSource={data.reports} scroll={{ x: 500 }} columns={[
              { title: t('Kế hoạch'), dataIndex: 'number' },
              { title: t('Kỳ'), dataIndex: 'period', render: periodLabel },
              { title: t('Hạn nộp'), dataIndex: 'due_date', render: vnDate },
              { title: t('Đúng hạn'), render: (_: unknown, r: D['reports'][number]) => `${r.summary.on_time}/${r.summary.expected}` },
              { title: t('Muộn'), render: (_: unknown, r: D['reports'][number]) => r.summary.late },
              { title: t('Chưa báo cáo'), render: (_: unknown, r: D['reports'][number]) => <Tag color={r.summary.missing ? 'red' : 'green'}>{r.summary.missing}</Tag> },
              { title: '', width: 40, render: (_: unknown, r: D['reports'][number]) => <RuleRef rule={r.rule} why={r.why} /> },
            ]} />
            <Typography.Text type="secondary">
              {t('Hoàn thành đúng hạn')}: {vnPercent(a.on_time_completion_rate)} <RuleRef rule={a.rules?.on_time_completion_rate} why={a.why?.on_time_completion_rate} /> · {t('Quá hạn')}: {vnPercent(a.overdue_share_of_deadline)} ({a.overdue}/{a.with_deadline}) <RuleRef rule={a.rules?.overdue_share_of_deadline} why={a.why?.overdue_share_of_deadline} />
            </Typography.Text>
          </Card>
        </Col>
      </Row>
      <Card size="small" title={`${t('Chỉ tiêu')} (${Object.entries(data.indicators.summary).map(([k, v]) => `${t(INDICATOR_VI[k][0])}: ${v}`).join(' · ')})`}>
        <Table size="small" rowKey="id" dataSource={data.indicators.items} pagination={{ pageSize: 8 }} scroll={{ x: 820 }}
          columns={[
          // The name opens the indicator's "why": its year on a chart, the status rule in words, the units below target.
          { title: t('Chỉ tiêu'), dataIndex: 'name', render: (v: string, r: DashboardIndicator) =>
            <><a onClick={() => setWhy(r)} data-testid={`indicator-${r.id}`}>{r.code}. {v}</a>{r.evaluation.computed && <> <Tag color="blue">{t('Tự tính')}</Tag></>}</> },
          { title: t('Kết quả'), width: 110, render: (_: unknown, r: DashboardIndicator) => r.evaluation.actual.value == null ? '—' : r.evaluation.actual.value_text },
          { title: t('Mục tiêu'), dataIndex: 'target_text', width: 100 },
          { title: t('Trạng thái'), width: 160, render: (_: unknown, r: DashboardIndicator) => { const [l, c] = INDICATOR_VI[r.evaluation.status]; return <Tag color={c}>{t(l)}</Tag>; } },
          { title: t('Ước cả năm'), width: 120, render: (_: unknown, r: DashboardIndicator) => risks.data ? <IndicatorProjection outlook={outlooks.get(r.id)} /> : risks.failed ? '—' : <Spin size="small" /> },
          { title: t('Đơn vị báo cáo'), width: 170, render: (_: unknown, r: DashboardIndicator) => <>{r.evaluation.computed
            // R19: the system's figure, with the count of items behind it in place of the units' coverage.
            ? `${t('Hệ thống tự tính')} ${r.evaluation.computed.numerator}/${r.evaluation.computed.denominator}`
            : r.evaluation.actual.coverage_text ?? r.evaluation.actual.units_reporting} <RuleRef rule={r.evaluation.rule} why={r.evaluation.why} /></> },
        ]} />
      </Card>
      <IndicatorWhy row={why} outlook={why ? outlooks.get(why.id) : undefined} asOf={asOf} onClose={() => setWhy(null)} />
      <Card size="small" data-testid="warnings"
        title={`${t('Danh sách cảnh báo')} (${data.warnings.items.length}/${data.warnings.total})${risks.data ? ` · ${t('Nguy cơ trễ hạn')} (${risks.data.items.length})` : ''}`}
        extra={<Space className="no-print">
          {data.warnings.total > data.warnings.items.length && <a onClick={() => drill({ warning: 'true' })} data-testid="warnings-all">{t('Xem đủ')} {data.warnings.total}</a>}
          <Button size="small" href={`/api/v1/assignments.xlsx?${drillQuery({ warning: 'true' })}`}>{t('Tải Excel')}</Button></Space>}>
        <Table size="small" rowKey={(r: WarningRow) => `${r.status}-${r.id}`} pagination={false} scroll={{ x: 700 }}
          dataSource={[...data.warnings.items as WarningRow[], ...(risks.data?.items ?? []).slice(0, RISKS_IN_WARNINGS).map((r): WarningRow => ({
            id: r.assignment_id, unit_name: r.unit_name, task_code: r.task_code, task_name: r.task_name, status: 'at_risk', overdue_days: 0, reason: reasonText(r, lang) }))]}
          onRow={(r: WarningRow) => ({ onClick: () => go(`assignment/${r.id}`), style: { cursor: 'pointer' } })} columns={[
            { title: t('Đơn vị'), dataIndex: 'unit_name', width: 200 },
            { title: t('Nhiệm vụ'), dataIndex: 'task_name', render: (v: string, r: WarningRow) => <>{r.task_code}. {v}</> },
            { title: t('Trạng thái'), dataIndex: 'status', width: 200, render: (s: string, r: WarningRow) => s === 'at_risk'
              ? <span title={r.reason}><Tag color="gold">{t('Có nguy cơ trễ hạn')}</Tag></span>
              : <Tag color={STATUS_COLOR[s]}>{statusLabel(s)}{r.overdue_days ? ` · ${counted(r.overdue_days, 'ngày')}` : ''}</Tag> },
            ...(CAN_REMIND.includes(user.role) ? [{ title: '', key: 'nudge', width: 80, render: (_: unknown, r: WarningRow) =>
              r.status === 'overdue' ? <NudgeButton request={{ assignment_ids: [r.id] }} /> : null }] : []),
          ]} />
      </Card>
      <RiskSection state={risks} />
      <StOverdueSection asOf={asOf} />
      <FeedbackWarnings asOf={asOf} />
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('Xếp hạng')}>
            <Tabs items={(['commune', 'department'] as const).map((g) => ({
              key: g, label: g === 'commune' ? t('Xã, phường, đặc khu') : t('Sở, ban, ngành'),
              children: <><Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{data.ranking[g].formula} <RuleRef rule={data.ranking[g].rule} />{' '}
                <Button size="small" className="no-print" href={`/api/v1/ranking.xlsx?${rankQuery(g)}`}>{t('Tải Excel bảng xếp hạng đầy đủ')}</Button>{' '}
                <Button size="small" className="no-print" onClick={() => go(`xep-hang?${rankQuery(g)}`)}>{t('Xem toàn bộ và bảng đã công bố')}</Button></Typography.Paragraph>
                <Table size="small" rowKey="unit_id" pagination={false} dataSource={data.ranking[g].items} scroll={{ x: 500 }}
                  columns={rankCols(g)} /></>,
            }))} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('Xu hướng')}><Suspense fallback={<div style={{ height: 260 }} />}><Trend points={data.trend} /></Suspense></Card>
        </Col>
      </Row>
    </Space>
  );
}
