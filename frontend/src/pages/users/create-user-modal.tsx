
import { Alert, Form, Input, Modal, Select } from 'antd';
import type { ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { LOCALES } from '@fulcrum/shared';
import type { Locale, User, UserRole } from '@fulcrum/shared';
import { api } from '@/api/client';
import { useFormRules } from '@/components/form-rules';
import { currentLocale } from '@/i18n';
import { RoleSelect } from '@/pages/users/role-select';
import { useFormSave } from '@/components/use-form-save';

interface CreateForm {
  email: string;
  name: string;
  role: UserRole;
  locale: Locale;
  password?: string;
}

const FIELDS = ['email', 'name', 'role', 'locale', 'password'] as const;

export function CreateUserModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (user: User, withPassword: boolean) => void;
}) {
  const { t } = useTranslation();
  const rules = useFormRules();
  const [form] = Form.useForm<CreateForm>();
  const { saving, failure, setFailure, run } = useFormSave(form, FIELDS);

  const submit = ({ password, ...values }: CreateForm) =>
    run(async () => {
      const withPassword = Boolean(password);
      const user = await api.createUser({ ...values, ...(withPassword ? { password } : {}) });
      form.resetFields();
      onCreated(user, withPassword);
    });

  const close = () => {
    setFailure(null);
    form.resetFields();
    onClose();
  };

  return (
    <Modal
      open={open}
      title={t('users.create.title')}
      okText={t('users.create.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'user-create-submit' } as ButtonProps}
      forceRender
    >
      {failure ? <Alert type="error" showIcon title={failure} className="form-alert" role="alert" /> : null}
      <Form<CreateForm>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={submit}
        disabled={saving}
        initialValues={{ role: 'organizer', locale: currentLocale() }}
      >
        <Form.Item name="email" label={t('users.form.email')} rules={rules.email}>
          <Input type="email" autoComplete="off" data-testid="user-email" />
        </Form.Item>
        <Form.Item name="name" label={t('users.form.name')} rules={rules.name}>
          <Input autoComplete="off" data-testid="user-name" />
        </Form.Item>
        <Form.Item name="role" label={t('users.form.role')} rules={[{ required: true, message: t('validation.role') }]}>
          <RoleSelect data-testid="user-role" />
        </Form.Item>
        <Form.Item name="locale" label={t('users.form.language')}>
          <Select<Locale> options={LOCALES.map((locale) => ({ value: locale, label: t(`language.name.${locale}`) }))} />
        </Form.Item>
        <Form.Item name="password" label={t('users.form.password')} rules={rules.optionalPassword} extra={t('users.form.passwordHelp')}>
          <Input.Password autoComplete="new-password" data-testid="user-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
