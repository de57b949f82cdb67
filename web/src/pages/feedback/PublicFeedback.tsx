// The public page (no login, phone first): send a feedback item and get its tracking code, look an item up
// by its code, and rate the answer once from the secret link (#/gop-y?ma=PA-…&t=…).
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Checkbox, Descriptions, Form, Input, Radio, Result, Select, Space, Tabs, Tag, Typography } from 'antd';
import { ApiError, get, post, Schemas } from '../../api';
import { useT, vnDate, vocabularyVi } from '../../i18n';
import { FiguresTable } from './FeedbackInbox';
import { ADOPTION_VI, FIELDS, KIND_VI, PUBLIC_STATUS_VI, RATING_VI, SENDER_VI } from './labels';

type Receipt = Schemas['FeedbackReceipt'];
type Item = Schemas['FeedbackPublic'];
type Plan = Schemas['PublicPlan'];
const TASK_STATUS_VI = vocabularyVi('task_status');
const TASK_STATUS_COLOR: Record<string, string> = { overdue: 'red', done: 'green', due_soon: 'orange', in_progress: 'blue', not_assigned: 'default' };

// The city's plans with their tasks' names and statuses, read once when first wanted (a slow line loads the form
// without them).
let plansOnce: Promise<Plan[]> | null = null;
function loadPlans(): Promise<Plan[]> {
  plansOnce ??= get<Schemas['PublicPlanList']>('/public/plans').then((r) => r.items).catch((e) => { plansOnce = null; throw e; });
  return plansOnce;
}

const big = { fontSize: 16 };  // 16 px inputs: phones do not zoom into the form

function failure(form: ReturnType<typeof Form.useForm>[0], e: unknown, setError: (s: string | null) => void) {
  if (e instanceof ApiError && e.field && form.getFieldInstance?.(e.field) !== undefined) {
    form.setFields([{ name: e.field, errors: [e.message] }]);
    setError(null);
  } else {
    setError(e instanceof ApiError ? e.message : String(e));
  }
}

function Submit({ onDone, task }: { onDone: (r: Receipt) => void; task: number | null }) {
  const t = useT();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [plans, setPlans] = useState<Plan[]>([]);
  const wantPlans = () => { loadPlans().then(setPlans).catch(() => undefined); };
  useEffect(() => {
    if (task) {
      wantPlans();
      form.setFieldValue('task_id', task);
    }
  }, [task]);
  const send = async (v: Schemas['FeedbackSubmission']) => {
    setBusy(true);
    setError(null);
    try {
      onDone(await post<Receipt>('/public/feedback', { ...v, consent: v.consent === true, anonymous: v.anonymous === true }));
    } catch (e) {
      failure(form, e, setError);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={send} initialValues={{ kind: 'phan_anh', sender_type: 'nguoi_dan' }} requiredMark={false}>
      <Form.Item label={t('Loại góp ý')} name="kind">
        <Select style={big} options={Object.entries(KIND_VI).map(([value, label]) => ({ value, label: t(label) }))} />
      </Form.Item>
      <Form.Item label={t('Lĩnh vực')} name="field" rules={[{ required: true, message: t('Chọn lĩnh vực') }]}>
        <Select style={big} options={FIELDS.map((f) => ({ value: f, label: t(f) }))} />
      </Form.Item>
      <Form.Item label={t('Nhiệm vụ của kế hoạch mà góp ý liên quan (không bắt buộc)')} name="task_id">
        <Select style={big} allowClear showSearch optionFilterProp="label" onFocus={wantPlans} onDropdownVisibleChange={(open) => open && wantPlans()}
          placeholder={t('Gõ tên nhiệm vụ để tìm')} data-testid="public-task"
          options={plans.map((p) => ({ label: `${p.number} — ${p.title}`, options: p.tasks.map((x) => ({ value: x.id, label: `${x.code}. ${x.name}` })) }))} />
      </Form.Item>
      <Form.Item label={t('Tiêu đề')} name="title" rules={[{ required: true, message: t('Nhập tiêu đề') }]}>
        <Input style={big} maxLength={300} />
      </Form.Item>
      <Form.Item label={t('Nội dung')} name="text" rules={[{ required: true, message: t('Nhập nội dung') }]}>
        <Input.TextArea style={big} rows={5} maxLength={10000} showCount />
      </Form.Item>
      <Form.Item label={t('Bạn là')} name="sender_type">
        <Select style={big} options={Object.entries(SENDER_VI).map(([value, label]) => ({ value, label: t(label) }))} />
      </Form.Item>
      <Form.Item label={t('Họ và tên')} name="name" rules={[{ required: true, message: t('Nhập họ và tên') }]}>
        <Input style={big} autoComplete="name" />
      </Form.Item>
      <Form.Item label={t('Số điện thoại hoặc thư điện tử')} name="contact" rules={[{ required: true, message: t('Nhập số điện thoại hoặc thư điện tử') }]}
        extra={t('Chỉ cơ quan xử lý thấy; không bao giờ công khai.')}>
        <Input style={big} inputMode="email" autoComplete="tel" />
      </Form.Item>
      <Form.Item name="anonymous" valuePropName="checked">
        <Checkbox>{t('Công khai câu trả lời không kèm tên tôi')}</Checkbox>
      </Form.Item>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('Thông báo về dữ liệu cá nhân')}
        description={t('Họ tên và liên hệ của bạn được mã hóa khi lưu, chỉ dùng để xử lý và trả lời góp ý này, chỉ cơ quan thường trực và đơn vị xử lý được xem, và được xóa sau thời hạn lưu trữ kể từ khi góp ý được trả lời hoặc khép lại (Nghị định 13/2023/NĐ-CP). Nếu bạn để lại thư điện tử, liên kết theo dõi được gửi vào hộp thư đó.')} />
      <Form.Item name="consent" valuePropName="checked" rules={[{ validator: (_: unknown, v: boolean) => (v ? Promise.resolve() : Promise.reject(new Error(t('Cần đồng ý để gửi góp ý')))) }]}>
        <Checkbox>{t('Tôi đồng ý cho phép xử lý dữ liệu cá nhân nêu trên')}</Checkbox>
      </Form.Item>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="submit-error" />}
      <Button type="primary" htmlType="submit" loading={busy} block size="large">{t('Gửi góp ý')}</Button>
    </Form>
  );
}

