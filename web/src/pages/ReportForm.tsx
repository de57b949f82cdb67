// The monthly report, phone first: one card per assignment (task, last period's figure, progress, result,
// output document, difficulties, proposals, the beyond-authority flag, its own evidence files), the unit's
// indicator values with the rate computed as typed. Nothing typed is lost: every field is checked where it
// is typed (Vietnamese numbers, the server's ranges), the valid fields autosave while an invalid one stays
// typed and marked, the draft is also kept on the device (sent again when the line is back), an expired
// session asks to log in again in place, and a version conflict shows what the other person changed.
import { useContext, useEffect, useRef, useState } from 'react';
import { Card, Input, Checkbox, Button, Space, Tag, Typography, Alert, Modal, message, Spin, Descriptions, Row, Col, Grid } from 'antd';
import { get, post, put, setCsrf, csrfToken, User, ApiError, Schemas } from '../api';
import { useT, vnDate, vnPercent, usePeriodLabel, REPORT_STATE_VI, LangContext } from '../i18n';
import { fail } from '../shared';
import { go, setLeaveGuard } from '../router';
import { checkVn, fmtVn, parseVn, Kind } from '../numbers';

const MAX_UPLOAD_MB = 20;
type Status = 'saved' | 'dirty' | 'saving' | 'offline' | 'login' | 'invalid';
type Detail = Schemas['ReportDetail'];
type Item = Detail['items'][number];
type Indicator = Detail['reportable_indicators'][number];
// An indicator's figures as typed: the server's IndicatorValue, or only what has been typed so far.
type Value = Pick<Schemas['IndicatorValue'], 'indicator_id'> & Partial<Pick<Schemas['IndicatorValue'], 'numerator' | 'denominator' | 'value' | 'estimated_full_year'>>;
type Texts = Pick<Detail, 'summary' | 'difficulties' | 'proposals'>;
type Draft = { at: string; version: number; report: Texts; items: Item[]; values: Record<number, Value>; texts: Record<string, string> };

const ITEM_TEXT = ['work_done', 'output_ref', 'difficulties', 'proposals'] as const;
// What a person changes on an assignment's card (compared field by field when someone else saved meanwhile).
const ITEM_FIELDS = ['progress_percent', ...ITEM_TEXT, 'exceeds_authority'] as const;
type ItemField = typeof ITEM_FIELDS[number];
const VALUE_FIELDS = ['numerator', 'denominator', 'value'] as const;

// The server's copy after a save answered in short: the copy before it, with the lines, values and texts sent.
function withSent(base: Detail | null, sent: Schemas['ReportUpdate'], r: Schemas['ReportSaved']): Detail | null {
  if (!base) return base;
  const lines = new Map((sent.items ?? []).map((x) => [x.assignment_id, x]));
  const values = new Map((sent.indicator_values ?? []).map((x) => [x.indicator_id, x]));
  const kept = (base.indicator_values ?? []).filter((x) => !values.has(x.indicator_id));
  return {
    ...base, version: r.version, state: r.state, updated_at: r.updated_at,
    summary: sent.summary ?? base.summary, difficulties: sent.difficulties ?? base.difficulties, proposals: sent.proposals ?? base.proposals,
    items: base.items.map((x) => {
      const y = lines.get(x.assignment_id);
      return y ? { ...x, ...Object.fromEntries(Object.entries(y).filter(([, v]) => v !== undefined)) } : x;
    }),
    indicator_values: [...kept, ...[...values.values()].map((v) => ({ ...(base.indicator_values ?? []).find((x) => x.indicator_id === v.indicator_id), ...v }))] as Detail['indicator_values'],
  };
}

