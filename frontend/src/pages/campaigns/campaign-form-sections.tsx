import { useMemo } from 'react';
import type { ReactNode } from 'react';
import { Alert, Button, Card, Empty, Flex, Form, Input, InputNumber, Radio, Select, Tag, Tooltip, Typography } from 'antd';
import type { FormInstance, FormRule } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { CAMPAIGN_LIMITS, TEMPLATE_VARIABLES, VARIANT_FIELDS } from '@fulcrum/shared';
import type { EventListItem, Segment, TemplateVariable, VariantField } from '@fulcrum/shared';
import { useFormat } from '@/components/format';
import { pastedLineCount, unknownVariables } from '@/pages/campaigns/campaign-form';
import type { AudienceKind, CampaignFormValues, FieldName, VariantFormValues } from '@/pages/campaigns/campaign-form';
import { useVariantValues } from '@/pages/campaigns/campaign-labels';
import { STATUS_COLORS } from '@/pages/events/event-labels';

const AUDIENCE_KINDS: readonly AudienceKind[] = ['segment', 'list'];

function useRules() {
  const { t } = useTranslation();
  return useMemo(() => {
    const required: FormRule = { required: true, whitespace: true, message: t('validation.required') };
    const template: FormRule = {
      validator: (_rule, value: string | undefined) => {
        const unknown = unknownVariables(value ?? '');
        return unknown.length === 0
          ? Promise.resolve()
          : Promise.reject(new Error(t('campaigns.editor.unknownVariables', { names: unknown.map((name) => `{{${name}}}`).join(', ') })));
      },
    };
    return {
      required,
      subject: [required, template],
      body: [required, template],
    };
  }, [t]);
}

function Section({ id, title, extra, children }: { id: string; title: string; extra?: ReactNode; children: ReactNode }) {
  return (
    <Card title={title} extra={extra} className="campaign-section" data-testid={`campaign-section-${id}`}>
      {children}
    </Card>
  );
}

/** Clicking a variable puts `{{variable}}` where the cursor was in the subject or body of the same message. */
export function VariableChips({ onInsert, testId }: { onInsert: (variable: TemplateVariable) => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <Flex wrap gap={6} align="center" className="variable-chips" data-testid={testId}>
      <Typography.Text type="secondary" className="variable-chips-label">
        {t('campaigns.editor.insertVariable')}
      </Typography.Text>
      {TEMPLATE_VARIABLES.map((variable) => (
        <Tooltip key={variable} title={`{{${variable}}} · ${t(`campaigns.variables.${variable}.help`)}`}>
          <Button
            size="small"
            className="variable-chip"
            // Keeps the cursor in the field being written, so the variable lands where it was.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => onInsert(variable)}
            data-testid={`variable-${variable}`}
          >
            {t(`campaigns.variables.${variable}.label`)}
          </Button>
        </Tooltip>
      ))}
    </Flex>
  );
}

export interface TemplateEditing {
  /** Remembers the template field the cursor is in, where a variable chip then inserts. */
  onFocus: (name: FieldName) => void;
  /** Inserts a variable into the subject or body of the message at `group` ([] or ['variants', i]). */
  onInsert: (group: FieldName, variable: TemplateVariable) => void;
}

