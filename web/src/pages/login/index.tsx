/** 登录: POST /auth/login. Wrong password, lockout (with the time it ends) and disabled accounts are shown. */
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, Segmented, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { api, isApiError } from '../../api/index.ts';
import { useI18n, type Lang } from '../../i18n/index.tsx';
import { useSession } from '../../session.tsx';
import { errorText } from '../../shared/errors.ts';

interface Values {
  username: string;
  password: string;
}

/** Only same-site paths are followed after sign-in (no open redirect). */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/workbench';
}

export default function LoginPage() {
  const { t, lang, setLang, fmtDateTime } = useI18n();
  const { user, signIn } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ text: string; extra?: string }>();
  const next = safeNext(params.get('next'));

  if (user) return <Navigate to={next} replace />;

  const submit = async (v: Values) => {
    setBusy(true);
    setError(undefined);
    try {
      const s = await api.auth.login(v.username.trim(), v.password);
      signIn(s);
      navigate(next, { replace: true });
    } catch (e) {
      const until = isApiError(e) && e.code === 'ACCOUNT_LOCKED' && typeof e.details.lockedUntil === 'string' ? e.details.lockedUntil : undefined;
      setError({ text: errorText(e, lang), ...(until ? { extra: t('login.lockedUntil', { time: fmtDateTime(until) }) } : {}) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login-page">
      <Segmented<Lang>
        className="login-lang"
        size="small"
        aria-label={t('app.lang.switch')}
        value={lang}
        onChange={(v) => setLang(v)}
        options={[
          { label: '中', value: 'zh' },
          { label: 'EN', value: 'en' },
        ]}
      />
      <Card className="login-card">
        <Typography.Title level={3} style={{ textAlign: 'center', marginBottom: 4 }}>
          {t('app.name')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          {t('login.subtitle')}
        </Typography.Paragraph>
        {error && (
          <Alert type="error" showIcon message={error.text} description={error.extra} style={{ marginBottom: 16 }} role="alert" data-testid="login-error" />
        )}
        <Form<Values> layout="vertical" onFinish={submit} requiredMark={false} name="login">
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('login.required.username') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.required.password') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('login.submit')}
          </Button>
        </Form>
        <div style={{ textAlign: 'center', marginTop: 16 }}>
          <a href="/public">{t('login.publicLink')}</a>
        </div>
      </Card>
    </div>
  );
}
