// S&T tasks (issue 16): the register with each task's stage, clocks and advances; a task's page with the
// timeline of its steps (each with its document), the next steps this person may take (the server decides:
// domain/st_task) and, for a task in execution, the monthly update a host files from a phone.
import { cloneElement, isValidElement, ReactElement, ReactNode, useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Grid, Input, InputNumber, List, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import { ApiError, get, post, Schemas, User } from '../../api';
import { ProblemPipeline } from './ProblemPipeline';
import { RegisterImport } from './RegisterImport';
import { OVERDUE_VI } from './StOverdue';
import { useT, useCount, vnDate, vnPercent } from '../../i18n';
import { go } from '../../router';
import { DateInput } from '../../DateInput';
import { ExternalCodes } from '../../ExternalCodes';
import dayjs from 'dayjs';

type Task = Schemas['StTask'];
type Detail = Schemas['StTaskDetail'];
type Figures = Schemas['StFigures'];

const RATING_VI: Record<string, string> = { xuat_sac: 'Xuất sắc', dat: 'Đạt', khong_dat: 'Không đạt' };
const EVENT_VI: Record<string, string> = {
  tam_ung: 'Tạm ứng', thanh_toan: 'Thanh toán tạm ứng', kiem_tra: 'Kiểm tra', gia_han: 'Gia hạn', dieu_chinh: 'Điều chỉnh',
};
const PAGE = 20;
export const money = (v: number, t: (s: string) => string) => `${(v / 1e6).toLocaleString('vi-VN', { maximumFractionDigits: 0 })} ${t('tr.đ')}`;

function Figures({ figures }: { figures: Figures }) {
  const t = useT();
  const tr = figures.tracking;
  return (
    <Card size="small" title={`${t('Theo dõi toàn trình')} — ${t('Số liệu đến hết ngày')} ${vnDate(figures.as_of)}`}>
      <Space wrap size="large">
        <span data-testid="tracked"><b>{vnPercent(tr.rate_percent)}</b> ({tr.tracked}/{tr.active}) {t('nhiệm vụ đang thực hiện được theo dõi toàn trình')}</span>
        <span>{t('Có mã quốc gia')}: {vnPercent(tr.registered_percent)} ({tr.registered})</span>
        <span>{t('Văn bản cập nhật trong 5 ngày làm việc')}: {vnPercent(tr.documented_percent)} ({tr.documented})</span>
        <span>{t('Cập nhật đủ hằng tháng')}: {vnPercent(tr.updated_percent)} ({tr.updated})</span>
        <span>{t('Tạm ứng bị chặn')}: {figures.disbursement.blocked.length}</span>
        <span>{t('Quá hạn theo bước')}: {figures.overdue.length}</span>
        <span data-testid="year-disbursement">{t('Giải ngân so với dự toán năm')} {figures.disbursement.year.year}: <b>{vnPercent(figures.disbursement.year.rate_percent)}</b> ({money(figures.disbursement.year.disbursed, t)} / {money(figures.disbursement.year.estimate, t)}, {figures.disbursement.year.rows.length} {t('nhiệm vụ có dự toán hoặc tạm ứng')})</span>
      </Space>
    </Card>
  );
}

export function StTasks({ id, user }: { id?: number; user: User }) {
  const t = useT();
  const screens = Grid.useBreakpoint();
  const [tasks, setTasks] = useState<Task[] | null>(null);
  const [figures, setFigures] = useState<Figures | null>(null);
  const [stage, setStage] = useState<string | undefined>();
  // The register comes a page at a time (a national register holds thousands of tasks): the server filters, counts
  // and cuts the page.
  const [page, setPage] = useState(1);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const [reload, setReload] = useState(0);
  // The register is Sở KH&CN's: it alone imports it (everyone exports what they see).
  const manages = ['admin', 'standing_agency'].includes(user.role);
  useEffect(() => {
    if (id) return;
    setTasks(null);
    get<Schemas['StTaskList']>(`/st-tasks?limit=${PAGE}&offset=${(page - 1) * PAGE}${stage ? `&stage=${stage}` : ''}`)
      .then((r) => { setTasks(r.items); setTotal(r.total); }).catch((e) => setError(String(e)));
  }, [id, stage, page, reload]);
  useEffect(() => {
    if (id) return;
    get<Figures>('/st-task-figures').then(setFigures).catch(() => undefined);
  }, [id, reload]);
  const pagination = { current: page, pageSize: PAGE, total, onChange: setPage, showSizeChanger: false };
  if (id) return <TaskPage id={id} manages={manages} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('Nhiệm vụ KH&CN sử dụng ngân sách nhà nước')}</Typography.Title>
      <Space wrap>
        <Button href="/api/v1/st-tasks.xlsx" data-testid="register-export">{t('Xuất Excel')}</Button>
        {manages && <Button onClick={() => setImporting(!importing)} data-testid="register-import">{t('Nhập từ Excel')}</Button>}
      </Space>
      {importing && <RegisterImport onDone={() => setReload(reload + 1)} />}
      {error && <Alert type="error" message={error} />}
      {figures && <Figures figures={figures} />}
      <ProblemPipeline />
      <Select allowClear placeholder={t('Lọc theo bước')} style={{ minWidth: 260 }} value={stage} onChange={(v) => { setStage(v); setPage(1); }} aria-label={t('Lọc theo bước')}
        options={(figures?.stages ?? []).map((s) => ({ value: s.stage, label: `${s.label} (${s.count})` }))} />
      {!screens.md ? <List<Task> loading={!tasks} dataSource={tasks ?? []} pagination={{ ...pagination, size: 'small' }}
        renderItem={(r) => <List.Item style={{ padding: '4px 0' }}><TaskCard task={r} /></List.Item>} /> :
      <Table<Task> rowKey="id" size="small" loading={!tasks} dataSource={tasks ?? []} pagination={pagination} scroll={{ x: true }}
        onRow={(r) => ({ onClick: () => go(`nhiem-vu-khcn/${r.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('Mã'), dataIndex: 'code', width: 110 },
          { title: t('Tên nhiệm vụ'), dataIndex: 'title' },
          { title: t('Tổ chức chủ trì'), dataIndex: 'host_unit_name', responsive: ['md'] },
          { title: t('Bước'), render: (_, r) => <Space direction="vertical" size={0}><span>{r.stage_label}</span><small>{t('từ')} {vnDate(r.stage_since)}</small></Space> },
          { title: t('Kinh phí NSNN'), render: (_, r) => money(r.budget_nsnn, t), responsive: ['lg'] },
          { title: t('Kết thúc'), render: (_, r) => <>{vnDate(r.end_effective)}{r.extended && <Tag color="purple">{t('Đã gia hạn')}</Tag>}</>, responsive: ['md'] },
          { title: t('Cảnh báo'), render: (_, r) => (
            <Space wrap size={2}>
              <TaskWarnings task={r} />
            </Space>) },
        ]} />}
    </Space>
  );
}

function TaskWarnings({ task }: { task: Task }) {
  const t = useT();
  const counted = useCount();
  return <>
    {task.overdue.map((o) => <Tag key={o.kind} color="red" style={{ whiteSpace: 'normal' }}>{t(OVERDUE_VI[o.kind])} {counted(o.days_late, 'ngày')}</Tag>)}
    {task.tranche_blocked && <Tag color="orange">{t('Tạm ứng bị chặn')}</Tag>}
  </>;
}

// On a phone the register is a column of cards (the title in full, then code, stage and warnings), not a table
// whose title column is a word wide.
function TaskCard({ task }: { task: Task }) {
  const t = useT();
  return (
    <Card size="small" style={{ width: '100%', cursor: 'pointer' }} data-testid="st-task-card" role="link" tabIndex={0}
      onClick={() => go(`nhiem-vu-khcn/${task.id}`)} onKeyDown={(e) => { if (e.key === 'Enter') go(`nhiem-vu-khcn/${task.id}`); }}>
      <Typography.Text strong style={{ display: 'block' }}>{task.title}</Typography.Text>
      <Typography.Text type="secondary" style={{ display: 'block' }}>{task.code} · {task.host_unit_name}</Typography.Text>
      <div>{task.stage_label} <small>{t('từ')} {vnDate(task.stage_since)}</small></div>
      <Space wrap size={2}><TaskWarnings task={task} /></Space>
    </Card>
  );
}

// A labelled field; the control carries the label too, for screen readers and the browser tests.
function Field({ label, children }: { label: string; children: ReactNode }) {
  const control = isValidElement(children) ? cloneElement(children as ReactElement<{ 'aria-label'?: string }>, { 'aria-label': label }) : children;
  return <Form.Item label={label} style={{ marginBottom: 8 }}>{control}</Form.Item>;
}

type Assignment = Schemas['Assignment'];

// The plan assignment this task is also (issue 16): its monthly update is then that assignment's progress in its
// unit's report, keyed once. The standing agency links or ends the link; everyone sees the links and their days.
function PlanLink({ task, manages, act }: { task: Detail; manages: boolean; act: (path: string, body: Record<string, unknown>) => Promise<void> }) {
  const t = useT();
  const [options, setOptions] = useState<Assignment[] | null>(null);
  const [chosen, setChosen] = useState<number | undefined>();
  const holding = task.plan_links.find((l) => l.valid_to === null);
  // Every assignment of the plans, page by page (a city holds more than one page of them), read once when first opened.
  const load = async () => {
    if (options !== null) return;
    setOptions([]);
    const all: Assignment[] = [];
    try {
      for (let offset = 0; ; offset += 1000) {
        const r = await get<{ items: Assignment[] }>(`/assignments?limit=1000&offset=${offset}`);
        all.push(...r.items);
        if (r.items.length < 1000) break;
      }
    } finally {
      setOptions(all);
    }
  };
  return (
    <Card size="small" title={t('Nhiệm vụ của kế hoạch')} data-testid="plan-link">
      <Space direction="vertical" style={{ width: '100%' }}>
        {task.plan_links.length === 0 && <span>{t('Chưa gắn với nhiệm vụ nào của kế hoạch.')}</span>}
        {task.plan_links.map((l) => (
          <span key={l.id} style={{ overflowWrap: 'anywhere' }}>
            <b>{l.task_code}</b> — {l.task_name} ({l.unit_name}): {t('từ')} {vnDate(l.valid_from)}
            {l.valid_to ? ` ${t('đến trước')} ${vnDate(l.valid_to)}` : <Tag color="blue" style={{ marginLeft: 8 }}>{t('Đang gắn')}</Tag>}
          </span>))}
        {holding && <Typography.Text type="secondary">{t('Tiến độ hằng tháng của nhiệm vụ được giao lấy từ cập nhật hằng tháng của nhiệm vụ KH&CN này (không nhập lại trong báo cáo của đơn vị).')}</Typography.Text>}
        {manages && (holding
          ? <Button data-testid="plan-unlink" onClick={() => act('plan-link/end', {})}>{t('Bỏ gắn từ hôm nay')}</Button>
          : (
            <Space wrap align="end" style={{ width: '100%' }}>
              <Field label={t('Nhiệm vụ được giao')}>
                <Select data-testid="plan-link-select" showSearch optionFilterProp="label" style={{ width: 'min(480px, 80vw)' }}
                  placeholder={t('Chọn nhiệm vụ của kế hoạch và đơn vị')} onDropdownVisibleChange={(open) => open && load()} onFocus={load}
                  loading={options !== null && options.length === 0} value={chosen} onChange={setChosen}
                  options={(options ?? []).map((a) => ({ value: a.id, label: `${a.task_code} — ${a.task_name} (${a.unit_name})` }))} />
              </Field>
              <Button data-testid="plan-link-save" type="primary" disabled={!chosen} onClick={() => act('plan-link', { assignment_id: chosen })}>{t('Gắn')}</Button>
            </Space>))}
      </Space>
    </Card>
  );
}

function TaskPage({ id, manages }: { id: number; manages: boolean }) {
  const t = useT();
  const counted = useCount();
  const [task, setTask] = useState<Detail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [to, setTo] = useState<string | undefined>();
  const [kind, setKind] = useState<string | undefined>();
  const [docFields, setDoc] = useState({ doc_number: '', doc_date: '', signer_name: '', signer_position: '', note: '' });
  const [extra, setExtra] = useState<{ amount?: number; votes_xuat_sac?: number; votes_dat?: number; votes_khong_dat?: number; requested_on?: string; new_end?: string }>({});
  // The month of the update comes with the task, by the server's clock (update_month), not the device's.
  const [update, setUpdate] = useState<{ year: number; month: number; progress_percent?: number; spent_to_date?: number; products_delivered: string; problems: string }>(
    { year: 0, month: 0, products_delivered: '', problems: '' });
  const [saved, setSaved] = useState<string | null>(null);
  const [estimate, setEstimate] = useState<{ year?: number; amount?: number }>({});
  useEffect(() => {
    get<Detail>(`/st-tasks/${id}`).then((d) => {
      setTask(d);
      const [y, m] = d.update_month.split('-').map(Number);
      setUpdate((u) => ({ ...u, year: y, month: m }));
    }).catch((e) => setError(String(e)));
  }, [id]);
  if (!task) return error ? <Alert type="error" message={error} /> : <p aria-busy="true">{t('Đang tải…')}</p>;
  const act = async (path: string, body: Record<string, unknown>) => {
    setError(null);
    setSaved(null);
    try {
      setTask(await post<Detail>(`/st-tasks/${id}/${path}`, body));
      setSaved(t('Đã ghi.'));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  const docInputs = (
    <>
      <Field label={t('Số văn bản')}><Input value={docFields.doc_number} onChange={(e) => setDoc({ ...docFields, doc_number: e.target.value })} /></Field>
      <Field label={t('Ngày văn bản')}><DateInput value={docFields.doc_date ? dayjs(docFields.doc_date) : null} onChange={(d) => setDoc({ ...docFields, doc_date: d ? d.format('YYYY-MM-DD') : '' })} /></Field>
      <Field label={t('Người ký')}><Input value={docFields.signer_name} onChange={(e) => setDoc({ ...docFields, signer_name: e.target.value })} /></Field>
      <Field label={t('Chức vụ người ký')}><Input value={docFields.signer_position} onChange={(e) => setDoc({ ...docFields, signer_position: e.target.value })} /></Field>
    </>
  );
  const clean = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== '' && v !== undefined && v !== null));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Button type="link" onClick={() => go('nhiem-vu-khcn')} style={{ padding: 0 }}>← {t('Sổ nhiệm vụ KH&CN')}</Button>
      <Typography.Title level={4} style={{ marginTop: 0 }}>{task.code} — {task.title}</Typography.Title>
      {error && <Alert type="error" message={error} showIcon />}
      {saved && <Alert type="success" message={saved} showIcon />}
      <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('Bước hiện tại')}>{task.stage_label} ({t('từ')} {vnDate(task.stage_since)})</Descriptions.Item>
        <Descriptions.Item label={t('Tổ chức chủ trì')}>{task.host_unit_name}</Descriptions.Item>
        <Descriptions.Item label={t('Chủ nhiệm nhiệm vụ')}>{task.principal_investigator}</Descriptions.Item>
        <Descriptions.Item label={t('Mã quốc gia')}>{task.national_code ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('Kinh phí NSNN')}>{money(task.budget_nsnn, t)}</Descriptions.Item>
        <Descriptions.Item label={t('Đã tạm ứng / đã thanh toán')}>{money(task.advanced, t)} / {money(task.settled, t)}{task.tranche_blocked && <Tag color="orange" style={{ marginLeft: 8 }}>{t('Tạm ứng bị chặn')}</Tag>}</Descriptions.Item>
        <Descriptions.Item label={t('Thời gian thực hiện')}>{vnDate(task.start_date)} – {vnDate(task.end_effective)}{task.extended && <Tag color="purple" style={{ marginLeft: 8 }}>{t('Đã gia hạn')}</Tag>}</Descriptions.Item>
        <Descriptions.Item label={t('Kết quả đánh giá')}>{task.rating ? t(RATING_VI[task.rating]) : '—'}</Descriptions.Item>
      </Descriptions>
      <Card size="small" title={t('Mã ở hệ thống ngoài')}>
        <ExternalCodes entity="st_task" id={task.id} canEdit={manages} />
      </Card>
      <Card size="small" title={t('Dự toán NSNN giao theo năm')}>
        <Space direction="vertical">
          {task.estimates.length === 0 && <span>—</span>}
          {task.estimates.map((e) => <span key={e.year}>{e.year}: {money(e.amount, t)} <small>({t('nhập ngày')} {vnDate(e.entered_on)})</small></span>)}
          {manages && (
            <Space wrap align="end">
              <Field label={t('Năm dự toán')}><InputNumber min={2000} max={2100} value={estimate.year} onChange={(v) => setEstimate({ ...estimate, year: v ?? undefined })} /></Field>
              <Field label={t('Dự toán (đồng)')}><InputNumber min={0} style={{ width: 200 }} value={estimate.amount} onChange={(v) => setEstimate({ ...estimate, amount: v ?? undefined })} /></Field>
              <Button data-testid="save-estimate" disabled={!estimate.year || estimate.amount === undefined}
                onClick={() => act('estimates', { year: estimate.year, amount: estimate.amount })}>{t('Ghi dự toán')}</Button>
            </Space>)}
        </Space>
      </Card>
      <PlanLink task={task} manages={manages} act={act} />
      {task.overdue.map((o) => <Alert key={o.kind} type="warning" message={`${t(OVERDUE_VI[o.kind])}: ${t('hạn')} ${vnDate(o.due)}, ${t('chậm')} ${counted(o.days_late, 'ngày')}`} />)}
      <Card size="small" title={t('Các bước và văn bản')}>
        <Timeline items={task.events.map((e) => ({
          color: e.kind === 'stage' ? 'blue' : 'gray',
          children: (
            <div>
              <b>{e.kind === 'stage' ? e.to_stage_label : t(EVENT_VI[e.kind])}</b>{e.amount > 0 && ` — ${money(e.amount, t)}`}
              {e.rating && ` — ${t(RATING_VI[e.rating])} (${e.votes_xuat_sac}/${e.votes_dat}/${e.votes_khong_dat})`}
              <div><small>{e.doc_number}, {t('ngày')} {vnDate(e.doc_date)} — {e.signer_name}, {e.signer_position}; {t('cập nhật')} {vnDate(e.recorded_on)}</small></div>
              {e.note && <div><small>{e.note}</small></div>}
            </div>),
        }))} />
      </Card>
      {(task.next_stages.length > 0 || task.allowed_events.length > 0) && (
        <Card size="small" title={t('Bước tiếp theo')}>
          <Form layout="vertical" style={{ maxWidth: 560 }}>
            {task.next_stages.length > 0 && (
              <Field label={t('Chuyển sang bước')}>
                <Select data-testid="next-stage" value={to} onChange={(v) => { setTo(v); setKind(undefined); }} options={task.next_stages.map((s) => ({ value: s.stage, label: s.label }))} />
              </Field>)}
            {task.allowed_events.length > 0 && (
              <Field label={t('Hoặc ghi việc trong khi thực hiện')}>
                <Select allowClear value={kind} onChange={(v) => { setKind(v); setTo(undefined); }} options={task.allowed_events.map((k) => ({ value: k, label: t(EVENT_VI[k]) }))} />
              </Field>)}
            {(to || kind) && docInputs}
            {to === 'danh_gia' && (
              <Space wrap>
                <Field label={t('Phiếu Xuất sắc')}><InputNumber min={0} value={extra.votes_xuat_sac} onChange={(v) => setExtra({ ...extra, votes_xuat_sac: v ?? undefined })} /></Field>
                <Field label={t('Phiếu Đạt')}><InputNumber min={0} value={extra.votes_dat} onChange={(v) => setExtra({ ...extra, votes_dat: v ?? undefined })} /></Field>
                <Field label={t('Phiếu Không đạt')}><InputNumber min={0} value={extra.votes_khong_dat} onChange={(v) => setExtra({ ...extra, votes_khong_dat: v ?? undefined })} /></Field>
              </Space>)}
            {(kind === 'tam_ung' || kind === 'thanh_toan') && (
              <Field label={t('Số tiền (đồng)')}><InputNumber min={0} style={{ width: '100%' }} value={extra.amount} onChange={(v) => setExtra({ ...extra, amount: v ?? undefined })} /></Field>)}
            {kind === 'gia_han' && (
              <>
                <Field label={t('Ngày đề nghị')}><DateInput value={extra.requested_on ? dayjs(extra.requested_on) : null} onChange={(d) => setExtra({ ...extra, requested_on: d ? d.format('YYYY-MM-DD') : undefined })} /></Field>
                <Field label={t('Ngày kết thúc mới')}><DateInput value={extra.new_end ? dayjs(extra.new_end) : null} onChange={(d) => setExtra({ ...extra, new_end: d ? d.format('YYYY-MM-DD') : undefined })} /></Field>
              </>)}
            {(to || kind) && (
              <Button type="primary" data-testid="record-step" onClick={() => (to
                ? act('stage', clean({ version: task.version, to_stage: to, ...docFields, ...extra }))
                : act('events', clean({ version: task.version, kind, ...docFields, ...extra })))}>{t('Ghi bước')}</Button>)}
          </Form>
        </Card>)}
      {task.can_update_monthly && (
        <Card size="small" title={t('Cập nhật hằng tháng')}>
          <Form layout="vertical" style={{ maxWidth: 560 }}>
            <Space wrap>
              <Field label={t('Tháng')}><InputNumber min={1} max={12} value={update.month} onChange={(v) => setUpdate({ ...update, month: v ?? 1 })} /></Field>
              <Field label={t('Năm')}><InputNumber min={2000} max={2100} value={update.year} onChange={(v) => setUpdate({ ...update, year: v ?? update.year })} /></Field>
              <Field label={t('Tiến độ (%)')}><InputNumber data-testid="progress" min={0} max={100} value={update.progress_percent} onChange={(v) => setUpdate({ ...update, progress_percent: v ?? undefined })} /></Field>
            </Space>
            <Field label={t('Kinh phí đã chi lũy kế (đồng)')}><InputNumber min={0} style={{ width: '100%' }} value={update.spent_to_date} onChange={(v) => setUpdate({ ...update, spent_to_date: v ?? undefined })} /></Field>
            <Field label={t('Sản phẩm đã giao')}><Input.TextArea rows={2} value={update.products_delivered} onChange={(e) => setUpdate({ ...update, products_delivered: e.target.value })} /></Field>
            <Field label={t('Khó khăn, vướng mắc')}><Input.TextArea rows={2} value={update.problems} onChange={(e) => setUpdate({ ...update, problems: e.target.value })} /></Field>
            <Button type="primary" block data-testid="send-update" onClick={() => act('updates', clean({ ...update }))}>{t('Gửi cập nhật')}</Button>
          </Form>
        </Card>)}
      <Card size="small" title={t('Cập nhật hằng tháng đã gửi')}>
        <Table rowKey="id" size="small" pagination={false} dataSource={[...task.updates].reverse()} scroll={{ x: true }} columns={[
          { title: t('Tháng'), render: (_, u) => `${u.month}/${u.year}` },
          { title: t('Tiến độ (%)'), render: (_, u) => vnPercent(u.progress_percent) },
          { title: t('Kinh phí đã chi lũy kế'), render: (_, u) => money(u.spent_to_date, t) },
          { title: t('Khó khăn, vướng mắc'), dataIndex: 'problems', responsive: ['md'] },
          { title: t('Ngày gửi'), render: (_, u) => vnDate(u.recorded_on) },
        ]} />
      </Card>
    </Space>
  );
}
