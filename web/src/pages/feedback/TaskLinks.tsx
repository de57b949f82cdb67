// The plan's tasks a feedback item concerns (issue 15, item 2): shown on the item's card, linked and unlinked by
// those who handle it, and the other way round on the task's page (what citizens and businesses said of it).
import { useEffect, useState } from 'react';
import { Card, List, Select, Space, Tag, Typography } from 'antd';
import { api, get, post, Schemas } from '../../api';
import { fail } from '../../shared';
import { useT, vnDate } from '../../i18n';
import { go } from '../../router';
import { STATE_VI } from './labels';

type Item = Schemas['FeedbackItem'];

export function TaskLinks({ item, canEdit, onChange }: { item: Item; canEdit: boolean; onChange: (i: Item) => void }) {
  const t = useT();
  const [options, setOptions] = useState<{ value: number; label: string }[]>([]);
  const search = (q: string) => {
    if (q.trim().length < 2) return;
    get<Schemas['TaskList']>(`/tasks?q=${encodeURIComponent(q.trim())}&limit=20`)
      .then((r) => setOptions(r.items.map((x) => ({ value: x.id, label: `${x.code}. ${x.name}` })))).catch(() => undefined);
  };
  const link = (taskId: number) => post<Item>(`/feedback/${item.id}/tasks`, { task_id: taskId }).then(onChange).catch(fail);
  const unlink = (taskId: number) => api<Item>('DELETE', `/feedback/${item.id}/tasks/${taskId}`).then(onChange).catch(fail);
  return (
    <Space direction="vertical" size={4} style={{ width: '100%', marginBottom: 8 }} data-testid="task-links">
      <Typography.Text type="secondary">{t('Nhiệm vụ liên quan')}</Typography.Text>
      <Space size={4} wrap>
        {item.tasks.length === 0 && <Typography.Text type="secondary">—</Typography.Text>}
        {item.tasks.map((x) => (
          <Tag key={x.task_id} closable={canEdit} onClose={(e) => { e.preventDefault(); unlink(x.task_id); }}
            style={{ whiteSpace: 'normal', maxWidth: '100%' }} title={x.task_name}>
            {x.directive_number} · {x.task_code}. {x.task_name}
          </Tag>))}
      </Space>
      {/* Remounted once a link is made: the choice list closes and empties for the next one. */}
      {canEdit && <Select key={item.tasks.map((x) => x.task_id).join(',')} showSearch value={null} placeholder={t('Liên kết với nhiệm vụ (gõ tên hoặc mã)')} filterOption={false}
        onSearch={search} onChange={(v: number) => link(v)} options={options} style={{ width: '100%', maxWidth: 520 }}
        aria-label={t('Liên kết với nhiệm vụ (gõ tên hoặc mã)')} notFoundContent={null} />}
    </Space>
  );
}

// On an assignment's page: the feedback items linked to its task, as far as the reader's scope reaches.
export function TaskFeedback({ taskId }: { taskId: number }) {
  const t = useT();
  const [items, setItems] = useState<Item[] | null>(null);
  useEffect(() => {
    get<Schemas['FeedbackItemList']>(`/feedback?task_id=${taskId}&limit=50`).then((r) => setItems(r.items)).catch(() => setItems([]));
  }, [taskId]);
  if (!items) return null;
  return (
    <Card size="small" title={`${t('Phản ánh, kiến nghị liên quan')} (${items.length})`} data-testid="task-feedback">
      <List size="small" dataSource={items} locale={{ emptyText: t('Chưa có phản ánh, kiến nghị nào được liên kết với nhiệm vụ này.') }}
        renderItem={(i) => (
          <List.Item style={{ cursor: 'pointer', display: 'block' }} onClick={() => go(`phan-anh/${i.id}`)}>
            <div><b>{i.code}</b> · {i.title}</div>
            <Space size={4} wrap>
              <Tag>{t(STATE_VI[i.state])}</Tag>
              {i.urgency === 'overdue' && <Tag color="red">{t('Quá hạn trả lời')}</Tag>}
              {i.urgency === 'due_soon' && <Tag color="orange">{t('Sắp đến hạn trả lời')}</Tag>}
              <Typography.Text type="secondary">{t('Ngày tiếp nhận')} {vnDate(i.received_on)}</Typography.Text>
            </Space>
          </List.Item>)} />
    </Card>
  );
}
