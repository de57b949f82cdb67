// The entry: the session check, then the login page or the signed-in frame. Only the login page (plain HTML,
// no antd) comes with it; the frame, antd and every page are their own chunks, fetched when needed — the frame
// and the first page side by side as soon as the user is known, or already while a password is typed (issue 14:
// a commune's first load on a slow line).
import { lazy, Suspense, useEffect, useState } from 'react';
import { get, post, setCsrf, User } from './api';
import { Lang, LangContext, useT } from './i18n';
import { go, useRoute } from './router';
import { Login } from './pages/Login';
import { homeOf, preloadPage } from './pages';

const Shell = lazy(() => import('./Shell').then((m) => ({ default: m.Shell })));
const ResetPassword = lazy(() => import('./pages/Account').then((m) => ({ default: m.ResetPassword })));
// The public feedback page (no login), with its own chunk and antd's theme.
const PublicFeedback = lazy(() => import('./pages/feedback/PublicPage').then((m) => ({ default: m.PublicPage })));
// The public page of recognised S&T results (no login), its own chunk too.
const PublicResults = lazy(() => import('./pages/st-tasks/PublicResults').then((m) => ({ default: m.PublicResults })));
const preloadShell = () => { import('./Shell').catch(() => undefined); };  // shown (or its error) when rendered
// While a password is typed: the frame, and the page this device's last user landed on (most phones have one user).
const preloadOnTyping = () => { preloadShell(); preloadPage(localStorage.getItem('tiendo.home') ?? ''); };

function Loading() {
  const t = useT();
  return <p aria-busy="true" style={{ margin: 64, fontFamily: 'sans-serif', color: '#888' }}>{t('Đang tải…')}</p>;
}

export function App() {
  const route = useRoute();
  const [lang, setLang] = useState<Lang>((localStorage.getItem('tiendo.lang') as Lang) ?? 'vi');
  const [user, setUser] = useState<User | null | undefined>(undefined);
  useEffect(() => {
    get<User>('/auth/me').then((u) => { if (u.csrf_token) setCsrf(u.csrf_token); setUser(u); }).catch(() => setUser(null));
  }, []);
  useEffect(() => {
    if (!user) return;
    localStorage.setItem('tiendo.home', homeOf(user.role));
    preloadShell();
    preloadPage(route.name || homeOf(user.role));
  }, [user]);
  useEffect(() => { localStorage.setItem('tiendo.lang', lang); document.documentElement.lang = lang; }, [lang]);
  const logout = async () => { await post('/auth/logout').catch(() => undefined); setUser(null); go(''); };
  return (
    <LangContext.Provider value={lang}>
      <Suspense fallback={<Loading />}>
        {route.name === 'dat-lai-mat-khau' ? <ResetPassword token={route.query.get('token') ?? ''} /> :
          route.name === 'gop-y' ? <PublicFeedback key={route.query.toString()} query={route.query} /> :
          route.name === 'ket-qua-khcn' ? <PublicResults /> :
          user === undefined ? <Loading /> : user === null ? <Login onLogin={setUser} onTyping={preloadOnTyping} /> :
          <Shell user={user} onLogout={logout} lang={lang} setLang={setLang} />}
      </Suspense>
    </LangContext.Provider>
  );
}
