import { useEffect } from 'react';
import { Alert, Form, Input, Modal, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LOCALES } from '@fulcrum/shared';
import type { Locale, User, UserRole } from '@fulcrum/shared';
import { api } from '@/api/client';
import { useFormRules } from '@/components/form-rules';
import { RoleSelect } from '@/pages/users/role-select';
import { useFormSave } from '@/components/use-form-save';

interface EditForm {
  name: string;
  role: UserRole;
  locale: Locale;
}

const FIELDS = ['name', 'role', 'locale'] as const;

export function EditUserModal({
  user,
  isSelf,
  onClose,
  onSaved,
}: {
  user: User | null;
  isSelf: boolean;
  onClose: () => void;
  onSaved: (user: User) => void;
}) {
  const { t } = useTranslation();
  const rules = useFormRules();
  const [form] = Form.useForm<EditForm>();
  const { saving, failure, setFailure, run } = useFormSave(form, FIELDS);

  useEffect(() => {
    setFailure(null);
    if (user) form.setFieldsValue({ name: user.name, role: user.role, locale: user.locale });
  }, [form, user]);

  const submit = (values: EditForm) =>
    run(async () => {
      if (!user) return;
      const changes = {
        ...(values.name.trim() !== user.name ? { name: values.name.trim() } : {}),
        ...(!isSelf && values.role !== user.role ? { role: values.role } : {}),
        ...(values.locale !== user.locale ? { locale: values.locale } : {}),
      };
      onSaved(Object.keys(changes).length ? await api.updateUser(user.id, changes) : user);
    });

  return (
    <Modal
      open={user !== null}
      title={user ? t('users.edit.title', { name: user.name }) : null}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      forceRender
    >
      {failure ? <Alert type="error" showIcon title={failure} className="form-alert" role="alert" /> : null}
      <Form<EditForm> form={form} layout="vertical" requiredMark={false} onFinish={submit} disabled={saving}>
        <Form.Item name="name" label={t('users.form.name')} rules={rules.name}>
          <Input autoComplete="off" data-testid="user-edit-name" />
        </Form.Item>
        <Form.Item
          name="role"
          label={t('users.form.role')}
          extra={isSelf ? <Typography.Text type="secondary">{t('users.edit.ownRole')}</Typography.Text> : undefined}
        >
          <RoleSelect disabled={isSelf} data-testid="user-edit-role" />
        </Form.Item>
        <Form.Item name="locale" label={t('users.form.language')}>
          <Select<Locale> options={LOCALES.map((locale) => ({ value: locale, label: t(`language.name.${locale}`) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
