// Documents in and out: the synthesis report (figures, editable narrative, .docx/.pdf/.xlsx downloads
// with a progress bar), the register of issued documents (issue under a number and date; download the
// very file issued) and plan import (upload with progress, preview, choosing units for unmatched words,
// confirmation).
import { lazy, Suspense, useContext, useEffect, useState } from 'react';
import { Grid, Tabs, Spin, Select, Input, InputNumber, Button, Space, Card, Table, Tag, Progress, Alert, Form, Descriptions, message, Typography } from 'antd';
import { get, put, post, ApiError, User, Schemas } from '../api';
import { LangContext, useT, useCount, usePeriodLabel, vnDate, vnNumber, vocabularyVi } from '../i18n';

const DEADLINE_KIND = vocabularyVi('deadline_kind');
import { fail, usePlans } from '../shared';
import { pages } from '../pages';

// Its own chunk, fetched when its tab is first opened (also #/trao-doi on its own).
const Exchange = lazy(pages['trao-doi']);

type PlanImport = Schemas['PlanImport'];

const SECTIONS: [string, string][] = [['summary', 'Đánh giá chung'], ['results', 'Kết quả thực hiện nhiệm vụ'],
  ['proposals', 'Kiến nghị, đề xuất'], ['next_tasks', 'Nhiệm vụ trọng tâm thời gian tới']];

// Downloads a file with a progress bar: large appendices take a while on a commune's line.
async function download(path: string, name: string, onProgress: (p: number) => void) {
  const res = await fetch('/api/v1' + path, { credentials: 'same-origin' });
  if (!res.ok) { const e = ((await res.json()) as Schemas['Error']).error; throw new ApiError(res.status, e.code, e.message, e.field); }
  const total = Number(res.headers.get('content-length') ?? 0);
  const reader = res.body!.getReader();
  const chunks: Uint8Array[] = [];
  let got = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value); got += value.length;
    if (total) onProgress(Math.round((100 * got) / total));
  }
  onProgress(100);
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob(chunks as BlobPart[]));
  a.download = name;
  a.click();
}

