// Why a unit stands where it does (issue 14, item 8): the whole ranking of a peer group with each unit's
// components in words and figures, the month's published rankings, and — for the standing agency — publishing an
// ended month. A published ranking is the ranking as of the month's last day (R15), shown with when and by whom.
import { useContext, useEffect, useState } from 'react';
import { Alert, Button, Card, DatePicker, Descriptions, Grid, Segmented, Select, Space, Table, Typography, message } from 'antd';
import dayjs, { Dayjs } from 'dayjs';
import { ApiError, get, post, Schemas, User } from '../../api';
import { LangContext, useT, useCount, vnDate } from '../../i18n';
import { go } from '../../router';
import { rankWords, scoreText } from './words';

type R = Schemas['Ranking'];
type Row = R['items'][number];
type Publication = Schemas['RankingPublication'];

const PUBLISHERS = ['admin', 'standing_agency'];
const GROUPS = ['commune', 'department'] as const;

function RankTable({ data, highlight }: { data: R; highlight?: number }) {
  const t = useT();
  const lang = useContext(LangContext);
  const [open, setOpen] = useState<number[]>(highlight ? [highlight] : []);
  const feedbackMin = data.weights.feedback ? data.weights.feedback_min_items ?? 5 : undefined;  // R11, when weighed
  // On a phone a fourth column would squeeze the unit's name letter by letter: the counts stay in the row's words.
  const phone = Grid.useBreakpoint().md === false;
  return (
    <Table<Row> size="small" rowKey="unit_id" dataSource={data.items} tableLayout="fixed"
      pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
      rowClassName={(r) => (r.unit_id === highlight ? 'ant-table-row-selected' : '')}
      expandable={{
        expandedRowKeys: open, onExpandedRowsChange: (keys) => setOpen(keys.map(Number)), expandRowByClick: true,
        // The words wrap within the table's width: the score column stays in sight on every screen.
        expandedRowRender: (r) => <Typography.Paragraph style={{ margin: 0, whiteSpace: 'normal' }} data-testid={`rank-words-${r.unit_id}`}>{rankWords(r, lang, feedbackMin)}</Typography.Paragraph>,
      }}
      columns={[
        { title: t('Hạng'), dataIndex: 'rank', width: 60, render: (v: number) => (v > 0 ? v : '—') },
        { title: t('Đơn vị'), dataIndex: 'unit_name', ellipsis: false },
        { title: t('Điểm'), dataIndex: 'score', width: 80, align: 'right', render: (v: number | null) => scoreText(v) },
        // R11: the items led, answered on time / judged — the counts behind the component, greyed when too few.
        ...(feedbackMin === undefined || phone ? [] : [{ title: t('Phản ánh đúng hạn'), width: 96, align: 'right' as const, render: (_: unknown, r: Row) =>
          r.components.feedback?.denominator
            ? <Typography.Text type={r.components.feedback.counted ? undefined : 'secondary'} data-testid={`rank-feedback-${r.unit_id}`}>{r.components.feedback.numerator}/{r.components.feedback.denominator}</Typography.Text>
            : '—' }]),
      ]} />
  );
}

// One published ranking, read as the unit may read it (whole-city roles: all of it; a unit: its own rows).
function Published({ id }: { id: number }) {
  const t = useT();
  const [p, setP] = useState<Schemas['RankingPublicationDetail'] | null>(null);
  const [error, setError] = useState('');
  useEffect(() => { get<Schemas['RankingPublicationDetail']>(`/ranking/publications/${id}`).then(setP).catch((e: Error) => setError(e.message)); }, [id]);
  if (error) return <Alert type="error" message={error} action={<Button size="small" onClick={() => go('xep-hang')}>{t('Quay lại')}</Button>} />;
  if (!p) return <Card loading />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('Bảng xếp hạng đã công bố')} — {t(p.peer_group === 'commune' ? 'Xã, phường, đặc khu' : p.peer_group === 'department' ? 'Sở, ban, ngành' : 'Khác')}, {p.month_label}
      </Typography.Title>
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered items={[
        { key: 'plan', label: t('Kế hoạch'), children: p.directive_number || t('Tất cả kế hoạch') },
        { key: 'as_of', label: t('Số liệu đến hết ngày'), children: vnDate(p.as_of) },
        { key: 'at', label: t('Công bố lúc'), children: vnDate(p.published_at) },
        { key: 'by', label: t('Người công bố'), children: p.published_by_name },
      ]} />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{p.ranking.formula}</Typography.Paragraph>
      {p.ranking.items.length < (p.ranking.total ?? 0) && (
        <Typography.Text type="secondary">{t('Đơn vị xem được vị trí của mình; tổng số đơn vị được xếp hạng:')} {p.ranking.total}</Typography.Text>)}
      <RankTable data={p.ranking} />
    </Space>
  );
}

