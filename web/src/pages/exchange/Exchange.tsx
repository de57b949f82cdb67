// Exchange with upstream systems (issue 18): per program from above, how far the city's linked work has come
// (share done and worst status per upstream task, R15 as of a date); and the outbox of one system's month — what
// the units reported, laid out by the system's column template — which the admin prepares, a clerk exports or
// marks "entered upstream on …, reference …", and whose state (prepared, sent, acknowledged, failed) anyone who
// reads the synthesis sees. Below them: the links from the city's tasks to upstream tasks, the column templates,
// and — for the admin — the event subscriptions with their delivery log.
import { useEffect, useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Grid, Input, List, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { ApiError, get, post, Schemas, User } from '../../api';
import { DateInput } from '../../DateInput';
import { STATUS_COLOR, useStatusLabel, useT, useCount, vnDate, vnPercent } from '../../i18n';
import { Links } from './Links';
import { Subscriptions } from './Subscriptions';
import { Templates } from './Templates';

type Program = Schemas['UpstreamProgram'];
type Rollup = Schemas['UpstreamRollup'];
type RollupItem = Rollup['items'][number];
type Item = Schemas['OutboxItem'];
type System = Schemas['ExternalSystem'];

const STATE_VI: Record<Item['state'], string> = { prepared: 'Đã chuẩn bị', sent: 'Đã gửi/đã nhập', acknowledged: 'Đã xác nhận', failed: 'Lỗi' };
const STATE_COLOR: Record<Item['state'], string> = { prepared: 'blue', sent: 'cyan', acknowledged: 'green', failed: 'red' };

const message = (e: unknown) => (e instanceof ApiError ? e.message : String(e));

function ProgramRollup() {
  const t = useT();
  const counted = useCount();
  const statusLabel = useStatusLabel();
  const [programs, setPrograms] = useState<Program[] | null>(null);
  const [program, setProgram] = useState<number | undefined>();
  const [asOf, setAsOf] = useState<string | undefined>();
  const [rollup, setRollup] = useState<Rollup | null>(null);
  const [error, setError] = useState<string | null>(null);
  // On a phone each upstream task is a card: a five-column table leaves the task's name a word wide.
  const phone = !Grid.useBreakpoint().md;
  const done = (r: RollupItem) => (r.share_done === null ? '—' : `${vnPercent(r.share_done * 100)} (${r.done}/${r.assignments})`);
  const worst = (r: RollupItem) => (r.worst_status ? <Tag color={STATUS_COLOR[r.worst_status]}>{statusLabel(r.worst_status)}</Tag> : '—');
  const cityTasks = (r: RollupItem) => r.linked_tasks.map((l) => `${l.directive_number} · ${l.task_code}`).join('; ') || '—';
  useEffect(() => {
    get<Schemas['UpstreamProgramList']>('/upstream-programs').then((r) => {
      setPrograms(r.items);
      if (r.items.length) setProgram(r.items[0].directive_id);
    }).catch((e) => setError(message(e)));
  }, []);
  useEffect(() => {
    if (!program) return;
    setRollup(null);
    get<Rollup>(`/upstream-programs/${program}/rollup${asOf ? `?as_of=${asOf}` : ''}`).then(setRollup).catch((e) => setError(message(e)));
  }, [program, asOf]);
  return (
    <Card size="small" title={t('Chương trình cấp trên')}>
      <Space direction="vertical" style={{ width: '100%' }}>
        {error && <Alert type="error" message={error} />}
        {programs && !programs.length && <Typography.Text>{t('Chưa nhập chương trình cấp trên nào.')}</Typography.Text>}
        <Space wrap>
          <Select style={{ width: 280, maxWidth: '100%' }} value={program} onChange={setProgram} aria-label={t('Chương trình')}
            options={(programs ?? []).map((p) => ({ value: p.directive_id, label: `${p.number} (${p.system}, ${counted(p.task_count, 'nhiệm vụ')})` }))} />
          <DateInput aria-label={t('Số liệu đến ngày')} value={asOf ? dayjs(asOf) : rollup ? dayjs(rollup.as_of) : undefined}
            onChange={(d) => setAsOf(d ? d.format('YYYY-MM-DD') : undefined)} />
        </Space>
        {rollup && (
          <Typography.Text data-testid="rollup-summary">
            {t('Số liệu đến hết ngày')} {vnDate(rollup.as_of)}: {rollup.linked}/{rollup.tasks} {t('nhiệm vụ cấp trên có nhiệm vụ thành phố thực hiện')}
          </Typography.Text>
        )}
        {phone ? (
          <List<RollupItem> size="small" loading={!!program && !rollup} dataSource={rollup?.items ?? []} pagination={{ pageSize: 20, size: 'small' }}
            renderItem={(r) => (
              <List.Item data-testid="rollup-card">
                <Space direction="vertical" size={2} style={{ width: '100%' }}>
                  <Space wrap><Typography.Text strong>{r.upstream_code}</Typography.Text>{worst(r)}</Space>
                  <span>{r.name}</span>
                  <Typography.Text type="secondary">{t('Đã hoàn thành')}: {done(r)} · {t('Nhiệm vụ thành phố')}: {cityTasks(r)}</Typography.Text>
                </Space>
              </List.Item>)} />
        ) : (
          <Table<RollupItem> rowKey="task_id" size="small" loading={!!program && !rollup} dataSource={rollup?.items ?? []}
            pagination={{ pageSize: 20 }} scroll={{ x: true }}
            columns={[
              { title: t('Mã cấp trên'), dataIndex: 'upstream_code', width: 120 },
              { title: t('Nhiệm vụ cấp trên'), dataIndex: 'name' },
              { title: t('Nhiệm vụ thành phố'), render: (_, r) => cityTasks(r) },
              { title: t('Đã hoàn thành'), width: 110, render: (_, r) => done(r) },
              { title: t('Tình trạng xấu nhất'), width: 150, render: (_, r) => worst(r) },
            ]} />
        )}
      </Space>
    </Card>
  );
}

// Downloads one system's month as the clerk copies it upstream, in the template's columns.
async function download(path: string, name: string) {
  const res = await fetch('/api/v1' + path, { credentials: 'same-origin' });
  if (!res.ok) { const e = ((await res.json()) as Schemas['Error']).error; throw new ApiError(res.status, e.code, e.message, e.field); }
  const a = document.createElement('a');
  a.href = URL.createObjectURL(await res.blob());
  a.download = name;
  a.click();
}

function EnteredForm({ item, onDone }: { item: Item; onDone: (i: Item) => void }) {
  const t = useT();
  const [day, setDay] = useState<string | undefined>();
  const [reference, setReference] = useState('');
  const [error, setError] = useState<string | null>(null);
  const save = () => post<Item>(`/outbox/${item.id}/entered`, { entered_on: day, reference })
    .then(onDone).catch((e) => setError(message(e)));
  return (
    <Form layout="vertical" style={{ maxWidth: 420 }} onFinish={save}>
      {error && <Alert type="error" message={error} style={{ marginBottom: 8 }} />}
      <Form.Item label={t('Ngày nhập lên hệ thống cấp trên')}>
        <DateInput aria-label={t('Ngày nhập lên hệ thống cấp trên')} onChange={(d) => setDay(d ? d.format('YYYY-MM-DD') : undefined)} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item label={t('Số tham chiếu')}>
        <Input aria-label={t('Số tham chiếu')} value={reference} onChange={(e) => setReference(e.target.value)} maxLength={200} />
      </Form.Item>
      <Button type="primary" htmlType="submit">{t('Ghi nhận đã nhập')}</Button>
    </Form>
  );
}

function Outbox({ user }: { user: User }) {
  const t = useT();
  const [systems, setSystems] = useState<System[]>([]);
  const [system, setSystem] = useState('nq57');
  const [period, setPeriod] = useState(user.today.slice(0, 7));  // the server's month, not the device's
  const [state, setState] = useState<Item['state'] | undefined>();
  const [items, setItems] = useState<Item[] | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const canPrepare = user.role === 'admin';
  const canMark = user.role === 'admin' || user.role === 'standing_agency';
  const query = `system=${encodeURIComponent(system)}&period=${period}`;
  const load = () => {
    setItems(null);
    get<Schemas['OutboxItemList']>(`/outbox?limit=500&${query}${state ? `&state=${state}` : ''}`).then((r) => setItems(r.items)).catch((e) => setError(message(e)));
  };
  useEffect(() => { get<Schemas['ExternalSystemList']>('/external-systems').then((r) => setSystems(r.items)).catch(() => undefined); }, []);
  useEffect(load, [system, period, state]);
  const prepare = () => post<Schemas['OutboxPrepared']>('/outbox/prepare', { period, system })
    .then((r) => { setNote(`${t('Đã chuẩn bị')} ${r.items} ${t('mục')}, ${r.changed} ${t('mục mới hoặc thay đổi')}, ${r.queued} ${t('mục giao cho kết nối tự động')}.`); load(); })
    .catch((e) => setError(message(e)));
  const fail = (e: unknown) => setError(message(e));
  return (
    <Card size="small" title={t('Hộp thư đi lên hệ thống cấp trên')}>
      <Space direction="vertical" style={{ width: '100%' }}>
        {error && <Alert type="error" message={error} closable onClose={() => setError(null)} />}
        {note && <Alert type="success" message={note} closable onClose={() => setNote(null)} />}
        <Space wrap>
          <Select style={{ width: 280, maxWidth: '100%' }} value={system} onChange={setSystem} aria-label={t('Hệ thống ngoài')}
            options={systems.filter((s) => s.code !== 'qd20').map((s) => ({ value: s.code, label: s.name }))} />
          <DatePicker picker="month" format="MM/YYYY" allowClear={false} aria-label={t('Tháng')} value={dayjs(`${period}-01`)}
            onChange={(d) => d && setPeriod(d.format('YYYY-MM'))} style={{ minWidth: 160 }} />
          <Select allowClear style={{ minWidth: 160 }} value={state} onChange={setState} aria-label={t('Trạng thái gửi')} placeholder={t('Trạng thái gửi')}
            options={(Object.keys(STATE_VI) as Item['state'][]).map((s) => ({ value: s, label: t(STATE_VI[s]) }))} />
        </Space>
        <Space wrap>
          {canPrepare && <Button type="primary" onClick={prepare} data-testid="prepare">{t('Chuẩn bị tháng này')}</Button>}
          <Button onClick={() => download(`/outbox/export?${query}&format=xlsx`, `hop-thu-di-${system}-${period}.xlsx`).catch(fail)}>{t('Tải Excel')}</Button>
          <Button onClick={() => download(`/outbox/export?${query}&format=csv`, `hop-thu-di-${system}-${period}.csv`).catch(fail)}>{t('Tải CSV')}</Button>
        </Space>
        <div data-testid="outbox">
        <Table<Item> rowKey="id" size="small" loading={!items} dataSource={items ?? []} pagination={{ pageSize: 20 }} scroll={{ x: true }}
          expandable={{
            expandedRowKeys: open ? [open] : [],
            onExpand: (expanded, r) => setOpen(expanded ? r.id : null),
            expandedRowRender: (r) => (
              <Space direction="vertical" style={{ width: '100%' }}>
                {r.columns.map((c) => <div key={c.field}><b>{c.header}:</b> {c.value || '—'}</div>)}
                {r.last_error && <Alert type="warning" message={`${t('Lỗi gửi')} (${r.attempts} ${t('lần')}): ${r.last_error}`} />}
                {canMark && (r.state === 'prepared' || r.state === 'failed') && (
                  <EnteredForm item={r} onDone={(x) => { setItems((all) => (all ?? []).map((i) => (i.id === x.id ? x : i))); setOpen(null); }} />)}
                {canMark && r.state === 'sent' && (
                  <Button onClick={() => post<Item>(`/outbox/${r.id}/acknowledged`, {}).then((x) => setItems((all) => (all ?? []).map((i) => (i.id === x.id ? x : i)))).catch(fail)}>
                    {t('Cấp trên đã xác nhận')}</Button>)}
              </Space>
            ),
          }}
          columns={[
            { title: t('Mã cấp trên'), dataIndex: 'upstream_code', width: 100 },
            { title: t('Nội dung'), render: (_, r) => r.columns.find((c) => c.field === 'unit_name' || c.field === 'title')?.value ?? '' },
            { title: t('Trạng thái gửi'), width: 130, render: (_, r) => <Tag color={STATE_COLOR[r.state]}>{t(STATE_VI[r.state])}</Tag> },
            { title: t('Đã nhập'), responsive: ['md'], render: (_, r) => (r.entered_on ? `${vnDate(r.entered_on)} · ${r.external_ref}` : r.external_ref || '—') },
            { title: t('Phiên bản'), dataIndex: 'version', width: 80, responsive: ['lg'] },
          ]} />
        </div>
      </Space>
    </Card>
  );
}

export function Exchange({ user }: { user: User }) {
  const t = useT();
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={3}>{t('Trao đổi với hệ thống cấp trên')}</Typography.Title>
      <ProgramRollup />
      <Links user={user} />
      <Outbox user={user} />
      <Templates user={user} />
      {user.role === 'admin' && <Subscriptions />}
    </Space>
  );
}