function Synthesis({ user }: { user: User }) {
  const t = useT();
  const lang = useContext(LangContext);
  const periodLabel = usePeriodLabel();
  const plans = usePlans();
  const [plan, setPlan] = useState<number>();
  const [period, setPeriod] = useState('');
  const [asOf, setAsOf] = useState('');
  const [s, setS] = useState<Schemas['Synthesis'] | null>(null);
  const [form] = Form.useForm();
  const [progress, setProgress] = useState<number | null>(null);
  const canEdit = ['admin', 'standing_agency'].includes(user.role);
  useEffect(() => { if (!plan && plans.length) setPlan(plans.find((p) => p.number === '27/QĐ-BCĐ')?.id ?? plans[0].id); }, [plans]);
  // A past date's document is the same however late it is made: the date travels with every request.
  const q = () => {
    const p = new URLSearchParams();
    if (period) p.set('period', period);
    if (asOf) p.set('as_of', asOf);
    return p.toString() ? `?${p}` : '';
  };
  const load = () => plan && get<Schemas['Synthesis']>(`/directives/${plan}/synthesis${q()}`).then((r) => {
    setS(r); if (!period) setPeriod(r.period);
    form.setFieldsValue({ ...r.meta, sections: r.narrative });
  }).catch(fail);
  useEffect(() => { load(); }, [plan]);
  const save = async (v: Omit<Schemas['SynthesisUpdate'], 'version'>) => {
    if (!s) return;
    try { const r = await put<Schemas['Synthesis']>(`/directives/${plan}/synthesis${q()}`, { ...v, version: s.meta.version }); setS(r); message.success(t('Đã lưu')); } catch (e) { fail(e); }
  };
  const file = (ext: string) => download(`/directives/${plan}/${ext === 'xlsx' ? 'appendices.xlsx' : 'synthesis.' + ext}${q()}`,
    ext === 'xlsx' ? `phu-luc-${period}.xlsx` : `bao-cao-${period}.${ext}`, setProgress).catch(fail).finally(() => setTimeout(() => setProgress(null), 1500));
  const h = s?.headline;
  // On a phone the labels go above their values: beside them, the S&T lines' long labels left the values a
  // column one letter wide ("5 / 4, / 9 / %").
  const phone = Grid.useBreakpoint().sm === false;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select style={{ minWidth: 280 }} value={plan} onChange={setPlan} options={plans.map((p) => ({ value: p.id, label: p.number }))} aria-label={t('Kế hoạch')} />
        <Input style={{ width: 130 }} value={period} onChange={(e) => setPeriod(e.target.value)} placeholder="2026-11" aria-label={t('Kỳ báo cáo')} />
        <Input style={{ width: 150 }} value={asOf} onChange={(e) => setAsOf(e.target.value)} placeholder={t('Số liệu đến ngày (YYYY-MM-DD)')} aria-label={t('Số liệu đến ngày (YYYY-MM-DD)')} />
        <Button onClick={load}>{t('Xem')}</Button>
        <Button type="primary" onClick={() => file('docx')} data-testid="docx">{t('Tải báo cáo .docx')}</Button>
        <Button onClick={() => file('pdf')}>{t('Tải .pdf')}</Button>
        <Button onClick={() => file('xlsx')}>{t('Phụ lục .xlsx')}</Button>
      </Space>
      {progress !== null && <Progress percent={progress} size="small" />}
      {/* The title wraps: antd cuts a card's title to one line, and on a phone "Báo cáo tháng 11/2026 — 27/QĐ-BCĐ" is longer. */}
      {s && h && <Card size="small" title={<span data-testid="synthesis-title" style={{ whiteSpace: 'normal', overflowWrap: 'anywhere' }}>{`${t('Báo cáo')} ${lang === 'en' ? periodLabel(s.period) : s.period_words} — ${s.directive.number}`}</span>}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }} layout={phone ? 'vertical' : 'horizontal'}>
          <Descriptions.Item label={t('Đơn vị đã gửi báo cáo')}>{h.completeness.text}</Descriptions.Item>
          <Descriptions.Item label={t('Báo cáo đúng hạn')}>{h.timeliness.text}</Descriptions.Item>
          <Descriptions.Item label={t('Cập nhật tiến độ')}>{h.update_compliance.text}</Descriptions.Item>
          <Descriptions.Item label={t('Hoàn thành đúng hạn')}>{h.on_time_completion.text}</Descriptions.Item>
          <Descriptions.Item label={t('Nhiệm vụ quá hạn')}>{s.overdue.total}</Descriptions.Item>
          <Descriptions.Item label={t('Số liệu đến ngày')}>{s.as_of.split('-').reverse().join('/')}</Descriptions.Item>
          {/* Section I.3 of the document: the city's state-funded S&T tasks as of the same day (RULES R18). */}
          {s.st_tasks && <>
            <Descriptions.Item label={t('Nhiệm vụ KH&CN theo dõi toàn trình')}>{s.st_tasks.tracked.text}</Descriptions.Item>
            <Descriptions.Item label={t('Nhiệm vụ KH&CN chậm theo bước')}>{s.st_tasks.late_tasks}</Descriptions.Item>
            <Descriptions.Item label={t('Giải ngân nhiệm vụ KH&CN so với dự toán năm')}>{s.st_tasks.disbursement.rate_text}</Descriptions.Item>
          </>}
        </Descriptions>
        <Typography.Text type="secondary" data-testid="data-read">{`${t('Số liệu tổng hợp đến hết ngày')} ${vnDate(s.as_of)}, ${t('đọc lúc')} ${vnDate(s.data_read_at)}`}</Typography.Text>
      </Card>}
      {s && <Form form={form} name="synthesis" layout="vertical" onFinish={save} disabled={!canEdit}>
        <Space wrap>
          <Form.Item name="format" label={t('Thể thức')}><Select style={{ width: 220 }} options={[{ value: 'state', label: t('Nghị định 30/2020') }, { value: 'party', label: t('Văn bản của Đảng') }]} /></Form.Item>
          <Form.Item name="number" label={t('Số')}><InputNumber min={1} /></Form.Item>
          <Form.Item name="issued_on" label={t('Ngày ban hành (YYYY-MM-DD)')}><Input style={{ width: 150 }} /></Form.Item>
          <Form.Item name="signer_title" label={t('Chức vụ người ký')}><Input /></Form.Item>
          <Form.Item name="signer_name" label={t('Người ký')}><Input /></Form.Item>
        </Space>
        {SECTIONS.map(([k, label]) => <Form.Item key={k} name={['sections', k]} label={t(label)}><Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} /></Form.Item>)}
        <Form.Item name="recipients" label={t('Nơi nhận')}><Input.TextArea autoSize={{ minRows: 3 }} /></Form.Item>
        {canEdit && <Button type="primary" htmlType="submit">{t('Lưu phần viết')}</Button>}
      </Form>}
    </Space>
  );
}

