// An initiative's, a solution's or a product order's way to adoption (issue 15): proposed by its lead unit or the
// standing agency, then adopted — into a plan task or a change of policy — or not adopted with its reason, by the
// standing agency, once. Whether this person may take the step is the server's to say (domain/feedback).
import { useState } from 'react';
import { Alert, Button, Input, Select, Space, Tag, Typography } from 'antd';
import { ApiError, get, post, Schemas } from '../../api';
import { useT, vnDate } from '../../i18n';
import { ADOPTION_VI } from './labels';

type Item = Schemas['FeedbackItem'];
const ADOPTABLE = ['sang_kien', 'giai_phap', 'dat_hang'];
const ADOPTION_COLOR: Record<string, string> = { proposed: 'blue', adopted: 'green', not_adopted: 'default' };

export function AdoptionTag({ adoption }: { adoption: string | null | undefined }) {
  const t = useT();
  if (!adoption) return null;
  return <Tag color={ADOPTION_COLOR[adoption]} data-testid="adoption">{t(ADOPTION_VI[adoption])}</Tag>;
}

// `canDecide`: the standing agency's people, who alone decide (the server refuses anyone else as well).
export function Adoption({ item, canHandle, canDecide, onChange }: { item: Item; canHandle: boolean; canDecide: boolean; onChange: (i: Item) => void }) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [policy, setPolicy] = useState('');
  const [task, setTask] = useState<number | null>(null);
  const [options, setOptions] = useState<{ value: number; label: string }[]>([]);
  const [error, setError] = useState<string | null>(null);
  if (!ADOPTABLE.includes(item.kind)) return null;
  const withinCompetence = ['accepted', 'assigned', 'drafted', 'published'].includes(item.state);
  const act = async (action: 'propose' | 'adopt' | 'reject') => {
    setError(null);
    try {
      onChange(await post<Item>(`/feedback/${item.id}/adoption`, {
        version: item.version, action, ...(reason.trim() ? { reason } : {}),
        ...(action === 'adopt' && task ? { task_id: task } : {}), ...(action === 'adopt' && policy.trim() ? { policy_change: policy } : {}),
      }));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  const search = (q: string) => {
    if (q.trim().length < 2) return;
    get<Schemas['TaskList']>(`/tasks?q=${encodeURIComponent(q.trim())}&limit=20`)
      .then((r) => setOptions(r.items.map((x) => ({ value: x.id, label: `${x.code}. ${x.name}` })))).catch(() => undefined);
  };
  return (
    <Space direction="vertical" size={4} style={{ width: '100%', marginBottom: 8 }} data-testid="adoption-branch">
      <Space size={4} wrap>
        <Typography.Text type="secondary">{t('Áp dụng sáng kiến')}:</Typography.Text>
        {item.adoption ? <AdoptionTag adoption={item.adoption} /> : <Typography.Text type="secondary">{t('Chưa đề xuất áp dụng')}</Typography.Text>}
        {item.proposed_on && <Typography.Text type="secondary">{t('đề xuất')} {vnDate(item.proposed_on)}</Typography.Text>}
        {item.adoption_decided_on && <Typography.Text type="secondary">{t('quyết định')} {vnDate(item.adoption_decided_on)}</Typography.Text>}
      </Space>
      {item.adopted_task && <Typography.Text>{t('Áp dụng vào nhiệm vụ')}: {item.adopted_task.task_code}. {item.adopted_task.task_name}</Typography.Text>}
      {item.policy_change && <Typography.Text>{t('Thay đổi chính sách')}: {item.policy_change}</Typography.Text>}
      {item.adoption_reason && <Typography.Text type="secondary">{t('Lý do')}: {item.adoption_reason}</Typography.Text>}
      {canHandle && withinCompetence && !item.adoption && (
        <Space wrap>
          <Input aria-label={t('Lý do đề xuất áp dụng')} placeholder={t('Lý do đề xuất áp dụng')} value={reason} onChange={(e) => setReason(e.target.value)} />
          <Button data-testid="adoption-propose" onClick={() => act('propose')}>{t('Gửi đề xuất áp dụng')}</Button>
        </Space>
      )}
      {canDecide && item.adoption === 'proposed' && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Select showSearch value={task} placeholder={t('Nhiệm vụ được áp dụng vào (gõ tên hoặc mã)')} filterOption={false} allowClear
            onSearch={search} onChange={(v: number | undefined) => setTask(v ?? null)} options={options} style={{ width: '100%', maxWidth: 520 }}
            aria-label={t('Nhiệm vụ được áp dụng vào (gõ tên hoặc mã)')} notFoundContent={null} />
          <Input aria-label={t('Thay đổi chính sách')} placeholder={t('hoặc thay đổi chính sách được áp dụng')} value={policy} onChange={(e) => setPolicy(e.target.value)} />
          <Input aria-label={t('Lý do')} placeholder={t('Lý do (bắt buộc khi không áp dụng)')} value={reason} onChange={(e) => setReason(e.target.value)} />
          <Space wrap>
            <Button type="primary" data-testid="adoption-adopt" disabled={!task && !policy.trim()} onClick={() => act('adopt')}>{t('Quyết định áp dụng')}</Button>
            <Button data-testid="adoption-reject" disabled={!reason.trim()} onClick={() => act('reject')}>{t('Quyết định không áp dụng')}</Button>
          </Space>
        </Space>
      )}
      {error && <Alert type="error" showIcon message={error} data-testid="adoption-error" />}
    </Space>
  );
}
