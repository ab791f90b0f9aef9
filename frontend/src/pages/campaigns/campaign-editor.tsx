import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Form } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { campaignPreviewRequestSchema } from '@fulcrum/shared';
import type { ApiError, Campaign, SaveCampaignRequest, TemplateVariable } from '@fulcrum/shared';
import { api, isApiRequestError } from '@/api/client';
import { PageHeader } from '@/components/page-header';
import { useApiData } from '@/components/use-api-data';
import { useFormSave } from '@/components/use-form-save';
import { useUnsavedGuard } from '@/components/use-unsaved-guard';
import { errorMessage } from '@/i18n/error-message';
import { CampaignActionsCard } from '@/pages/campaigns/campaign-actions-card';
import { campaignToValues, fieldId, fieldOfPath, insertAtCursor, newCampaignValues, sameRequest, templateTarget, toRequest, variableToken } from '@/pages/campaigns/campaign-form';
import type { CampaignFormValues, FieldName, VariantFormValues } from '@/pages/campaigns/campaign-form';
import { AudienceSection, BasicsSection, MessageSection, VariantsSection } from '@/pages/campaigns/campaign-form-sections';
import type { TemplateEditing } from '@/pages/campaigns/campaign-form-sections';
import { CampaignPreviewPanel } from '@/pages/campaigns/campaign-preview-panel';
import { useCampaignPreview } from '@/pages/campaigns/use-campaign-preview';
import { useUser } from '@/session/session-context';

const FORM_NAME = 'campaign';
const NO_FIELDS: readonly string[] = [];
export const CAMPAIGNS_PATH = '/campaigns';

type ApiErrorDetail = NonNullable<ApiError['details']>[number];

/**
 * The editor of a draft or scheduled campaign (and of a new one): the form on the left; on the right
 * saving, scheduling and sending, the live preview and the test send. `hold` shows the campaign the
 * server returned, which moves the page to the delivery view once it is sending.
 */
