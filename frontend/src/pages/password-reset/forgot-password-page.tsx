import { useState } from 'react';
import { Alert, Button, Form, Input, Result } from 'antd';
import { ArrowLeftOutlined, MailOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { PasswordResetRequest } from '@fulcrum/shared';
import { api } from '@/api/client';
import { AuthHeading, AuthShell } from '@/components/auth-shell';
import { showFieldErrors } from '@/components/form-errors';
import { useFormRules } from '@/components/form-rules';
import { useDocumentTitle } from '@/components/page-header';
import { errorMessage } from '@/i18n/error-message';

const FIELDS = ['email'] as const;

function SentNotice({ email }: { email: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  useDocumentTitle(t('forgotPassword.sentTitle'));
  return (
    <Result
      status="success"
      icon={<MailOutlined />}
      title={<span data-testid="page-title">{t('forgotPassword.sentTitle')}</span>}
      subTitle={t('forgotPassword.sentBody', { email })}
      extra={<Button onClick={() => navigate('/sign-in')}>{t('forgotPassword.backToSignIn')}</Button>}
    />
  );
}

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const rules = useFormRules();
  const [form] = Form.useForm<PasswordResetRequest>();
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);

  const submit = async ({ email }: PasswordResetRequest) => {
    setSubmitting(true);
    setFailure(null);
    try {
      await api.requestPasswordReset({ email });
      setSentTo(email);
    } catch (error) {
      if (!showFieldErrors(form, error, FIELDS)) setFailure(errorMessage(t, error));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <AuthShell>
      {sentTo ? (
        <SentNotice email={sentTo} />
      ) : (
        <>
          <AuthHeading title={t('forgotPassword.title')} subtitle={t('forgotPassword.subtitle')} />
          {failure ? <Alert type="error" showIcon title={failure} className="form-alert" role="alert" /> : null}
          <Form form={form} layout="vertical" requiredMark={false} onFinish={submit} size="large" disabled={submitting}>
            <Form.Item name="email" label={t('forgotPassword.email')} rules={rules.email}>
              <Input prefix={<MailOutlined />} type="email" autoComplete="email" autoFocus data-testid="forgot-email" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={submitting} data-testid="forgot-submit">
              {t('forgotPassword.submit')}
            </Button>
          </Form>
          <div className="auth-back">
            <Link to="/sign-in">
              <ArrowLeftOutlined /> {t('forgotPassword.backToSignIn')}
            </Link>
          </div>
        </>
      )}
    </AuthShell>
  );
}