function Rate({ code, token, onRated }: { code: string; token: string; onRated: (i: Item) => void }) {
  const t = useT();
  const [rating, setRating] = useState<string>('');
  const [reason, setReason] = useState('');
  const [late, setLate] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const send = async () => {
    setError(null);
    try {
      onRated(await post<Item>(`/public/feedback/${encodeURIComponent(code)}/rating`,
        { token, rating, ...(rating === 'chua_hai_long' && reason.trim() ? { reason, late } : {}) }));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <Card size="small" title={t('Đánh giá câu trả lời')} data-testid="rate">
      <Radio.Group value={rating} onChange={(e) => setRating(e.target.value)} style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
        {Object.entries(RATING_VI).map(([v, l]) => <Radio key={v} value={v} style={big}>{t(l)}</Radio>)}
      </Radio.Group>
      {rating === 'chua_hai_long' && (
        <Space direction="vertical" style={{ width: '100%', marginTop: 8 }}>
          <Input.TextArea aria-label={t('Lý do chưa hài lòng')} placeholder={t('Lý do chưa hài lòng (phản ánh sẽ được xem xét lại một lần)')}
            style={big} value={reason} onChange={(e) => setReason(e.target.value)} rows={3} />
          <Checkbox checked={late} onChange={(e) => setLate(e.target.checked)}>{t('Câu trả lời đến quá hạn')}</Checkbox>
        </Space>
      )}
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 8 }} />}
      <Button type="primary" block size="large" disabled={!rating} onClick={send} style={{ marginTop: 12 }}>{t('Gửi đánh giá')}</Button>
    </Card>
  );
}

