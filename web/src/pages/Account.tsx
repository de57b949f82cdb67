// Accounts: the user's own password change, "quên mật khẩu" (a link by e-mail) and the page that link opens.
import { useState } from 'react';
import { Card, Form, Input, Button, Alert, Typography, Result } from 'antd';
import type { FormInstance } from 'antd';
import { post, ApiError } from '../api';
import { useT } from '../i18n';
import { go } from '../router';
import { AntdProvider } from '../theme';

const RULES = 'Ít nhất 10 ký tự, có chữ và số; không dùng mật khẩu phổ biến, tên sản phẩm, tên đăng nhập, họ tên hay tên đơn vị.';

// Puts a field's error beside the field, anything else above the form.
function useFailure(form: FormInstance) {
  const [error, setError] = useState<string | null>(null);
  const fail = (e: unknown) => {
    if (e instanceof ApiError && e.field && form.getFieldInstance?.(e.field) !== undefined) {
      form.setFields([{ name: e.field, errors: [e.message] }]);
      setError(null);
    } else {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  return { error, setError, fail };
}

const card = { width: 440, maxWidth: '100%' };

function NewPasswordFields({ t }: { t: (s: string) => string }) {
  return (
    <>
      <Form.Item label={t('Mật khẩu mới')} name="new_password" extra={t(RULES)}
        rules={[{ required: true, message: t('Nhập mật khẩu mới') }]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item label={t('Nhập lại mật khẩu mới')} name="confirm" dependencies={['new_password']}
        rules={[{ required: true, message: t('Nhập lại mật khẩu mới') }, ({ getFieldValue }) => ({
          validator: (_: unknown, v: string) => (!v || v === getFieldValue('new_password') ? Promise.resolve()
            : Promise.reject(new Error(t('Hai mật khẩu chưa giống nhau')))),
        })]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}

export function ChangePassword() {
  const t = useT();
  const [form] = Form.useForm();
  const { error, fail, setError } = useFailure(form);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const submit = async (v: { current_password: string; new_password: string }) => {
    setBusy(true);
    setError(null);
    try {
      await post('/auth/password', { current_password: v.current_password, new_password: v.new_password });
      setDone(true);
      form.resetFields();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ display: 'flex', justifyContent: 'center' }}>
      <Card style={card} title={t('Đổi mật khẩu')}>
        {done && <Alert type="success" showIcon style={{ marginBottom: 16 }} data-testid="password-changed"
          message={t('Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã kết thúc.')} />}
        {error && <Alert type="error" message={error} showIcon style={{ marginBottom: 16 }} role="alert" />}
        <Form form={form} name="account-form-1" layout="vertical" onFinish={submit}>
          <Form.Item label={t('Mật khẩu hiện tại')} name="current_password" rules={[{ required: true, message: t('Nhập mật khẩu hiện tại') }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <NewPasswordFields t={t} />
          <Button type="primary" htmlType="submit" block loading={busy}>{t('Đổi mật khẩu')}</Button>
        </Form>
      </Card>
    </div>
  );
}

export function ForgotPassword({ onBack }: { onBack: () => void }) {
  const t = useT();
  const [form] = Form.useForm();
  const { error, fail, setError } = useFailure(form);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<string | null>(null);
  const submit = async (v: { login: string }) => {
    setBusy(true);
    setError(null);
    try {
      const r = await post<{ message: string }>('/auth/forgot', { login: v.login });
      setSent(r.message);
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };
  // Shown inside the login page, which has no antd around it.
  return (
    <AntdProvider>
      <Typography.Title level={4} style={{ marginTop: 0 }}>{t('Quên mật khẩu')}</Typography.Title>
      {sent ? <Alert type="info" showIcon message={sent} data-testid="forgot-sent" style={{ marginBottom: 16 }} /> : (
        <>
          <Typography.Paragraph type="secondary">
            {t('Nhập tên đăng nhập hoặc e-mail của tài khoản. Nếu tài khoản có e-mail, một liên kết đặt lại mật khẩu sẽ được gửi tới đó.')}
          </Typography.Paragraph>
          {error && <Alert type="error" message={error} showIcon style={{ marginBottom: 16 }} role="alert" />}
          <Form form={form} name="account-form-2" layout="vertical" onFinish={submit}>
            <Form.Item label={t('Tên đăng nhập hoặc e-mail')} name="login" rules={[{ required: true, message: t('Nhập tên đăng nhập hoặc e-mail') }]}>
              <Input autoComplete="username" autoFocus />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy}>{t('Gửi liên kết')}</Button>
          </Form>
        </>
      )}
      <Button type="link" onClick={onBack} style={{ paddingLeft: 0, marginTop: 8 }}>{t('Quay lại đăng nhập')}</Button>
    </AntdProvider>
  );
}

export function ResetPassword({ token }: { token: string }) {
  const t = useT();
  const [form] = Form.useForm();
  const { error, fail, setError } = useFailure(form);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const submit = async (v: { new_password: string }) => {
    setBusy(true);
    setError(null);
    try {
      await post('/auth/reset', { token, new_password: v.new_password });
      setDone(true);
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };
  // The page the e-mailed link opens, outside the signed-in frame.
  return (
    <AntdProvider>
    <div style={{ display: 'flex', justifyContent: 'center', padding: '10vh 12px' }}>
      <Card style={card} title={t('Đặt lại mật khẩu')}>
        {done ? (
          <Result status="success" title={t('Đã đặt mật khẩu mới')} subTitle={t('Hãy đăng nhập bằng mật khẩu mới.')}
            extra={<Button type="primary" onClick={() => go('')} data-testid="to-login">{t('Đăng nhập')}</Button>} />
        ) : (
          <>
            {!token && <Alert type="error" showIcon message={t('Liên kết thiếu mã đặt lại. Hãy mở đúng liên kết trong e-mail.')} />}
            {error && <Alert type="error" message={error} showIcon style={{ marginBottom: 16 }} role="alert" />}
            <Form form={form} name="account-form-3" layout="vertical" onFinish={submit}>
              <NewPasswordFields t={t} />
              <Button type="primary" htmlType="submit" block loading={busy} disabled={!token}>{t('Đặt mật khẩu mới')}</Button>
            </Form>
          </>
        )}
      </Card>
    </div>
    </AntdProvider>
  );
}
