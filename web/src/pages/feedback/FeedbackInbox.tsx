// The staff inbox of feedback: the figures per lead unit with the counts behind them (R1 on time, R2 per
// Decision 766, the rated share), and every item in the person's scope with the steps its state allows —
// classify, assign, draft the answer, write the public version (moderation, needed before approval), approve
// (publishes), send back, extend once, reopen once. Whether this
// person may take a step is the server's to say (domain/feedback); its refusal is shown on the item.
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Checkbox, Collapse, Descriptions, Form, Grid, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { ApiError, get, post, Schemas, User } from '../../api';
import { useT, vnDate, vnPercent } from '../../i18n';
import { CHANNEL_VI, FIELDS, KIND_VI, RATING_VI, SENDER_VI, STATE_VI } from './labels';
import { ExternalCodes } from '../../ExternalCodes';
import { go, useRoute } from '../../router';
import { TaskLinks } from './TaskLinks';
import { Adoption, AdoptionTag } from './Adoption';

type Item = Schemas['FeedbackItem'];
type Figures = Schemas['FeedbackFiguresAnswer'];
type UnitFigures = Schemas['FeedbackUnitFigures'];

function Steps({ item, units, onChange }: { item: Item; units: { value: number; label: string }[]; onChange: (i: Item) => void }) {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState('accepted');
  const [reason, setReason] = useState('');
  const [other, setOther] = useState('');
  const [unit, setUnit] = useState<number | undefined>(item.lead_unit_id ?? undefined);
  const [coordinating, setCoordinating] = useState<number[]>(item.coordinators.map((u) => u.unit_id));
  const [answer, setAnswer] = useState(item.draft_answer ?? '');
  const [note, setNote] = useState(item.internal_note ?? '');
  const [late, setLate] = useState(false);
  const [extendReason, setExtendReason] = useState('');
  const [publicTitle, setPublicTitle] = useState(item.public_title ?? item.title);
  const [publicText, setPublicText] = useState(item.public_text ?? item.suggested_public_text);
  const [hideName, setHideName] = useState(item.public_anonymous || item.anonymous);
  const act = async (step: string, body: Record<string, unknown>) => {
    setError(null);
    try {
      onChange(await post<Item>(`/feedback/${item.id}/${step}`, { version: item.version, ...body }));
      setReason('');
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  const s = item.state;
  const open = ['accepted', 'assigned', 'drafted'].includes(s);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {s === 'received' && (
        <Space wrap>
          <Select aria-label={t('Kết quả phân loại')} value={outcome} onChange={setOutcome} style={{ minWidth: 220 }} options={[
            { value: 'accepted', label: t('Thụ lý') }, { value: 'not_accepted', label: t('Không thụ lý') },
            { value: 'merged', label: t('Gộp vào phản ánh khác') }, { value: 'forwarded', label: t('Chuyển cơ quan có thẩm quyền') }]} />
          {outcome === 'merged' && <Input aria-label={t('Mã phản ánh được gộp vào')} placeholder="PA-…" value={other} onChange={(e) => setOther(e.target.value)} />}
          {outcome === 'forwarded' && <Input aria-label={t('Cơ quan được chuyển đến')} value={other} onChange={(e) => setOther(e.target.value)} />}
          {outcome !== 'accepted' && <Input aria-label={t('Lý do')} placeholder={t('Lý do')} value={reason} onChange={(e) => setReason(e.target.value)} />}
          <Button type="primary" data-testid="classify" onClick={() => act('classify', {
            outcome, ...(reason ? { reason } : {}),
            ...(outcome === 'merged' ? { merged_into_code: other } : {}), ...(outcome === 'forwarded' ? { forwarded_to: other } : {}) })}>
            {t('Phân loại')}</Button>
        </Space>
      )}
      {(s === 'accepted' || s === 'assigned') && (
        <Space wrap>
          <Select aria-label={t('Đơn vị chủ trì')} showSearch optionFilterProp="label" placeholder={t('Đơn vị chủ trì')} value={unit}
            onChange={setUnit} options={units} style={{ minWidth: 260 }} />
          <Select aria-label={t('Đơn vị phối hợp')} mode="multiple" showSearch optionFilterProp="label" placeholder={t('Đơn vị phối hợp')}
            value={coordinating} onChange={setCoordinating} options={units.filter((u) => u.value !== unit)} style={{ minWidth: 260 }} data-testid="coordinating" />
          <Button data-testid="assign" type={s === 'accepted' ? 'primary' : 'default'} disabled={!unit}
            onClick={() => act('assign', { lead_unit_id: unit, coordinating_unit_ids: coordinating })}>{t('Giao xử lý')}</Button>
        </Space>
      )}
      {(s === 'assigned' || s === 'drafted') && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Input.TextArea aria-label={t('Nội dung trả lời')} placeholder={t('Nội dung trả lời (sẽ công khai khi thủ trưởng duyệt)')} rows={3}
            value={answer} onChange={(e) => setAnswer(e.target.value)} />
          <Input aria-label={t('Ghi chú nội bộ')} placeholder={t('Ghi chú nội bộ (không công khai)')} value={note} onChange={(e) => setNote(e.target.value)} />
          <Button data-testid="draft" disabled={!answer.trim()} onClick={() => act('answer', { answer, ...(note ? { internal_note: note } : {}) })}>{t('Lưu bản trả lời')}</Button>
        </Space>
      )}
      {['received', 'accepted', 'assigned', 'drafted', 'published'].includes(s) && (
        <Collapse size="small" defaultActiveKey={s === 'drafted' && !item.moderated_on ? ['public'] : []} items={[{
          key: 'public',
          label: <Space wrap>{t('Bản công khai')}{item.moderated_on
            ? <Tag color="green">{t('Đã biên tập')} {vnDate(item.moderated_on)}</Tag>
            : <Tag color="orange" data-testid="not-moderated">{t('Chưa biên tập — chưa duyệt trả lời được')}</Tag>}</Space>,
          children: (
            <Space direction="vertical" style={{ width: '100%' }} data-testid="moderation">
              <Typography.Text type="secondary">{t('Che tên người, số điện thoại, thư điện tử và lời lẽ không phù hợp; bản nhận được vẫn giữ nguyên.')}</Typography.Text>
              <Input aria-label={t('Tiêu đề bản công khai')} value={publicTitle} onChange={(e) => setPublicTitle(e.target.value)} />
              <Input.TextArea aria-label={t('Nội dung bản công khai')} rows={3} value={publicText} onChange={(e) => setPublicText(e.target.value)} />
              <Checkbox checked={hideName} disabled={item.anonymous} onChange={(e) => setHideName(e.target.checked)}>
                {item.anonymous ? t('Người gửi chọn ẩn danh: công khai không kèm tên') : t('Công khai không kèm tên người gửi')}</Checkbox>
              <Button data-testid="moderate" disabled={!publicTitle.trim() || !publicText.trim()}
                onClick={() => act('moderate', { public_title: publicTitle, public_text: publicText, public_anonymous: hideName })}>{t('Lưu bản công khai')}</Button>
            </Space>
          ),
        }]} />
      )}
      {s === 'drafted' && (
        <Space wrap>
          <Button type="primary" data-testid="approve" onClick={() => act('approve', {})}>{t('Duyệt và công khai')}</Button>
          <Input aria-label={t('Lý do trả lại')} placeholder={t('Lý do trả lại')} value={reason} onChange={(e) => setReason(e.target.value)} />
          <Button disabled={!reason.trim()} onClick={() => act('send-back', { reason })}>{t('Trả lại để sửa')}</Button>
        </Space>
      )}
      {open && !item.extended_due && (
        <Space wrap>
          <Input aria-label={t('Lý do gia hạn')} placeholder={t('Lý do gia hạn (công khai)')} value={extendReason}
            onChange={(e) => setExtendReason(e.target.value)} />
          <Button disabled={!extendReason.trim()} onClick={() => act('extend', { reason: extendReason })}>{t('Gia hạn một lần')}</Button>
        </Space>
      )}
      {s === 'published' && !item.reopened_on && (
        <Space wrap>
          <Input aria-label={t('Lý do mở lại')} placeholder={t('Lý do mở lại')} value={reason} onChange={(e) => setReason(e.target.value)} />
          <Checkbox checked={late} onChange={(e) => setLate(e.target.checked)}>{t('Vì trả lời quá hạn')}</Checkbox>
          <Button disabled={!reason.trim()} onClick={() => act('reopen', { reason, late })}>{t('Mở lại')}</Button>
        </Space>
      )}
      {error && <Alert type="error" showIcon message={error} data-testid="step-error" />}
    </Space>
  );
}

