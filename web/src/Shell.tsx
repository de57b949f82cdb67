// The signed-in frame (menu, bell, language, user menu) and the page the route names. Each page is its own
// chunk (pages.ts), fetched when first opened: the login page (App.tsx) carries none of them, nor this frame.
import { lazy, Suspense, useEffect, useState } from 'react';
import { Layout, Menu, Button, Space, Segmented, Typography, Grid, Spin, Badge, Dropdown } from 'antd';
import { get, User, Schemas } from './api';
import { Lang, useT } from './i18n';
import { go, useRoute } from './router';
import { AntdProvider } from './theme';
import './print.css';
import './contrast.css';
import { pages, homeOf, WHOLE_CITY, HOST_PAGES } from './pages';

const Inbox = lazy(pages.inbox);
const ReportForm = lazy(pages.report);
const Review = lazy(pages.review);
const Dashboard = lazy(pages.dashboard);
const Assignments = lazy(pages.assignments);
const AssignmentDetail = lazy(pages.assignment);
const Admin = lazy(pages.admin);
const Notifications = lazy(pages.notifications);
const Documents = lazy(pages.documents);
const ChangePassword = lazy(pages['doi-mat-khau']);
const FeedbackInbox = lazy(pages['phan-anh']);
const StTasks = lazy(pages['nhiem-vu-khcn']);
const Exchange = lazy(pages['trao-doi']);
const Ranking = lazy(pages['xep-hang']);

export function Shell({ user, onLogout, lang, setLang }: { user: User; onLogout: () => void; lang: Lang; setLang: (l: Lang) => void }) {
  const t = useT();
  const route = useRoute();
  const screens = Grid.useBreakpoint();
  const [unread, setUnread] = useState(0);
  const refreshUnread = () => get<Schemas['NotificationList']>('/notifications?limit=1').then((r) => setUnread(r.unread)).catch(() => undefined);
  useEffect(() => { refreshUnread(); const id = window.setInterval(refreshUnread, 60000); return () => window.clearInterval(id); }, []);
  const home = homeOf(user.role);
  const host = user.role === 'host';
  // A host organisation's officer has no other page (the server answers 403 to everything else).
  const name = route.name && (!host || HOST_PAGES.includes(route.name)) ? route.name : home;
  // The exchange page (#/trao-doi) is a tab of Văn bản: an eighth item would fold Quản trị behind '…' at 1366 px.
  const items = host ? [{ key: 'nhiem-vu-khcn', label: t('Nhiệm vụ KH&CN') }] : [
    ...(!WHOLE_CITY.includes(user.role) ? [{ key: 'inbox', label: t('Việc của tôi') }] : []),
    { key: 'dashboard', label: t('Bảng điều hành') },
    ...(['standing_agency', 'admin'].includes(user.role) ? [{ key: 'review', label: t('Tiếp nhận báo cáo') }] : []),
    { key: 'assignments', label: t('Nhiệm vụ', 'Tasks') },
    ...(WHOLE_CITY.includes(user.role) ? [{ key: 'documents', label: t('Văn bản') }] : []),
    { key: 'phan-anh', label: t('Góp ý') },
    { key: 'nhiem-vu-khcn', label: t('KH&CN') },
    ...(['standing_agency', 'admin'].includes(user.role) ? [{ key: 'admin', label: t('Quản trị') }] : []),
  ];
  let page;
  switch (name) {
    case 'inbox': page = <Inbox user={user} />; break;
    case 'report': page = <ReportForm user={user} id={Number(route.id)} />; break;
    case 'review': page = <Review />; break;
    case 'assignments': page = <Assignments query={route.query} />; break;
    case 'assignment': page = <AssignmentDetail user={user} id={Number(route.id)} />; break;
    case 'admin': page = <Admin me={user} />; break;
    case 'documents': page = <Documents user={user} />; break;
    case 'phan-anh': page = <FeedbackInbox user={user} />; break;
    case 'nhiem-vu-khcn': page = <StTasks user={user} id={route.id ? Number(route.id) : undefined} />; break;
    case 'trao-doi': page = <Exchange user={user} />; break;
    case 'xep-hang': page = <Ranking user={user} id={route.id ? Number(route.id) : undefined} query={route.query} />; break;
    case 'doi-mat-khau': page = <ChangePassword />; break;
    case 'notifications': page = <Notifications onChange={refreshUnread} />; break;
    default: page = <Dashboard user={user} query={route.query} />;
  }
  return (
    <AntdProvider>
    <Layout style={{ minHeight: '100vh' }}>
      {/* One line of 48 px on a phone: the menu folds into "…", the bell is an icon, log out is in the user menu. */}
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: screens.md ? 12 : 6, padding: screens.md ? '0 24px' : '0 6px', height: 48, lineHeight: '48px' }}>
        <Typography.Text strong style={{ color: '#fff', fontSize: screens.md ? 18 : 15, whiteSpace: 'nowrap' }}>Tiến Độ</Typography.Text>
        <Menu theme="dark" mode="horizontal" selectedKeys={[name === 'report' ? 'inbox' : name === 'assignment' ? 'assignments' : name === 'trao-doi' ? 'documents' : name]}
          items={items} onClick={(e) => go(e.key)} style={{ flex: 1, minWidth: 0, lineHeight: '46px' }} />
        <Space size={screens.md ? 8 : 4} style={{ flexShrink: 0 }}>
          <Badge count={unread} size="small">
            <Button size="small" onClick={() => go('notifications')} data-testid="bell" aria-label={t('Thông báo')} title={t('Thông báo')}>
              {screens.md ? t('Thông báo') : <svg width="14" height="14" viewBox="0 0 24 24" aria-hidden="true" style={{ verticalAlign: '-2px' }}><path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z" /></svg>}
            </Button>
          </Badge>
          <Segmented size="small" value={lang} options={[{ label: 'VI', value: 'vi' }, { label: 'EN', value: 'en' }]}
            onChange={(v) => setLang(v as Lang)} aria-label={t('Ngôn ngữ')} />
          <Dropdown trigger={['click']} menu={{
            items: [{ key: 'doi-mat-khau', label: t('Đổi mật khẩu') }, { key: 'logout', label: t('Đăng xuất') }],
            onClick: (e) => (e.key === 'logout' ? onLogout() : go(e.key)),
          }}>
            <Typography.Text style={{ color: '#ddd', cursor: 'pointer', whiteSpace: 'nowrap', display: 'inline-block', maxWidth: 220, overflow: 'hidden', textOverflow: 'ellipsis', verticalAlign: 'middle' }} data-testid="whoami" title={`${user.full_name} · ${user.unit_name}`}>
              {screens.md ? `${user.full_name} · ${user.unit_name}` : user.username} ▾</Typography.Text>
          </Dropdown>
          {screens.md && <Button size="small" onClick={onLogout}>{t('Đăng xuất')}</Button>}
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: screens.md ? 24 : 8, maxWidth: 1400, width: '100%', margin: '0 auto' }}>
        <Suspense fallback={<Spin style={{ margin: 32 }} />}>{page}</Suspense>
      </Layout.Content>
    </Layout>
    </AntdProvider>
  );
}
