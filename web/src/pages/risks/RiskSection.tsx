// Issue 17: the dashboard's "Nguy cơ" section — open work forecast to finish after its deadline, or stalled,
// with the reason, and where that risk concentrates. Loaded on its own after the dashboard, so the dashboard's
// figures never wait for the forecasts; the forecasts never enter the ranking.
import { useContext, useEffect, useState } from 'react';
import { Card, Col, Row, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import { get, Schemas } from '../../api';
import { LangContext, useT, useCount, vnDate, usePeriodLabel, figureText as figure } from '../../i18n';
import { go } from '../../router';

type Risks = Schemas['RiskList'];
type Risk = Risks['items'][number];
type Group = Schemas['RiskGroup'];
type Outlook = Schemas['IndicatorOutlook'];

// The indicators table's full-year estimate: the straight line from the year's baseline through the latest figure,
// as known at the date shown (GET /risks). The robust forecast did not beat this line in the backtest
// (bench/RESULTS.md, issue 17), so the screen keeps the simple rule.
export function IndicatorProjection({ outlook }: { outlook: Outlook | undefined }) {
  const t = useT();
  const v = outlook?.projection;
  if (!outlook || v === null || v === undefined) return <Typography.Text type="secondary">{t('Chưa đủ số liệu')}</Typography.Text>;
  return <span title={t('Theo đường thẳng từ mức cơ sở đầu năm qua số liệu mới nhất')}>{figure(v, outlook.unit_of_measure)}</span>;
}

// The units whose values of the judged period pull the figure below its target, the largest part first.
export function PullingDown({ outlook }: { outlook: Outlook }) {
  const t = useT();
  const counted = useCount();
  const periodLabel = usePeriodLabel();
  const u = outlook.unit_of_measure;
  return (
    <div data-testid="pulling-down">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('Đơn vị kéo số liệu xuống dưới chỉ tiêu')} ({periodLabel(outlook.period)}, {counted(outlook.pulling_down_count, 'đơn vị')}) — {t('phần thiếu của mỗi đơn vị, tính theo cách tổng hợp của chỉ tiêu')}:
      </Typography.Text>
      <Table size="small" rowKey="unit_id" pagination={false} dataSource={outlook.pulling_down} scroll={{ x: 340 }} columns={[
        // Each unit opens its own dashboard for the plan: its figures and the work behind them.
        { title: t('Đơn vị'), dataIndex: 'unit_name', render: (v: string, r: Outlook['pulling_down'][number]) =>
          <a href={`#/dashboard?unit_id=${r.unit_id}&directive_id=${outlook.directive_id}`}>{v}</a> },
        { title: t('Số liệu'), dataIndex: 'value', width: 110, render: (v: number | null) => (v === null ? '—' : figure(v, u)) },
        { title: t('Phần thiếu'), dataIndex: 'gap', width: 110, render: (v: number) => (u === '%' ? `${String(Math.round(v * 10) / 10).replace('.', ',')} ${t('điểm %')}` : figure(v, u)) },
      ]} />
    </div>
  );
}

// The server words the reason in both languages from the same fields (domain/forecast.cpp).
export function reasonText(r: Risk, lang: string): string {
  return lang === 'en' && r.reason_en ? r.reason_en : r.reason;
}

export interface RiskState { data: Risks | null; failed: boolean }

// One request for the section and the warning list, which shows the at-risk work after the overdue.
export function useRisks(query: string): RiskState {
  const [state, setState] = useState<RiskState>({ data: null, failed: false });
  useEffect(() => {
    setState({ data: null, failed: false });
    get<Risks>(`/risks?${query}`).then((data) => setState({ data, failed: false }), () => setState({ data: null, failed: true }));
  }, [query]);
  return state;
}