function ItemCard({ item, units, onChange, canEditCodes, canHandle, canDecide }: { item: Item; units: { value: number; label: string }[]; onChange: (i: Item) => void; canEditCodes: boolean; canHandle: boolean; canDecide: boolean }) {
  const t = useT();
  return (
    <Card size="small" data-testid="feedback-item" data-code={item.code} style={{ marginBottom: 8 }} styles={{ title: { whiteSpace: 'normal' } }}
      // The code and the tags in the header, the title in full below it: on a phone a header holding all three
      // cut the title to a few letters.
      title={<Space size={4} wrap><Typography.Text strong>{item.code}</Typography.Text><Tag data-testid="item-state">{t(STATE_VI[item.state])}</Tag>
        {item.urgency === 'overdue' && <Tag color="red" data-testid="urgency">{t('Quá hạn trả lời')}</Tag>}
        {item.urgency === 'due_soon' && <Tag color="orange" data-testid="urgency">{t('Sắp đến hạn trả lời')}</Tag>}
        <AdoptionTag adoption={item.adoption} /></Space>}>
      <Typography.Paragraph strong style={{ marginBottom: 8 }}>{item.title}</Typography.Paragraph>
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('Loại góp ý')}>{t(KIND_VI[item.kind])} · {item.field}</Descriptions.Item>
        <Descriptions.Item label={t('Người gửi')}>{t(SENDER_VI[item.sender_type])}
          {item.sender && !item.contact_erased_on ? ` · ${item.sender.name ?? ''} · ${item.sender.contact ?? ''}` : ''}
          {item.contact_erased_on ? ` · ${t('Đã xóa liên hệ người gửi (hết thời hạn lưu trữ)')} ${vnDate(item.contact_erased_on)}` : ''}</Descriptions.Item>
        <Descriptions.Item label={t('Ngày tiếp nhận')}>{vnDate(item.received_on)}</Descriptions.Item>
        <Descriptions.Item label={t('Hạn trả lời')}>{vnDate(item.owed_by)}{item.reopened_on && item.state !== 'published' ? ` (${t('mở lại')} ${vnDate(item.reopened_on)})` : item.extended_due ? ` (${t('đã gia hạn')})` : ''}</Descriptions.Item>
        {item.lead_unit_name && <Descriptions.Item label={t('Đơn vị chủ trì')}>{item.lead_unit_name}</Descriptions.Item>}
        {item.coordinators.length > 0 && <Descriptions.Item label={t('Đơn vị phối hợp')}>
          <span data-testid="coordinators">{item.coordinators.map((u) => u.unit_name).join(', ')}</span></Descriptions.Item>}
        {item.rating && <Descriptions.Item label={t('Đánh giá')}>{t(RATING_VI[item.rating])}{item.rating_reason ? ` — ${item.rating_reason}` : ''}</Descriptions.Item>}
        {item.reopen_reason && <Descriptions.Item label={t('Lý do mở lại')}>{item.reopen_reason}</Descriptions.Item>}
        {item.public_answer && <Descriptions.Item label={t('Trả lời đã công khai')}>{item.public_answer}</Descriptions.Item>}
        {item.answers && item.answers.length > 1 && (
          <Descriptions.Item label={t('Các câu trả lời trước')}>
            <div data-testid="earlier-answers">{item.answers.slice(0, -1).map((a, i) => <div key={i}>{vnDate(a.published_on)}: {a.text}</div>)}</div>
          </Descriptions.Item>)}
        {item.leads && item.leads.length > 1 && (
          <Descriptions.Item label={t('Các lần giao đơn vị chủ trì')}>
            <span data-testid="lead-history">{item.leads.map((l) => `${vnDate(l.assigned_on)} ${l.lead_unit_name}`).join(' → ')}</span>
          </Descriptions.Item>)}
      </Descriptions>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 3, expandable: true }}>{item.text}</Typography.Paragraph>
      <TaskLinks item={item} canEdit={canHandle} onChange={onChange} />
      {/* Keyed apart from the steps below (siblings need keys of their own): a new version starts both afresh. */}
      <Adoption key={`adoption-${item.version}`} item={item} canHandle={canHandle} canDecide={canDecide} onChange={onChange} />
      <Steps key={item.version} item={item} units={units} onChange={onChange} />
      {/* Loaded when opened: the inbox lists up to 200 items. */}
      <Collapse size="small" style={{ marginTop: 8 }} items={[{ key: 'codes', label: t('Mã ở hệ thống ngoài'),
        children: <ExternalCodes entity="feedback_item" id={item.id} canEdit={canEditCodes} /> }]} />
    </Card>
  );
}

