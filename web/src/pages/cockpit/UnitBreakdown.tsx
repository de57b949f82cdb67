// Who and where (issue 14, item 7): every unit's status counts, worst first, as a sortable table or a heat map
// (units × status, each cell shaded by its share of the unit's work). The server sums them to the dashboard's
// figures for the same query; a cell opens the assignments behind it.
import { useEffect, useState } from 'react';
import { Button, Card, Segmented, Space, Table, Typography } from 'antd';
import { get, Schemas } from '../../api';
import { useT, useStatusLabel, vnPercent } from '../../i18n';

type B = Schemas['UnitBreakdown'];
type Row = B['items'][number];

// The columns, worst first; the heat map's colour per status (red: behind, green: done, blue: on its way).
const COLUMNS: [string, [number, number, number]][] = [
  ['overdue', [207, 19, 34]], ['due_soon', [212, 107, 8]], ['recurring_not_updated', [212, 107, 8]],
  ['not_started', [89, 89, 89]], ['in_progress', [22, 119, 255]], ['done_on_time', [56, 158, 13]],
  ['done_late', [173, 139, 0]], ['recurring_updated', [8, 151, 156]], ['waiting', [114, 46, 209]], ['no_deadline', [89, 89, 89]],
];

export function UnitBreakdown({ query, drill }: { query: string; drill: (extra: Record<string, string>) => void }) {
  const t = useT();
  const statusLabel = useStatusLabel();
  const [data, setData] = useState<B | null>(null);
  const [failed, setFailed] = useState(false);
  const [group, setGroup] = useState<string>('all');
  const [heat, setHeat] = useState(true);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    setData(null); setFailed(false);
    get<B>(`/dashboard/units?${query}`).then(setData).catch(() => setFailed(true));
  }, [query, attempt]);
  const rows = (data?.items ?? []).filter((u) => group === 'all' || u.peer_group === group);
  const shown = COLUMNS.filter(([s]) => (data?.sum.by_status[s] ?? 0) > 0);
  const cell = (s: string, rgb: [number, number, number]) => (v: number, r: Row) => {
    const share = r.assignments > 0 ? v / r.assignments : 0;
    const style = heat && v > 0
      ? { background: `rgba(${rgb.join(',')},${(0.1 + 0.55 * share).toFixed(2)})`, color: '#000' }  // black text keeps 4.5:1 at every shade
      : {};
    return (
      <button type="button" className="heat-cell" style={style} disabled={v === 0} data-testid={`cell-${r.unit_id}-${s}`}
        aria-label={`${r.unit_name}: ${statusLabel(s)} ${v}`} onClick={() => drill({ unit_id: String(r.unit_id), status: s })}>
        {v}
      </button>
    );
  };
  const title = `${t('Theo đơn vị')}${group === 'commune' ? ` — ${t('UBND cấp xã')}` : group === 'department' ? ` — ${t('Sở, ban, ngành')}` : ''}`;
  const xlsx = `/api/v1/dashboard/units.xlsx?${query}`;
  return (
    <Card size="small" title={title} data-testid="unit-breakdown" className="print-block"
      extra={<Button size="small" href={xlsx} className="no-print">{t('Tải Excel')}</Button>}>
      {failed && <Space><Typography.Text type="danger">{t('Không tải được số liệu theo đơn vị.')}</Typography.Text>
        <Button size="small" onClick={() => setAttempt((n) => n + 1)}>{t('Thử lại')}</Button></Space>}
      <Space wrap className="no-print" style={{ marginBottom: 8 }}>
        <Segmented size="small" value={group} onChange={(v) => setGroup(String(v))} options={[
          { value: 'all', label: t('Tất cả') }, { value: 'commune', label: t('UBND cấp xã') }, { value: 'department', label: t('Sở, ban, ngành') }]} />
        <Segmented size="small" value={heat ? 'heat' : 'table'} onChange={(v) => setHeat(v === 'heat')} options={[
          { value: 'heat', label: t('Bản đồ nhiệt') }, { value: 'table', label: t('Bảng số') }]} />
        {heat && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('Màu càng đậm, tỷ lệ trong số nhiệm vụ của đơn vị càng cao.')}</Typography.Text>}
      </Space>
      <Table<Row> size="small" rowKey="unit_id" loading={!data && !failed} dataSource={rows} scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        locale={{ emptyText: t('Không có đơn vị nào có nhiệm vụ trong phạm vi và bộ lọc này.') }}
        columns={[
          { title: t('Đơn vị'), dataIndex: 'unit_name', fixed: 'left', width: 190,
            sorter: (a, b) => a.unit_name.localeCompare(b.unit_name, 'vi') },
          { title: t('Tổng'), dataIndex: 'assignments', width: 70, align: 'right', sorter: (a, b) => a.assignments - b.assignments },
          { title: t('Cảnh báo'), dataIndex: 'warnings', width: 84, align: 'right', sorter: (a, b) => a.warnings - b.warnings,
            render: (v: number, r: Row) => <a onClick={() => drill({ unit_id: String(r.unit_id), warning: 'true' })}>{v}</a> },
          ...shown.map(([s, rgb]) => ({
            title: statusLabel(s), key: s, width: 92, align: 'center' as const,
            dataIndex: ['by_status', s], sorter: (a: Row, b: Row) => (a.by_status[s] ?? 0) - (b.by_status[s] ?? 0),
            render: cell(s, rgb),
          })),
          { title: t('Tỷ lệ quá hạn'), dataIndex: 'overdue_share', width: 90, align: 'right',
            sorter: (a, b) => (a.overdue_share ?? -1) - (b.overdue_share ?? -1), render: (v: number | null) => vnPercent(v) },
        ]}
        summary={() => data && group === 'all' ? (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}><b>{t('Tổng cộng')}</b></Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right"><b>{data.sum.assignments}</b></Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right"><b>{data.sum.warnings}</b></Table.Summary.Cell>
            {shown.map(([s], i) => <Table.Summary.Cell key={s} index={3 + i} align="center"><b data-testid={`sum-${s}`}>{data.sum.by_status[s]}</b></Table.Summary.Cell>)}
            <Table.Summary.Cell index={3 + shown.length} />
          </Table.Summary.Row>
        ) : null} />
    </Card>
  );
}
