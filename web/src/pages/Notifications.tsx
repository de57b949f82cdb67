// The user's reminders: unread first in weight, each a link to where the work is.
import { useEffect, useState } from 'react';
import { List, Badge, Typography, Space, Switch, Tag } from 'antd';
import { get, post, put, Schemas } from '../api';

type Notification = Schemas['NotificationList']['items'][number];
import { useT, vnDate } from '../i18n';

export function Notifications({ onChange }: { onChange: () => void }) {
  const t = useT();
  const [data, setData] = useState<Schemas['NotificationList'] | null>(null);
  const load = () => get<Schemas['NotificationList']>('/notifications?limit=100').then(setData);
  useEffect(() => { load(); }, []);
  const open = async (n: Notification) => {
    if (!n.read_at) { await post(`/notifications/${n.id}/read`); onChange(); }
    location.hash = n.link || '#/';
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>{t('Thông báo')}</Typography.Title>
      <Space><Switch defaultChecked onChange={(v) => put('/notifications/preferences', { email: v })} /> {t('Nhận qua thư điện tử')}</Space>
      <List dataSource={data?.items ?? []} loading={!data} renderItem={(n: Notification) => (
        <List.Item onClick={() => open(n)} style={{ cursor: 'pointer' }} data-testid="notification">
          <List.Item.Meta title={<Badge dot={!n.read_at}><span style={{ fontWeight: n.read_at ? 400 : 600 }}>{n.title}</span></Badge>}
            description={<>{n.body} · {vnDate(n.created_at)} {n.email && <Tag>{n.email.state === 'sent' ? 'đã gửi thư' : n.email.state === 'failed' ? 'gửi thư lỗi' : 'đang gửi thư'}</Tag>}</>} />
        </List.Item>)} />
    </Space>
  );
}
