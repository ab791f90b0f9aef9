import { useMemo } from 'react';
import type { ReactNode } from 'react';
import { AutoComplete, Avatar, Button, Card, Checkbox, DatePicker, Empty, Form, Input, InputNumber, Radio, Select, Tooltip, Typography } from 'antd';
import type { FormInstance, FormRule } from 'antd';
import { DeleteOutlined, PlusOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import {
  agendaItemSchema,
  EVENT_FORMATS,
  EVENT_LIMITS,
  QUESTION_TYPES,
  REGISTRATION_MODES,
  registrationQuestionSchema,
  speakerSchema,
  streamKindOf,
} from '@fulcrum/shared';
import type { EventDetail } from '@fulcrum/shared';
import { useFormat } from '@/components/format';
import { CtaFields, SurveyFields } from '@/pages/events/event-engagement-fields';
import { isChoice } from '@/pages/events/event-form';
import type { EventFormValues } from '@/pages/events/event-form';
import { RemindersInput, TimeZoneSelect, WALL_TIME_FORMAT, wallTimeItemProps } from '@/pages/events/event-inputs';
import { wallToIso } from '@/pages/events/event-time';

/** The editor's sections, in order; the side navigation links to them. Materials sit outside the form (see EventMaterials). */
export const EVENT_SECTIONS = ['basics', 'description', 'stream', 'venue', 'registration', 'agenda', 'speakers', 'reminders', 'ctas', 'survey', 'materials', 'engagement'] as const;
export type EventSection = (typeof EVENT_SECTIONS)[number];

export function sectionId(section: EventSection): string {
  return `event-section-${section}`;
}

/** Checks a value with the shared schema the server uses; emptiness is the `required` rule's job. */
function schemaRule(schema: z.ZodType, message: string): FormRule {
  return {
    validator: (_rule, value: unknown) =>
      value === undefined || value === null || value === '' || schema.safeParse(value).success ? Promise.resolve() : Promise.reject(new Error(message)),
  };
}

function useRules() {
  const { t } = useTranslation();
  return useMemo(() => {
    const required: FormRule = { required: true, whitespace: true, message: t('validation.required') };
    return {
      required,
      url: [schemaRule(speakerSchema.shape.photoUrl, t('events.editor.badUrl'))],
      time: [required, schemaRule(agendaItemSchema.shape.time, t('events.editor.badTime'))],
      key: [required, schemaRule(registrationQuestionSchema.shape.key, t('events.editor.badKey'))],
    };
  }, [t]);
}

function Section({ section, title, extra, children }: { section: EventSection; title: string; extra?: ReactNode; children: ReactNode }) {
  return (
    <Card id={sectionId(section)} title={title} extra={extra} className="event-section" data-testid={`event-section-${section}`}>
      {children}
    </Card>
  );
}

function RemoveButton({ label, onClick, testId }: { label: string; onClick: () => void; testId: string }) {
  return (
    <Tooltip title={label}>
      <Button type="text" danger icon={<DeleteOutlined />} aria-label={label} onClick={onClick} className="event-row-remove" data-testid={testId} />
    </Tooltip>
  );
}

function ListEmpty({ text }: { text: string }) {
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} className="event-list-empty" />;
}

/** The first free key of the form q1, q2, … for a new registration question. */
function nextQuestionKey(questions: Array<{ key?: string }> | undefined): string {
  const taken = new Set((questions ?? []).map((question) => question?.key));
  let n = 1;
  while (taken.has(`q${n}`)) n++;
  return `q${n}`;
}