function Lookup({ initial, token }: { initial: string; token: string }) {
  const t = useT();
  const [code, setCode] = useState(initial);
  const [item, setItem] = useState<Item | null>(null);
  const [error, setError] = useState<string | null>(null);
  const find = async (c: string) => {
    setError(null);
    try {
      setItem(await get<Item>(`/public/feedback/${encodeURIComponent(c.trim().toUpperCase())}`));
    } catch (e) {
      setItem(null);
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  useEffect(() => { if (initial) find(initial); }, [initial]);
  const [label, color] = item ? PUBLIC_STATUS_VI[item.status] : ['', ''];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space.Compact style={{ width: '100%' }}>
        <Input aria-label={t('Mã theo dõi')} placeholder="PA-XXXXXXXX" style={big} value={code} onChange={(e) => setCode(e.target.value)} onPressEnter={() => find(code)} />
        <Button type="primary" size="large" onClick={() => find(code)}>{t('Tra cứu')}</Button>
      </Space.Compact>
      {error && <Alert type="error" showIcon message={error} />}
      {item && (
        <Card size="small" data-testid="lookup">
          <Typography.Title level={5} style={{ marginTop: 0 }}>{item.title ?? t('Nội dung đang được biên tập trước khi công khai')}</Typography.Title>
          {item.text && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 4, expandable: true }} data-testid="public-text">{item.text}</Typography.Paragraph>}
          <Descriptions column={1} size="small">
            {item.title && <Descriptions.Item label={t('Người gửi')}>{item.sender_name ?? t('Ẩn danh')}</Descriptions.Item>}
            <Descriptions.Item label={t('Mã theo dõi')}>{item.code}</Descriptions.Item>
            <Descriptions.Item label={t('Loại góp ý')}>{t(KIND_VI[item.kind])} · {item.field}</Descriptions.Item>
            <Descriptions.Item label={t('Trạng thái')}><Tag color={color} data-testid="public-status">{t(label)}</Tag></Descriptions.Item>
            <Descriptions.Item label={t('Ngày tiếp nhận')}>{vnDate(item.received_on)}</Descriptions.Item>
            {item.status !== 'answered' && <Descriptions.Item label={t('Dự kiến trả lời trước hết ngày')}>{vnDate(item.expected_answer_date)}</Descriptions.Item>}
            {item.extension_reason && <Descriptions.Item label={t('Lý do gia hạn')}>{item.extension_reason}</Descriptions.Item>}
            {item.forwarded_to && <Descriptions.Item label={t('Chuyển đến')}>{item.forwarded_to}</Descriptions.Item>}
            {item.outcome_reason && <Descriptions.Item label={t('Lý do')}>{item.outcome_reason}</Descriptions.Item>}
            {item.merged_into_code && <Descriptions.Item label={t('Gộp vào')}>{item.merged_into_code}</Descriptions.Item>}
            {item.rating && <Descriptions.Item label={t('Đánh giá của người gửi')}>{t(RATING_VI[item.rating])}</Descriptions.Item>}
            {item.adoption && <Descriptions.Item label={t('Áp dụng sáng kiến')}>
              <span data-testid="public-adoption">{t(ADOPTION_VI[item.adoption])}{item.adoption_decided_on ? ` (${vnDate(item.adoption_decided_on)})` : ''}
                {item.adopted_task_name ? ` — ${t('vào nhiệm vụ')} ${item.adopted_task_name}` : ''}
                {item.policy_change ? ` — ${item.policy_change}` : ''}
                {item.adoption_reason ? ` — ${item.adoption_reason}` : ''}</span></Descriptions.Item>}
          </Descriptions>
          {(item.answer ? item.answers.slice(0, -1) : item.answers).map((a, i) => (
            <Alert key={i} type="info" style={{ marginTop: 8 }} message={`${t('Trả lời trước đó, ngày')} ${vnDate(a.published_on)}`}
              description={<div style={{ whiteSpace: 'pre-wrap' }} data-testid="earlier-answer">{a.text}</div>} />
          ))}
          {item.answer && (
            <Alert type="success" style={{ marginTop: 8 }}
              message={`${t('Trả lời ngày')} ${vnDate(item.answers.at(-1)?.published_on ?? item.answered_on)}`}
              description={<div style={{ whiteSpace: 'pre-wrap' }} data-testid="answer">{item.answer}</div>} />
          )}
        </Card>
      )}
      {item && token && item.status === 'answered' && !item.rating && <Rate code={item.code} token={token} onRated={setItem} />}
      {item?.rating && token && <Alert type="success" showIcon message={t('Cảm ơn bạn đã đánh giá.')} data-testid="rated" />}
    </Space>
  );
}

// For everyone: the city's and each unit's figures with their counts, and the latest published answers.
function Results() {
  const t = useT();
  const [figures, setFigures] = useState<Schemas['FeedbackFiguresAnswer'] | null>(null);
  const [answers, setAnswers] = useState<Schemas['FeedbackAnswered'][]>([]);
  useEffect(() => {
    get<Schemas['FeedbackFiguresAnswer']>('/public/feedback-figures').then(setFigures).catch(() => undefined);
    get<Schemas['FeedbackAnsweredList']>('/public/answered-feedback?limit=20').then((r) => setAnswers(r.items)).catch(() => undefined);
  }, []);
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="results">
      {figures && <FiguresTable figures={figures} />}
      {answers.map((a) => (
        <Card key={a.code} size="small" title={`${a.code} · ${t(KIND_VI[a.kind])} · ${a.field}`}
          extra={a.on_time ? <Tag color="green">{t('Đúng hạn')}</Tag> : <Tag color="orange">{t('Quá hạn')}</Tag>}>
          {a.title && <Typography.Text strong>{a.title}</Typography.Text>}
          {a.text && <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }} ellipsis={{ rows: 2, expandable: true }}>
            {a.text} — {a.sender_name ?? t('Ẩn danh')}</Typography.Paragraph>}
          <div><Typography.Text type="secondary">{a.lead_unit_name} · {t('Trả lời ngày')} {vnDate(a.answered_on)}</Typography.Text></div>
          <div style={{ whiteSpace: 'pre-wrap', marginTop: 4 }}>{a.answer}</div>
        </Card>
      ))}
    </Space>
  );
}

