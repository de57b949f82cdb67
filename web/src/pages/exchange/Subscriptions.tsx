// Signed events for the city's platforms (issue 18, item 4), the admin's screen (the API's manage_exchange):
// subscribe an allowed HTTPS address to event types or make it a system's outbox connector, see the secret
// once, switch a subscription off and on, and read each one's delivery log — every attempt — replaying a
// delivery that gave up.
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Checkbox, Empty, Form, Input, Radio, Select, Space, Tag, Typography, message } from 'antd';
import { api, get, post, Schemas } from '../../api';
import { errorText, fail } from '../../shared';
import { useT, vnDate } from '../../i18n';

type Subscription = Schemas['EventSubscription'];
type Delivery = Schemas['EventDelivery'];
type Detail = Schemas['EventDeliveryDetail'];
type EventType = Schemas['EventType'];
type DeliveryState = Schemas['EventDeliveryState'];

export const EVENT_VI: Record<EventType, string> = {
  report_submitted: 'Báo cáo được gửi', report_approved: 'Báo cáo được lãnh đạo đơn vị duyệt',
  report_accepted: 'Báo cáo được cơ quan thường trực tiếp nhận', report_returned: 'Báo cáo bị trả lại',
  assignment_overdue: 'Nhiệm vụ được giao quá hạn', indicator_status_changed: 'Chỉ tiêu chuyển trạng thái',
  feedback_answered: 'Phản ánh, kiến nghị được trả lời', outbox_item: 'Mục hộp thư đi lên cấp trên',
};
const STATE_VI: Record<DeliveryState, [string, string]> = {
  pending: ['Đang chờ gửi', 'blue'], sending: ['Đang gửi', 'cyan'], sent: ['Đã gửi', 'green'], failed: ['Gửi thất bại hẳn', 'red'],
};
const OUTCOME_VI: Record<string, string> = { sent: 'Đã gửi', failed: 'Thất bại', superseded: 'Bị lần gửi khác thay thế' };

function Attempts({ id }: { id: number }) {
  const t = useT();
  const [d, setD] = useState<Detail | null>(null);
  useEffect(() => { get<Detail>(`/event-deliveries/${id}`).then(setD).catch(fail); }, [id]);
  if (!d) return null;
  return (
    <ol data-testid="attempts" style={{ paddingLeft: 20, margin: 0 }}>
      {d.log.map((a) => (
        <li key={a.attempt}>
          {vnDate(a.started_at)} · {t(OUTCOME_VI[a.outcome] ?? a.outcome)}{a.http_status !== null ? ` · HTTP ${a.http_status}` : ''} · {a.duration_ms} ms
          {a.error && <div style={{ overflowWrap: 'anywhere' }}><Typography.Text type="danger">{a.error}</Typography.Text></div>}
        </li>))}
    </ol>
  );
}

function DeliveryLog({ subscription }: { subscription: Subscription }) {
  const t = useT();
  const [state, setState] = useState<DeliveryState | undefined>();
  const [items, setItems] = useState<Delivery[] | null>(null);
  const [total, setTotal] = useState(0);
  const [open, setOpen] = useState<number | null>(null);
  const load = () => get<Schemas['EventDeliveryList']>(`/event-deliveries?limit=50&subscription_id=${subscription.id}${state ? `&state=${state}` : ''}`)
    .then((r) => { setItems(r.items); setTotal(r.total); }).catch(fail);
  useEffect(() => { load(); }, [subscription.id, state]);
  const replay = (d: Delivery) => post<Detail>(`/event-deliveries/${d.id}/replay`)
    .then(() => { message.success(t('Sự kiện sẽ được gửi lại từ lần thử đầu.')); load(); }).catch(fail);
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="delivery-log">
      <Space wrap>
        <Select allowClear style={{ minWidth: 200 }} value={state} onChange={setState} placeholder={t('Trạng thái chuyển')} aria-label={t('Trạng thái chuyển')}
          options={(Object.keys(STATE_VI) as DeliveryState[]).map((s) => ({ value: s, label: t(STATE_VI[s][0]) }))} />
        <Button onClick={load}>{t('Tải lại')}</Button>
      </Space>
      {items && <Typography.Text type="secondary">{items.length < total ? `${items.length}/${total}` : total} {t('lần chuyển, mới nhất trước')}</Typography.Text>}
      {items && !items.length && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('Chưa có sự kiện nào cho đăng ký này.')} />}
      {(items ?? []).map((d) => (
        <Card size="small" key={d.id} data-testid="delivery">
          <Space direction="vertical" size={2} style={{ width: '100%' }}>
            <Space wrap size={4}>
              <Tag color={STATE_VI[d.state][1]}>{t(STATE_VI[d.state][0])}</Tag>
              <Typography.Text strong>{t(EVENT_VI[d.event_type])}</Typography.Text>
            </Space>
            <Typography.Text type="secondary">{t('Xảy ra lúc')} {vnDate(d.occurred_at)} · {d.attempts} {t('lần thử')}
              {d.sent_at ? ` · ${t('đã gửi lúc')} ${vnDate(d.sent_at)}` : d.state === 'pending' ? ` · ${t('lần thử tới')} ${vnDate(d.next_attempt_at)}` : ''}</Typography.Text>
            <Typography.Text code style={{ overflowWrap: 'anywhere' }}>{d.event_id}</Typography.Text>
            {d.last_error && <Typography.Text type="danger" style={{ overflowWrap: 'anywhere' }}>{d.last_error}</Typography.Text>}
            <Space wrap>
              <Button size="small" onClick={() => setOpen(open === d.id ? null : d.id)}>{open === d.id ? t('Ẩn các lần thử') : t('Xem các lần thử')}</Button>
              {d.state === 'failed' && <Button size="small" type="primary" onClick={() => replay(d)}>{t('Gửi lại')}</Button>}
            </Space>
            {open === d.id && <Attempts id={d.id} />}
          </Space>
        </Card>))}
    </Space>
  );
}

