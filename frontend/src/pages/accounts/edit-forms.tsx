import { useEffect, useMemo } from 'react';
import { Alert, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { FormInstance, FormRule } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import {
  COMPANY_TIERS,
  CONSENT_STATUSES,
  editableEmailSchema,
  editablePhoneSchema,
  editableCreditCodeSchema,
  editableDomainSchema,
  INDUSTRY_TAXONOMY,
  isConsentWithdrawn,
  LOCALES,
  OWNERSHIP_TYPES,
  REVENUE_BANDS,
  SENIORITIES,
} from '@fulcrum/shared';
import type { CompanyDetail, ContactDetail, UpdateCompanyRequest, UpdateContactRequest } from '@fulcrum/shared';
import { api } from '@/api/client';
import { useFormat } from '@/components/format';
import { useFormSave } from '@/components/use-form-save';
import { useAccountLabels } from '@/pages/accounts/account-labels';

type FormValues = Record<string, unknown>;

/** The same normalizer the server runs; a value it refuses gets the field's translated message. */
function normalizerRule(schema: z.ZodType, message: string): FormRule {
  return { validator: (_rule, value: unknown) => (value === undefined || value === null || value === '' || schema.safeParse(value).success ? Promise.resolve() : Promise.reject(new Error(message))) };
}

/** Only what changed; an emptied field is sent as null (cleared). */
function changes(initial: FormValues, values: FormValues): FormValues {
  const changed: FormValues = {};
  for (const [key, value] of Object.entries(values)) {
    const next = value === undefined || value === '' ? null : value;
    if (JSON.stringify(next) !== JSON.stringify(initial[key] ?? null)) changed[key] = next;
  }
  return changed;
}

function useSaving<T>(form: FormInstance<FormValues>, fields: readonly string[], save: (body: FormValues) => Promise<T>, onSaved: (result: T) => void) {
  const { saving, failure, setFailure, run } = useFormSave(form, fields);
  const submit = (body: FormValues) => run(async () => onSaved(await save(body)));
  return { saving, failure, setFailure, submit };
}

const CONTACT_FIELDS = ['name', 'email', 'phone', 'title', 'department', 'seniority', 'buyingRole', 'locale', 'consent'] as const;

export function ContactEditModal({ contact, open, onClose, onSaved }: { contact: ContactDetail; open: boolean; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const labels = useAccountLabels();
  const [form] = Form.useForm<FormValues>();
  const initial = useMemo<FormValues>(() => Object.fromEntries(CONTACT_FIELDS.map((field) => [field, contact[field] ?? null])), [contact]);
  const { saving, failure, setFailure, submit } = useSaving(form, CONTACT_FIELDS, (body) => api.updateContact(contact.id, body as UpdateContactRequest), onSaved);

  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue(initial);
      setFailure(null);
    }
  }, [open, initial, form, setFailure]);

  const withdrawn = isConsentWithdrawn(contact.consent);
  return (
    <Modal
      open={open}
      title={t('accountsBrowse.edit.contactTitle', { name: contact.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'edit-save' }}
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={(values) => void submit(changes(initial, values))} data-testid="contact-edit-form">
        <Form.Item name="name" label={labels.field('name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="email" label={labels.field('email')} rules={[normalizerRule(editableEmailSchema, t('validation.email'))]}>
          <Input maxLength={320} />
        </Form.Item>
        <Form.Item name="phone" label={labels.field('phone')} rules={[normalizerRule(editablePhoneSchema, t('accountsBrowse.edit.badPhone'))]} extra={t('accountsBrowse.edit.phoneHelp')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="title" label={labels.field('title')}>
          <Input maxLength={200} data-testid="edit-title" />
        </Form.Item>
        <Form.Item name="department" label={labels.field('department')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="seniority" label={labels.field('seniority')}>
          <Select allowClear options={SENIORITIES.map((value) => ({ value, label: labels.seniority(value) }))} />
        </Form.Item>
        <Form.Item name="buyingRole" label={labels.field('buyingRole')}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="locale" label={labels.field('locale')}>
          <Select allowClear options={LOCALES.map((value) => ({ value, label: t(`language.name.${value}`) }))} />
        </Form.Item>
        <Form.Item name="consent" label={labels.field('consent')} extra={withdrawn ? t('accountsBrowse.edit.consentWithdrawn') : undefined}>
          <Select
            options={CONSENT_STATUSES.map((value) => ({
              value,
              label: labels.consent(value),
              // A withdrawal gives way only to a new opt-in or a stronger withdrawal.
              disabled: withdrawn && value !== 'opt_in' && !(value === 'do_not_contact' || value === contact.consent),
            }))}
          />
        </Form.Item>
      </Form>
      {failure ? <Alert type="error" showIcon title={failure} /> : null}
    </Modal>
  );
}

const COMPANY_FIELDS = [
  'name',
  'domain',
  'creditCode',
  'industry',
  'subIndustry',
  'employees',
  'revenueBand',
  'ownership',
  'foundedYear',
  'country',
  'province',
  'city',
  'techTags',
  'tier',
] as const;

export function CompanyEditModal({ company, open, onClose, onSaved }: { company: CompanyDetail; open: boolean; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const labels = useAccountLabels();
  const { locale } = useFormat();
  const [form] = Form.useForm<FormValues>();
  const initial = useMemo<FormValues>(() => Object.fromEntries(COMPANY_FIELDS.map((field) => [field, company[field] ?? null])), [company]);
  const { saving, failure, setFailure, submit } = useSaving(form, COMPANY_FIELDS, (body) => api.updateCompany(company.id, body as UpdateCompanyRequest), onSaved);
  const industry = Form.useWatch('industry', form) as string | null | undefined;

  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue(initial);
      setFailure(null);
    }
  }, [open, initial, form, setFailure]);

  const name = (entry: { en: string; zh: string }) => (locale === 'zh-CN' ? entry.zh : entry.en);
  const subIndustries = INDUSTRY_TAXONOMY.find((entry) => entry.code === industry)?.subIndustries ?? [];
  return (
    <Modal
      open={open}
      title={t('accountsBrowse.edit.companyTitle', { name: company.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      width={640}
      okButtonProps={{ 'data-testid': 'edit-save' }}
      forceRender
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) => void submit(changes(initial, values))}
        onValuesChange={(changed: FormValues) => {
          if ('industry' in changed) form.setFieldValue('subIndustry', null);
        }}
        data-testid="company-edit-form"
        className="edit-grid"
      >
        <Form.Item name="name" label={labels.field('name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]} className="edit-wide">
          <Input maxLength={300} data-testid="edit-name" />
        </Form.Item>
        <Form.Item name="domain" label={labels.field('domain')} rules={[normalizerRule(editableDomainSchema, t('accountsBrowse.edit.badDomain'))]}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="creditCode" label={labels.field('creditCode')} rules={[normalizerRule(editableCreditCodeSchema, t('accountsBrowse.edit.badCreditCode'))]}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="industry" label={labels.field('industry')}>
          <Select allowClear options={INDUSTRY_TAXONOMY.map((entry) => ({ value: entry.code, label: name(entry) }))} data-testid="edit-industry" />
        </Form.Item>
        <Form.Item name="subIndustry" label={labels.field('subIndustry')}>
          <Select allowClear disabled={!industry} options={subIndustries.map((entry) => ({ value: entry.code, label: name(entry) }))} />
        </Form.Item>
        <Form.Item name="employees" label={labels.field('employees')}>
          <InputNumber<number> min={0} max={10_000_000} precision={0} className="edit-number" data-testid="edit-employees" />
        </Form.Item>
        <Form.Item name="revenueBand" label={labels.field('revenueBand')}>
          <Select allowClear options={REVENUE_BANDS.map((value) => ({ value, label: labels.value('revenueBand', value) }))} />
        </Form.Item>
        <Form.Item name="ownership" label={labels.field('ownership')}>
          <Select allowClear options={OWNERSHIP_TYPES.map((value) => ({ value, label: labels.value('ownership', value) }))} />
        </Form.Item>
        <Form.Item name="foundedYear" label={labels.field('foundedYear')}>
          <InputNumber<number> min={1800} max={2100} precision={0} className="edit-number" />
        </Form.Item>
        <Form.Item name="country" label={labels.field('country')} rules={[{ pattern: /^[A-Za-z]{2}$/, message: t('accountsBrowse.edit.badCountry') }]}>
          <Input maxLength={2} />
        </Form.Item>
        <Form.Item name="province" label={labels.field('province')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="city" label={labels.field('city')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="tier" label={labels.field('tier')}>
          <Select allowClear options={COMPANY_TIERS.map((value) => ({ value, label: t(`tiers.${value}`) }))} />
        </Form.Item>
        <Form.Item name="techTags" label={labels.field('techTags')} className="edit-wide">
          <Select mode="tags" tokenSeparators={[',', '，']} />
        </Form.Item>
      </Form>
      {failure ? <Alert type="error" showIcon title={failure} /> : null}
    </Modal>
  );
}