export function RiskSection({ state: { data, failed } }: { state: RiskState }) {
  const t = useT();
  const lang = useContext(LangContext);
  const [only, setOnly] = useState<{ title: string; ids: Set<number> } | null>(null);
  const [tab, setTab] = useState('list');
  useEffect(() => { setOnly(null); }, [data]);
  const title = `${t('Nguy cơ trễ hạn')}${data ? ` (${data.items.length})` : ''}`;
  if (failed) return <Card size="small" title={title}><Typography.Text type="danger">{t('Không tải được dự báo.')}</Typography.Text></Card>;
  if (!data) return <Card size="small" title={title}><Spin /></Card>;
  const rows = only ? data.items.filter((r) => only.ids.has(r.assignment_id)) : data.items;
  const groups = (name: string, list: Group[]) => (
    <Col xs={24} md={8} key={name}>
      <Table size="small" rowKey="name" pagination={{ pageSize: 5, hideOnSinglePage: true }} dataSource={list}
        onRow={(g: Group) => ({ onClick: () => { setOnly({ title: g.name, ids: new Set(g.assignment_ids) }); setTab('list'); }, style: { cursor: 'pointer' } })}
        columns={[
          { title: name, dataIndex: 'name', render: (v: string) => v.replace(/^Đồng chí /, '').split(',')[0] },
          { title: t('Số việc'), dataIndex: 'count', width: 80 },
        ]} />
    </Col>
  );
  return (
    <Card size="small" title={title} data-testid="risks">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('Dự báo từ tiến độ các kỳ đã báo cáo: nhịp trung vị của các kỳ gần nhất; đứng yên khi')} {data.stalled_periods} {t('kỳ liền không đổi hoặc nêu cùng một khó khăn; kiến nghị vượt thẩm quyền chưa được trả lời sau')} {data.unanswered_days} {t('ngày cũng là nguy cơ. Chỉ để cảnh báo sớm, không tính vào xếp hạng.')}
      </Typography.Paragraph>
      <Tabs activeKey={tab} onChange={setTab} items={[
        { key: 'list', label: only ? `${t('Danh sách')} — ${only.title.replace(/^Đồng chí /, '').split(',')[0]}` : t('Danh sách'), children: (
          <>
            {only && <Tag closable onClose={() => setOnly(null)}>{t('Bỏ lọc')}</Tag>}
            <Table size="small" rowKey="assignment_id" dataSource={rows} pagination={{ pageSize: 10 }} scroll={{ x: 700 }}
              onRow={(r: Risk) => ({ onClick: () => go(`assignment/${r.assignment_id}`), style: { cursor: 'pointer' } })} columns={[
                { title: t('Đơn vị'), dataIndex: 'unit_name', width: 200 },
                { title: t('Nhiệm vụ'), dataIndex: 'task_name', render: (v: string, r: Risk) => <>{r.task_code}. {v}</> },
                { title: t('Hạn'), dataIndex: 'due', width: 100, render: vnDate },
                { title: t('Lý do'), width: 360, render: (_: unknown, r: Risk) => <>{r.stalled && <Tag color="orange">{t('Đứng yên')}</Tag>}{r.repeated_difficulty_periods !== null && <Tag color="orange">{t('Khó khăn lặp lại')}</Tag>}{r.unanswered_days !== null && <Tag color="orange">{t('Chờ trả lời')}</Tag>}{reasonText(r, lang)}</> },
              ]} />
          </>) },
        { key: 'bottlenecks', label: t('Điểm nghẽn'), children: (
          <Row gutter={[12, 12]}>
            {groups(t('Lãnh đạo chỉ đạo'), data.bottlenecks.directing_leader)}
            {groups(t('Đơn vị chủ trì'), data.bottlenecks.lead_unit)}
            {groups(t('Lĩnh vực'), data.bottlenecks.field)}
            {groups(t('Đơn vị phối hợp'), data.bottlenecks.coordinating_unit)}
            {groups(t('Nhóm đơn vị'), data.bottlenecks.unit_group)}
            <Col span={24}>
              <Table size="small" rowKey="name" pagination={{ pageSize: 5, hideOnSinglePage: true }} dataSource={data.bottlenecks.difficulties}
                data-testid="risk-difficulties"
                expandable={{ expandedRowRender: (g: Group) => (
                  <Space wrap>{g.assignment_ids.map((id) => <a key={id} onClick={() => go(`assignment/${id}`)}>#{id}</a>)}</Space>) }}
                columns={[
                  { title: t('Khó khăn lặp lại (cùng ý, khác lời)'), dataIndex: 'name' },
                  { title: t('Số việc'), dataIndex: 'count', width: 80 },
                ]} />
            </Col>
          </Row>) },
      ]} />
    </Card>
  );
}
