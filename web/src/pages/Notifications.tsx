// The user's reminders: unread first in weight, each a link to where the work is.
import { useEffect, useState } from 'react';
import { List, Badge, Typography, Space, Switch, Tag } from 'antd';
import { get, post, put, Schemas } from '../api';

type Notification = Schemas['NotificationList']['items'][number];
import { useT, vnDate } from '../i18n';

// A body's lines as written, each link to the web client ("#/assignment/12", as in the weekly brief of risks)
// a link of its own, one click from the work it names.
function Body({ text, onOpen }: { text: string; onOpen: (link: string) => void }) {
  const t = useT();
  return (
    <span style={{ whiteSpace: 'pre-line' }}>
      {text.split(/(#\/[A-Za-z0-9/?=&_-]+)/).map((part, i) => i % 2 === 0 ? part : (
        <a key={i} href={part} onClick={(e) => { e.preventDefault(); e.stopPropagation(); onOpen(part); }}>{t('Mở nhiệm vụ')}</a>))}
    </span>
  );
}

export function Notifications({ onChange }: { onChange: () => void }) {
  const t = useT();
  const [data, setData] = useState<Schemas['NotificationList'] | null>(null);
  const load = () => get<Schemas['NotificationList']>('/notifications?limit=100').then(setData);
  useEffect(() => { load(); }, []);
  const open = async (n: Notification, link = n.link) => {
    if (!n.read_at) { await post(`/notifications/${n.id}/read`); onChange(); }
    location.hash = link || '#/';
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>{t('Thông báo')}</Typography.Title>
      <Space><Switch defaultChecked onChange={(v) => put('/notifications/preferences', { email: v })} /> {t('Nhận qua thư điện tử')}</Space>
      <List dataSource={data?.items ?? []} loading={!data} renderItem={(n: Notification) => (
        <List.Item onClick={() => open(n)} style={{ cursor: 'pointer' }} data-testid="notification">
          <List.Item.Meta title={<Badge dot={!n.read_at}><span style={{ fontWeight: n.read_at ? 400 : 600 }}>{t(n.title, n.title_en || undefined)}</span></Badge>}
            description={<><Body text={t(n.body, n.body_en || undefined)} onOpen={(link) => open(n, link)} /> · {vnDate(n.created_at)} {n.email && <Tag>{t(n.email.state === 'sent' ? 'đã gửi thư' : n.email.state === 'failed' ? 'gửi thư lỗi' : 'đang gửi thư')}</Tag>}</>} />
        </List.Item>)} />
    </Space>
  );
}
