import { Button, Checkbox, Empty, Form, Input, Select, Tooltip, Typography } from 'antd';
import type { FormInstance, FormRule } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { CTA_KINDS, ctaSchema, ENGAGEMENT_LIMITS, SURVEY_QUESTION_KINDS } from '@fulcrum/shared';
import { nextRowId } from '@/pages/events/engagement-form';
import type { CtaFormValue, SurveyFormValue } from '@/pages/events/engagement-form';
import type { EventFormValues } from '@/pages/events/event-form';
import '@/pages/events/engagement.css';

function RemoveButton({ label, onClick, testId }: { label: string; onClick: () => void; testId: string }) {
  return (
    <Tooltip title={label}>
      <Button type="text" danger icon={<DeleteOutlined />} aria-label={label} onClick={onClick} className="event-row-remove" data-testid={testId} />
    </Tooltip>
  );
}

/** The event's buttons in the live room and the replay (book a meeting, request a demo, a custom link). */
export function CtaFields({ form, readOnly }: { form: FormInstance<EventFormValues>; readOnly: boolean }) {
  const { t } = useTranslation();
  const ctas = Form.useWatch('ctas', form) as CtaFormValue[] | undefined;
  const required: FormRule = { required: true, whitespace: true, message: t('validation.required') };
  const url: FormRule = {
    validator: (_rule, value: string | undefined) =>
      !value || ctaSchema.shape.url.safeParse(value).success ? Promise.resolve() : Promise.reject(new Error(t('events.ctas.badUrl'))),
  };
  return (
    <>
      <Typography.Paragraph type="secondary">{t('events.ctas.help', { count: ENGAGEMENT_LIMITS.ctas })}</Typography.Paragraph>
      <Form.List name="ctas">
        {(fields, { add, remove }) => (
          <>
            {fields.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('events.ctas.empty')} className="event-list-empty" /> : null}
            {fields.map(({ key, name }) => {
              const kind = ctas?.[name]?.kind ?? 'book_meeting';
              return (
                <div key={key} className="event-row cta-row" data-testid="cta-row">
                  <Form.Item name={[name, 'kind']} label={t('events.ctas.kind')}>
                    <Select options={CTA_KINDS.map((value) => ({ value, label: t(`events.ctas.kinds.${value}`) }))} data-testid="cta-kind" />
                  </Form.Item>
                  <Form.Item
                    name={[name, 'label']}
                    label={t('events.ctas.label')}
                    rules={kind === 'custom' ? [required] : []}
                    extra={kind === 'custom' ? undefined : t('events.ctas.labelDefault')}
                  >
                    <Input maxLength={ENGAGEMENT_LIMITS.ctaLabel} placeholder={kind === 'custom' ? '' : t(`events.ctas.kinds.${kind}`)} data-testid="cta-label" />
                  </Form.Item>
                  <Form.Item name={[name, 'url']} label={t('events.ctas.url')} rules={[required, url]}>
                    <Input maxLength={ENGAGEMENT_LIMITS.urlLength} placeholder="https://" data-testid="cta-url" />
                  </Form.Item>
                  {readOnly ? null : (
                    <Form.Item label=" ">
                      <RemoveButton label={t('events.ctas.remove')} onClick={() => remove(name)} testId="cta-remove" />
                    </Form.Item>
                  )}
                </div>
              );
            })}
            {readOnly ? null : (
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                disabled={fields.length >= ENGAGEMENT_LIMITS.ctas}
                onClick={() => add({ id: nextRowId('cta', form.getFieldValue('ctas')), kind: 'book_meeting', label: '', url: '' } satisfies CtaFormValue)}
                data-testid="cta-add"
              >
                {t('events.ctas.add')}
              </Button>
            )}
          </>
        )}
      </Form.List>
    </>
  );
}

/** The end-of-event survey: ratings 1–5, one choice among options, or free text. */
export function SurveyFields({ form, readOnly }: { form: FormInstance<EventFormValues>; readOnly: boolean }) {
  const { t } = useTranslation();
  const survey = Form.useWatch('survey', form) as SurveyFormValue[] | undefined;
  const required: FormRule = { required: true, whitespace: true, message: t('validation.required') };
  return (
    <>
      <Typography.Paragraph type="secondary">{t('events.survey.help', { days: 7, count: ENGAGEMENT_LIMITS.surveyQuestions })}</Typography.Paragraph>
      <Form.List name="survey">
        {(fields, { add, remove }) => (
          <>
            {fields.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('events.survey.empty')} className="event-list-empty" /> : null}
            {fields.map(({ key, name }) => (
              <div key={key} className="event-row survey-row" data-testid="survey-row">
                <Form.Item name={[name, 'prompt']} label={t('events.survey.prompt')} rules={[required]}>
                  <Input maxLength={ENGAGEMENT_LIMITS.prompt} placeholder={t('events.survey.promptPlaceholder')} data-testid="survey-prompt" />
                </Form.Item>
                <Form.Item name={[name, 'kind']} label={t('events.survey.kind')}>
                  <Select options={SURVEY_QUESTION_KINDS.map((value) => ({ value, label: t(`events.survey.kinds.${value}`) }))} data-testid="survey-kind" />
                </Form.Item>
                <Form.Item name={[name, 'required']} valuePropName="checked" label=" ">
                  <Checkbox data-testid="survey-required">{t('events.survey.required')}</Checkbox>
                </Form.Item>
                {readOnly ? null : (
                  <Form.Item label=" ">
                    <RemoveButton label={t('events.survey.remove')} onClick={() => remove(name)} testId="survey-remove" />
                  </Form.Item>
                )}
                {survey?.[name]?.kind === 'choice' ? (
                  <Form.Item
                    name={[name, 'options']}
                    label={t('events.survey.options')}
                    extra={readOnly ? undefined : t('events.survey.optionsHelp')}
                    rules={[
                      {
                        validator: (_rule, value: string[] | undefined) =>
                          (value ?? []).filter((option) => option.trim()).length >= 2 ? Promise.resolve() : Promise.reject(new Error(t('events.survey.twoOptions'))),
                      },
                    ]}
                    className="survey-options"
                  >
                    <Select
                      mode="tags"
                      open={false}
                      suffixIcon={null}
                      tokenSeparators={['\n']}
                      maxCount={ENGAGEMENT_LIMITS.options}
                      placeholder={t('events.survey.optionsPlaceholder')}
                      data-testid="survey-options"
                    />
                  </Form.Item>
                ) : null}
              </div>
            ))}
            {readOnly ? null : (
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                disabled={fields.length >= ENGAGEMENT_LIMITS.surveyQuestions}
                onClick={() =>
                  add({ id: nextRowId('s', form.getFieldValue('survey')), kind: 'rating', prompt: '', required: false, options: [], optionIds: {} } satisfies SurveyFormValue)
                }
                data-testid="survey-add"
              >
                {t('events.survey.add')}
              </Button>
            )}
          </>
        )}
      </Form.List>
    </>
  );
}