export function ReportForm({ user, id }: { user: User; id: number }) {
  const t = useT();
  const periodLabel = usePeriodLabel();
  const lang = useContext(LangContext);
  const screens = Grid.useBreakpoint();
  const stateLabel = (st: string) => (lang === 'vi' ? REPORT_STATE_VI[st] : t(REPORT_STATE_VI[st]));
  const [report, setReport] = useState<Detail | null>(null);
  const [items, setItems] = useState<Item[]>([]);
  const [values, setValues] = useState<Record<number, Value>>({});
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<Status>('saved');
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [restored, setRestored] = useState<string | null>(null);
  const [conflict, setConflict] = useState<{ changes: string[]; mine: Draft } | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const [summaryOpen, setSummaryOpen] = useState(false);
  const [withdrawOpen, setWithdrawOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [loginError, setLoginError] = useState<string | null>(null);
  const [uploading, setUploading] = useState<number | null>(null);
  const [uploadPercent, setUploadPercent] = useState(0);
  const timer = useRef<number | undefined>(undefined);
  const retry = useRef<number | undefined>(undefined);
  const dirty = useRef(false);
  // The autosave timer fires after later renders: it must read the latest values, not its render's.
  const latest = useRef({ report, items, values, texts });
  latest.current = { report, items, values, texts };
  // The version of the last answer and the report as the server holds it (what an invalid field keeps).
  const version = useRef<number | undefined>(undefined);
  const saved = useRef<Detail | null>(null);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const draftKey = `tiendo.draft.${user.id}.${id}`;

  const indicators: Indicator[] = report?.reportable_indicators ?? [];
  // An accepted report is never reopened by an edit: the focal point asks with a reason, the standing agency
  // decides (granted, it is a draft again).
  const [reopening, setReopening] = useState(false);
  const [reopenReason, setReopenReason] = useState('');
  const [refusing, setRefusing] = useState(false);
  const [refuseNote, setRefuseNote] = useState('');
  const [reviewComment, setReviewComment] = useState('');
  // A viewer approves only as a deputy, while a unit head's delegation runs.
  const [deputy, setDeputy] = useState(false);
  useEffect(() => {
    if (user.role === 'viewer') get<Schemas['DelegationList']>('/delegations').then((l) => setDeputy(l.items.some((d) => d.deputy_id === user.id && d.active))).catch(() => setDeputy(false));
  }, [user.id, user.role]);
  const approver = user.role === 'unit_head' || deputy;
  const editable = report && ['draft', 'returned'].includes(report.state) && user.role === 'focal_point';

  // Every field's error: checked as typed (numbers, ranges, a share's numerator ≤ denominator), or as the
  // server answered it for that field.
  const fieldErrors = (): Record<string, string> => {
    const { items, values, texts } = latest.current;
    const e: Record<string, string> = {};
    items.forEach((it, k) => {
      const key = `items[${k}].progress_percent`;
      if (texts[key] !== undefined) {
        const r = checkVn(texts[key], 'progress', `${t('Tiến độ')} (${t('nhiệm vụ')} ${it.task_code})`, lang);
        if (r.error) e[key] = r.error;
      }
    });
    for (const ind of latest.current.report?.reportable_indicators ?? []) {
      const ratio = ind.aggregation === 'ratio_of_sums';
      for (const f of ratio ? ['numerator', 'denominator'] as const : ['value'] as const) {
        const key = `ind.${ind.id}.${f}`;
        if (texts[key] === undefined) continue;
        const label = `${f === 'numerator' ? t('Tử số') : f === 'denominator' ? t('Mẫu số') : t('Giá trị')} (${t('chỉ tiêu')} ${ind.code})`;
        const r = checkVn(texts[key], ratio ? 'amount' : 'measure', label, lang);
        if (r.error) e[key] = r.error;
      }
      const v = values[ind.id];
      if (ratio && v && !e[`ind.${ind.id}.numerator`] && !e[`ind.${ind.id}.denominator`] && v.numerator != null && v.denominator != null) {
        if (v.numerator > v.denominator)
          e[`ind.${ind.id}.numerator`] = lang === 'vi'
            ? `${t('Tử số')} (${fmtVn(v.numerator)}) không được lớn hơn mẫu số (${fmtVn(v.denominator)}) của chỉ tiêu ${ind.code}.`
            : `The numerator (${fmtVn(v.numerator)}) cannot exceed the denominator (${fmtVn(v.denominator)}) of indicator ${ind.code}.`;
      }
    }
    return e;
  };
  const errors = { ...serverErrors, ...(report && editable ? fieldErrors() : {}) };
  // A field still invalid is work not on the server yet: leaving warns as for unsaved changes.
  const unsaved = useRef(false);
  unsaved.current = Object.keys(errors).length > 0;

  const keepOnDevice = () => {
    const { report, items, values, texts } = latest.current;
    if (!report) return;
    const d: Draft = { at: new Date().toISOString(), version: version.current ?? 0, items, values, texts,
      report: { summary: report.summary, difficulties: report.difficulties, proposals: report.proposals } };
    try { localStorage.setItem(draftKey, JSON.stringify(d)); } catch { /* a full device keeps the server copy */ }
  };
  const applyServer = (r: Detail) => {
    version.current = r.version;
    saved.current = r;
    setReport(r);
    setItems(r.items ?? []);
    const v: Record<number, Value> = {};
    for (const x of r.indicator_values ?? []) v[x.indicator_id] = x;
    setValues(v);
    setTexts({});
    setServerErrors({});
  };
  const applyDraft = (r: Detail, d: Draft) => {
    setReport({ ...r, ...d.report });
    const byAssignment = new Map(d.items.map((x) => [x.assignment_id, x]));
    setItems((r.items ?? []).map((x) => ({ ...x, ...(byAssignment.get(x.assignment_id) ?? {}), previous_progress_percent: x.previous_progress_percent, derived_from: x.derived_from })));
    const v: Record<number, Value> = {};
    for (const x of r.indicator_values ?? []) v[x.indicator_id] = x;
    setValues({ ...v, ...d.values });
    setTexts(d.texts ?? {});
  };

  const load = () => {
    setLoadError(null);
    get<Detail>(`/reports/${id}`).then((r) => {
      applyServer(r);
      let d: Draft | null = null;
      try { d = JSON.parse(localStorage.getItem(draftKey) ?? 'null'); } catch { d = null; }
      const canEdit = ['draft', 'returned'].includes(r.state) && user.role === 'focal_point';
      if (d && canEdit) {
        applyDraft(r, d);
        setRestored(d.at);
        dirty.current = true;
        setStatus('dirty');
        window.clearTimeout(timer.current);
        timer.current = window.setTimeout(save, 300);
      } else if (d) localStorage.removeItem(draftKey);
    }).catch((e: unknown) => setLoadError(e instanceof ApiError && e.status === 404 ? t('Không tìm thấy báo cáo.') : e instanceof Error ? e.message : String(e)));
  };
  useEffect(load, [id]);

  // The payload from what is typed: an invalid field sends what the server already holds, so the rest saves.
  const payload = (excluded: Set<string>) => {
    const { report, items, values } = latest.current;
    const base = saved.current;
    const sentIndicators: number[] = [];
    const indicator_values = Object.values(values)
      .filter((v) => v.numerator != null || v.denominator != null || v.value != null)
      .filter((v) => ![...excluded].some((k) => k.startsWith(`ind.${v.indicator_id}.`)))
      .map((v) => { sentIndicators.push(v.indicator_id); return { indicator_id: v.indicator_id, numerator: v.numerator, denominator: v.denominator, value: v.value, estimated_full_year: v.estimated_full_year }; });
    const body: Schemas['ReportUpdate'] = {
      version: version.current,
      items: items.map((i, k) => {
        const old: Partial<Item> = base?.items?.find((x) => x.assignment_id === i.assignment_id) ?? {};
        const pick = <F extends ItemField>(f: F) => (excluded.has(`items[${k}].${f}`) ? old[f] : i[f]);
        // A line linked to an S&T task takes its progress from the task's monthly update (issue 16): none is sent.
        return { assignment_id: i.assignment_id, progress_percent: i.derived_from ? undefined : pick('progress_percent'), work_done: pick('work_done'),
          output_ref: pick('output_ref'), difficulties: pick('difficulties'), proposals: pick('proposals'), exceeds_authority: pick('exceeds_authority') };
      }),
      indicator_values,
    };
    if (report) for (const f of ['summary', 'difficulties', 'proposals'] as const) if (!excluded.has(f)) body[f] = report[f];
    return { body, sentIndicators };
  };

  const save = async (): Promise<boolean> => {
    while (inFlight.current) await inFlight.current;
    if (!dirty.current) return true;
    const run = saveNow();
    inFlight.current = run;
    try {
      return await run;
    } finally {
      inFlight.current = null;
    }
  };
  const saveNow = async (): Promise<boolean> => {
    dirty.current = false; // a change typed while this save is on its way marks the form dirty again
    window.clearTimeout(retry.current);
    setStatus('saving');
    const clientErrors = fieldErrors();
    const excluded = new Set(Object.keys(clientErrors));
    const fromServer: Record<string, string> = {};
    for (let attempt = 0; attempt < 8; attempt++) {
      const { body, sentIndicators } = payload(excluded);
      try {
        // The short answer (the new version and state): the form keeps its own copy, so the server does not read the
        // whole report back for each autosave. What the server now holds is the last copy with what was sent.
        const r = await put<Schemas['ReportSaved']>(`/reports/${id}`, body, { Prefer: 'return=minimal' });
        version.current = r.version;
        saved.current = withSent(saved.current, body, r);
        setReport((old) => (old ? { ...old, version: r.version, state: r.state, updated_at: r.updated_at } : old));
        setServerErrors(fromServer);
        setSavedAt(new Date().toISOString());
        const invalid = Object.keys(clientErrors).length + Object.keys(fromServer).length > 0;
        if (dirty.current || invalid) keepOnDevice();
        else localStorage.removeItem(draftKey);
        setStatus(dirty.current ? 'dirty' : invalid ? 'invalid' : 'saved');
        return !invalid;
      } catch (e) {
        if (e instanceof ApiError && e.status === 400 && e.field && e.field !== 'version') {
          // The server named one field: keep it typed and marked, and save the rest without it.
          const m = /^indicator_values\[(\d+)\]\.?(.*)$/.exec(e.field);
          const key = m ? `ind.${sentIndicators[Number(m[1])]}.${m[2] || 'value'}` : e.field;
          if (excluded.has(key)) break;
          excluded.add(key);
          fromServer[key] = e.message;
          continue;
        }
        dirty.current = true;
        keepOnDevice();
        if (e instanceof ApiError && e.status === 409 && e.field === 'version') {
          await resolveConflict();
          setStatus('saved');  // the form shows the server's copy; the conflict notice holds ours
          return false;
        }
        if (e instanceof ApiError && e.status === 409) {
          message.error(e.message);
          load();
          return false;
        }
        if (e instanceof ApiError && e.status === 401) {
          setStatus('login');
          return false;
        }
        // The line dropped or the server is away: the draft is on the device; try again soon and when back online.
        setStatus('offline');
        retry.current = window.setTimeout(save, 15000);
        return false;
      }
    }
    setServerErrors(fromServer);
    dirty.current = true;
    setStatus('invalid');
    return false;
  };

  // Someone else saved in between: show what they changed, take their version, and offer to put ours back.
  const resolveConflict = async () => {
    const { report, items, values, texts } = latest.current;
    if (!report) return;
    const mine: Draft = { at: new Date().toISOString(), version: 0, items, values, texts,
      report: { summary: report.summary, difficulties: report.difficulties, proposals: report.proposals } };
    const base = saved.current;
    const fresh = await get<Detail>(`/reports/${id}`);
    const changes: string[] = [];
    const names: Record<ItemField, string> = { progress_percent: t('Tiến độ'), work_done: t('Kết quả thực hiện'), output_ref: t('Văn bản đầu ra (số, ngày)'),
      difficulties: t('Khó khăn, vướng mắc'), proposals: t('Kiến nghị, đề xuất'), exceeds_authority: t('Vượt thẩm quyền') };
    for (const x of fresh.items ?? []) {
      const o: Partial<Item> = base?.items?.find((y) => y.assignment_id === x.assignment_id) ?? {};
      for (const f of ITEM_FIELDS)
        if ((o[f] ?? '') !== (x[f] ?? '')) changes.push(`${t('Nhiệm vụ')} ${x.task_code} — ${names[f]}: «${fmtAny(o[f])}» → «${fmtAny(x[f])}»`);
    }
    for (const x of fresh.indicator_values ?? []) {
      const o: Partial<Value> = base?.indicator_values?.find((y) => y.indicator_id === x.indicator_id) ?? {};
      for (const f of VALUE_FIELDS)
        if ((o[f] ?? null) !== (x[f] ?? null)) changes.push(`${t('Chỉ tiêu')} ${(fresh.reportable_indicators ?? []).find((i) => i.id === x.indicator_id)?.code ?? x.indicator_id} — ${f === 'numerator' ? t('Tử số') : f === 'denominator' ? t('Mẫu số') : t('Giá trị')}: ${fmtAny(o[f])} → ${fmtAny(x[f])}`);
    }
    applyServer(fresh);
    dirty.current = false;
    setConflict({ changes, mine });
  };
  const fmtAny = (v: unknown) => (typeof v === 'number' ? fmtVn(v) : typeof v === 'boolean' ? (v ? t('có') : t('không')) : String(v ?? '—'));

  const touch = () => {
    dirty.current = true;
    setStatus('dirty');
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => { keepOnDevice(); save(); }, 1200);
  };
  // Kept on the device at once, so a closed tab loses nothing typed.
  useEffect(() => { if (dirty.current) keepOnDevice(); }, [items, values, texts, report]);
  useEffect(() => {
    const online = () => { if (dirty.current) save(); };
    const leave = (e: BeforeUnloadEvent) => { if (dirty.current || inFlight.current || unsaved.current) { keepOnDevice(); e.preventDefault(); e.returnValue = ''; } };
    window.addEventListener('online', online);
    window.addEventListener('beforeunload', leave);
    setLeaveGuard(() => !(dirty.current || unsaved.current) || window.confirm(t('Còn thay đổi chưa lưu lên máy chủ (đã giữ trên thiết bị này). Vẫn rời trang?')));
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('beforeunload', leave);
      setLeaveGuard(null);
      window.clearTimeout(timer.current);
      window.clearTimeout(retry.current);
      if (dirty.current) save();
    };
  }, [id]);

  const clearServerError = (key: string) => setServerErrors((old) => { const n = { ...old }; delete n[key]; return n; });
  const setItem = <F extends ItemField>(k: number, field: F, v: Item[F]) => {
    setItems((old) => old.map((x, i) => (i === k ? { ...x, [field]: v } : x)));
    clearServerError(`items[${k}].${field}`);
    touch();
  };
  const typeNumber = (key: string, kind: Kind, text: string, set: (v: number | null) => void) => {
    setTexts((old) => ({ ...old, [key]: text }));
    clearServerError(key);
    const v = parseVn(text);
    if (v !== undefined && !checkVn(text, kind, '').error) set(v);
    touch();
  };
  const setValue = (ind: Indicator, field: typeof VALUE_FIELDS[number], v: number | null) =>
    setValues((old) => ({ ...old, [ind.id]: { ...(old[ind.id] ?? {}), indicator_id: ind.id, [field]: v } }));

  const askReopen = async () => {
    try {
      await post(`/reports/${id}/reopen-requests`, { reason: reopenReason, version: version.current });
      setReopening(false);
      setReopenReason('');
      message.success(t('Đã gửi đề nghị mở lại đến cơ quan thường trực.'));
      load();
    } catch (e) { fail(e); }
  };
  const decideReopen = async (grant: boolean) => {
    const q = report?.reopen_request;
    if (!q) return;
    try {
      await post(`/reopen-requests/${q.id}/${grant ? 'grant' : 'refuse'}`, grant ? {} : { note: refuseNote });
      setRefusing(false);
      setRefuseNote('');
      load();
    } catch (e) { fail(e); }
  };
  const act = async (action: string, body?: unknown) => {
    window.clearTimeout(timer.current);
    try {
      const r = await post<Detail>(`/reports/${id}/${action}`, body);
      localStorage.removeItem(draftKey);
      dirty.current = false;
      applyServer(r);
      setRestored(null);
      setStatus('saved');
      message.success(stateLabel(r.state));
    } catch (e) {
      fail(e);
    }
  };
  const askSubmit = async () => {
    window.clearTimeout(timer.current);
    dirty.current = true;
    const ok = await save();
    if (!ok || Object.keys(fieldErrors()).length > 0) {
      message.error(t('Còn trường chưa hợp lệ hoặc chưa lưu được; hãy sửa các ô được đánh dấu đỏ trước khi gửi.'));
      return;
    }
    setSummaryOpen(true);
  };
  // A new report starts from last period's report: its texts and figures are copied into the empty fields,
  // shown, then changed; nothing typed is replaced.
  const fromLastPeriod = async () => {
    if (!report) return;
    const m = /^(\d{4})-(\d{2})$/.exec(report.period);
    if (!m) return;
    const y = Number(m[1]), mo = Number(m[2]);
    const prev = mo === 1 ? `${y - 1}-12` : `${y}-${String(mo - 1).padStart(2, '0')}`;
    try {
      const list = await get<Schemas['ReportList']>(`/reports?directive_id=${report.directive_id}&unit_id=${report.unit_id}&period=${prev}&limit=1`);
      if (!list.items?.length) { message.info(t('Kỳ trước chưa có báo cáo.')); return; }
      const old = await get<Detail>(`/reports/${list.items[0].id}`);
      setItems((cur) => cur.map((x) => {
        const o = (old.items ?? []).find((y) => y.assignment_id === x.assignment_id);
        if (!o) return x;
        const n = { ...x };
        for (const f of ITEM_TEXT) if (!(n[f] ?? '').trim() && o[f]) n[f] = o[f];
        if (o.exceeds_authority && !n.exceeds_authority) n.exceeds_authority = true;
        return n;
      }));
      setValues((cur) => {
        const n = { ...cur };
        for (const v of old.indicator_values ?? []) if (!n[v.indicator_id] || (n[v.indicator_id].numerator == null && n[v.indicator_id].value == null))
          n[v.indicator_id] = { indicator_id: v.indicator_id, numerator: v.numerator, denominator: v.denominator, value: v.value };
        return n;
      });
      touch();
      message.success(t('Đã chép nội dung kỳ trước vào các ô còn trống; hãy sửa cho đúng kỳ này.'));
    } catch (e) {
      fail(e);
    }
  };
  const reLogin = async () => {
    setLoginError(null);
    try {
      const r = await post<{ csrf_token: string }>('/auth/login', { username: user.username, password });
      setCsrf(r.csrf_token);
      setPassword('');
      setStatus('dirty');
      dirty.current = true;
      await save();
    } catch (e) {
      setLoginError(e instanceof ApiError ? e.message : String(e));
    }
  };
  const upload = async (file: File, assignment_id: number) => {
    if (file.size > MAX_UPLOAD_MB * 1024 * 1024) {
      message.error(`${file.name}: ${t('tệp lớn hơn')} ${MAX_UPLOAD_MB} MB.`);
      return;
    }
    setUploading(assignment_id);
    setUploadPercent(0);
    try {
      // Sent with XMLHttpRequest for its upload progress, which fetch does not report.
      await new Promise<void>((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open('POST', `/api/v1/reports/${id}/evidence?filename=${encodeURIComponent(file.name)}&assignment_id=${assignment_id}`);
        xhr.setRequestHeader('X-CSRF-Token', csrfToken());
        xhr.upload.onprogress = (e) => { if (e.lengthComputable) setUploadPercent(Math.round((100 * e.loaded) / e.total)); };
        xhr.onload = () => {
          if (xhr.status < 300) return resolve();
          let err: Partial<Schemas['Error']['error']> = {};
          try { err = (JSON.parse(xhr.responseText) as Schemas['Error']).error ?? {}; } catch { /* not JSON */ }
          reject(new ApiError(xhr.status, err.code ?? 'error', err.message ?? `HTTP ${xhr.status}`, err.field ?? null));
        };
        xhr.onerror = () => reject(new Error(t('Mất kết nối — chưa tải lên được, hãy thử lại.')));
        xhr.send(file);
      });
      // Only the list of files is taken from the answer: values typed meanwhile stay as typed.
      const fresh = await get<Detail>(`/reports/${id}`);
      setReport((old) => (old ? { ...old, evidence: fresh.evidence } : fresh));
      message.success(file.name);
    } catch (e) {
      fail(e);
    } finally {
      setUploading(null);
    }
  };

  if (loadError) return <Alert type="error" showIcon message={loadError} action={<Button onClick={load}>{t('Thử lại')}</Button>} />;
  if (!report) return <Spin />;
  const evidenceOf = (aid: number) => (report.evidence ?? []).filter((e) => e.assignment_id === aid);
  const valueOf = (ind: Indicator): Partial<Value> => values[ind.id] ?? {};
  const missingResult = items.filter((i) => !(i.work_done ?? '').trim());
  const missingEvidence = items.filter((i) => evidenceOf(i.assignment_id).length === 0);
  const missingValue = indicators.filter((ind) => { const v = valueOf(ind); return ind.aggregation === 'ratio_of_sums' ? v.numerator == null || v.denominator == null : v.value == null; });
  const statusText: Record<Status, [string, string]> = {
    saved: [savedAt ? `${t('Đã lưu nháp')} ${vnDate(savedAt).slice(11)}` : t('Đã lưu'), 'green'],
    dirty: [t('Chưa lưu — đang giữ trên thiết bị'), 'orange'],
    saving: [t('Đang lưu…'), 'blue'],
    offline: [t('Mất kết nối — đã giữ trên thiết bị, sẽ gửi lại khi có mạng'), 'red'],
    login: [t('Phiên đăng nhập đã hết — đăng nhập lại để lưu'), 'red'],
    invalid: [`${t('Đã lưu các trường hợp lệ; còn')} ${Object.keys(errors).length} ${t('trường cần sửa')}`, 'red'],
  };
  const numberInput = (key: string, kind: Kind, label: string, value: number | null | undefined, set: (v: number | null) => void, suffix?: string) => (
    <Input aria-label={label} inputMode="decimal" value={texts[key] ?? fmtVn(value)} disabled={!editable} status={errors[key] ? 'error' : undefined}
      aria-invalid={!!errors[key]} suffix={suffix} style={{ maxWidth: 200 }} onChange={(e) => typeNumber(key, kind, e.target.value, set)} />
  );
  const fieldError = (key: string) => errors[key] ? <div className="rf-error" role="alert" data-testid="field-error">{errors[key]}</div> : null;

  return (
    <div className="rf">
      <style>{`
        .rf input, .rf textarea { font-size: 16px !important; }
        .rf-label { display: block; font-weight: 600; margin: 10px 0 4px; }
        .rf-error { color: #cf1322; font-size: 14px; margin-top: 4px; }
        .rf-hint { color: #595959; font-size: 13px; }
        .rf .ant-card-head-title { white-space: normal; }
        .rf-file { position: absolute; width: 1px; height: 1px; opacity: 0; overflow: hidden; }
        .rf-hint + .rf-hint, .ant-tag + .rf-hint { margin-left: 4px; }
      `}</style>
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <Button type="link" onClick={() => go('inbox')} style={{ padding: 0 }}>← {t('Việc của tôi')}</Button>
        <div>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="report-title">{t('Kế hoạch')} {report.directive_number} — {periodLabel(report.period)}</Typography.Title>
          <div className="rf-hint">{report.unit_name} · {report.directive_title}</div>
        </div>
        {(() => {
          const state = <Tag data-testid="report-state">{stateLabel(report.state)}</Tag>;
          const timely = <>{report.timeliness === 'late' && <Tag color="red">{t('Muộn')}</Tag>}{report.timeliness === 'on_time' && <Tag color="green">{t('Đúng hạn')}</Tag>}</>;
          const saveState = editable ? <Tag color={statusText[status][1]} data-testid="save-state" style={{ whiteSpace: 'normal' }}>{status === 'saved' ? <span data-testid="saved">{statusText[status][0]}</span> : statusText[status][0]}</Tag> : null;
          const reopened = report.reopened_count > 0 ? <Tag color="orange">{t('Mở lại')} {report.reopened_count} {t('lần')}</Tag> : null;
          // On a phone the report's state fits in two short lines instead of a four-row table.
          if (!screens.md) return (
            <div style={{ lineHeight: '28px' }}>
              {state}<span className="rf-hint">{t('Hạn nộp')} {vnDate(report.due_date)}</span>
              {report.first_submitted_at && <span className="rf-hint"> · {t('Gửi lúc')} {vnDate(report.first_submitted_at)} </span>}{timely}
              <div>{saveState}{reopened}</div>
            </div>);
          return (
            <Descriptions size="small" column={4} bordered>
              <Descriptions.Item label={t('Trạng thái')}>{state}</Descriptions.Item>
              <Descriptions.Item label={t('Hạn nộp')}>{vnDate(report.due_date)}</Descriptions.Item>
              <Descriptions.Item label={t('Gửi lúc')}>{vnDate(report.first_submitted_at)} {timely}</Descriptions.Item>
              <Descriptions.Item label={editable ? t('Lưu') : ''}>{saveState}{reopened}</Descriptions.Item>
            </Descriptions>);
        })()}
        {report.state === 'returned' && <Alert type="warning" showIcon message={`${t('Bị trả lại')}: ${report.return_reason}`} />}
        {(report.reviews ?? []).length > 0 && <Card size="small" title={t('Ý kiến phê duyệt, tiếp nhận')} data-testid="reviews">
          {(report.reviews ?? []).map((v, k) => <div key={k} style={{ marginBottom: 4 }}>
            <b>{v.action === 'approve' ? t('Phê duyệt') : v.action === 'accept' ? t('Tiếp nhận') : t('Trả lại')}</b>{' '}
            ({vnDate(v.at)}): {v.on_behalf_of_name ? <span data-testid="signed-for">KT. {v.on_behalf_of_name} — {v.by_name}</span> : v.by_name}
            {v.comment && <> — <i>{v.comment}</i></>}</div>)}
        </Card>}
        {report.reopen_request?.state === 'pending' && <Alert type="info" showIcon data-testid="reopen-pending"
          message={`${t('Đề nghị mở lại đang chờ cơ quan thường trực xử lý')} (${report.reopen_request.requested_by_name}, ${vnDate(report.reopen_request.requested_at)})`}
          description={<>{t('Lý do')}: {report.reopen_request.reason}
            {['standing_agency', 'admin'].includes(user.role) && <div style={{ marginTop: 8 }}><Space wrap>
              <Button type="primary" onClick={() => decideReopen(true)}>{t('Đồng ý mở lại')}</Button>
              <Button danger onClick={() => setRefusing(true)}>{t('Không đồng ý')}</Button></Space></div>}</>} />}
        {report.reopen_request?.state === 'refused' && report.state === 'accepted' && <Alert type="warning" showIcon data-testid="reopen-refused"
          message={`${t('Cơ quan thường trực không đồng ý mở lại')} (${vnDate(report.reopen_request.decided_at)})`}
          description={`${t('Ý kiến')}: ${report.reopen_request.decision_note}`} />}
        {report.reopen_request?.state === 'granted' && ['draft', 'returned'].includes(report.state) && <Alert type="success" showIcon data-testid="reopen-granted"
          message={`${t('Cơ quan thường trực đã đồng ý mở lại báo cáo')} (${vnDate(report.reopen_request.decided_at)}). ${t('Sửa xong hãy gửi lại để duyệt.')}`} />}
        {restored && <Alert type="info" showIcon closable onClose={() => setRestored(null)} data-testid="restored"
          message={`${t('Đã khôi phục bản nháp giữ trên thiết bị này lúc')} ${vnDate(restored)}.`} />}
        {conflict && <Alert type="warning" showIcon data-testid="conflict"
          message={t('Báo cáo vừa được người khác cập nhật. Trang đã tải lại bản của họ; nội dung của bạn chưa ghi đè lên.')}
          description={<>
            <ul style={{ margin: '4px 0', paddingLeft: 18 }}>{conflict.changes.length ? conflict.changes.map((c) => <li key={c}>{c}</li>) : <li>{t('Không có thay đổi về số liệu.')}</li>}</ul>
            <Space wrap>
              <Button onClick={() => { if (saved.current) applyDraft(saved.current, conflict.mine); setConflict(null); touch(); }}>{t('Dùng lại nội dung của tôi')}</Button>
              <Button onClick={() => { localStorage.removeItem(draftKey); setConflict(null); }}>{t('Giữ bản đã tải lại')}</Button>
            </Space></>} />}
        {status === 'offline' && <Alert type="error" showIcon message={statusText.offline[0]} action={<Button size="small" onClick={() => { dirty.current = true; save(); }}>{t('Thử lại')}</Button>} />}

        {editable && items.length > 0 && items.every((i) => !(i.work_done ?? '').trim()) && (
          <Alert type="info" showIcon message={t('Báo cáo mới: có thể bắt đầu từ nội dung kỳ trước.')}
            description={<Button size="small" onClick={fromLastPeriod} data-testid="from-last-period">{t('Lấy nội dung kỳ trước')}</Button>} />)}
        {items.length === 0 && <Alert type="info" message={t('Báo cáo chưa có nhiệm vụ nào.')} />}
        <Row gutter={[12, 12]}>
          {items.map((r, k) => {
            const ev = evidenceOf(r.assignment_id);
            return (
              <Col xs={24} lg={12} key={r.assignment_id}>
                <Card size="small" data-testid="item-card" title={<span><b>{r.task_code}.</b> {r.task_name}</span>} style={{ height: '100%' }}>
                  <div className="rf-hint">{t('Kỳ trước')}: {r.previous_progress_percent != null ? vnPercent(r.previous_progress_percent) : t('chưa có')}</div>
                  <label className="rf-label">{t('Tiến độ')} (%)</label>
                  {r.derived_from
                    ? (
                      <div data-testid="derived-progress" style={{ overflowWrap: 'anywhere' }}>
                        <b>{vnPercent(r.derived_from.progress_percent)}</b>{' '}
                        <Tag color="blue">{t('Chỉ đọc')}</Tag>
                        <div className="rf-hint">
                          {t('Lấy từ cập nhật hằng tháng của nhiệm vụ KH&CN')} <b>{r.derived_from.st_task_code}</b>
                          {r.derived_from.update_recorded_on
                            ? `, ${t('cập nhật ngày')} ${vnDate(r.derived_from.update_recorded_on)}`
                            : ` (${t('chưa có cập nhật tháng này, giữ tiến độ đã có')})`}
                        </div>
                      </div>)
                    : numberInput(`items[${k}].progress_percent`, 'progress', `${t('Tiến độ')} ${r.task_code}`, r.progress_percent, (v) => setItems((old) => old.map((x, i) => (i === k ? { ...x, progress_percent: v ?? 0 } : x))), '%')}
                  {fieldError(`items[${k}].progress_percent`)}
                  {ITEM_TEXT.map((f) => {
                    const name = { work_done: t('Kết quả thực hiện'), output_ref: t('Văn bản đầu ra (số, ngày)'), difficulties: t('Khó khăn, vướng mắc'), proposals: t('Kiến nghị, đề xuất') }[f];
                    return (
                      <div key={f}>
                        <label className="rf-label">{name}</label>
                        {f === 'output_ref'
                          ? <Input aria-label={name} value={r[f]} disabled={!editable} onChange={(e) => setItem(k, f, e.target.value)} status={errors[`items[${k}].${f}`] ? 'error' : undefined} />
                          : <Input.TextArea aria-label={name} autoSize={{ minRows: f === 'work_done' ? 2 : 1 }} value={r[f]} disabled={!editable} onChange={(e) => setItem(k, f, e.target.value)} status={errors[`items[${k}].${f}`] ? 'error' : undefined} />}
                        {fieldError(`items[${k}].${f}`)}
                      </div>
                    );
                  })}
                  <Checkbox style={{ marginTop: 10 }} checked={r.exceeds_authority} disabled={!editable} onChange={(e) => setItem(k, 'exceeds_authority', e.target.checked)}>
                    {t('Vượt thẩm quyền')} — {t('kiến nghị cấp trên xử lý')}
                  </Checkbox>
                  <label className="rf-label">{t('Minh chứng')}</label>
                  {ev.length === 0 && <div className="rf-hint">{t('Chưa có tệp minh chứng.')}</div>}
                  {ev.map((e) => <div key={e.id} data-testid="evidence"><a href={e.url}>{e.filename}</a> <span className="rf-hint">({Math.ceil(e.size_bytes / 1024)} KB)</span></div>)}
                  {editable && <>
                    {/* The browser's own file field speaks the browser's language: a labelled button in ours opens it. */}
                    <input type="file" id={`file-${r.assignment_id}`} aria-label={`${t('Minh chứng')} ${r.task_code}`} disabled={uploading !== null} className="rf-file"
                      accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.odt,.doc,.xls"
                      onChange={(e) => { const f = e.target.files?.[0]; if (f) upload(f, r.assignment_id); e.target.value = ''; }} />
                    <Button style={{ marginTop: 6 }} disabled={uploading !== null} onClick={() => document.getElementById(`file-${r.assignment_id}`)?.click()}>
                      {t('Thêm tệp minh chứng')}</Button>
                    <div className="rf-hint">{uploading === r.assignment_id ? `${t('Đang tải lên…')} ${uploadPercent} %` : `${t('PDF, ảnh, Word, Excel')}; ${t('tối đa')} ${MAX_UPLOAD_MB} MB`}</div>
                  </>}
                </Card>
              </Col>
            );
          })}
        </Row>

        {indicators.length > 0 && (
          <Card size="small" title={t('Chỉ tiêu')}>
            <Row gutter={[12, 12]}>
              {indicators.map((ind) => {
                const v = valueOf(ind);
                const ratio = ind.aggregation === 'ratio_of_sums';
                return (
                  <Col xs={24} md={12} key={ind.id} data-testid="indicator-card">
                    <div><b>{ind.code}.</b> {ind.name} <span className="rf-hint">({ind.target_text})</span></div>
                    {ratio ? <Space wrap align="start">
                      {(['numerator', 'denominator'] as const).map((f) => <div key={f}>
                        <label className="rf-label">{f === 'numerator' ? t('Tử số') : t('Mẫu số')}</label>
                        {numberInput(`ind.${ind.id}.${f}`, 'amount', `${f === 'numerator' ? t('Tử số') : t('Mẫu số')} ${ind.code}`, v[f], (x) => setValue(ind, f, x))}
                      </div>)}
                      <div><label className="rf-label">{t('Tỷ lệ')}</label>
                        <b data-testid={`rate-${ind.code}`} style={{ lineHeight: '40px' }}>{v.denominator != null && v.denominator > 0 && !errors[`ind.${ind.id}.numerator`] ? vnPercent((100 * (v.numerator ?? 0)) / v.denominator) : '—'}</b></div>
                    </Space> : <>
                      <label className="rf-label">{t('Giá trị')} {ind.unit_of_measure ? `(${ind.unit_of_measure})` : ''}</label>
                      {numberInput(`ind.${ind.id}.value`, 'measure', `${t('Giá trị')} ${ind.code}`, v.value, (x) => setValue(ind, 'value', x))}
                    </>}
                    {fieldError(`ind.${ind.id}.numerator`)}{fieldError(`ind.${ind.id}.denominator`)}{fieldError(`ind.${ind.id}.value`)}
                  </Col>
                );
              })}
            </Row>
          </Card>
        )}
        <Card size="small" title={`${t('Khó khăn, vướng mắc')} / ${t('Kiến nghị, đề xuất')} (${t('chung')})`}>
          <label className="rf-label">{t('Khó khăn, vướng mắc')}</label>
          <Input.TextArea aria-label={`${t('Khó khăn, vướng mắc')} (${t('chung')})`} autoSize={{ minRows: 2 }} value={report.difficulties} disabled={!editable}
            onChange={(e) => { setReport({ ...report, difficulties: e.target.value }); touch(); }} />
          {fieldError('difficulties')}
          <label className="rf-label">{t('Kiến nghị, đề xuất')}</label>
          <Input.TextArea aria-label={`${t('Kiến nghị, đề xuất')} (${t('chung')})`} autoSize={{ minRows: 2 }} value={report.proposals} disabled={!editable}
            onChange={(e) => { setReport({ ...report, proposals: e.target.value }); touch(); }} />
          {fieldError('proposals')}
          {(report.evidence ?? []).filter((e) => !e.assignment_id).map((e) => <div key={e.id}><a href={e.url}>{e.filename}</a> ({Math.ceil(e.size_bytes / 1024)} KB)</div>)}
        </Card>
        <Space wrap>
          {user.role === 'focal_point' && ['draft', 'returned'].includes(report.state) && <Button type="primary" size="large" onClick={askSubmit}>{t('Gửi báo cáo')}</Button>}
          {user.role === 'focal_point' && report.state === 'accepted' && report.reopen_request?.state !== 'pending' && <Button size="large" onClick={() => setReopening(true)}>{t('Đề nghị mở lại để sửa')}</Button>}
          {user.role === 'focal_point' && report.state === 'submitted' && <Button size="large" onClick={() => setWithdrawOpen(true)}>{t('Rút lại để sửa')}</Button>}
          {((approver && report.state === 'submitted') || (['standing_agency', 'admin'].includes(user.role) && report.state === 'approved')) &&
            <Input.TextArea aria-label={t('Ý kiến khi phê duyệt (không bắt buộc)')} placeholder={t('Ý kiến khi phê duyệt (không bắt buộc)')} value={reviewComment} onChange={(e) => setReviewComment(e.target.value)} autoSize style={{ minWidth: 280 }} />}
          {approver && report.state === 'submitted' && <><Button type="primary" onClick={() => act('approve', reviewComment.trim() ? { comment: reviewComment } : {})}>{t('Phê duyệt')}</Button><Button danger onClick={() => setReturning(true)}>{t('Trả lại')}</Button></>}
          {['standing_agency', 'admin'].includes(user.role) && report.state === 'approved' && <><Button type="primary" onClick={() => act('accept', reviewComment.trim() ? { comment: reviewComment } : {})}>{t('Tiếp nhận')}</Button><Button danger onClick={() => setReturning(true)}>{t('Trả lại')}</Button></>}
        </Space>
      </Space>

      <Modal open={summaryOpen} title={t('Kiểm tra trước khi gửi')} okText={t('Gửi báo cáo')} cancelText={t('Quay lại sửa')} onCancel={() => setSummaryOpen(false)}
        onOk={async () => { setSummaryOpen(false); await act('submit'); }}>
        <div data-testid="submit-summary">
          {missingResult.length + missingEvidence.length + missingValue.length === 0
            ? <Alert type="success" message={t('Đã đủ kết quả, minh chứng và số liệu chỉ tiêu.')} />
            : <Typography.Paragraph>{t('Báo cáo còn thiếu (vẫn có thể gửi):')}</Typography.Paragraph>}
          {missingResult.length > 0 && <Typography.Paragraph data-testid="missing-result"><b>{missingResult.length} {t('nhiệm vụ chưa có kết quả')}:</b> {missingResult.map((i) => i.task_code).join(', ')}</Typography.Paragraph>}
          {missingEvidence.length > 0 && <Typography.Paragraph data-testid="missing-evidence"><b>{missingEvidence.length} {t('nhiệm vụ chưa có minh chứng')}:</b> {missingEvidence.map((i) => i.task_code).join(', ')}</Typography.Paragraph>}
          {missingValue.length > 0 && <Typography.Paragraph data-testid="missing-value"><b>{missingValue.length} {t('chỉ tiêu chưa có số liệu')}:</b> {missingValue.map((i) => i.code).join(', ')}</Typography.Paragraph>}
          <Typography.Paragraph type="secondary">{t('Sau khi gửi, bạn vẫn rút lại được để sửa cho đến khi lãnh đạo đơn vị phê duyệt; thời điểm gửi lần đầu vẫn được dùng để tính đúng hạn.')}</Typography.Paragraph>
        </div>
      </Modal>
      <Modal open={reopening} title={t('Đề nghị mở lại để sửa')} okText={t('Gửi đề nghị')} cancelText={t('Hủy')} onCancel={() => setReopening(false)}
        okButtonProps={{ disabled: !reopenReason.trim() }} onOk={askReopen}>
        <Typography.Paragraph>{t('Báo cáo đã được cơ quan thường trực tiếp nhận. Nếu cơ quan thường trực đồng ý, báo cáo trở về đang soạn để bạn sửa, rồi gửi và duyệt lại; thời điểm gửi lần đầu vẫn được dùng để tính đúng hạn.')}</Typography.Paragraph>
        <label className="rf-label" htmlFor="reopen-reason">{t('Lý do đề nghị mở lại')}</label>
        <Input.TextArea id="reopen-reason" value={reopenReason} onChange={(e) => setReopenReason(e.target.value)} autoSize={{ minRows: 3 }} />
      </Modal>
      <Modal open={refusing} title={t('Không đồng ý mở lại')} okText={t('Không đồng ý')} cancelText={t('Hủy')} onCancel={() => setRefusing(false)}
        okButtonProps={{ disabled: !refuseNote.trim(), danger: true }} onOk={() => decideReopen(false)}>
        <label className="rf-label" htmlFor="refuse-note">{t('Ý kiến')}</label>
        <Input.TextArea id="refuse-note" value={refuseNote} onChange={(e) => setRefuseNote(e.target.value)} autoSize={{ minRows: 3 }} />
      </Modal>
      <Modal open={withdrawOpen} title={t('Rút lại để sửa')} okText={t('Rút lại')} cancelText={t('Hủy')} onCancel={() => setWithdrawOpen(false)}
        onOk={async () => { setWithdrawOpen(false); await act('withdraw', { version: version.current }); }}>
        {t('Báo cáo sẽ trở về trạng thái đang soạn để bạn sửa rồi gửi lại. Thời điểm gửi lần đầu vẫn được dùng để tính đúng hạn.')}
      </Modal>
      <Modal open={status === 'login'} title={t('Phiên đăng nhập đã hết')} okText={t('Đăng nhập và lưu')} cancelButtonProps={{ style: { display: 'none' } }} closable={false}
        onOk={reLogin} okButtonProps={{ disabled: !password }}>
        <Typography.Paragraph>{t('Nội dung bạn đã nhập vẫn được giữ trên thiết bị này. Nhập lại mật khẩu để lưu tiếp.')}</Typography.Paragraph>
        <Typography.Paragraph>{t('Tên đăng nhập')}: <b>{user.username}</b></Typography.Paragraph>
        <Input.Password aria-label={t('Mật khẩu')} value={password} onChange={(e) => setPassword(e.target.value)} onPressEnter={reLogin} />
        {loginError && <div className="rf-error">{loginError}</div>}
      </Modal>
      <Modal open={returning} title={t('Trả lại')} okText={t('Trả lại')} cancelText={t('Hủy')} onCancel={() => setReturning(false)} okButtonProps={{ disabled: !reason.trim() }}
        onOk={async () => { await act('return', { reason }); setReturning(false); setReason(''); }}>
        <Input.TextArea aria-label={t('Lý do')} placeholder={t('Lý do')} value={reason} onChange={(e) => setReason(e.target.value)} autoSize={{ minRows: 3 }} />
      </Modal>
    </div>
  );
}