export function CampaignEditor({
  saved,
  hold,
  presetEventId,
}: {
  saved: Campaign | null;
  hold: (campaign: Campaign) => void;
  /** A new campaign's event, from `?eventId=` (the event page's "New campaign"). */
  presetEventId: string | null;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const user = useUser();
  const [form] = Form.useForm<CampaignFormValues>();
  const { saving, failure, setFailure, run } = useFormSave(form, NO_FIELDS);
  const [contactId, setContactId] = useState<string | undefined>(undefined);
  const lastFocused = useRef<FieldName | null>(null);

  const events = useApiData((signal) => api.listEvents({ when: 'upcoming', pageSize: 200 }, { signal }), []);
  const segments = useApiData((signal) => api.listSegments({ signal }), []);

  // The ready-made text is read once: switching the language later must not rewrite what the organizer wrote.
  const [defaults] = useState(() => ({ subject: t('campaigns.defaults.subject'), body: t('campaigns.defaults.body') }));
  const blank = useMemo(() => newCampaignValues(presetEventId, defaults), [presetEventId, defaults]);
  const initialValues = useMemo(() => (saved ? campaignToValues(saved) : blank), [saved, blank]);
  const baseline = useMemo(() => toRequest(initialValues), [initialValues]);

  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(initialValues);
  }, [initialValues, form]);

  const watched = Form.useWatch([], { form, preserve: true }) as Partial<CampaignFormValues> | undefined;
  const request = useMemo(() => toRequest({ ...initialValues, ...watched }), [initialValues, watched]);
  const dirty = !sameRequest(request, baseline);

  // Rendered only once the server could: an event, an audience, a subject and a body.
  const previewable = campaignPreviewRequestSchema.safeParse(request).success ? request : null;
  const preview = useCampaignPreview(previewable, contactId);

  const leaveTo = useUnsavedGuard(dirty, { title: t('campaigns.leave.title'), body: t('campaigns.leave.body'), leave: t('campaigns.leave.leave'), stay: t('campaigns.leave.stay') });

  /** Puts the server's problems on their fields (scrolling to the first); returns those no field shows. */
  const placeProblems = useCallback(
    (details: readonly ApiErrorDetail[], scroll: boolean): ApiErrorDetail[] => {
      const values = { ...initialValues, ...(form.getFieldsValue(true) as Partial<CampaignFormValues>) };
      const byField = new Map<string, { name: FieldName; errors: string[] }>();
      const rest: ApiErrorDetail[] = [];
      for (const detail of details) {
        const name = fieldOfPath(detail.path, values.audienceKind ?? 'segment', values.variants?.length ?? 0);
        if (!name) {
          rest.push(detail);
          continue;
        }
        const key = name.join('.');
        const entry = byField.get(key) ?? { name, errors: [] };
        if (!entry.errors.includes(detail.message)) entry.errors.push(detail.message);
        byField.set(key, entry);
      }
      const placed = [...byField.values()];
      // Row paths (variants.0.body) are beyond what the typed form's names spell out.
      (form as FormInstance).setFields(placed.map(({ name, errors }) => ({ name, errors })));
      if (scroll && placed[0]) form.scrollToField(placed[0].name, { block: 'center', behavior: 'smooth' });
      return rest;
    },
    [form, initialValues],
  );

  // A template the server cannot use shows at its fields as soon as the preview finds it.
  useEffect(() => {
    const error = preview.error;
    if (isApiRequestError(error) && error.code === 'campaigns.bad_template') placeProblems(error.error.details ?? [], false);
  }, [preview.error, placeProblems]);

  const editing = useMemo<TemplateEditing>(
    () => ({
      onFocus: (name) => {
        lastFocused.current = name;
      },
      onInsert: (group, variable: TemplateVariable) => {
        const target = templateTarget(lastFocused.current, group);
        const element = document.getElementById(fieldId(FORM_NAME, target)) as HTMLInputElement | HTMLTextAreaElement | null;
        const current = String((form as FormInstance).getFieldValue(target) ?? '');
        const next = insertAtCursor(current, element?.selectionStart ?? null, element?.selectionEnd ?? null, variableToken(variable));
        (form as FormInstance).setFieldValue(target, next.text);
        void (form as FormInstance).validateFields([target]).catch(() => undefined);
        lastFocused.current = target;
        requestAnimationFrame(() => {
          element?.focus();
          element?.setSelectionRange(next.cursor, next.cursor);
        });
      },
    }),
    [form],
  );

  const newVariant = (index: number): VariantFormValues => {
    const values = form.getFieldsValue(true) as Partial<CampaignFormValues>;
    // A variant starts as a copy of the default text: most differ from it by a sentence or two.
    return { name: t('campaigns.variants.defaultName', { n: index + 1 }), field: 'seniority', values: [], subject: values.subject ?? '', body: values.body ?? '' };
  };

  /** The banner for a failure: the translated code, then whatever the fields could not show. */
  const showFailure = (error: unknown, rest: readonly ApiErrorDetail[]) => {
    const lines = rest.map((detail) => (detail.path ? `${detail.path}: ${detail.message}` : detail.message));
    setFailure([errorMessage(t, error), ...lines].join(' '));
  };

  /** Checks the form; resolves with the body to send, or null (the first problem scrolled to). */
  const validRequest = async (): Promise<SaveCampaignRequest | null> => {
    try {
      await form.validateFields();
    } catch (invalid) {
      const first = (invalid as { errorFields?: Array<{ name: FieldName }> }).errorFields?.[0];
      if (first) form.scrollToField(first.name, { block: 'center', behavior: 'smooth' });
      return null;
    }
    return toRequest(form.getFieldsValue(true) as CampaignFormValues);
  };

  /** Someone else moved the campaign on (it started, or was cancelled): show where it stands now. */
  const refetchOnBadState = (error: unknown) => {
    if (saved && isApiRequestError(error) && error.code === 'campaigns.bad_state') api.getCampaign(saved.id).then(hold, () => undefined);
  };

  /**
   * Creates the campaign or saves its changes; resolves with the saved campaign, or null. `quiet` when
   * scheduling follows, which says what happened itself.
   */
  const save = async (body: SaveCampaignRequest, quiet = false): Promise<Campaign | null> => {
    if (saved && !dirty) return saved;
    let result: Campaign | null = null;
    await run(
      async () => {
        result = saved ? await api.updateCampaign(saved.id, body) : await api.createCampaign(body);
      },
      (error) => {
        const details = isApiRequestError(error) ? (error.error.details ?? []) : [];
        const rest = placeProblems(details, true);
        if (rest.length > 0 || details.length === 0) showFailure(error, rest);
        else void message.error(errorMessage(t, error));
        refetchOnBadState(error);
        return true;
      },
    );
    const done = result as Campaign | null;
    if (done) {
      hold(done);
      if (!quiet) void message.success(t(saved ? 'campaigns.saved' : 'campaigns.created', { name: done.name }));
      if (!saved) navigate(`${CAMPAIGNS_PATH}/${done.id}`, { replace: true });
    }
    return done;
  };

  const saveDraft = async () => {
    const body = await validRequest();
    if (body) await save(body);
  };

  /** Saves what changed, then starts at `at` (ISO) or now. Resolves true when it is scheduled or sending. */
  const schedule = async (at: string | null): Promise<boolean> => {
    const body = await validRequest();
    if (!body) return false;
    const campaign = await save(body, true);
    if (!campaign) return false;
    try {
      const result = await api.scheduleCampaign(campaign.id, at);
      hold(result);
      void message.success(result.status === 'scheduled' && result.scheduledAt ? t('campaigns.scheduledDone', { name: result.name }) : t('campaigns.sendingDone', { name: result.name }));
      return true;
    } catch (error) {
      showFailure(error, []);
      refetchOnBadState(error);
      return false;
    }
  };

  /** How many people "Send now" would reach: the audience counted again, with what the form holds now. */
  const countAudience = async (): Promise<number | null> => {
    const body = await validRequest();
    if (!body) return null;
    try {
      return (await api.previewCampaign(body)).audienceSize;
    } catch (error) {
      showFailure(error, isApiRequestError(error) && error.code === 'campaigns.bad_template' ? placeProblems(error.error.details ?? [], true) : []);
      return null;
    }
  };

  const remove = async () => {
    if (!saved) return;
    try {
      await api.deleteCampaign(saved.id);
      void message.success(t('campaigns.deleted', { name: saved.name }));
      navigate(CAMPAIGNS_PATH);
    } catch (error) {
      void message.error(errorMessage(t, error));
      refetchOnBadState(error);
    }
  };

  const cancel = async () => {
    if (!saved) return;
    try {
      const result = await api.cancelCampaign(saved.id);
      hold(result);
      void message.success(t('campaigns.cancelled', { name: result.name }));
    } catch (error) {
      void message.error(errorMessage(t, error));
      refetchOnBadState(error);
    }
  };

  return (
    <>
      <PageHeader
        title={saved?.name ?? t('campaigns.editor.newTitle')}
        subtitle={t('campaigns.editor.subtitle')}
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={() => leaveTo(CAMPAIGNS_PATH)} data-testid="campaign-back">
            {t('campaigns.editor.back')}
          </Button>
        }
      />
      {failure ? <Alert type="error" showIcon title={failure} className="page-alert" closable={{ onClose: () => setFailure(null) }} data-testid="campaign-error" /> : null}
      <div className="campaign-editor">
        <Form<CampaignFormValues>
          form={form}
          name={FORM_NAME}
          layout="vertical"
          initialValues={initialValues}
          onFinish={() => void saveDraft()}
          className="campaign-form"
          data-testid="campaign-form"
          scrollToFirstError={false}
        >
          <BasicsSection events={events.data?.items ?? []} eventsLoading={events.loading} savedEvent={saved ? { id: saved.eventId, title: saved.eventTitle } : null} />
          <AudienceSection form={form} segments={segments.data ?? []} segmentsLoading={segments.loading} />
          <MessageSection editing={editing} />
          <VariantsSection form={form} editing={editing} newVariant={newVariant} />
        </Form>
        <aside className="campaign-rail">
          <CampaignActionsCard
            saved={saved}
            dirty={dirty}
            saving={saving}
            audienceSize={previewable && preview.preview && !preview.loading && !preview.error ? preview.preview.audienceSize : null}
            onSave={() => void saveDraft()}
            onSchedule={schedule}
            countAudience={countAudience}
            onDelete={remove}
            onCancel={cancel}
          />
          <CampaignPreviewPanel state={preview} request={previewable} contactId={contactId} onContactChange={setContactId} defaultTestTo={user.email} />
        </aside>
      </div>
    </>
  );
}
