// The rows behind a number: the same query parameters the dashboard used. Any column sorts the whole list (the
// server sorts, so every page and the .xlsx follow); "Nhóm theo" shows the list grouped by unit, task, directing
// leader or field, worst first, and a group opens its rows.
import { useEffect, useState } from 'react';
import { Table, Tag, Typography, Space, Input, Button, Select, Alert } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import { get, Schemas } from '../api';
import { useT, useCount, vnDate, STATUS_COLOR, useStatusLabel, vnPercent } from '../i18n';
import { go } from '../router';
import { errorText } from '../shared';

type GroupBy = 'unit' | 'task' | 'directing_leader' | 'field';
const GROUPS: GroupBy[] = ['unit', 'task', 'directing_leader', 'field'];
const GROUP_LABEL: Record<GroupBy, string> = {
  unit: 'Đơn vị', task: 'Nhiệm vụ', directing_leader: 'Lãnh đạo chỉ đạo', field: 'Lĩnh vực',
};
// Which list column sorts by which of the server's keys.
const SORT_KEY: Record<string, string> = {
  unit_name: 'unit', task_name: 'task', directing_leader: 'directing_leader', effective_due: 'due',
  progress_percent: 'progress', status: 'status',
};

export function Assignments({ query }: { query: URLSearchParams }) {
  const t = useT();
  const counted = useCount();
  const statusLabel = useStatusLabel();
  const [data, setData] = useState<Schemas['AssignmentList'] | null>(null);
  const [groups, setGroups] = useState<Schemas['AssignmentGroups'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [page, setPage] = useState(1);
  const [q, setQ] = useState(query.get('q') ?? '');
  const group = GROUPS.find((g) => g === query.get('group'));
  const sort = query.get('sort') ?? '';
  // What the server is asked: the page's own `group` stays out of it.
  const apiQuery = new URLSearchParams(query);
  apiQuery.delete('group');
  const qs = apiQuery.toString();
  useEffect(() => {
    setError(null);
    if (group) {
      setGroups(null);
      const p = new URLSearchParams(qs);
      p.delete('sort');
      p.set('by', group);
      get<Schemas['AssignmentGroups']>(`/assignment-groups?${p.toString()}`).then(setGroups, (e) => setError(errorText(e)));
      return;
    }
    setData(null);
    const p = new URLSearchParams(qs);
    p.set('limit', '50');
    p.set('offset', String((page - 1) * 50));
    get<Schemas['AssignmentList']>(`/assignments?${p.toString()}`).then(setData, (e) => setError(errorText(e)));
  }, [qs, page, group, attempt]);
  // The filters in the title, as the leader chose them ("Quá hạn — UBND cấp xã"): the unit and plan by name.
  const [names, setNames] = useState<{ unit?: string; plan?: string; task?: string }>({});
  const unitId = query.get('unit_id');
  const planId = query.get('directive_id');
  const taskId = query.get('task_id');
  useEffect(() => {
    setNames({});
    if (unitId) get<Schemas['Unit']>(`/units/${unitId}`).then((u) => setNames((n) => ({ ...n, unit: u.name }))).catch(() => undefined);
    if (planId) get<Schemas['Directive']>(`/directives/${planId}`).then((d) => setNames((n) => ({ ...n, plan: `${t('Kế hoạch')} ${d.number}` }))).catch(() => undefined);
    if (taskId) get<Schemas['Task']>(`/tasks/${taskId}`).then((x) => setNames((n) => ({ ...n, task: `${t('Nhiệm vụ')} ${x.code}` }))).catch(() => undefined);
  }, [unitId, planId, taskId]);
  const peer = query.get('peer_group');
  const filters = [
    query.get('warning') === 'true' ? t('Cảnh báo') : '',
    (query.get('status') ?? '').split(',').filter(Boolean).map(statusLabel).join(', '),
    names.unit ?? '',
    names.task ?? '',
    peer === 'commune' ? t('UBND cấp xã') : peer === 'department' ? t('Sở, ban, ngành') : peer === 'other' ? t('Đơn vị khác') : '',
    query.get('field') ? `${t('Lĩnh vực')} ${query.get('field')}` : '',
    query.get('directing_leader') ?? '',
    query.get('q') ? `“${query.get('q')}”` : '',
    names.plan ?? '',
    query.get('as_of') ? `${t('đến ngày')} ${vnDate(query.get('as_of'))}` : '',
    group ? `${t('theo')} ${t(GROUP_LABEL[group]).toLowerCase()}` : '',
  ].filter(Boolean);
  // Changes one parameter of the page's address and opens it (back returns to the list as it was).
  const withParam = (name: string, value: string | null) => {
    const p = new URLSearchParams(query);
    if (value) p.set(name, value); else p.delete(name);
    setPage(1);
    go(`assignments?${p.toString()}`);
  };
  const search = () => withParam('q', q);
  const openGroup = (g: Schemas['AssignmentGroup']) => {
    const p = new URLSearchParams(query);
    p.delete('group');
    p.set(g.filter.param, g.filter.value);
    setPage(1);
    go(`assignments?${p.toString()}`);
  };
  const sortOrder = (column: string): SortOrder =>
    sort === SORT_KEY[column] ? 'ascend' : sort === `-${SORT_KEY[column]}` ? 'descend' : null;
  const exportHref = group
    ? `/api/v1/assignment-groups.xlsx?${(() => { const p = new URLSearchParams(qs); p.delete('sort'); p.set('by', group); return p.toString(); })()}`
    : `/api/v1/assignments.xlsx?${qs}`;
  const count = (g: Schemas['AssignmentGroup'], ...statuses: (keyof Schemas['AssignmentGroupCounts'])[]) =>
    statuses.reduce((n, s) => n + g.by_status[s], 0);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }} data-testid="list-title">{[t('Nhiệm vụ', 'Tasks'), ...filters].join(' — ')}</Typography.Title>
      <Space wrap>
        <Input.Search placeholder={t('Tìm (không cần dấu)')} value={q} onChange={(e) => setQ(e.target.value)} onSearch={search} style={{ width: 280 }} aria-label={t('Tìm nhiệm vụ')} />
        <Select value={group ?? ''} style={{ width: 270 }} data-testid="group-by" aria-label={t('Nhóm theo')}
          onChange={(v: string) => withParam('group', v || null)}
          options={[{ value: '', label: t('Không nhóm') }, ...GROUPS.map((g) => ({ value: g, label: `${t('Nhóm theo')} ${t(GROUP_LABEL[g]).toLowerCase()}` }))]} />
        {query.toString() && <Button onClick={() => go('assignments')}>{t('Tất cả')}</Button>}
        <Typography.Text data-testid="assignments-total">
          {group ? (groups ? `${groups.total} ${t('nhóm')}, ${groups.sum.listed} ${t('dòng')}` : '') : data ? `${data.total} ${t('dòng')}` : ''}
        </Typography.Text>
        <Button href={exportHref} className="no-print" data-testid="assignments-xlsx">{t('Tải Excel')}</Button>
        <Button onClick={() => window.print()} className="no-print">{t('In')}</Button>
      </Space>
      {error && <Alert type="error" showIcon message={error} action={<Button size="small" onClick={() => setAttempt((n) => n + 1)}>{t('Thử lại')}</Button>} />}
      {group ? (
        <Table size="small" rowKey="key" loading={!groups && !error} dataSource={groups?.items ?? []} scroll={{ x: 830 }}
          data-testid="assignment-groups" pagination={false}
          locale={{ emptyText: t('Không có nhiệm vụ nào khớp bộ lọc; bấm "Tất cả" để xem toàn bộ.') }}
          onRow={(g) => ({ onClick: () => g.filter.value && openGroup(g), style: { cursor: g.filter.value ? 'pointer' : 'default' } })}
          columns={[
            { title: t(GROUP_LABEL[group]), dataIndex: 'label', render: (v: string, g) => (g.filter.value
              ? <a href={`#/assignments`} onClick={(e) => { e.preventDefault(); openGroup(g); }}>{v}</a>
              : <Typography.Text type="secondary">{t('(chưa ghi)')}</Typography.Text>) },
            { title: t('Số nhiệm vụ'), dataIndex: 'counted', width: 90, align: 'right' },
            { title: t('Cảnh báo'), dataIndex: 'warnings', width: 90, align: 'right' },
            { title: statusLabel('overdue'), key: 'overdue', width: 90, align: 'right', render: (_: unknown, g) => count(g, 'overdue') || '' },
            { title: statusLabel('due_soon'), key: 'due_soon', width: 90, align: 'right', render: (_: unknown, g) => count(g, 'due_soon') || '' },
            { title: statusLabel('recurring_not_updated'), key: 'recurring_not_updated', width: 110, align: 'right', render: (_: unknown, g) => count(g, 'recurring_not_updated') || '' },
            { title: statusLabel('in_progress'), key: 'in_progress', width: 110, align: 'right', render: (_: unknown, g) => count(g, 'in_progress', 'not_started') || '' },
            { title: t('Hoàn thành'), key: 'done', width: 100, align: 'right', render: (_: unknown, g) => count(g, 'done_on_time', 'done_late') || '' },
          ]} />
      ) : (
        <Table size="small" rowKey="id" loading={!data && !error} dataSource={data?.items ?? []} scroll={{ x: 960 }}
          locale={{ emptyText: t('Không có nhiệm vụ nào khớp bộ lọc; bấm "Tất cả" để xem toàn bộ.') }}
          pagination={{ current: page, pageSize: 50, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          onRow={(r) => ({ onClick: () => go(`assignment/${r.id}`), style: { cursor: 'pointer' } })}
          onChange={(_p, _f, sorter, extra) => {
            if (extra.action !== 'sort') return;  // a page change is the pagination's
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            const key = SORT_KEY[String(s?.field ?? '')];
            withParam('sort', key && s?.order ? `${s.order === 'descend' ? '-' : ''}${key}` : null);
          }}
          columns={[
            { title: t('Đơn vị'), dataIndex: 'unit_name', width: 200, sorter: true, sortOrder: sortOrder('unit_name') },
            { title: t('Nhiệm vụ'), dataIndex: 'task_name', sorter: true, sortOrder: sortOrder('task_name'), render: (v: string, r) => <>{r.task_code}. {v}</> },
            { title: t('Lãnh đạo chỉ đạo'), dataIndex: 'directing_leader', width: 150, sorter: true, sortOrder: sortOrder('directing_leader') },
            { title: t('Thời hạn'), dataIndex: 'effective_due', width: 110, sorter: true, sortOrder: sortOrder('effective_due'), render: vnDate },
            { title: t('Tiến độ'), dataIndex: 'progress_percent', width: 90, sorter: true, sortOrder: sortOrder('progress_percent'), render: (v: number) => vnPercent(v) },
            { title: t('Trạng thái'), dataIndex: 'status', width: 210, sorter: true, sortOrder: sortOrder('status'), render: (s: string, r) => <Tag color={STATUS_COLOR[s]}>{statusLabel(s)}{r.overdue_days ? ` · ${counted(r.overdue_days, 'ngày')}` : ''}</Tag> },
          ]} />
      )}
    </Space>
  );
}
