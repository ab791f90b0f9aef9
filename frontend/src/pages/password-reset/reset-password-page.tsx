import { useState } from 'react';
import { Alert, Button, Form, Input, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { passwordResetConfirmSchema } from '@fulcrum/shared';
import { api, isApiRequestError } from '@/api/client';
import { AuthHeading, AuthShell } from '@/components/auth-shell';
import { showFieldErrors } from '@/components/form-errors';
import { useFormRules } from '@/components/form-rules';
import { useDocumentTitle } from '@/components/page-header';
import { errorMessage } from '@/i18n/error-message';

interface ResetForm {
  password: string;
  confirm: string;
}

const FIELDS = ['password'] as const;

function Outcome({ kind }: { kind: 'done' | 'missing' }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const title = kind === 'done' ? t('resetPassword.doneTitle') : t('resetPassword.missingTitle');
  useDocumentTitle(title);
  return (
    <Result
      status={kind === 'done' ? 'success' : 'warning'}
      title={<span data-testid="page-title">{title}</span>}
      subTitle={kind === 'done' ? t('resetPassword.doneBody') : t('resetPassword.missingBody')}
      extra={
        kind === 'done' ? (
          <Button type="primary" onClick={() => navigate('/sign-in')} data-testid="reset-to-sign-in">
            {t('resetPassword.toSignIn')}
          </Button>
        ) : (
          <Button type="primary" onClick={() => navigate('/forgot-password')}>
            {t('resetPassword.requestNew')}
          </Button>
        )
      }
    />
  );
}

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const rules = useFormRules();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const tokenLooksValid = passwordResetConfirmSchema.shape.token.safeParse(token).success;
  const [form] = Form.useForm<ResetForm>();
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<{ message: string; tokenInvalid: boolean } | null>(null);
  const [done, setDone] = useState(false);

  const submit = async ({ password }: ResetForm) => {
    setSubmitting(true);
    setFailure(null);
    try {
      await api.confirmPasswordReset({ token, password });
      setDone(true);
    } catch (error) {
      if (!showFieldErrors(form, error, FIELDS)) {
        const tokenInvalid = isApiRequestError(error) && error.code === 'auth.reset_token_invalid';
        setFailure({ message: errorMessage(t, error), tokenInvalid });
      }
    } finally {
      setSubmitting(false);
    }
  };

  if (done || !tokenLooksValid) {
    return (
      <AuthShell>
        <Outcome kind={done ? 'done' : 'missing'} />
      </AuthShell>
    );
  }

  return (
    <AuthShell>
      <AuthHeading title={t('resetPassword.title')} subtitle={t('resetPassword.subtitle')} />
      {failure ? (
        <Alert
          type="error"
          showIcon
          title={failure.message}
          className="form-alert"
          role="alert"
          action={failure.tokenInvalid ? <Link to="/forgot-password">{t('resetPassword.requestNew')}</Link> : undefined}
        />
      ) : null}
      <Form form={form} layout="vertical" requiredMark={false} onFinish={submit} size="large" disabled={submitting}>
        <Form.Item name="password" label={t('resetPassword.password')} rules={rules.newPassword}>
          <Input.Password autoComplete="new-password" autoFocus data-testid="reset-password" />
        </Form.Item>
        <Form.Item name="confirm" label={t('resetPassword.confirm')} dependencies={['password']} rules={rules.confirms('password')}>
          <Input.Password autoComplete="new-password" data-testid="reset-password-confirm" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={submitting} data-testid="reset-submit">
          {t('resetPassword.submit')}
        </Button>
      </Form>
    </AuthShell>
  );
}
