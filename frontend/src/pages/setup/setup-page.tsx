import { useEffect, useState } from 'react';
import { Alert, Button, Checkbox, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { LOCALES, PASSWORD_MIN_LENGTH } from '@fulcrum/shared';
import type { Locale } from '@fulcrum/shared';
import { AuthHeading, AuthShell } from '@/components/auth-shell';
import { showFieldErrors } from '@/components/form-errors';
import { useFormRules } from '@/components/form-rules';
import { useFormat } from '@/components/format';
import { DEMO_COMPANY_COUNT } from '@/demo/use-demo-status';
import { applyLocale, currentLocale } from '@/i18n';
import { errorMessage } from '@/i18n/error-message';
import { useSession } from '@/session/session-context';


interface SetupForm {
  name: string;
  email: string;
  password: string;
  confirm: string;
  locale: Locale;
  loadDemo: boolean;
}

const FIELDS = ['name', 'email', 'password', 'locale'] as const;

export function SetupPage() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const rules = useFormRules();
  const { setup, completeSetup } = useSession();
  const [form] = Form.useForm<SetupForm>();
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  // The language field and the header switch are the same setting.
  useEffect(() => {
    form.setFieldValue('locale', currentLocale());
  }, [form, i18n.language]);

  const submit = async ({ name, email, password, locale, loadDemo }: SetupForm) => {
    setSubmitting(true);
    setFailure(null);
    try {
      // Success re-renders this route as set up, and <SetupOnce> moves on to the console.
      await completeSetup({ name, email, password, locale, loadDemo: setup.demoAvailable && loadDemo });
    } catch (error) {
      if (!showFieldErrors(form, error, FIELDS)) setFailure(errorMessage(t, error));
      setSubmitting(false);
    }
  };

  return (
    <AuthShell>
      <AuthHeading title={t('setup.title')} subtitle={t('setup.subtitle')} />
      {failure ? <Alert type="error" showIcon title={failure} className="form-alert" role="alert" /> : null}
      <Form<SetupForm>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={submit}
        disabled={submitting}
        initialValues={{ locale: currentLocale(), loadDemo: setup.demoAvailable }}
      >
        <Form.Item name="name" label={t('setup.name')} rules={rules.name}>
          <Input autoComplete="name" autoFocus placeholder={t('setup.namePlaceholder')} data-testid="setup-name" />
        </Form.Item>
        <Form.Item name="email" label={t('setup.email')} rules={rules.email}>
          <Input type="email" autoComplete="email" placeholder={t('setup.emailPlaceholder')} data-testid="setup-email" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('setup.password')}
          rules={rules.newPassword}
          extra={t('setup.passwordHelp', { min: PASSWORD_MIN_LENGTH })}
        >
          <Input.Password autoComplete="new-password" data-testid="setup-password" />
        </Form.Item>
        <Form.Item name="confirm" label={t('setup.confirm')} dependencies={['password']} rules={rules.confirms('password')}>
          <Input.Password autoComplete="new-password" data-testid="setup-password-confirm" />
        </Form.Item>
        <Form.Item name="locale" label={t('setup.language')}>
          <Select<Locale>
            data-testid="setup-language"
            onChange={(locale) => void applyLocale(locale)}
            options={LOCALES.map((locale) => ({ value: locale, label: t(`language.name.${locale}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="loadDemo"
          valuePropName="checked"
          extra={setup.demoAvailable ? t('setup.demoHelp') : t('setup.demoUnavailable')}
        >
          <Checkbox disabled={!setup.demoAvailable} data-testid="setup-demo">
            {t('setup.demo', { companies: format.integer(DEMO_COMPANY_COUNT) })}
          </Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" block loading={submitting} data-testid="setup-submit">
          {t('setup.submit')}
        </Button>
      </Form>
    </AuthShell>
  );
}