// The city's plans, each task by name with its status only, so a citizen can see how a task stands and send
// feedback about it.
function Plans({ onPick }: { onPick: (taskId: number) => void }) {
  const t = useT();
  const [plans, setPlans] = useState<Plan[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { loadPlans().then(setPlans).catch((e) => setError(e instanceof ApiError ? e.message : String(e))); }, []);
  if (error) return <Alert type="error" showIcon message={error} />;
  if (!plans) return <Typography.Text type="secondary">{t('Đang tải…')}</Typography.Text>;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="public-plans">
      {plans.map((p) => (
        <Card key={p.id} size="small" title={<span style={{ whiteSpace: 'normal' }}>{p.number} — {p.title}</span>}>
          {p.tasks.map((x) => (
            <div key={x.id} style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }} data-testid="public-plan-task">
              <div>{x.code}. {x.name}</div>
              <Space size={4} wrap style={{ marginTop: 4 }}>
                <Tag color={TASK_STATUS_COLOR[x.status]}>{t(TASK_STATUS_VI[x.status])}</Tag>
                <Button size="small" type="link" onClick={() => onPick(x.id)}>{t('Góp ý về nhiệm vụ này')}</Button>
              </Space>
            </div>
          ))}
        </Card>
      ))}
    </Space>
  );
}

export function PublicFeedback({ query }: { query: URLSearchParams }) {
  const t = useT();
  const code = query.get('ma') ?? '';
  const token = query.get('t') ?? '';
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const [tab, setTab] = useState(code ? 'lookup' : 'send');
  const [task, setTask] = useState<number | null>(null);
  return (
    <div style={{ maxWidth: 640, margin: '0 auto', padding: 12 }}>
      <Typography.Title level={3} style={{ marginTop: 8 }}>{t('Góp ý về khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số')}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('Gửi phản ánh, kiến nghị, sáng kiến, giải pháp hoặc đặt hàng sản phẩm tới thành phố; mỗi góp ý được trả lời công khai trong 15 ngày và bạn đánh giá câu trả lời.')}
      </Typography.Paragraph>
      <Tabs activeKey={tab} onChange={setTab} items={[
        { key: 'send', label: t('Gửi góp ý'), children: receipt ? (
          <div data-testid="receipt"><Result status="success" title={t('Đã tiếp nhận góp ý của bạn')}
            subTitle={<>
              <div>{t('Mã theo dõi')}: <Typography.Text strong copyable data-testid="receipt-code">{receipt.code}</Typography.Text></div>
              <div>{t('Dự kiến trả lời trước hết ngày')} {vnDate(receipt.expected_answer_date)}</div>
              <div style={{ marginTop: 8 }}>{t('Lưu liên kết này để tra cứu và đánh giá câu trả lời (chỉ hiện một lần):')}</div>
              <Typography.Text copyable style={{ wordBreak: 'break-all' }} data-testid="receipt-link">{receipt.link}</Typography.Text>
              {receipt.emailed && <div style={{ marginTop: 8 }} data-testid="receipt-emailed">{t('Liên kết cũng đã được gửi vào thư điện tử của bạn.')}</div>}
            </>}
            extra={<Button onClick={() => setReceipt(null)}>{t('Gửi góp ý khác')}</Button>} /></div>
        ) : <Submit onDone={setReceipt} task={task} /> },
        { key: 'lookup', label: t('Tra cứu'), children: <Lookup initial={code} token={token} /> },
        { key: 'results', label: t('Kết quả trả lời'), children: <Results /> },
        { key: 'plans', label: t('Kế hoạch'), children: <Plans onPick={(id) => { setTask(id); setReceipt(null); setTab('send'); }} /> },
      ]} />
    </div>
  );
}
