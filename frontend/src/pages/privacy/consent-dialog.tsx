import { useEffect } from 'react';
import { Alert, App, Form, Input, Modal, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CONSENT_STATUSES, isWithdrawn } from '@fulcrum/shared';
import type { ConsentStatus, PersonMatch } from '@fulcrum/shared';
import { api } from '@/api/client';
import { useFormSave } from '@/components/use-form-save';

interface ConsentForm {
  consent: ConsentStatus;
  source: string;
}

const FIELDS = ['consent', 'source'] as const;

/** Records one person's consent decision and where it came from. */
export function ConsentDialog({ person, onClose, onSaved }: { person: PersonMatch | null; onClose: () => void; onSaved: (person: PersonMatch) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ConsentForm>();
  const { saving, failure, setFailure, run } = useFormSave(form, FIELDS);
  const chosen = Form.useWatch('consent', form);
  const withdrawn = person !== null && isWithdrawn(person.consent);

  useEffect(() => {
    setFailure(null);
    if (person) form.setFieldsValue({ consent: person.consent, source: '' });
  }, [form, person]);

  const submit = (values: ConsentForm) =>
    run(async () => {
      if (!person) return;
      const result = await api.changeConsent(person.id, { consent: values.consent, source: values.source.trim() });
      void message.success(t('privacy.consentDialog.saved', { name: person.name }));
      onSaved({
        ...person,
        consent: result.consent,
        consentSource: result.consentSource,
        consentAt: result.consentAt,
        suppressed: result.suppressions.length > 0,
      });
    });

  return (
    <Modal
      open={person !== null}
      title={person ? t('privacy.consentDialog.title', { name: person.name }) : null}
      okText={t('privacy.consentDialog.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'privacy-consent-save' }}
      forceRender
    >
      {failure ? <Alert type="error" showIcon title={failure} className="form-alert" role="alert" /> : null}
      <Form<ConsentForm> form={form} layout="vertical" requiredMark={false} onFinish={submit} disabled={saving}>
        <Form.Item name="consent" label={t('privacy.consentDialog.consent')} extra={withdrawn ? t('privacy.consentDialog.optInOnly') : undefined}>
          <Select
            data-testid="privacy-consent-select"
            options={CONSENT_STATUSES.map((status) => ({
              value: status,
              label: t(`privacy.consent.${status}`),
              // An objection is lifted only by the person's own opt-in (the API refuses the rest).
              disabled: withdrawn && status === 'legitimate_interest',
            }))}
          />
        </Form.Item>
        <Form.Item
          name="source"
          label={t('privacy.consentDialog.source')}
          rules={[{ required: true, whitespace: true, message: t('privacy.consentDialog.sourceRequired') }]}
        >
          <Input maxLength={200} placeholder={t('privacy.consentDialog.sourcePlaceholder')} data-testid="privacy-consent-source" />
        </Form.Item>
        {chosen && isWithdrawn(chosen) ? <Typography.Text type="secondary">{t('privacy.consentDialog.withdrawnHint')}</Typography.Text> : null}
      </Form>
    </Modal>
  );
}