// An item received by letter, phone, a meeting, the one-stop desk or pakn.nq57.vn, typed in by the desk.
function DeskEntry({ onDone }: { onDone: () => void }) {
  const t = useT();
  const [form] = Form.useForm();
  const [receipt, setReceipt] = useState<Schemas['FeedbackDeskReceipt'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const channel = Form.useWatch('channel', form);
  const send = async (v: Schemas['FeedbackDeskEntry']) => {
    setError(null);
    try {
      setReceipt(await post<Schemas['FeedbackDeskReceipt']>('/feedback', { ...v, consent: v.consent === true }));
      form.resetFields();
      onDone();
    } catch (e) {
      if (e instanceof ApiError && e.field && form.getFieldInstance?.(e.field) !== undefined) form.setFields([{ name: e.field, errors: [e.message] }]);
      else setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  const required = (m: string) => [{ required: true, message: t(m) }];
  return (
    <Form form={form} layout="vertical" onFinish={send} initialValues={{ channel: 'letter', kind: 'phan_anh', sender_type: 'nguoi_dan' }} requiredMark={false}>
      <Space wrap align="start">
        <Form.Item label={t('Kênh tiếp nhận')} name="channel"><Select style={{ minWidth: 200 }} options={Object.entries(CHANNEL_VI).map(([value, label]) => ({ value, label: t(label) }))} /></Form.Item>
        {channel === 'pakn' && <Form.Item label={t('Mã trên hệ thống gửi đến')} name="external_ref"><Input /></Form.Item>}
        <Form.Item label={t('Loại góp ý')} name="kind"><Select style={{ minWidth: 180 }} options={Object.entries(KIND_VI).map(([value, label]) => ({ value, label: t(label) }))} /></Form.Item>
        <Form.Item label={t('Lĩnh vực')} name="field" rules={required('Chọn lĩnh vực')}><Select style={{ minWidth: 200 }} options={FIELDS.map((f) => ({ value: f, label: t(f) }))} /></Form.Item>
        <Form.Item label={t('Đối tượng gửi')} name="sender_type"><Select style={{ minWidth: 200 }} options={Object.entries(SENDER_VI).map(([value, label]) => ({ value, label: t(label) }))} /></Form.Item>
      </Space>
      <Form.Item label={t('Tiêu đề')} name="title" rules={required('Nhập tiêu đề')}><Input /></Form.Item>
      <Form.Item label={t('Nội dung')} name="text" rules={required('Nhập nội dung')}><Input.TextArea rows={3} /></Form.Item>
      <Space wrap align="start">
        <Form.Item label={t('Họ và tên')} name="name" rules={required('Nhập họ và tên')}><Input /></Form.Item>
        <Form.Item label={t('Số điện thoại hoặc thư điện tử')} name="contact" rules={required('Nhập số điện thoại hoặc thư điện tử')}><Input /></Form.Item>
      </Space>
      <Form.Item name="consent" valuePropName="checked"><Checkbox>{t('Người gửi đã đồng ý cho phép xử lý dữ liệu cá nhân')}</Checkbox></Form.Item>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 8 }} />}
      {receipt && <Alert type="success" showIcon style={{ marginBottom: 8 }} data-testid="desk-receipt"
        message={`${t('Đã nhập')} ${receipt.code}`} description={<>{t('Gửi liên kết này cho người gửi để tra cứu và đánh giá:')} <Typography.Text copyable>{receipt.link}</Typography.Text></>} />}
      <Button type="primary" htmlType="submit">{t('Nhập phản ánh')}</Button>
    </Form>
  );
}

