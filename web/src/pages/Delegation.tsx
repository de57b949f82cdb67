// A unit head hands the approval of the unit's reports to a deputy for a range of days; the deputy's approvals
// are signed "KT." for the head. Shown on the head's "Việc của tôi"; the list says which one runs today.
import { useEffect, useState } from 'react';
import { Card, Select, Button, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { get, post, User, Schemas } from '../api';
import { useT, vnDate } from '../i18n';
import { fail } from '../shared';
import { DateInput } from '../DateInput';

type Delegation = Schemas['Delegation'];

export function DelegationCard({ user }: { user: User }) {
  const t = useT();
  const [list, setList] = useState<Schemas['DelegationList'] | null>(null);
  const [deputy, setDeputy] = useState<number | undefined>();
  const [from, setFrom] = useState<Dayjs | null>(null);
  const [to, setTo] = useState<Dayjs | null>(null);
  const load = () => { get<Schemas['DelegationList']>('/delegations').then(setList).catch(fail); };
  useEffect(load, []);
  const create = async () => {
    try {
      await post('/delegations', { deputy_id: deputy, from: from?.format('YYYY-MM-DD'), to: to?.format('YYYY-MM-DD') });
      setDeputy(undefined); setFrom(null); setTo(null);
      load();
    } catch (e) { fail(e); }
  };
  const revoke = async (d: Delegation) => {
    try { await post(`/delegations/${d.id}/revoke`, {}); load(); } catch (e) { fail(e); }
  };
  if (!list) return null;
  return (
    <Card size="small" title={t('Ủy quyền phê duyệt')} data-testid="delegations">
      <Typography.Paragraph type="secondary">{t('Trong thời gian ủy quyền, cấp phó phê duyệt hoặc trả lại báo cáo của đơn vị; phê duyệt ghi "KT." và tên người ký thay.')}</Typography.Paragraph>
      <Space wrap align="end" style={{ marginBottom: 12 }}>
        <div><label htmlFor="deputy" className="dl-label">{t('Người được ủy quyền')}</label><br />
          <Select id="deputy" aria-label={t('Người được ủy quyền')} style={{ minWidth: 240 }} value={deputy} onChange={setDeputy}
            options={list.candidates.map((c) => ({ value: c.id, label: c.name }))} /></div>
        <div><label className="dl-label">{t('Từ ngày')}</label><br /><DateInput aria-label={t('Từ ngày')} value={from} onChange={setFrom} /></div>
        <div><label className="dl-label">{t('Đến ngày')}</label><br /><DateInput aria-label={t('Đến ngày')} value={to} onChange={setTo} /></div>
        <Button type="primary" disabled={!deputy || !from || !to} onClick={create}>{t('Ủy quyền')}</Button>
      </Space>
      <Table size="small" rowKey="id" dataSource={list.items} pagination={false} scroll={{ x: 600 }}
        locale={{ emptyText: t('Chưa có ủy quyền nào.') }} columns={[
          { title: t('Người được ủy quyền'), dataIndex: 'deputy_name' },
          { title: t('Thời gian'), render: (_: unknown, d: Delegation) => <>{vnDate(d.from)} – {vnDate(d.to)}</>, width: 220 },
          { title: t('Trạng thái'), width: 160, render: (_: unknown, d: Delegation) => d.revoked_at ? <Tag>{t('Đã thu hồi')}</Tag> : d.active ? <Tag color="green">{t('Đang hiệu lực')}</Tag> : <Tag>{t('Chưa hoặc hết hiệu lực')}</Tag> },
          { title: '', width: 120, render: (_: unknown, d: Delegation) => !d.revoked_at && d.delegator_id === user.id ? <Button size="small" danger onClick={() => revoke(d)}>{t('Thu hồi')}</Button> : null },
        ]} />
    </Card>
  );
}
