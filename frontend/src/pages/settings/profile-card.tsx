import { useEffect } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Select, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { LOCALES } from '@fulcrum/shared';
import type { Locale } from '@fulcrum/shared';
import { api } from '@/api/client';
import { useFormRules } from '@/components/form-rules';
import { applyLocale } from '@/i18n';
import { useSession, useUser } from '@/session/session-context';
import { useFormSave } from '@/components/use-form-save';

interface ProfileForm {
  name: string;
  locale: Locale;
}

const FIELDS = ['name', 'locale'] as const;

export function ProfileCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const rules = useFormRules();
  const user = useUser();
  const { updateUser } = useSession();
  const [form] = Form.useForm<ProfileForm>();
  const { saving, failure, run } = useFormSave(form, FIELDS);

  // The header's language switch also changes the profile; keep the form in step.
  useEffect(() => {
    form.setFieldsValue({ name: user.name, locale: user.locale });
  }, [form, user.name, user.locale]);

  const save = (values: ProfileForm) =>
    run(async () => {
      const updated = await api.updateMe({ name: values.name.trim(), locale: values.locale });
      await applyLocale(updated.locale);
      updateUser(updated);
      void message.success(t('settings.profile.saved'));
    });

  return (
    <Card title={t('settings.profile.title')} data-testid="profile-card">
      <Descriptions
        column={1}
        size="small"
        className="profile-facts"
        items={[
          { key: 'email', label: t('settings.profile.email'), children: user.email },
          { key: 'role', label: t('settings.profile.role'), children: <Tag color="blue">{t(`roles.${user.role}`)}</Tag> },
        ]}
      />
      {failure ? <Alert type="error" showIcon title={failure} className="form-alert" role="alert" /> : null}
      <Form<ProfileForm>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ name: user.name, locale: user.locale }}
        onFinish={save}
        disabled={saving}
      >
        <Form.Item name="name" label={t('settings.profile.name')} rules={rules.name}>
          <Input autoComplete="name" data-testid="profile-name" />
        </Form.Item>
        <Form.Item name="locale" label={t('settings.profile.language')}>
          <Select<Locale>
            data-testid="profile-language"
            options={LOCALES.map((locale) => ({ value: locale, label: t(`language.name.${locale}`) }))}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="profile-save">
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}