type FeedbackReport = Schemas['FeedbackReport'];
type FeedbackReportGroup = Schemas['FeedbackReportGroup'];

// Issue 15: the half-yearly and yearly feedback report (RULES R17) — the city's figures for a half year or a year as
// of a date, shown here as the document states them, and the document (.docx/.pdf, Decree 30) and its appendix
// (.xlsx) to download. The three are made from one reading, so they say the same.
function FeedbackReportCard() {
  const t = useT();
  const year = new Date().getFullYear();
  const periods = [year, year - 1].flatMap((y) => [
    { value: `${y}-H1`, label: `${t('6 tháng đầu năm')} ${y}` },
    { value: `${y}-H2`, label: `${t('6 tháng cuối năm')} ${y}` },
    { value: String(y), label: `${t('Năm')} ${y}` }]);
  // The half year that has begun most recently, as the standing agency reports it.
  const [period, setPeriod] = useState(`${year}-${new Date().getMonth() < 6 ? 'H1' : 'H2'}`);
  const [asOf, setAsOf] = useState('');
  const [r, setR] = useState<FeedbackReport | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const q = () => {
    const p = new URLSearchParams({ period });
    if (asOf) p.set('as_of', asOf);
    return `?${p}`;
  };
  const load = () => get<FeedbackReport>(`/feedback-report${q()}`).then(setR).catch(fail);
  useEffect(() => { load(); }, [period]);
  const file = (ext: string) => download(`/feedback-report.${ext}${q()}`,
    ext === 'xlsx' ? `phu-luc-phan-anh-${period}.xlsx` : `bao-cao-phan-anh-${period}.${ext}`, setProgress)
    .catch(fail).finally(() => setTimeout(() => setProgress(null), 1500));
  const f = r?.total;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select style={{ width: 220 }} value={period} onChange={setPeriod} options={periods} aria-label={t('Kỳ báo cáo')} data-testid="feedback-period" />
        <Input style={{ width: 150 }} value={asOf} onChange={(e) => setAsOf(e.target.value)} placeholder={t('Số liệu đến ngày (YYYY-MM-DD)')} aria-label={t('Số liệu đến ngày (YYYY-MM-DD)')} />
        <Button onClick={load}>{t('Xem')}</Button>
        <Button type="primary" onClick={() => file('docx')} data-testid="feedback-docx">{t('Tải báo cáo .docx')}</Button>
        <Button onClick={() => file('pdf')}>{t('Tải .pdf')}</Button>
        <Button onClick={() => file('xlsx')} data-testid="feedback-xlsx">{t('Phụ lục .xlsx')}</Button>
      </Space>
      {progress !== null && <Progress percent={progress} size="small" />}
      {r && f && <Card size="small" data-testid="feedback-report" styles={{ title: { whiteSpace: 'normal' } }} title={`${t('Báo cáo phản ánh, kiến nghị')} — ${periods.find((p) => p.value === r.period)?.label ?? r.period}`}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('Tiếp nhận', 'Received')}>{f.received} · {t('Thuộc thẩm quyền')} {f.within_competence}</Descriptions.Item>
          <Descriptions.Item label={t('Đã trả lời')}>{f.answered} · {t('Quá hạn chưa trả lời')} {f.overdue} · {t('Chưa đến hạn')} {f.pending}</Descriptions.Item>
          <Descriptions.Item label={t('Đúng hạn (R1)')}>{f.r1_text}</Descriptions.Item>
          <Descriptions.Item label={t('Hài lòng (R2, QĐ 766)')}>{f.r2_text}</Descriptions.Item>
          <Descriptions.Item label={t('Đánh giá hài lòng')}>{f.rated_share_text} · {t('Tỷ lệ phản hồi')} {f.response_rate_text}</Descriptions.Item>
          <Descriptions.Item label={t('Số ngày trả lời (trung vị)')}>{f.median_days === null ? '—' : vnNumber(f.median_days)}</Descriptions.Item>
          <Descriptions.Item label={t('Sáng kiến, giải pháp, đặt hàng')}>{f.initiatives} · {t('Đề xuất áp dụng')} {f.proposed} · {t('Đã được áp dụng')} {f.adopted} · {t('Không áp dụng')} {f.not_adopted}</Descriptions.Item>
        </Descriptions>
        <Table<FeedbackReportGroup> size="small" rowKey={(g) => g.key ?? ''} pagination={false} scroll={{ x: 560 }} dataSource={r.by_kind} data-testid="feedback-by-kind" columns={[
          { title: t('Loại'), dataIndex: 'label', render: (v: string) => t(v) },
          { title: t('Tiếp nhận', 'Received'), dataIndex: 'received', width: 90 },
          { title: t('Đúng hạn (R1)'), dataIndex: 'r1_text' },
          { title: t('Hài lòng (R2, QĐ 766)'), dataIndex: 'r2_text' },
        ]} />
        <Typography.Text type="secondary" data-testid="feedback-data-read">{`${t('Số liệu tổng hợp đến hết ngày')} ${vnDate(r.as_of)}, ${t('đọc lúc')} ${vnDate(r.data_read_at)}`}</Typography.Text>
      </Card>}
    </Space>
  );
}