type CreateValues = { name: string; url: string; mode: 'events' | 'outbox'; event_types?: EventType[]; outbox_system?: string };

function CreateForm({ onCreated }: { onCreated: (s: Schemas['EventSubscriptionCreated']) => void }) {
  const t = useT();
  const [form] = Form.useForm<CreateValues>();
  const mode = Form.useWatch('mode', form);
  const [systems, setSystems] = useState<Schemas['ExternalSystem'][]>([]);
  useEffect(() => { get<Schemas['ExternalSystemList']>('/external-systems').then((r) => setSystems(r.items)).catch(fail); }, []);
  const create = async (v: CreateValues) => {
    const body = v.mode === 'outbox' ? { name: v.name.trim(), url: v.url.trim(), outbox_system: v.outbox_system }
      : { name: v.name.trim(), url: v.url.trim(), event_types: v.event_types };
    try {
      onCreated(await post<Schemas['EventSubscriptionCreated']>('/event-subscriptions', body));
      form.resetFields();
    } catch (e) { fail(e, form); }
  };
  return (
    <Form form={form} layout="vertical" style={{ maxWidth: 560 }} onFinish={create} initialValues={{ mode: 'events' }} data-testid="subscribe-form">
      <Form.Item name="name" label={t('Tên đăng ký')} rules={[{ required: true, whitespace: true, message: t('Tên đăng ký: không được để trống.') }, { max: 200, message: t('Tên đăng ký: tối đa 200 ký tự.') }]}>
        <Input aria-label={t('Tên đăng ký')} placeholder={t('Ví dụ: Nền tảng chia sẻ dữ liệu thành phố')} />
      </Form.Item>
      <Form.Item name="url" label={t('Địa chỉ nhận')} extra={t('Chỉ địa chỉ https:// có trong danh sách cho phép của máy chủ; chứng thư được kiểm tra.')}
        rules={[{ required: true, whitespace: true, message: t('Địa chỉ nhận: không được để trống.') },
          { pattern: /^https:\/\//, message: t('Địa chỉ nhận phải bắt đầu bằng https://') }]}>
        <Input aria-label={t('Địa chỉ nhận')} placeholder="https://" inputMode="url" />
      </Form.Item>
      <Form.Item name="mode" label={t('Nhận gì')}>
        <Radio.Group>
          <Space direction="vertical">
            <Radio value="events">{t('Các sự kiện của thành phố')}</Radio>
            <Radio value="outbox">{t('Hộp thư đi của một hệ thống cấp trên (kết nối tự động)')}</Radio>
          </Space>
        </Radio.Group>
      </Form.Item>
      {mode !== 'outbox'
        // A validator, not `required`: antd would put aria-required on the group's box, where it is not allowed.
        ? <Form.Item name="event_types" label={t('Loại sự kiện')}
            rules={[{ validator: (_, v) => (v?.length ? Promise.resolve() : Promise.reject(new Error(t('Loại sự kiện: hãy chọn ít nhất một loại.')))) }]}>
            <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
              options={(Object.keys(EVENT_VI) as EventType[]).filter((k) => k !== 'outbox_item').map((k) => ({ value: k, label: t(EVENT_VI[k]) }))} />
          </Form.Item>
        : <Form.Item name="outbox_system" label={t('Hệ thống nhận hộp thư đi')} rules={[{ required: true, message: t('Hệ thống nhận hộp thư đi: hãy chọn một hệ thống.') }]}>
            <Select aria-label={t('Hệ thống nhận hộp thư đi')} options={systems.filter((s) => s.code !== 'qd20').map((s) => ({ value: s.code, label: s.name }))} />
          </Form.Item>}
      <Button type="primary" htmlType="submit">{t('Đăng ký')}</Button>
    </Form>
  );
}

export function Subscriptions() {
  const t = useT();
  const [items, setItems] = useState<Subscription[] | null>(null);
  const [secret, setSecret] = useState<Schemas['EventSubscriptionCreated'] | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const load = () => get<Schemas['EventSubscriptionList']>('/event-subscriptions').then((r) => setItems(r.items)).catch((e) => setError(errorText(e)));
  useEffect(() => { load(); }, []);
  const toggle = (s: Subscription) => api<Subscription>('PATCH', `/event-subscriptions/${s.id}`, { active: !s.active })
    .then((x) => setItems((all) => (all ?? []).map((i) => (i.id === x.id ? { ...i, ...x } : i)))).catch(fail);
  const run = () => post<Schemas['EventRun']>('/event-deliveries/run')
    .then((r) => { message.success(`${t('Đã ghi')} ${r.events_recorded} ${t('sự kiện mới, đã gửi')} ${r.sent}.`); setOpen(null); }).catch(fail);
  return (
    <Card size="small" title={t('Đăng ký nhận sự kiện')} data-testid="subscriptions"
      extra={<Button size="small" onClick={run}>{t('Gửi ngay')}</Button>}>
      <Space direction="vertical" style={{ width: '100%' }}>
        {error && <Alert type="error" message={error} />}
        <Typography.Text type="secondary">
          {t('Các nền tảng của thành phố nhận sự kiện qua HTTPS, có chữ ký HMAC-SHA256 và mã sự kiện cố định; sự kiện không gửi được được thử lại, sau 10 lần thì chờ gửi lại bằng tay.')}
        </Typography.Text>
        {secret && (
          <Alert type="success" closable onClose={() => setSecret(null)} data-testid="secret"
            message={`${t('Đã đăng ký')} “${secret.name}”. ${t('Khóa ký chỉ hiện lần này — hãy chép vào máy nhận ngay:')}`}
            description={<Typography.Text code copyable style={{ overflowWrap: 'anywhere' }}>{secret.secret}</Typography.Text>} />
        )}
        {items && !items.length && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('Chưa có đăng ký nào.')} />}
        {(items ?? []).map((s) => (
          <Card size="small" key={s.id} data-testid="subscription">
            <Space direction="vertical" size={4} style={{ width: '100%' }}>
              <Space wrap size={4}>
                <Typography.Text strong>{s.name}</Typography.Text>
                <Tag color={s.active ? 'green' : 'default'}>{s.active ? t('Đang nhận') : t('Đã tắt')}</Tag>
              </Space>
              <Typography.Text code style={{ overflowWrap: 'anywhere' }}>{s.url}</Typography.Text>
              <Space wrap size={4}>
                {s.outbox_system
                  ? <Tag>{t('Hộp thư đi của')} {s.outbox_system}</Tag>
                  : s.event_types.map((e) => <Tag key={e}>{t(EVENT_VI[e])}</Tag>)}
              </Space>
              <Typography.Text type="secondary">{t('Đăng ký lúc')} {vnDate(s.created_at)}</Typography.Text>
              <Space wrap>
                <Button size="small" onClick={() => toggle(s)}>{s.active ? t('Tắt') : t('Bật lại')}</Button>
                <Button size="small" onClick={() => setOpen(open === s.id ? null : s.id)}>{open === s.id ? t('Ẩn nhật ký') : t('Nhật ký chuyển')}</Button>
              </Space>
              {open === s.id && <DeliveryLog subscription={s} />}
            </Space>
          </Card>))}
        {adding
          ? <CreateForm onCreated={(s) => { setSecret(s); setAdding(false); load(); }} />
          : <Button type="dashed" onClick={() => setAdding(true)}>{t('Thêm đăng ký')}</Button>}
      </Space>
    </Card>
  );
}