export function EventFormSections({
  form,
  saved,
  readOnly,
  browserZone,
}: {
  form: FormInstance<EventFormValues>;
  saved: EventDetail | null;
  readOnly: boolean;
  browserZone: string;
}) {
  const { t } = useTranslation();
  const formatDate = useFormat();
  const rules = useRules();
  const format = Form.useWatch('format', form);
  const timeZone = Form.useWatch('timeZone', form);
  const startsAt = Form.useWatch('startsAt', form);
  const streamUrl = Form.useWatch('streamUrl', form);
  const description = Form.useWatch('description', form);
  const questions = Form.useWatch('questions', form);
  const speakers = Form.useWatch('speakers', form);

  const zones = useMemo(() => [browserZone, saved?.timeZone ?? ''], [browserZone, saved?.timeZone]);
  const speakerNames = useMemo(
    () => [...new Set((speakers ?? []).map((speaker) => speaker?.name?.trim()).filter((name): name is string => Boolean(name)))].map((value) => ({ value })),
    [speakers],
  );

  // What the start is on the browser's clock, when the event keeps another zone's.
  const startIso = startsAt && timeZone ? wallToIso(startsAt, timeZone) : null;
  const localStart = startIso && timeZone !== browserZone ? formatDate.dateTime(startIso) : null;

  const streamKind = streamKindOf(streamUrl?.trim() || null);
  const streamValid = !streamUrl || speakerSchema.shape.photoUrl.safeParse(streamUrl).success;

  return (
    <div className="event-sections">
      <Section section="basics" title={t('events.sections.basics')}>
        <Form.Item name="title" label={t('events.editor.title')} rules={[rules.required]}>
          <Input maxLength={EVENT_LIMITS.titleLength} placeholder={t('events.editor.titlePlaceholder')} data-testid="event-title" />
        </Form.Item>
        <Form.Item name="format" label={t('events.editor.format')} extra={format ? t(`events.formatHelp.${format}`) : undefined}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={EVENT_FORMATS.map((value) => ({ value, label: <span data-testid={`event-format-${value}`}>{t(`events.formats.${value}`)}</span> }))}
            data-testid="event-format"
          />
        </Form.Item>
        <div className="event-grid event-grid-time">
          <Form.Item name="startsAt" label={t('events.editor.startsAt')} rules={[{ required: true, message: t('validation.required') }]} {...wallTimeItemProps}>
            <DatePicker showTime={{ format: 'HH:mm' }} format={WALL_TIME_FORMAT} className="event-date" placeholder={t('events.editor.pickTime')} data-testid="event-starts" />
          </Form.Item>
          <Form.Item
            name="endsAt"
            label={t('events.editor.endsAt')}
            dependencies={['startsAt']}
            rules={[
              { required: true, message: t('validation.required') },
              ({ getFieldValue }) => ({
                validator: (_rule, value: string | null) => {
                  const start = getFieldValue('startsAt') as string | null;
                  return !value || !start || value > start ? Promise.resolve() : Promise.reject(new Error(t('events.editor.endBeforeStart')));
                },
              }),
            ]}
            {...wallTimeItemProps}
          >
            <DatePicker showTime={{ format: 'HH:mm' }} format={WALL_TIME_FORMAT} className="event-date" placeholder={t('events.editor.pickTime')} data-testid="event-ends" />
          </Form.Item>
          <Form.Item
            name="timeZone"
            label={t('events.editor.timeZone')}
            rules={[{ required: true, message: t('validation.required') }]}
            extra={localStart ? t('events.editor.localStart', { time: localStart }) : t('events.editor.timeZoneHelp')}
          >
            <TimeZoneSelect extraZones={zones} data-testid="event-timezone" />
          </Form.Item>
        </div>
      </Section>

      <Section section="description" title={t('events.sections.description')}>
        {readOnly ? null : (
          <Form.Item name="description" label={t('events.editor.description')} extra={t('events.editor.descriptionHelp')}>
            <Input.TextArea
              autoSize={{ minRows: 5, maxRows: 16 }}
              maxLength={EVENT_LIMITS.descriptionLength}
              placeholder={t('events.editor.descriptionPlaceholder')}
              className="event-description-input"
              data-testid="event-description"
            />
          </Form.Item>
        )}
        {readOnly ? null : <Typography.Text strong>{t('events.editor.preview')}</Typography.Text>}
        {saved && saved.description ? (
          <>
            {/* The server's sanitized HTML only: what was typed since is never rendered as markup. */}
            <div className="event-description-preview" data-testid="event-description-preview" dangerouslySetInnerHTML={{ __html: saved.description }} />
            {!readOnly && (description ?? '') !== saved.description ? (
              <Typography.Text type="secondary" className="cell-secondary">
                {t('events.editor.previewStale')}
              </Typography.Text>
            ) : null}
          </>
        ) : (
          <Typography.Paragraph type="secondary" className="event-description-empty">
            {readOnly ? t('events.editor.noDescription') : t('events.editor.previewAfterSave')}
          </Typography.Paragraph>
        )}
      </Section>

      <Section section="stream" title={t('events.sections.stream')}>
        <div className="event-grid">
          <Form.Item
            name="streamUrl"
            label={t('events.editor.streamUrl')}
            rules={rules.url}
            extra={
              <span data-testid="event-stream-kind" data-kind={streamValid ? (streamKind ?? 'none') : 'none'}>
                {streamValid && streamKind ? t(`events.streamKinds.${streamKind}`) : t('events.streamKinds.none')}
              </span>
            }
          >
            <Input maxLength={EVENT_LIMITS.urlLength} placeholder="https://live.example.com/launch/index.m3u8" data-testid="event-stream-url" />
          </Form.Item>
          <Form.Item name="replayUrl" label={t('events.editor.replayUrl')} rules={rules.url} extra={t('events.editor.replayHelp')}>
            <Input maxLength={EVENT_LIMITS.urlLength} placeholder="https://video.example.com/replay" data-testid="event-replay-url" />
          </Form.Item>
        </div>
      </Section>

      {format && format !== 'online' ? (
        <Section section="venue" title={t('events.sections.venue')}>
          <div className="event-grid">
            <Form.Item name={['venue', 'name']} label={t('events.editor.venueName')}>
              <Input maxLength={EVENT_LIMITS.textLength} placeholder={t('events.editor.venueNamePlaceholder')} data-testid="venue-name" />
            </Form.Item>
            <Form.Item name={['venue', 'address']} label={t('events.editor.venueAddress')}>
              <Input maxLength={EVENT_LIMITS.textLength} data-testid="venue-address" />
            </Form.Item>
          </div>
          <Form.Item name={['venue', 'directions']} label={t('events.editor.venueDirections')} extra={t('events.editor.venueDirectionsHelp')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={EVENT_LIMITS.bioLength} data-testid="venue-directions" />
          </Form.Item>
        </Section>
      ) : null}

      <Section section="registration" title={t('events.sections.registration')}>
        <div className="event-grid">
          <Form.Item name="registrationMode" label={t('events.editor.registrationMode')}>
            <Select
              options={REGISTRATION_MODES.map((value) => ({
                value,
                label: t(`events.registrationModes.${value}`),
                title: t(`events.registrationModeHelp.${value}`),
              }))}
              optionRender={(option) => (
                <div>
                  <div>{option.label}</div>
                  <Typography.Text type="secondary" className="option-help">
                    {t(`events.registrationModeHelp.${option.value as (typeof REGISTRATION_MODES)[number]}`)}
                  </Typography.Text>
                </div>
              )}
              data-testid="event-registration-mode"
            />
          </Form.Item>
          <Form.Item name="capacity" label={t('events.editor.capacity')} extra={t('events.editor.capacityHelp')}>
            <InputNumber<number> min={1} max={EVENT_LIMITS.capacity} precision={0} placeholder={t('events.editor.unlimited')} className="event-number" data-testid="event-capacity" />
          </Form.Item>
        </div>
        <Typography.Title level={5} className="event-subtitle">
          {t('events.editor.questions')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('events.editor.questionsHelp')}</Typography.Paragraph>
        <Form.List name="questions">
          {(fields, { add, remove }) => (
            <>
              {fields.length === 0 ? <ListEmpty text={t('events.editor.noQuestions')} /> : null}
              {fields.map(({ key, name }) => (
                <div key={key} className="event-row question-row" data-testid="question-row">
                  <Form.Item name={[name, 'label']} label={t('events.editor.questionLabel')} rules={[rules.required]} className="question-label">
                    <Input maxLength={EVENT_LIMITS.textLength} placeholder={t('events.editor.questionLabelPlaceholder')} data-testid="question-label" />
                  </Form.Item>
                  <Form.Item name={[name, 'type']} label={t('events.editor.questionType')} className="question-type">
                    <Select
                      options={QUESTION_TYPES.map((value) => ({ value, label: t(`events.questionTypes.${value}`) }))}
                      data-testid="question-type"
                    />
                  </Form.Item>
                  <Form.Item
                    name={[name, 'key']}
                    label={t('events.editor.questionKey')}
                    tooltip={t('events.editor.questionKeyHelp')}
                    rules={[
                      ...rules.key,
                      ({ getFieldValue }) => ({
                        validator: (_rule, value: string) => {
                          const all = (getFieldValue('questions') ?? []) as Array<{ key?: string }>;
                          const same = all.filter((question) => question?.key?.trim() === value?.trim()).length;
                          return !value || same <= 1 ? Promise.resolve() : Promise.reject(new Error(t('events.editor.keyTaken')));
                        },
                      }),
                    ]}
                    className="question-key"
                  >
                    <Input maxLength={40} data-testid="question-key" />
                  </Form.Item>
                  <Form.Item name={[name, 'required']} valuePropName="checked" label=" " className="question-required">
                    <Checkbox data-testid="question-required">{t('events.editor.questionRequired')}</Checkbox>
                  </Form.Item>
                  {readOnly ? null : (
                    <Form.Item label=" " className="question-remove">
                      <RemoveButton label={t('events.editor.removeQuestion')} onClick={() => remove(name)} testId="question-remove" />
                    </Form.Item>
                  )}
                  {isChoice(questions?.[name]?.type) ? (
                    <Form.Item
                      name={[name, 'options']}
                      label={t('events.editor.questionOptions')}
                      extra={readOnly ? undefined : t('events.editor.questionOptionsHelp')}
                      rules={[
                        {
                          validator: (_rule, value: string[] | undefined) =>
                            (value ?? []).filter((option) => option.trim()).length >= 2 ? Promise.resolve() : Promise.reject(new Error(t('events.editor.twoOptions'))),
                        },
                      ]}
                      className="question-options"
                    >
                      <Select
                        mode="tags"
                        open={false}
                        suffixIcon={null}
                        tokenSeparators={['\n']}
                        maxCount={EVENT_LIMITS.options}
                        placeholder={t('events.editor.questionOptionsPlaceholder')}
                        data-testid="question-options"
                      />
                    </Form.Item>
                  ) : null}
                </div>
              ))}
              {readOnly ? null : (
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  disabled={fields.length >= EVENT_LIMITS.questions}
                  onClick={() => add({ key: nextQuestionKey(form.getFieldValue('questions')), label: '', type: 'text', required: false, options: [] })}
                  data-testid="question-add"
                >
                  {t('events.editor.addQuestion')}
                </Button>
              )}
            </>
          )}
        </Form.List>
      </Section>

      <Section section="agenda" title={t('events.sections.agenda')}>
        <Form.List name="agenda">
          {(fields, { add, remove }) => (
            <>
              {fields.length === 0 ? <ListEmpty text={t('events.editor.noAgenda')} /> : null}
              {fields.length > 0 ? (
                <div className="event-row agenda-row agenda-head" aria-hidden>
                  <Typography.Text type="secondary">{t('events.editor.agendaTime')}</Typography.Text>
                  <Typography.Text type="secondary">{t('events.editor.agendaTitle')}</Typography.Text>
                  <Typography.Text type="secondary">{t('events.editor.agendaSpeaker')}</Typography.Text>
                </div>
              ) : null}
              {fields.map(({ key, name }) => (
                <div key={key} className="event-row agenda-row" data-testid="agenda-row">
                  <Form.Item name={[name, 'time']} rules={rules.time}>
                    <Input maxLength={5} placeholder="09:30" aria-label={t('events.editor.agendaTime')} data-testid="agenda-time" />
                  </Form.Item>
                  <Form.Item name={[name, 'title']} rules={[rules.required]}>
                    <Input maxLength={EVENT_LIMITS.textLength} placeholder={t('events.editor.agendaTitlePlaceholder')} aria-label={t('events.editor.agendaTitle')} data-testid="agenda-title" />
                  </Form.Item>
                  <Form.Item name={[name, 'speaker']}>
                    <AutoComplete
                      options={speakerNames}
                      maxLength={EVENT_LIMITS.textLength}
                      placeholder={t('events.editor.agendaSpeakerPlaceholder')}
                      aria-label={t('events.editor.agendaSpeaker')}
                      data-testid="agenda-speaker"
                    />
                  </Form.Item>
                  {readOnly ? null : <RemoveButton label={t('events.editor.removeAgenda')} onClick={() => remove(name)} testId="agenda-remove" />}
                </div>
              ))}
              {readOnly ? null : (
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  disabled={fields.length >= EVENT_LIMITS.agendaItems}
                  onClick={() => add({ time: '', title: '', speaker: '' })}
                  data-testid="agenda-add"
                >
                  {t('events.editor.addAgenda')}
                </Button>
              )}
            </>
          )}
        </Form.List>
      </Section>

      <Section section="speakers" title={t('events.sections.speakers')}>
        <Form.List name="speakers">
          {(fields, { add, remove }) => (
            <>
              {fields.length === 0 ? <ListEmpty text={t('events.editor.noSpeakers')} /> : null}
              {fields.map(({ key, name }) => {
                const photo = speakers?.[name]?.photoUrl?.trim();
                const photoOk = Boolean(photo) && speakerSchema.shape.photoUrl.safeParse(photo).success;
                return (
                  <div key={key} className="speaker-row" data-testid="speaker-row">
                    <Avatar size={56} src={photoOk ? photo : undefined} icon={<UserOutlined />} className="speaker-photo" />
                    <div className="speaker-fields">
                      <div className="event-grid event-grid-three">
                        <Form.Item name={[name, 'name']} label={t('events.editor.speakerName')} rules={[rules.required]}>
                          <Input maxLength={EVENT_LIMITS.textLength} data-testid="speaker-name" />
                        </Form.Item>
                        <Form.Item name={[name, 'title']} label={t('events.editor.speakerTitle')}>
                          <Input maxLength={EVENT_LIMITS.textLength} data-testid="speaker-title" />
                        </Form.Item>
                        <Form.Item name={[name, 'company']} label={t('events.editor.speakerCompany')}>
                          <Input maxLength={EVENT_LIMITS.textLength} data-testid="speaker-company" />
                        </Form.Item>
                      </div>
                      <Form.Item name={[name, 'photoUrl']} label={t('events.editor.speakerPhoto')} rules={rules.url}>
                        <Input maxLength={EVENT_LIMITS.urlLength} placeholder="https://" data-testid="speaker-photo" />
                      </Form.Item>
                      <Form.Item name={[name, 'bio']} label={t('events.editor.speakerBio')}>
                        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={EVENT_LIMITS.bioLength} data-testid="speaker-bio" />
                      </Form.Item>
                    </div>
                    {readOnly ? null : <RemoveButton label={t('events.editor.removeSpeaker')} onClick={() => remove(name)} testId="speaker-remove" />}
                  </div>
                );
              })}
              {readOnly ? null : (
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  disabled={fields.length >= EVENT_LIMITS.speakers}
                  onClick={() => add({ name: '', title: '', company: '', bio: '', photoUrl: '' })}
                  data-testid="speaker-add"
                >
                  {t('events.editor.addSpeaker')}
                </Button>
              )}
            </>
          )}
        </Form.List>
      </Section>

      <Section section="reminders" title={t('events.sections.reminders')}>
        <Form.Item name="reminderMinutes" label={t('events.editor.reminders')} extra={t('events.editor.remindersHelp')}>
          <RemindersInput disabled={readOnly} />
        </Form.Item>
      </Section>

      <Section section="ctas" title={t('events.sections.ctas')}>
        <CtaFields form={form} readOnly={readOnly} />
      </Section>

      <Section section="survey" title={t('events.sections.survey')}>
        <SurveyFields form={form} readOnly={readOnly} />
      </Section>
    </div>
  );
}
