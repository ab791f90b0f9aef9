import { useState } from 'react';
import { Alert, Button, Flex, Form, Input } from 'antd';
import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { SignInRequest } from '@fulcrum/shared';
import { AuthHeading, AuthShell } from '@/components/auth-shell';
import { showFieldErrors } from '@/components/form-errors';
import { useFormRules } from '@/components/form-rules';
import { errorMessage } from '@/i18n/error-message';
import { useSession } from '@/session/session-context';

const FIELDS = ['email', 'password'] as const;

export function SignInPage() {
  const { t } = useTranslation();
  const rules = useFormRules();
  const { signIn, expired } = useSession();
  const [form] = Form.useForm<SignInRequest>();
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  // Success re-renders this route as signed in, and <RedirectIfSignedIn> moves on.
  const submit = async (values: SignInRequest) => {
    setSubmitting(true);
    setFailure(null);
    try {
      await signIn(values);
    } catch (error) {
      if (!showFieldErrors(form, error, FIELDS)) setFailure(errorMessage(t, error));
      setSubmitting(false);
    }
  };

  return (
    <AuthShell>
      <AuthHeading title={t('signIn.title')} subtitle={t('signIn.subtitle')} />
      {expired && !failure ? <Alert type="info" showIcon title={t('signIn.sessionEnded')} className="form-alert" /> : null}
      {failure ? <Alert type="error" showIcon title={failure} className="form-alert" role="alert" /> : null}
      <Form form={form} layout="vertical" requiredMark={false} onFinish={submit} size="large" disabled={submitting}>
        <Form.Item name="email" label={t('signIn.email')} rules={rules.email}>
          <Input prefix={<MailOutlined />} type="email" autoComplete="username" autoFocus data-testid="signin-email" />
        </Form.Item>
        <Form.Item name="password" label={t('signIn.password')} rules={[rules.required]} className="form-item-tight">
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="signin-password" />
        </Form.Item>
        <Flex justify="flex-end" className="form-link-row">
          <Link to="/forgot-password">{t('signIn.forgot')}</Link>
        </Flex>
        <Button type="primary" htmlType="submit" block loading={submitting} data-testid="signin-submit">
          {t('signIn.submit')}
        </Button>
      </Form>
    </AuthShell>
  );
}