export function Ranking({ user, id, query }: { user: User; id?: number; query: URLSearchParams }) {
  const t = useT();
  const counted = useCount();
  const [data, setData] = useState<R | null>(null);
  const [failed, setFailed] = useState('');
  const [attempt, setAttempt] = useState(0);
  const [plans, setPlans] = useState<Schemas['Directive'][]>([]);
  const [published, setPublished] = useState<Publication[]>([]);
  // The month before the server's (the last ended one), never the device's.
  const [month, setMonth] = useState<Dayjs>(dayjs(user.today).subtract(1, 'month'));
  const [busy, setBusy] = useState(false);
  const group = query.get('peer_group') === 'department' ? 'department' : 'commune';
  const directive = query.get('directive_id') ?? '';
  const highlight = Number(query.get('unit') ?? '') || undefined;
  const params = new URLSearchParams();
  for (const k of ['directive_id', 'as_of', 'unit_id', 'field', 'directing_leader']) if (query.get(k)) params.set(k, query.get(k) as string);
  params.set('peer_group', group);
  const qs = params.toString();
  useEffect(() => {
    if (id) return;
    setData(null); setFailed('');
    get<R>(`/ranking?${qs}`).then(setData).catch((e: Error) => setFailed(e.message));
  }, [qs, attempt, id]);
  const loadPublished = () => get<Schemas['RankingPublicationList']>(`/ranking/publications?peer_group=${group}`).then((r) => setPublished(r.items));
  useEffect(() => { if (!id) loadPublished().catch(() => undefined); }, [group, id]);
  useEffect(() => { get<Schemas['DirectiveList']>('/directives?has_plan=true&limit=100').then((r) => setPlans(r.items)).catch(() => undefined); }, []);
  if (id) return <Published id={id} />;
  const setFilter = (k: string, v?: string) => {
    const p = new URLSearchParams(query);
    if (v) p.set(k, v); else p.delete(k);
    p.delete('unit');
    go(`xep-hang?${p.toString()}`);
  };
  const publish = async () => {
    setBusy(true);
    try {
      const body: Schemas['RankingPublish'] = { peer_group: group, month: month.format('YYYY-MM') };
      if (directive) body.directive_id = Number(directive);
      const r = await post<Schemas['RankingPublicationDetail']>('/ranking/publications', body);
      message.success(`${t('Đã công bố bảng xếp hạng')} ${r.month_label}`);
      await loadPublished();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : t('Không công bố được; vui lòng thử lại.'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={3} style={{ margin: 0 }}>{t('Bảng xếp hạng')}</Typography.Title>
      <Space wrap>
        <Segmented value={group} onChange={(v) => setFilter('peer_group', String(v))}
          options={GROUPS.map((g) => ({ value: g, label: g === 'commune' ? t('Xã, phường, đặc khu') : t('Sở, ban, ngành') }))} />
        <Select allowClear placeholder={t('Tất cả kế hoạch')} aria-label={t('Kế hoạch')} style={{ minWidth: 200 }} value={directive ? Number(directive) : undefined}
          onChange={(v) => setFilter('directive_id', v ? String(v) : undefined)} options={plans.map((d) => ({ value: d.id, label: d.number }))} />
        <Button href={`/api/v1/ranking.xlsx?${qs}`} className="no-print">{t('Tải Excel')}</Button>
      </Space>
      <Card size="small" title={data ? `${t('Số liệu đến hết ngày')} ${vnDate(data.as_of)} — ${counted(data.items.length, 'đơn vị')}` : t('Bảng xếp hạng')}>
        {failed ? <Space><Typography.Text type="danger">{failed}</Typography.Text><Button size="small" onClick={() => setAttempt((n) => n + 1)}>{t('Thử lại')}</Button></Space>
          : !data ? <Card loading bordered={false} />
          : <>
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{data.formula}</Typography.Paragraph>
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('Bấm vào một đơn vị để xem các thành phần điểm.')}</Typography.Paragraph>
              <RankTable data={data} highlight={highlight} />
            </>}
      </Card>
      <Card size="small" title={t('Bảng xếp hạng đã công bố')}>
        {PUBLISHERS.includes(user.role) && (
          <Space wrap style={{ marginBottom: 8 }}>
            <DatePicker picker="month" format="MM/YYYY" value={month} allowClear={false} aria-label={t('Tháng công bố')}
              disabledDate={(d) => !d.isBefore(dayjs(user.today).startOf('month'))} onChange={(d) => d && setMonth(d)} />
            <Button type="primary" loading={busy} onClick={publish}>{t('Công bố xếp hạng tháng này')}</Button>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('Chỉ công bố tháng đã qua; bảng công bố là số liệu đến hết ngày cuối tháng và không thay đổi.')}</Typography.Text>
          </Space>)}
        <Table<Publication> size="small" rowKey="id" dataSource={published} pagination={false} scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('Chưa có bảng xếp hạng nào được công bố cho nhóm này.') }}
          columns={[
            { title: t('Tháng'), dataIndex: 'month_label', render: (v: string, p: Publication) => <a href={`#/xep-hang/${p.id}`}>{v}</a> },
            { title: t('Kế hoạch'), dataIndex: 'directive_number', render: (v: string) => v || t('Tất cả kế hoạch') },
            { title: t('Công bố lúc'), dataIndex: 'published_at', render: (v: string) => vnDate(v) },
            { title: t('Người công bố'), dataIndex: 'published_by_name' },
          ]} />
      </Card>
    </Space>
  );
}