export function BasicsSection({ events, eventsLoading, savedEvent }: { events: EventListItem[]; eventsLoading: boolean; savedEvent: { id: string; title: string } | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  const rules = useRules();
  const options = useMemo(() => {
    const list: Array<{ value: string; label: string; event: EventListItem | null }> = events.map((event) => ({ value: event.id, label: event.title, event }));
    // The saved event may be over or archived by now, so not among the upcoming ones: still shown by name.
    if (savedEvent && !list.some((option) => option.value === savedEvent.id)) list.unshift({ value: savedEvent.id, label: savedEvent.title, event: null });
    return list;
  }, [events, savedEvent]);

  return (
    <Section id="basics" title={t('campaigns.sections.basics')}>
      <Form.Item name="name" label={t('campaigns.editor.name')} rules={[rules.required]}>
        <Input maxLength={CAMPAIGN_LIMITS.name} placeholder={t('campaigns.editor.namePlaceholder')} data-testid="campaign-name" />
      </Form.Item>
      <div className="campaign-grid">
        <Form.Item name="eventId" label={t('campaigns.editor.event')} rules={[{ required: true, message: t('campaigns.editor.pickEvent') }]} extra={t('campaigns.editor.eventHelp')}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={eventsLoading}
            placeholder={t('campaigns.editor.pickEvent')}
            options={options}
            notFoundContent={eventsLoading ? t('common.loading') : t('campaigns.editor.noEvents')}
            optionRender={(option) => {
              const event = (option.data as { event: EventListItem | null }).event;
              return (
                <Flex justify="space-between" gap={8}>
                  <span className="campaign-option-main">{option.label}</span>
                  {event ? (
                    <Typography.Text type="secondary" className="cell-secondary">
                      {format.dateTimeIn(event.startsAt, event.timeZone)}{' '}
                      <Tag color={STATUS_COLORS[event.status]} className="campaign-option-tag">
                        {t(`events.statuses.${event.status}`)}
                      </Tag>
                    </Typography.Text>
                  ) : null}
                </Flex>
              );
            }}
            data-testid="campaign-event"
          />
        </Form.Item>
        <Form.Item name="ratePerMinute" label={t('campaigns.editor.rate')} extra={t('campaigns.editor.rateHelp')}>
          <InputNumber<number>
            min={1}
            max={CAMPAIGN_LIMITS.maxRate}
            precision={0}
            placeholder={t('campaigns.editor.rateUnlimited')}
            suffix={t('campaigns.editor.perMinute')}
            className="campaign-number"
            data-testid="campaign-rate"
          />
        </Form.Item>
      </div>
    </Section>
  );
}

export function AudienceSection({ form, segments, segmentsLoading }: { form: FormInstance<CampaignFormValues>; segments: Segment[]; segmentsLoading: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const kind = Form.useWatch('audienceKind', form) ?? 'segment';
  const listText = Form.useWatch('listText', form) ?? '';
  const lines = pastedLineCount(listText);

  return (
    <Section id="audience" title={t('campaigns.sections.audience')}>
      <Form.Item name="audienceKind" label={t('campaigns.editor.audienceKind')}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={AUDIENCE_KINDS.map((value) => ({ value, label: <span data-testid={`campaign-audience-${value}`}>{t(`campaigns.audienceKinds.${value}`)}</span> }))}
        />
      </Form.Item>
      <Form.Item
        name="segmentId"
        label={t('campaigns.editor.segment')}
        hidden={kind !== 'segment'}
        rules={kind === 'segment' ? [{ required: true, message: t('campaigns.editor.pickSegment') }] : []}
        extra={
          <>
            {t('campaigns.editor.segmentHelp')}{' '}
            <Typography.Link href="/segments/new" target="_blank" rel="noopener noreferrer">
              {t('campaigns.editor.newSegment')}
            </Typography.Link>
          </>
        }
      >
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          loading={segmentsLoading}
          placeholder={t('campaigns.editor.pickSegment')}
          notFoundContent={segmentsLoading ? t('common.loading') : t('campaigns.editor.noSegments')}
          options={segments.map((segment) => ({ value: segment.id, label: segment.name, segment }))}
          optionRender={(option) => {
            const segment = (option.data as { segment: Segment }).segment;
            return (
              <Flex justify="space-between" gap={8}>
                <span className="campaign-option-main">{option.label}</span>
                <Typography.Text type="secondary" className="cell-secondary">
                  {t(`segments.targets.${segment.target}`)}
                  {segment.cachedCount === null ? null : ` · ${t('campaigns.editor.segmentCount', { count: segment.cachedCount, formatted: format.integer(segment.cachedCount) })}`}
                </Typography.Text>
              </Flex>
            );
          }}
          data-testid="campaign-segment"
        />
      </Form.Item>
      <Form.Item
        name="listText"
        label={t('campaigns.editor.list')}
        hidden={kind !== 'list'}
        rules={
          kind === 'list'
            ? [
                { required: true, whitespace: true, message: t('campaigns.editor.listRequired') },
                {
                  validator: (_rule, value: string | undefined) =>
                    pastedLineCount(value ?? '') <= CAMPAIGN_LIMITS.pastedRecipients
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('campaigns.editor.listTooLong', { max: format.integer(CAMPAIGN_LIMITS.pastedRecipients) }))),
                },
              ]
            : []
        }
        extra={
          <>
            {t('campaigns.editor.listHelp')}
            {lines > 0 ? <span data-testid="campaign-list-lines">{` ${t('campaigns.editor.listLines', { count: lines, formatted: format.integer(lines) })}`}</span> : null}
          </>
        }
      >
        <Input.TextArea
          autoSize={{ minRows: 5, maxRows: 14 }}
          placeholder={'ada@example.com\n李雷 <li.lei@example.cn>\ngrace@example.com, Grace Hopper'}
          className="campaign-list-input"
          data-testid="campaign-list"
        />
      </Form.Item>
    </Section>
  );
}

export function MessageSection({ editing }: { editing: TemplateEditing }) {
  const { t } = useTranslation();
  const rules = useRules();
  return (
    <Section id="message" title={t('campaigns.sections.message')}>
      <Alert type="info" showIcon title={t('campaigns.editor.layoutHint')} className="campaign-hint" />
      <Form.Item name="subject" label={t('campaigns.editor.subject')} rules={rules.subject}>
        <Input maxLength={CAMPAIGN_LIMITS.subject} onFocus={() => editing.onFocus(['subject'])} data-testid="campaign-subject" />
      </Form.Item>
      <Form.Item name="body" label={t('campaigns.editor.body')} rules={rules.body} extra={t('campaigns.editor.bodyHelp')}>
        <Input.TextArea
          autoSize={{ minRows: 8, maxRows: 24 }}
          maxLength={CAMPAIGN_LIMITS.body}
          onFocus={() => editing.onFocus(['body'])}
          className="campaign-body-input"
          data-testid="campaign-body"
        />
      </Form.Item>
      <VariableChips onInsert={(variable) => editing.onInsert([], variable)} testId="campaign-variables" />
    </Section>
  );
}

