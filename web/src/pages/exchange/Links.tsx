// Which upstream tasks a city task implements (issue 18, item 2): the roll-up per upstream task and the monthly
// outbox both follow these links. Anyone reads them; the admin and the standing agency set them (manage_plan).
// A removed link is closed on the server, not deleted, so a past date's roll-up still counts it.
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Empty, Form, Select, Space, Typography, message } from 'antd';
import { ApiError, get, put, Schemas, User } from '../../api';
import { errorText, fold, usePlans } from '../../shared';
import { useT, vnDate } from '../../i18n';

type Link = Schemas['TaskLink'];
type Task = Schemas['Task'];

export function Links({ user }: { user: User }) {
  const t = useT();
  const canEdit = user.role === 'admin' || user.role === 'standing_agency';
  const plans = usePlans();
  const [programs, setPrograms] = useState<Schemas['UpstreamProgram'][]>([]);
  const [plan, setPlan] = useState<number | undefined>();
  const [tasks, setTasks] = useState<Task[]>([]);
  const [task, setTask] = useState<number | undefined>();
  const [links, setLinks] = useState<Link[] | null>(null);
  const [program, setProgram] = useState<number | undefined>();
  const [upstream, setUpstream] = useState<Schemas['UpstreamRollup']['items']>([]);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ upstream_task_id?: number }>();
  useEffect(() => {
    get<Schemas['UpstreamProgramList']>('/upstream-programs').then((r) => {
      setPrograms(r.items);
      if (r.items.length) setProgram(r.items[0].directive_id);
    }).catch((e) => setError(errorText(e)));
  }, []);
  useEffect(() => {
    setTasks([]); setTask(undefined);
    if (plan) get<Schemas['TaskList']>(`/tasks?directive_id=${plan}&limit=1000`).then((r) => setTasks(r.items)).catch((e) => setError(errorText(e)));
  }, [plan]);
  useEffect(() => {
    setLinks(null);
    if (task) get<Schemas['TaskLinkList']>(`/tasks/${task}/upstream-links`).then((r) => setLinks(r.items)).catch((e) => setError(errorText(e)));
  }, [task]);
  useEffect(() => {
    setUpstream([]); form.resetFields();
    if (program) get<Schemas['UpstreamRollup']>(`/upstream-programs/${program}/rollup`).then((r) => setUpstream(r.items)).catch((e) => setError(errorText(e)));
  }, [program]);
  // The link set is replaced whole: the server opens the new links and closes the dropped ones.
  const save = async (ids: number[]) => {
    try {
      const r = await put<Schemas['TaskLinkList']>(`/tasks/${task}/upstream-links`, { upstream_task_ids: ids });
      setLinks(r.items);
      form.resetFields();
      message.success(t('Đã lưu liên kết.'));
    } catch (e) {
      if (e instanceof ApiError && e.field === 'upstream_task_ids') form.setFields([{ name: 'upstream_task_id', errors: [e.message] }]);
      else message.error(errorText(e));
    }
  };
  const programIds = new Set(programs.map((p) => p.directive_id));
  const linked = new Set((links ?? []).map((l) => l.upstream_task_id));
  return (
    <Card size="small" title={t('Liên kết với nhiệm vụ cấp trên')} data-testid="links">
      <Space direction="vertical" style={{ width: '100%' }}>
        {error && <Alert type="error" message={error} closable onClose={() => setError(null)} />}
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
          <Select style={{ width: 280, maxWidth: '100%' }} value={plan} onChange={setPlan} aria-label={t('Kế hoạch của thành phố')} placeholder={t('Kế hoạch của thành phố')}
            showSearch filterOption={(q, o) => fold(String(o?.label ?? '')).includes(fold(q))}
            options={plans.filter((p) => !programIds.has(p.id)).map((p) => ({ value: p.id, label: p.number }))} />
          <Select style={{ width: 420, maxWidth: '100%' }} value={task} onChange={setTask} aria-label={t('Nhiệm vụ của thành phố')} placeholder={t('Nhiệm vụ của thành phố')}
            showSearch filterOption={(q, o) => fold(String(o?.label ?? '')).includes(fold(q))} disabled={!plan}
            options={tasks.map((x) => ({ value: x.id, label: `${x.code}. ${x.name}` }))} />
        </div>
        {task && links && (links.length === 0
          ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('Nhiệm vụ này chưa liên kết với nhiệm vụ cấp trên nào.')} />
          : links.map((l) => (
            <Card size="small" key={l.upstream_task_id} data-testid="link">
              <Space direction="vertical" size={2} style={{ width: '100%' }}>
                <Typography.Text strong>{l.upstream_code} · {l.upstream_name}</Typography.Text>
                <Typography.Text type="secondary">{l.upstream_number} ({l.upstream_system}) · {t('liên kết từ')} {vnDate(l.valid_from)}</Typography.Text>
                {canEdit && <Button size="small" danger style={{ alignSelf: 'flex-start' }} aria-label={`${t('Bỏ liên kết')} ${l.upstream_code}`}
                  onClick={() => save([...linked].filter((id) => id !== l.upstream_task_id))}>{t('Bỏ liên kết')}</Button>}
              </Space>
            </Card>)))}
        {task && links && canEdit && (
          <Form form={form} layout="vertical" style={{ maxWidth: 560 }} onFinish={(v) => save([...linked, v.upstream_task_id as number])}>
            <Form.Item label={t('Chương trình cấp trên')} style={{ marginBottom: 8 }}>
              <Select value={program} onChange={setProgram} aria-label={t('Chương trình cấp trên')}
                options={programs.map((p) => ({ value: p.directive_id, label: `${p.number} (${p.system})` }))} />
            </Form.Item>
            <Form.Item name="upstream_task_id" label={t('Nhiệm vụ cấp trên được thực hiện')}
              // A validator, not `required`: antd would put aria-required on a searching select's box, where it is not allowed.
              rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error(t('Nhiệm vụ cấp trên được thực hiện: hãy chọn một nhiệm vụ.')))) },
                { validator: (_, v) => (linked.has(v) ? Promise.reject(new Error(t('Nhiệm vụ cấp trên được thực hiện: nhiệm vụ này đã được liên kết.'))) : Promise.resolve()) }]}>
              <Select showSearch filterOption={(q, o) => fold(String(o?.label ?? '')).includes(fold(q))}
                options={upstream.map((u) => ({ value: u.task_id, label: `${u.upstream_code} · ${u.name}` }))} />
            </Form.Item>
            <Button type="primary" htmlType="submit">{t('Thêm liên kết')}</Button>
          </Form>
        )}
      </Space>
    </Card>
  );
}
