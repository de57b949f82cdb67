import { useState } from 'react';
import { Card, Form, Input, Button, Alert, Typography } from 'antd';
import { post, setCsrf, User, ApiError } from '../api';
import { useT } from '../i18n';
import { ForgotPassword } from './Account';

export function Login({ onLogin }: { onLogin: (u: User) => void }) {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [forgot, setForgot] = useState(false);
  const submit = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const r = await post<{ user: User; csrf_token: string }>('/auth/login', v);
      setCsrf(r.csrf_token);
      onLogin(r.user);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: '10vh 12px' }}>
      <Card style={{ width: 380, maxWidth: '100%' }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>Tiến Độ</Typography.Title>
        <Typography.Paragraph type="secondary">
          Theo dõi kế hoạch khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số và Đề án 06
        </Typography.Paragraph>
        {forgot ? <ForgotPassword onBack={() => setForgot(false)} /> : <>
        {error && <Alert type="error" message={error} showIcon style={{ marginBottom: 16 }} role="alert" />}
        <Form name="login-1" layout="vertical" onFinish={submit}>
          <Form.Item label={t('Tên đăng nhập')} name="username" rules={[{ required: true, message: 'Nhập tên đăng nhập' }]}>
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label={t('Mật khẩu')} name="password" rules={[{ required: true, message: 'Nhập mật khẩu' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>{t('Đăng nhập')}</Button>
        </Form>
        <Button type="link" onClick={() => setForgot(true)} style={{ paddingLeft: 0, marginTop: 8 }}>{t('Quên mật khẩu?')}</Button>
        <div><a href="#/gop-y" data-testid="public-feedback-link">{t('Gửi góp ý, tra cứu phản ánh (không cần đăng nhập)')}</a></div>
        </>}
      </Card>
    </div>
  );
}
