import { useEffect } from 'react';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { TAG_LIMITS } from '@fulcrum/shared';
import type { Tag, TagCategory } from '@fulcrum/shared';
import { api } from '@/api/client';
import { useFormRules } from '@/components/form-rules';
import { ColorSelect } from '@/pages/tags/color-select';
import type { ColorChoice } from '@/pages/tags/color-select';
import { showCodeOnField } from '@/components/form-errors';
import { useFormSave } from '@/components/use-form-save';

const FIELDS = ['categoryId', 'name', 'color', 'description'] as const;

interface TagForm {
  categoryId: string;
  name: string;
  color: ColorChoice;
  description: string;
}

/** Creates a tag (in `categoryId`) or edits one: rename, recolour, describe, move to another category. */
export function TagModal({
  open,
  tag,
  categoryId,
  categories,
  onClose,
  onSaved,
}: {
  open: boolean;
  tag: Tag | null;
  categoryId: string | null;
  categories: TagCategory[];
  onClose: () => void;
  onSaved: (tag: Tag) => void;
}) {
  const { t } = useTranslation();
  const rules = useFormRules();
  const [form] = Form.useForm<TagForm>();
  const { saving, failure, setFailure, run } = useFormSave(form, FIELDS);
  const chosenCategory = Form.useWatch('categoryId', form);
  const inheritFrom = categories.find((category) => category.id === chosenCategory)?.color ?? 'blue';

  useEffect(() => {
    if (!open) return;
    setFailure(null);
    form.resetFields();
    form.setFieldsValue(
      tag
        ? { categoryId: tag.categoryId, name: tag.name, color: tag.color ?? '', description: tag.description ?? '' }
        : { categoryId: categoryId ?? categories[0]?.id, name: '', color: '', description: '' },
    );
  }, [form, open, tag, categoryId, categories]);

  const submit = (values: TagForm) =>
    run(
      async () => {
        const body = { categoryId: values.categoryId, name: values.name.trim(), color: values.color === '' ? null : values.color, description: values.description ?? '' };
        onSaved(tag ? await api.updateTag(tag.id, body) : await api.createTag(body));
      },
      (error) => showCodeOnField(form, error, 'tags.name_taken', 'name', t('errors.tags.name_taken')),
    );

  return (
    <Modal
      open={open}
      title={tag ? t('tags.tagForm.editTitle', { name: tag.name }) : t('tags.tagForm.createTitle')}
      okText={tag ? t('common.save') : t('tags.tagForm.create')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'tag-save' }}
      forceRender
    >
      {failure ? <Alert type="error" showIcon title={failure} className="form-alert" role="alert" /> : null}
      <Form<TagForm> form={form} layout="vertical" requiredMark={false} onFinish={submit} disabled={saving}>
        <Form.Item name="categoryId" label={t('tags.tagForm.category')} rules={[rules.required]}>
          <Select options={categories.map((category) => ({ value: category.id, label: category.name }))} data-testid="tag-category" />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('tags.tagForm.name')}
          rules={[rules.required, { max: TAG_LIMITS.nameLength, message: t('tags.nameTooLong', { max: TAG_LIMITS.nameLength }) }]}
        >
          <Input autoComplete="off" maxLength={TAG_LIMITS.nameLength} data-testid="tag-name" />
        </Form.Item>
        <Form.Item name="color" label={t('tags.form.color')}>
          <ColorSelect inheritFrom={inheritFrom} data-testid="tag-color" />
        </Form.Item>
        <Form.Item name="description" label={t('tags.tagForm.description')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={TAG_LIMITS.descriptionLength} showCount data-testid="tag-description" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