function unitsCell(u: Schemas['ImportUnits']) {
  return <Space size={2} wrap>{u.groups.map((g) => <Tag key={'g' + g.id} color="blue">{g.name} ({g.member_count})</Tag>)}
    {u.units.map((x) => <Tag key={x.id}>{x.name}</Tag>)}
    {u.unresolved.map((w: string) => <Tag key={w} color="red">{w}</Tag>)}</Space>;
}

function Import() {
  const t = useT();
  const counted = useCount();
  const plans = usePlans();
  const [plan, setPlan] = useState<number>();
  const [upload, setUpload] = useState<number | null>(null);
  const [preview, setPreview] = useState<PlanImport | null>(null);
  const [targets, setTargets] = useState<{ value: string; label: string }[]>([]);
  const [choices, setChoices] = useState<Record<string, string[]>>({});
  const [done, setDone] = useState<Schemas['PlanImportConfirmed'] | null>(null);
  useEffect(() => {
    Promise.all([get<Schemas['UnitList']>('/units?limit=1000'), get<Schemas['UnitGroupList']>('/unit-groups?limit=1000')]).then(([u, g]) => setTargets([
      ...g.items.map((x) => ({ value: 'g' + x.id, label: `${t('Nhóm')}: ${x.name}` })),
      ...u.items.map((x) => ({ value: 'u' + x.id, label: x.name }))])).catch(fail);
  }, []);
  const send = (f: File) => {
    if (!plan) { message.warning(t('Chọn kế hoạch trước')); return false; }
    setDone(null); setUpload(0);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/directives/${plan}/imports?filename=${encodeURIComponent(f.name)}`);
    xhr.setRequestHeader('X-CSRF-Token', sessionStorage.getItem('tiendo.csrf') ?? '');
    xhr.upload.onprogress = (e) => e.lengthComputable && setUpload(Math.round((100 * e.loaded) / e.total));
    xhr.onload = () => {
      setUpload(null);
      const body: unknown = JSON.parse(xhr.responseText);
      if (xhr.status >= 400) message.error((body as Schemas['Error']).error.message); else { setPreview(body as PlanImport); setChoices({}); }
    };
    xhr.send(f);
    return false;
  };
  const saveChoices = async () => {
    const list = Object.entries(choices).map(([text, v]) => ({ text, unit_ids: v.filter((x) => x[0] === 'u').map((x) => Number(x.slice(1))),
      group_ids: v.filter((x) => x[0] === 'g').map((x) => Number(x.slice(1))) }));
    if (!preview) return;
    try { setPreview(await put<PlanImport>(`/imports/${preview.id}/choices`, { choices: list })); } catch (e) { fail(e); }
  };
  const confirm = async () => { if (!preview) return; try { setDone(await post<Schemas['PlanImportConfirmed']>(`/imports/${preview.id}/confirm`)); setPreview(null); } catch (e) { fail(e); } };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select style={{ minWidth: 280 }} placeholder={t('Nhập vào kế hoạch')} aria-label={t('Nhập vào kế hoạch')} value={plan} onChange={setPlan} options={plans.map((p) => ({ value: p.id, label: p.number }))} />
        <input type="file" accept=".xlsx,.csv,.docx" aria-label={t('Tệp kế hoạch')} onChange={(e) => e.target.files?.[0] && send(e.target.files[0])} />
        <Button onClick={() => download('/import-template.xlsx', 'mau-nhap-ke-hoach.xlsx', () => undefined).catch(fail)}>{t('Tải mẫu Excel')}</Button>
      </Space>
      {upload !== null && <Progress percent={upload} size="small" />}
      {done && <Alert type="success" message={`${t('Đã tạo')} ${counted(done.created.indicators, 'chỉ tiêu')}, ${counted(done.created.tasks, 'nhiệm vụ')}, ${counted(done.created.assignments, 'lượt giao')}.`} />}
      {preview && <>
        <Alert type={preview.summary.blocking ? 'warning' : 'info'} message={`${preview.filename}: ${counted(preview.summary.indicators, 'chỉ tiêu')}, ${counted(preview.summary.tasks, 'nhiệm vụ')}, ${counted(preview.summary.assignments, 'lượt giao')}; ${counted(preview.summary.blocking, 'vấn đề cần xử lý')}. ${t('Chưa tạo gì cho đến khi xác nhận.')}`} />
        {preview.issues.length > 0 && <Card size="small" title={t('Vấn đề')}>{preview.issues.map((i, k) =>
          <div key={k}><Tag color={i.blocking ? 'red' : 'gold'}>{i.row ? `${t('Dòng')} ${i.row}` : t('Tệp')}</Tag>{i.message}</div>)}</Card>}
        {preview.unmatched.length > 0 && <Card size="small" title={t('Chọn đơn vị cho cụm từ chưa khớp (để trống = bỏ qua)')}>
          {preview.unmatched.map((u) => <div key={u.text} style={{ marginBottom: 8 }}>
            <Typography.Text strong>{u.text}</Typography.Text>{u.choice && <Tag color="green" style={{ marginLeft: 8 }}>{t('đã chọn')}</Tag>}
            <Select mode="multiple" style={{ width: '100%' }} showSearch optionFilterProp="label" options={targets}
              value={choices[u.text] ?? [...(u.choice?.group_ids ?? []).map((x) => 'g' + x), ...(u.choice?.unit_ids ?? []).map((x) => 'u' + x)]}
              onChange={(v) => setChoices({ ...choices, [u.text]: v })} />
          </div>)}
          <Button onClick={saveChoices}>{t('Lưu lựa chọn')}</Button>
        </Card>}
        <Table size="small" rowKey="row" pagination={false} scroll={{ x: 900 }} dataSource={preview.tasks} columns={[
          { title: t('TT'), dataIndex: 'code', width: 50 }, { title: t('Tên nhiệm vụ'), dataIndex: 'name' },
          { title: t('Chủ trì'), render: (_: unknown, r: PlanImport['tasks'][number]) => unitsCell(r.lead) }, { title: t('Phối hợp'), render: (_: unknown, r: PlanImport['tasks'][number]) => unitsCell(r.coordinating) },
          { title: t('Thời hạn'), render: (_: unknown, r: PlanImport['tasks'][number]) => <>{r.deadline_text}<br /><Tag>{t(DEADLINE_KIND[r.deadline.kind] ?? r.deadline.kind)}</Tag>{r.deadline.due?.split('-').reverse().join('/')}</> },
          { title: t('Số đơn vị'), dataIndex: 'assignment_count', width: 80 }]} />
        <Table size="small" rowKey="row" pagination={false} dataSource={preview.indicators} columns={[
          { title: t('TT'), dataIndex: 'code', width: 50 }, { title: t('Chỉ tiêu'), dataIndex: 'name' }, { title: t('Kết quả'), dataIndex: 'target_text' },
          { title: t('Theo dõi'), render: (_: unknown, r: PlanImport['indicators'][number]) => unitsCell(r.monitoring) }]} />
        <Button type="primary" disabled={preview.summary.blocking > 0} onClick={confirm} data-testid="confirm-import">{t('Xác nhận nhập')}</Button>
      </>}
    </Space>
  );
}

const KINDS: Record<string, string> = { synthesis: 'Báo cáo tổng hợp', appendices: 'Phụ lục' };
type IssuedDocument = Schemas['IssuedDocument'];
type IssueForm = Schemas['IssuedDocumentCreate'];

// Issue 12: the register of issued documents. The standing agency issues a report or the appendices under
// a number and date; the file is made once and kept, so every download later is the document as issued.
function Register({ user }: { user: User }) {
  const t = useT();
  const plans = usePlans();
  const [plan, setPlan] = useState<number>();
  const [period, setPeriod] = useState('');
  const [rows, setRows] = useState<IssuedDocument[]>([]);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const canIssue = ['admin', 'standing_agency'].includes(user.role);
  const load = () => {
    const p = new URLSearchParams({ limit: '200' });
    if (plan) p.set('directive_id', String(plan));
    if (period) p.set('period', period);
    get<Schemas['IssuedDocumentList']>(`/issued-documents?${p}`).then((r) => setRows(r.items)).catch(fail);
  };
  useEffect(() => { load(); }, [plan]);
  const issue = async (v: IssueForm) => {
    setBusy(true);
    try {
      const body: Schemas['IssuedDocumentCreate'] = { directive_id: v.directive_id, kind: v.kind, format: v.format, number: v.number, issued_on: v.issued_on };
      if (v.period) body.period = v.period;
      if (v.as_of) body.as_of = v.as_of;
      const r = await post<IssuedDocument>('/issued-documents', body);
      message.success(`${t('Đã ban hành')} ${r.number}`);
      form.resetFields(['number']);
      load();
    } catch (e) {
      fail(e, form);
    } finally { setBusy(false); }
  };
  const kind = Form.useWatch('kind', form);
  const planOptions = plans.map((p) => ({ value: p.id, label: p.number }));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {canIssue && <Card size="small" title={t('Ban hành văn bản')}>
        <Form form={form} name="issue" layout="vertical" onFinish={issue} initialValues={{ kind: 'synthesis', format: 'docx' }}>
          <Space wrap align="start">
            <Form.Item name="number" label={t('Số văn bản')} rules={[{ required: true, message: t('Nhập số văn bản') }]}>
              <Input style={{ width: 170 }} placeholder="123/BC-SKHCN" />
            </Form.Item>
            <Form.Item name="issued_on" label={t('Ngày ban hành (YYYY-MM-DD)')} rules={[{ required: true, message: t('Nhập ngày ban hành') }]}>
              <Input style={{ width: 150 }} placeholder="2026-11-20" />
            </Form.Item>
            <Form.Item name="kind" label={t('Loại')}>
              <Select style={{ width: 170 }} onChange={(k) => form.setFieldValue('format', k === 'appendices' ? 'xlsx' : 'docx')}
                options={Object.entries(KINDS).map(([value, label]) => ({ value, label: t(label) }))} />
            </Form.Item>
            <Form.Item name="format" label={t('Định dạng')}>
              <Select style={{ width: 90 }} options={(kind === 'appendices' ? ['xlsx'] : ['docx', 'pdf']).map((f) => ({ value: f, label: f }))} />
            </Form.Item>
            <Form.Item name="directive_id" label={t('Kế hoạch')} rules={[{ required: true, message: t('Chọn kế hoạch') }]}>
              <Select style={{ width: 200 }} options={planOptions} aria-label={t('Kế hoạch ban hành')} />
            </Form.Item>
            <Form.Item name="period" label={t('Kỳ báo cáo')}><Input style={{ width: 110 }} placeholder="2026-11" /></Form.Item>
            <Form.Item name="as_of" label={t('Số liệu đến ngày (YYYY-MM-DD)')}><Input style={{ width: 150 }} placeholder={t('hôm nay')} /></Form.Item>
          </Space>
          <Typography.Paragraph type="secondary">{t('Tệp được tạo một lần và lưu nguyên vẹn; bản mới cần số mới.')}</Typography.Paragraph>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="issue">{t('Ban hành')}</Button>
        </Form>
      </Card>}
      <Space wrap>
        <Select allowClear style={{ minWidth: 200 }} placeholder={t('Mọi kế hoạch')} value={plan} onChange={setPlan} options={planOptions} aria-label={t('Lọc theo kế hoạch')} />
        <Input style={{ width: 110 }} value={period} onChange={(e) => setPeriod(e.target.value)} placeholder="2026-11" aria-label={t('Lọc theo kỳ')} />
        <Button onClick={load}>{t('Lọc')}</Button>
      </Space>
      <Table size="small" rowKey="id" pagination={false} scroll={{ x: 900 }} dataSource={rows} data-testid="register" columns={[
        { title: t('Số văn bản'), dataIndex: 'number', fixed: 'left', width: 130 },
        { title: t('Ngày ban hành'), dataIndex: 'issued_on', width: 110, render: (v: string) => vnDate(v) },
        { title: t('Loại'), dataIndex: 'kind', render: (v: string, r: IssuedDocument) => `${t(KINDS[v] ?? v)} (.${r.format})` },
        { title: t('Kế hoạch'), dataIndex: 'directive_number' },
        { title: t('Kỳ báo cáo'), dataIndex: 'period' },
        { title: t('Số liệu đến hết ngày'), dataIndex: 'as_of', width: 110, render: (v: string) => vnDate(v) },
        { title: t('Đọc số liệu lúc'), dataIndex: 'data_read_at', width: 150, render: (v: string) => vnDate(v) },
        { title: t('Người ban hành'), dataIndex: 'issued_by_name' },
        { title: 'SHA-256', dataIndex: 'sha256', render: (v: string) => <Typography.Text code title={v}>{v.slice(0, 12)}…</Typography.Text> },
        { title: '', render: (_: unknown, r: IssuedDocument) => <Button size="small" onClick={() => download(`/issued-documents/${r.id}/file`, r.filename, () => undefined).catch(fail)}>{t('Tải về')}</Button> },
      ]} />
    </Space>
  );
}

export function Documents({ user }: { user: User }) {
  const t = useT();
  const items = [{ key: 'synthesis', label: t('Báo cáo tổng hợp'), children: <Synthesis user={user} /> },
    { key: 'feedback-report', label: t('Báo cáo phản ánh, kiến nghị'), children: <FeedbackReportCard /> },
    { key: 'register', label: t('Sổ văn bản đã ban hành'), children: <Register user={user} /> },
    { key: 'exchange', label: t('Trao đổi với cấp trên'), children: <Suspense fallback={<Spin />}><Exchange user={user} /></Suspense> }];
  if (['admin', 'standing_agency'].includes(user.role)) items.push({ key: 'import', label: t('Nhập kế hoạch'), children: <Import /> });
  // On a phone the labels are wider than the screen and the tab bar would scroll sideways, hiding the last
  // ones: the sections are chosen from a list there instead.
  const phone = Grid.useBreakpoint().sm === false;
  const [active, setActive] = useState('synthesis');
  return <Tabs items={items} activeKey={active} onChange={setActive} renderTabBar={phone
    ? () => <Select data-testid="section-select" aria-label={t('Mục')} value={active} onChange={setActive} style={{ width: '100%', marginBottom: 12 }}
        options={items.map((i) => ({ value: i.key, label: i.label }))} />
    : undefined} />;
}
