// The login page: plain HTML and a stylesheet, no antd, so that the first load on a commune's line is React and
// this page alone (issue 14: ≤ 200 KB of compressed JavaScript, the form on screen within 3 s at 1.6 Mbps).
// "Quên mật khẩu?" fetches its antd form only when clicked.
import { lazy, Suspense, useState } from 'react';
import type { FormEvent } from 'react';
import { post, setCsrf, User, ApiError } from '../api';
import { useT } from '../i18n';
import './login.css';

const ForgotPassword = lazy(() => import('./Account').then((m) => ({ default: m.ForgotPassword })));

// onTyping: called as the user types, to fetch what signing in will show while the line is idle.
export function Login({ onLogin, onTyping }: { onLogin: (u: User) => void; onTyping?: () => void }) {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const [missing, setMissing] = useState({ username: false, password: false });
  const [busy, setBusy] = useState(false);
  const [forgot, setForgot] = useState(false);
  const [shown, setShown] = useState(false);
  const submit = async (ev: FormEvent<HTMLFormElement>) => {
    ev.preventDefault();
    if (busy) return;
    const form = new FormData(ev.currentTarget);
    const username = String(form.get('username') ?? '').trim();
    const password = String(form.get('password') ?? '');
    const miss = { username: !username, password: !password };
    setMissing(miss);
    if (miss.username || miss.password) return;
    setBusy(true);
    setError(null);
    try {
      const r = await post<{ user: User; csrf_token: string }>('/auth/login', { username, password });
      setCsrf(r.csrf_token);
      onLogin(r.user);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
      setBusy(false);
    }
  };
  return (
    <main className="login">
      <section className="login-card">
        <h1>Tiến Độ</h1>
        <p className="login-sub">{t('Theo dõi kế hoạch khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số và Đề án 06')}</p>
        {forgot ? <Suspense fallback={<p aria-busy="true">{t('Đang tải…')}</p>}><ForgotPassword onBack={() => setForgot(false)} /></Suspense> : <>
          {error && <div className="login-error" role="alert">{error}</div>}
          <form name="login-1" noValidate onSubmit={submit} onInput={onTyping}>
            <div className="login-field">
              <label htmlFor="login-1_username">{t('Tên đăng nhập')}</label>
              <input id="login-1_username" name="username" autoComplete="username" autoFocus aria-required="true"
                aria-invalid={missing.username} aria-describedby={missing.username ? 'login-1_username_help' : undefined} />
              {missing.username && <div id="login-1_username_help" className="login-field-error">{t('Nhập tên đăng nhập')}</div>}
            </div>
            <div className="login-field">
              <label htmlFor="login-1_password">{t('Mật khẩu')}</label>
              <div className="login-password">
                <input id="login-1_password" name="password" type={shown ? 'text' : 'password'} autoComplete="current-password" aria-required="true"
                  aria-invalid={missing.password} aria-describedby={missing.password ? 'login-1_password_help' : undefined} />
                <button type="button" aria-pressed={shown} onClick={() => setShown(!shown)}>{shown ? t('Ẩn') : t('Hiện')}</button>
              </div>
              {missing.password && <div id="login-1_password_help" className="login-field-error">{t('Nhập mật khẩu')}</div>}
            </div>
            <button type="submit" className="login-primary" aria-busy={busy}>{t('Đăng nhập')}</button>
          </form>
          <button type="button" className="login-link" onClick={() => setForgot(true)}>{t('Quên mật khẩu?')}</button>
          <a className="login-link" href="#/gop-y" data-testid="public-feedback-link">{t('Gửi góp ý, tra cứu phản ánh (không cần đăng nhập)')}</a>
        </>}
      </section>
    </main>
  );
}
