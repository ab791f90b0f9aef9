import { useEffect } from 'react';
import { Alert, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { TAG_LIMITS } from '@fulcrum/shared';
import type { TagCategory, TagColor } from '@fulcrum/shared';
import { api } from '@/api/client';
import { useFormRules } from '@/components/form-rules';
import { ColorSelect } from '@/pages/tags/color-select';
import { showCodeOnField } from '@/components/form-errors';
import { useFormSave } from '@/components/use-form-save';

const FIELDS = ['name', 'color'] as const;

interface CategoryForm {
  name: string;
  color: TagColor;
}

/** Creates a category (`category` null) or renames / recolours one. */
export function CategoryModal({
  open,
  category,
  onClose,
  onSaved,
}: {
  open: boolean;
  category: TagCategory | null;
  onClose: () => void;
  onSaved: (category: TagCategory) => void;
}) {
  const { t } = useTranslation();
  const rules = useFormRules();
  const [form] = Form.useForm<CategoryForm>();
  const { saving, failure, setFailure, run } = useFormSave(form, FIELDS);

  useEffect(() => {
    if (!open) return;
    setFailure(null);
    form.resetFields();
    form.setFieldsValue(category ? { name: category.name, color: category.color } : { name: '', color: 'blue' });
  }, [form, open, category]);

  const submit = (values: CategoryForm) =>
    run(
      async () => {
        const body = { name: values.name.trim(), color: values.color };
        onSaved(category ? await api.updateTagCategory(category.id, body) : await api.createTagCategory(body));
      },
      (error) => showCodeOnField(form, error, 'tags.category_name_taken', 'name', t('errors.tags.category_name_taken')),
    );

  return (
    <Modal
      open={open}
      title={category ? t('tags.categoryForm.editTitle', { name: category.name }) : t('tags.categoryForm.createTitle')}
      okText={category ? t('common.save') : t('tags.categoryForm.create')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'category-save' }}
      forceRender
    >
      {failure ? <Alert type="error" showIcon title={failure} className="form-alert" role="alert" /> : null}
      <Form<CategoryForm> form={form} layout="vertical" requiredMark={false} onFinish={submit} disabled={saving}>
        <Form.Item
          name="name"
          label={t('tags.categoryForm.name')}
          rules={[rules.required, { max: TAG_LIMITS.nameLength, message: t('tags.nameTooLong', { max: TAG_LIMITS.nameLength }) }]}
          extra={t('tags.categoryForm.nameHint')}
        >
          <Input autoComplete="off" maxLength={TAG_LIMITS.nameLength} data-testid="category-name" />
        </Form.Item>
        <Form.Item name="color" label={t('tags.form.color')}>
          <ColorSelect data-testid="category-color" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
