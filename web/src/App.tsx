import { useEffect, useState } from 'react';
import { ConfigProvider, Layout, Menu, Button, Space, Segmented, Typography, Grid, Spin, Badge, Dropdown } from 'antd';
import viVN from 'antd/locale/vi_VN';
import enUS from 'antd/locale/en_US';
import { get, post, setCsrf, User, Schemas } from './api';
import { Lang, LangContext, useT } from './i18n';
import { go, useRoute } from './router';
import { Login } from './pages/Login';
import { Inbox } from './pages/Inbox';
import { ReportForm } from './pages/ReportForm';
import { Review } from './pages/Review';
import { Dashboard } from './pages/Dashboard';
import { Assignments } from './pages/Assignments';
import { AssignmentDetail } from './pages/AssignmentDetail';
import { Admin } from './pages/Admin';
import { Notifications } from './pages/Notifications';
import { Documents } from './pages/Documents';
import { ChangePassword, ResetPassword } from './pages/Account';
import { FeedbackInbox } from './pages/feedback/FeedbackInbox';
import { PublicFeedback } from './pages/feedback/PublicFeedback';

const WHOLE_CITY = ['admin', 'standing_agency', 'leader', 'directing_leader'];

function Shell({ user, onLogout, lang, setLang }: { user: User; onLogout: () => void; lang: Lang; setLang: (l: Lang) => void }) {
  const t = useT();
  const route = useRoute();
  const screens = Grid.useBreakpoint();
  const [unread, setUnread] = useState(0);
  const refreshUnread = () => get<Schemas['NotificationList']>('/notifications?limit=1').then((r) => setUnread(r.unread)).catch(() => undefined);
  useEffect(() => { refreshUnread(); const id = window.setInterval(refreshUnread, 60000); return () => window.clearInterval(id); }, []);
  const home = WHOLE_CITY.includes(user.role) ? (user.role === 'standing_agency' ? 'review' : 'dashboard') : 'inbox';
  const name = route.name || home;
  const items = [
    ...(!WHOLE_CITY.includes(user.role) ? [{ key: 'inbox', label: t('Việc của tôi') }] : []),
    { key: 'dashboard', label: t('Bảng điều hành') },
    ...(['standing_agency', 'admin'].includes(user.role) ? [{ key: 'review', label: t('Tiếp nhận báo cáo') }] : []),
    { key: 'assignments', label: t('Nhiệm vụ') },
    ...(WHOLE_CITY.includes(user.role) ? [{ key: 'documents', label: t('Văn bản') }] : []),
    { key: 'phan-anh', label: t('Phản ánh, kiến nghị') },
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
    case 'doi-mat-khau': page = <ChangePassword />; break;
    case 'notifications': page = <Notifications onChange={refreshUnread} />; break;
    default: page = <Dashboard user={user} query={route.query} />;
  }
  return (
    <Layout style={{ minHeight: '100vh' }}>
      {/* One line of 48 px on a phone: the menu folds into "…", the bell is an icon, log out is in the user menu. */}
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: screens.md ? 12 : 6, padding: screens.md ? '0 24px' : '0 6px', height: 48, lineHeight: '48px' }}>
        <Typography.Text strong style={{ color: '#fff', fontSize: screens.md ? 18 : 15, whiteSpace: 'nowrap' }}>Tiến Độ</Typography.Text>
        <Menu theme="dark" mode="horizontal" selectedKeys={[name === 'report' ? 'inbox' : name === 'assignment' ? 'assignments' : name]}
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
            <Typography.Text style={{ color: '#ddd', cursor: 'pointer', whiteSpace: 'nowrap' }} data-testid="whoami" title={`${user.full_name} · ${user.unit_name}`}>
              {screens.md ? `${user.full_name} · ${user.unit_name}` : user.username} ▾</Typography.Text>
          </Dropdown>
          {screens.md && <Button size="small" onClick={onLogout}>{t('Đăng xuất')}</Button>}
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: screens.md ? 24 : 8, maxWidth: 1400, width: '100%', margin: '0 auto' }}>{page}</Layout.Content>
    </Layout>
  );
}

export function App() {
  const route = useRoute();
  const [lang, setLang] = useState<Lang>((localStorage.getItem('tiendo.lang') as Lang) ?? 'vi');
  const [user, setUser] = useState<User | null | undefined>(undefined);
  useEffect(() => {
    get<User>('/auth/me').then((u) => { if (u.csrf_token) setCsrf(u.csrf_token); setUser(u); }).catch(() => setUser(null));
  }, []);
  useEffect(() => { localStorage.setItem('tiendo.lang', lang); document.documentElement.lang = lang; }, [lang]);
  const logout = async () => { await post('/auth/logout').catch(() => undefined); setUser(null); go(''); };
  return (
    <LangContext.Provider value={lang}>
      <ConfigProvider locale={lang === 'vi' ? viVN : enUS} theme={{ token: { fontFamily: "'Noto Sans', 'Segoe UI', Arial, sans-serif" } }}>
        {route.name === 'dat-lai-mat-khau' ? <ResetPassword token={route.query.get('token') ?? ''} /> :
          route.name === 'gop-y' ? <PublicFeedback key={route.query.toString()} query={route.query} /> :
          user === undefined ? <Spin style={{ margin: 64 }} /> : user === null ? <Login onLogin={setUser} /> :
          <Shell user={user} onLogout={logout} lang={lang} setLang={setLang} />}
      </ConfigProvider>
    </LangContext.Provider>
  );
}
