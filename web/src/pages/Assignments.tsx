// The rows behind a number: the same query parameters the dashboard used.
import { useEffect, useState } from 'react';
import { Table, Tag, Typography, Space, Input, Button } from 'antd';
import { get, Schemas } from '../api';
import { useT, vnDate, STATUS_COLOR, useStatusLabel, vnPercent } from '../i18n';
import { go } from '../router';

export function Assignments({ query }: { query: URLSearchParams }) {
  const t = useT();
  const statusLabel = useStatusLabel();
  const [data, setData] = useState<Schemas['AssignmentList'] | null>(null);
  const [page, setPage] = useState(1);
  const [q, setQ] = useState(query.get('q') ?? '');
  const qs = query.toString();
  useEffect(() => {
    const p = new URLSearchParams(qs);
    p.set('limit', '50');
    p.set('offset', String((page - 1) * 50));
    get<Schemas['AssignmentList']>(`/assignments?${p.toString()}`).then(setData);
  }, [qs, page]);
  // The filters in the title, as the leader chose them ("Quá hạn — UBND cấp xã"): the unit and plan by name.
  const [names, setNames] = useState<{ unit?: string; plan?: string }>({});
  const unitId = query.get('unit_id');
  const planId = query.get('directive_id');
  useEffect(() => {
    setNames({});
    if (unitId) get<Schemas['Unit']>(`/units/${unitId}`).then((u) => setNames((n) => ({ ...n, unit: u.name }))).catch(() => undefined);
    if (planId) get<Schemas['Directive']>(`/directives/${planId}`).then((d) => setNames((n) => ({ ...n, plan: `${t('Kế hoạch')} ${d.number}` }))).catch(() => undefined);
  }, [unitId, planId]);
  const peer = query.get('peer_group');
  const filters = [
    query.get('warning') === 'true' ? t('Cảnh báo') : '',
    (query.get('status') ?? '').split(',').filter(Boolean).map(statusLabel).join(', '),
    names.unit ?? '',
    peer === 'commune' ? t('UBND cấp xã') : peer === 'department' ? t('Sở, ban, ngành') : peer === 'other' ? t('Đơn vị khác') : '',
    query.get('field') ? `${t('Lĩnh vực')} ${query.get('field')}` : '',
    query.get('directing_leader') ?? '',
    query.get('q') ? `“${query.get('q')}”` : '',
    names.plan ?? '',
    query.get('as_of') ? `${t('đến ngày')} ${vnDate(query.get('as_of'))}` : '',
  ].filter(Boolean);
  const exportQuery = new URLSearchParams(qs);
  const search = () => { const p = new URLSearchParams(qs); if (q) p.set('q', q); else p.delete('q'); setPage(1); go(`assignments?${p.toString()}`); };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }} data-testid="list-title">{[t('Nhiệm vụ'), ...filters].join(' — ')}</Typography.Title>
      <Space wrap>
        <Input.Search placeholder="Tìm (không cần dấu)" value={q} onChange={(e) => setQ(e.target.value)} onSearch={search} style={{ width: 280 }} />
        {qs && <Button onClick={() => go('assignments')}>{t('Tất cả')}</Button>}
        <Typography.Text data-testid="assignments-total">{data ? `${data.total} ${t('dòng')}` : ''}</Typography.Text>
        <Button href={`/api/v1/assignments.xlsx?${exportQuery.toString()}`} className="no-print" data-testid="assignments-xlsx">{t('Tải Excel')}</Button>
        <Button onClick={() => window.print()} className="no-print">{t('In')}</Button>
      </Space>
      <Table size="small" rowKey="id" loading={!data} dataSource={data?.items ?? []} scroll={{ x: 800 }}
        pagination={{ current: page, pageSize: 50, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        onRow={(r) => ({ onClick: () => go(`assignment/${r.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('Đơn vị'), dataIndex: 'unit_name', width: 200 },
          { title: t('Nhiệm vụ'), dataIndex: 'task_name', render: (v: string, r) => <>{r.task_code}. {v}</> },
          { title: t('Thời hạn'), dataIndex: 'effective_due', width: 110, render: vnDate },
          { title: t('Tiến độ'), dataIndex: 'progress_percent', width: 80, render: (v: number) => vnPercent(v) },
          { title: t('Trạng thái'), dataIndex: 'status', width: 210, render: (s: string, r) => <Tag color={STATUS_COLOR[s]}>{statusLabel(s)}{r.overdue_days ? ` · ${r.overdue_days} ngày` : ''}</Tag> },
        ]} />
    </Space>
  );
}