function VariantValues({ field, ...props }: { field: VariantField; value?: string[]; onChange?: (value: string[]) => void; id?: string }) {
  const { t } = useTranslation();
  const values = useVariantValues();
  const fixed = values.fixed(field);
  return (
    <Select<string[]>
      {...props}
      mode={fixed ? 'multiple' : 'tags'}
      options={values.options(field)}
      showSearch={{ optionFilterProp: 'label' }}
      tokenSeparators={fixed ? undefined : [',', '，', ';', '；']}
      placeholder={fixed ? t('campaigns.variants.pickValues') : t('campaigns.variants.typeValues')}
      notFoundContent={fixed ? undefined : null}
      data-testid="variant-values"
    />
  );
}

export function VariantsSection({
  form,
  editing,
  newVariant,
}: {
  form: FormInstance<CampaignFormValues>;
  editing: TemplateEditing;
  newVariant: (index: number) => VariantFormValues;
}) {
  const { t } = useTranslation();
  const rules = useRules();
  const variants = Form.useWatch('variants', form) ?? [];

  return (
    <Section id="variants" title={t('campaigns.sections.variants')}>
      <Typography.Paragraph type="secondary">{t('campaigns.variants.help')}</Typography.Paragraph>
      <Form.List name="variants">
        {(fields, { add, remove, move }) => (
          <>
            {fields.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('campaigns.variants.none')} className="campaign-list-empty" /> : null}
            {fields.map(({ key, name }, index) => {
              const field: VariantField = variants[name]?.field ?? 'seniority';
              return (
                <div key={key} className="variant-card" data-testid="variant-row">
                  <Flex justify="space-between" align="center" className="variant-head">
                    <Typography.Text strong>{t('campaigns.variants.order', { n: index + 1 })}</Typography.Text>
                    <Flex gap={2}>
                        <Tooltip title={t('campaigns.variants.up')}>
                          <Button type="text" size="small" icon={<ArrowUpOutlined />} aria-label={t('campaigns.variants.up')} disabled={index === 0} onClick={() => move(index, index - 1)} data-testid="variant-up" />
                        </Tooltip>
                        <Tooltip title={t('campaigns.variants.down')}>
                          <Button
                            type="text"
                            size="small"
                            icon={<ArrowDownOutlined />}
                            aria-label={t('campaigns.variants.down')}
                            disabled={index === fields.length - 1}
                            onClick={() => move(index, index + 1)}
                            data-testid="variant-down"
                          />
                        </Tooltip>
                        <Tooltip title={t('campaigns.variants.remove')}>
                          <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('campaigns.variants.remove')} onClick={() => remove(name)} data-testid="variant-remove" />
                        </Tooltip>
                    </Flex>
                  </Flex>
                  <div className="campaign-grid campaign-grid-variant">
                    <Form.Item name={[name, 'name']} label={t('campaigns.variants.name')} rules={[rules.required]}>
                      <Input maxLength={100} data-testid="variant-name" />
                    </Form.Item>
                    <Form.Item name={[name, 'field']} label={t('campaigns.variants.field')}>
                      <Select
                        options={VARIANT_FIELDS.map((value) => ({ value, label: t(`campaigns.variantFields.${value}`) }))}
                        // Values of another field mean nothing for this one.
                        onChange={() => form.setFieldValue(['variants', name, 'values'], [])}
                        data-testid="variant-field"
                      />
                    </Form.Item>
                    <Form.Item name={[name, 'values']} label={t('campaigns.variants.values')} rules={[{ required: true, type: 'array', min: 1, message: t('campaigns.variants.valuesRequired') }]}>
                      <VariantValues field={field} />
                    </Form.Item>
                  </div>
                  <Form.Item name={[name, 'subject']} label={t('campaigns.editor.subject')} rules={rules.subject}>
                    <Input maxLength={CAMPAIGN_LIMITS.subject} onFocus={() => editing.onFocus(['variants', name, 'subject'])} data-testid="variant-subject" />
                  </Form.Item>
                  <Form.Item name={[name, 'body']} label={t('campaigns.editor.body')} rules={rules.body}>
                    <Input.TextArea
                      autoSize={{ minRows: 5, maxRows: 18 }}
                      maxLength={CAMPAIGN_LIMITS.body}
                      onFocus={() => editing.onFocus(['variants', name, 'body'])}
                      className="campaign-body-input"
                      data-testid="variant-body"
                    />
                  </Form.Item>
                  <VariableChips onInsert={(variable) => editing.onInsert(['variants', name], variable)} testId="variant-variables" />
                </div>
              );
            })}
            <Button type="dashed" icon={<PlusOutlined />} disabled={fields.length >= CAMPAIGN_LIMITS.variants} onClick={() => add(newVariant(fields.length))} data-testid="variant-add">
              {t('campaigns.variants.add')}
            </Button>
          </>
        )}
      </Form.List>
    </Section>
  );
}