// One unit's figures on a phone: the counts behind each rate, a line each, instead of an eight-column table.
function FiguresCard({ f, name }: { f: Omit<UnitFigures, 'unit_id' | 'unit_name'>; name: string }) {
  const t = useT();
  return (
    <Card size="small" style={{ marginBottom: 8 }} title={name} styles={{ title: { whiteSpace: 'normal' } }} data-testid="feedback-figures-card">
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('Tiếp nhận')}>{f.received} · {t('Thuộc thẩm quyền')} {f.within_competence} · {t('Quá hạn')} {f.overdue}</Descriptions.Item>
        <Descriptions.Item label={t('Đúng hạn (R1)')}>{vnPercent(f.r1_percent)} ({f.answered_on_time}/{f.answered + f.overdue})</Descriptions.Item>
        <Descriptions.Item label={t('Hài lòng (R2, QĐ 766)')}>{vnPercent(f.r2_percent)} ({f.within_competence - f.complaints}/{f.within_competence})</Descriptions.Item>
        <Descriptions.Item label={t('Đánh giá hài lòng')}>{vnPercent(f.rated_share_percent)} ({f.rat_hai_long + f.hai_long}/{f.ratings})</Descriptions.Item>
        <Descriptions.Item label={t('Số ngày trả lời (trung vị)')}>{f.median_days === null ? '—' : String(f.median_days).replace('.', ',')}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

export function FiguresTable({ figures }: { figures: Figures }) {
  const t = useT();
  const phone = !Grid.useBreakpoint().md;
  const rows: (UnitFigures & { key: string })[] = [
    ...figures.units.map((u) => ({ ...u, key: String(u.unit_id ?? 'none') })),
    { ...figures.total, unit_id: null, unit_name: t('Toàn thành phố (trong phạm vi)'), key: 'total' },
  ];
  // On a phone: the whole scope first, each lead unit's card one tap away.
  if (phone) return (
    <div data-testid="feedback-figures">
      <FiguresCard f={figures.total} name={t('Toàn thành phố (trong phạm vi)')} />
      {figures.units.length > 0 && <Collapse size="small" items={[{ key: 'units', label: `${t('Theo đơn vị chủ trì')} (${figures.units.length})`,
        children: figures.units.map((u) => <FiguresCard key={u.unit_id ?? 'none'} f={u} name={u.unit_name ?? t('Chưa giao')} />) }]} />}
    </div>
  );
  return (
    <Table size="small" pagination={false} dataSource={rows} scroll={{ x: true }} data-testid="feedback-figures" columns={[
      { title: t('Đơn vị chủ trì'), dataIndex: 'unit_name', render: (v: string | null) => v ?? t('Chưa giao') },
      { title: t('Tiếp nhận'), dataIndex: 'received' },
      { title: t('Thuộc thẩm quyền'), dataIndex: 'within_competence' },
      { title: t('Đúng hạn (R1)'), key: 'r1', render: (_: unknown, r: UnitFigures) => `${vnPercent(r.r1_percent)} (${r.answered_on_time}/${r.answered + r.overdue})` },
      { title: t('Hài lòng (R2, QĐ 766)'), key: 'r2', render: (_: unknown, r: UnitFigures) => `${vnPercent(r.r2_percent)} (${r.within_competence - r.complaints}/${r.within_competence})` },
      { title: t('Đánh giá hài lòng'), key: 'rated', render: (_: unknown, r: UnitFigures) => `${vnPercent(r.rated_share_percent)} (${r.rat_hai_long + r.hai_long}/${r.ratings})` },
      { title: t('Quá hạn'), dataIndex: 'overdue' },
      { title: t('Số ngày trả lời (trung vị)'), dataIndex: 'median_days', render: (v: number | null) => (v === null ? '—' : String(v).replace('.', ',')) },
    ]} />
  );
}

// The inbox's warning lists (issue 15, item 3): answers owed that are due soon or overdue today.
const URGENCY_VI: Record<string, string> = { due_soon: 'Sắp đến hạn trả lời', overdue: 'Quá hạn trả lời' };

export function FeedbackInbox({ user }: { user: User }) {
  const t = useT();
  // "#/phan-anh/12" opens one item (a reminder's link); "#/phan-anh?urgency=overdue" the warning list.
  const route = useRoute();
  const one = route.id ? Number(route.id) : null;
  const urgency = route.query.get('urgency') ?? undefined;
  const [items, setItems] = useState<Item[] | null>(null);
  const [figures, setFigures] = useState<Figures | null>(null);
  const [units, setUnits] = useState<{ value: number; label: string }[]>([]);
  const [state, setState] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const load = () => {
    setError(null);
    const failed = (e: unknown) => setError(e instanceof Error ? e.message : String(e));
    if (one) get<Item>(`/feedback/${one}`).then((i) => setItems([i])).catch(failed);
    else get<Schemas['FeedbackItemList']>(`/feedback?limit=200${state ? `&state=${state}` : ''}${urgency ? `&urgency=${urgency}` : ''}`).then((r) => setItems(r.items)).catch(failed);
    get<Figures>('/feedback-figures').then(setFigures).catch(() => undefined);
  };
  useEffect(load, [state, one, urgency]);
  useEffect(() => {
    get<Schemas['UnitList']>('/units?limit=1000').then((r) => setUnits(r.items.map((u) => ({ value: u.id, label: u.name })))).catch(() => undefined);
  }, []);
  const changed = (next: Item) => {
    setItems((list) => (list ?? []).map((i) => (i.id === next.id ? next : i)));
    get<Figures>('/feedback-figures').then(setFigures).catch(() => undefined);
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>{t('Phản ánh, kiến nghị')}</Typography.Title>
      <Typography.Text type="secondary">{user.unit_name} · <a href="#/gop-y" target="_blank" rel="noreferrer">{t('Trang góp ý công khai')}</a></Typography.Text>
      {figures && <FiguresTable figures={figures} />}
      {['admin', 'standing_agency', 'unit_head', 'focal_point'].includes(user.role) && (
        <Collapse items={[{ key: 'desk', label: t('Nhập phản ánh nhận qua thư, điện thoại, cuộc họp, một cửa, pakn.nq57.vn'), children: <DeskEntry onDone={load} /> }]} />
      )}
      {one ? <a href="#/phan-anh" data-testid="all-feedback">{t('Xem tất cả phản ánh, kiến nghị')}</a> : (
        <Space wrap>
          <Select aria-label={t('Lọc theo trạng thái')} allowClear placeholder={t('Mọi trạng thái')} value={state} onChange={setState} style={{ minWidth: 220 }}
            options={Object.entries(STATE_VI).map(([value, label]) => ({ value, label: t(label) }))} />
          <Select aria-label={t('Lọc theo hạn trả lời')} allowClear placeholder={t('Mọi hạn trả lời')} value={urgency} style={{ minWidth: 220 }}
            onChange={(v?: string) => go(v ? `phan-anh?urgency=${v}` : 'phan-anh')} data-testid="urgency-filter"
            options={Object.entries(URGENCY_VI).map(([value, label]) => ({ value, label: t(label) }))} />
        </Space>)}
      {error && <Alert type="error" showIcon message={error} action={<Button size="small" onClick={load}>{t('Thử lại')}</Button>} />}
      {items?.length === 0 && <Alert type="info" message={urgency ? t('Không có phản ánh nào đến hạn trả lời như đã lọc.') : t('Không có phản ánh nào.')} />}
      {items?.map((i) => <ItemCard key={i.id} item={i} units={units} onChange={changed} canEditCodes={['admin', 'standing_agency'].includes(user.role)} canDecide={['admin', 'standing_agency'].includes(user.role)}
        canHandle={['admin', 'standing_agency', 'unit_head', 'focal_point'].includes(user.role)} />)}
    </Space>
  );
}
