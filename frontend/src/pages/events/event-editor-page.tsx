import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Form } from 'antd';
import type { FormInstance } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { Navigate, useNavigate, useParams } from 'react-router-dom';
import type { ApiError, EventDetail, EventStatus } from '@fulcrum/shared';
import { api, isApiRequestError } from '@/api/client';
import { ContentSpin } from '@/components/full-page-spin';
import { LoadErrorAlert } from '@/components/load-error-alert';
import { PageHeader } from '@/components/page-header';
import { useFormSave } from '@/components/use-form-save';
import { errorMessage } from '@/i18n/error-message';
import { EventCampaignsCard } from '@/pages/campaigns/event-campaigns-card';
import { changedFields, eventToValues, fieldOfPath, newEventValues, toRequest } from '@/pages/events/event-form';
import type { EventFormValues, FieldName } from '@/pages/events/event-form';
import { EVENT_SECTIONS, EventFormSections, sectionId } from '@/pages/events/event-form-sections';
import { WALL_VALUE_FORMAT } from '@/pages/events/event-inputs';
import { EventEngagement } from '@/pages/events/event-engagement';
import { EventMaterials } from '@/pages/events/event-materials';
import { needsConfirm, statusAction } from '@/pages/events/event-labels';
import { EventStatusPanel } from '@/pages/events/event-status-panel';
import { browserTimeZone } from '@/pages/events/event-time';
import { canEditEvents } from '@/session/access';
import { useUser } from '@/session/session-context';
import '@/pages/events/events.css';
import { useHeldRecord } from '@/components/use-held-record';
import { RecordNotFound } from '@/components/record-not-found';
import { useUnsavedGuard } from '@/components/use-unsaved-guard';

const LIST_PATH = '/events';
const NO_FIELDS: readonly string[] = [];

type ApiErrorDetail = NonNullable<ApiError['details']>[number];

/** Problems the server reports when scheduling, by path; anything else keeps the server's words. */
const NOT_READY_KEYS = { venue: 'events.notReady.venue', endsAt: 'events.notReady.endsAt' } as const;

/** The editor at /events/new and /events/:id: every field of an event, its status and the moves it allows. */
export function EventEditorPage() {
  const { id } = useParams<{ id: string }>();
  const navigate = useNavigate();
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const user = useUser();
  const readOnly = !canEditEvents(user.role);
  const [form] = Form.useForm<EventFormValues>();
  const browserZone = useMemo(() => browserTimeZone(), []);

  const [saved, setSaved] = useState<EventDetail | null>(null);
  const [dirty, setDirty] = useState(false);
  const [moving, setMoving] = useState<EventStatus | null>(null);
  const { saving, failure, setFailure, run } = useFormSave(form, NO_FIELDS);

  const initialValues = useMemo(() => (saved ? eventToValues(saved) : newEventValues(browserZone)), [saved, browserZone]);
  // What saving the untouched form would send: the baseline that "changed" and PATCH bodies compare with.
  const baseline = useMemo(() => toRequest(initialValues), [initialValues]);

  const show = useCallback((event: EventDetail | null) => {
    setSaved(event);
    setDirty(false);
  }, []);
  const { hold, loading, loadError, retry } = useHeldRecord(id, api.getEvent, show);

  // A newly held event (or a new blank one) replaces what the form shows.
  useEffect(() => {
    if (loading || loadError) return;
    form.resetFields();
    form.setFieldsValue(initialValues);
  }, [initialValues, loading, loadError, form]);

  const leaveTo = useUnsavedGuard(dirty, { title: t('events.leave.title'), body: t('events.leave.body'), leave: t('events.leave.leave'), stay: t('events.leave.stay') });

  /** Everything the form holds, hidden sections (an online event's venue) included. */
  const currentValues = useCallback((): EventFormValues => ({ ...newEventValues(browserZone), ...form.getFieldsValue(true) }), [form, browserZone]);

  const onValuesChange = (changed: Partial<EventFormValues>) => {
    if (readOnly) return;
    // A start picked first brings an end an hour later, which is what most sessions take.
    if (changed.startsAt && !form.getFieldValue('endsAt')) form.setFieldValue('endsAt', dayjs(changed.startsAt).add(1, 'hour').format(WALL_VALUE_FORMAT));
    setDirty(Object.keys(changedFields(baseline, toRequest(currentValues()))).length > 0);
  };

  /**
   * Puts the server's problems on their fields (scrolling to the first) and returns the ones no field
   * shows. `translate` gives a problem the console's own words when it knows the path.
   */
  const placeProblems = (details: readonly ApiErrorDetail[], translate?: (detail: ApiErrorDetail) => string | null): ApiErrorDetail[] => {
    const values = currentValues();
    const rows = { agenda: values.agenda.length, speakers: values.speakers.length, questions: values.questions.length };
    const byField = new Map<string, { name: FieldName; errors: string[] }>();
    const rest: ApiErrorDetail[] = [];
    for (const detail of details) {
      const name = fieldOfPath(detail.path, rows);
      if (!name) {
        rest.push(detail);
        continue;
      }
      const key = name.join('.');
      const text = translate?.(detail) ?? detail.message;
      const entry = byField.get(key) ?? { name, errors: [] };
      if (!entry.errors.includes(text)) entry.errors.push(text);
      byField.set(key, entry);
    }
    const placed = [...byField.values()];
    // Row paths (questions.0.options) are beyond what the typed form's names spell out.
    (form as FormInstance).setFields(placed.map(({ name, errors }) => ({ name, errors })));
    if (placed[0]) form.scrollToField(placed[0].name, { block: 'center', behavior: 'smooth' });
    return rest;
  };

  /** The banner for a failure: the translated code, then whatever the fields could not show. */
  const showFailure = (error: unknown, rest: readonly ApiErrorDetail[]) => {
    const lines = rest.map((detail) => (detail.path ? `${detail.path}: ${detail.message}` : detail.message));
    setFailure([errorMessage(t, error), ...lines].join(' '));
  };

  /**
   * Validates, then creates the event or PATCHes what changed. Resolves with the saved event, or null.
   * `quiet` when a status change follows, which says what happened itself.
   */
  const save = async (quiet = false): Promise<EventDetail | null> => {
    try {
      await form.validateFields();
    } catch (invalid) {
      const first = (invalid as { errorFields?: Array<{ name: FieldName }> }).errorFields?.[0];
      if (first) form.scrollToField(first.name, { block: 'center', behavior: 'smooth' });
      return null;
    }
    const body = toRequest(currentValues());
    let result: EventDetail | null = null;
    await run(
      async () => {
        if (saved) {
          const changes = changedFields(baseline, body);
          result = Object.keys(changes).length > 0 ? await api.updateEvent(saved.id, changes) : saved;
        } else {
          result = await api.createEvent(body);
        }
      },
      (error) => {
        const details = isApiRequestError(error) ? (error.error.details ?? []) : [];
        const rest = placeProblems(details);
        if (rest.length > 0 || details.length === 0) showFailure(error, rest);
        else void message.error(errorMessage(t, error));
        return true;
      },
    );
    const done = result as EventDetail | null;
    if (done) {
      const created = !saved;
      hold(done);
      if (!quiet) void message.success(t(created ? 'events.created' : 'events.saved', { title: done.title }));
      if (created) navigate(`${LIST_PATH}/${done.id}`, { replace: true });
    }
    return done;
  };

  const move = async (to: EventStatus) => {
    if (!saved) return;
    let event: EventDetail | null = saved;
    if (dirty) event = await save(true);
    if (!event) return;
    setMoving(to);
    setFailure(null);
    try {
      const result = await api.changeEventStatus(event.id, to);
      hold(result);
      void message.success(t(`events.moved.${to}`, { title: result.title }));
    } catch (error) {
      if (isApiRequestError(error) && error.code === 'events.not_ready') {
        const details = error.error.details ?? [];
        const rest = placeProblems(details, (detail) => (Object.hasOwn(NOT_READY_KEYS, detail.path) ? t(NOT_READY_KEYS[detail.path as keyof typeof NOT_READY_KEYS]) : null));
        if (rest.length > 0 || details.length === 0) showFailure(error, rest);
        else void message.error(t('errors.events.not_ready'));
      } else {
        showFailure(error, []);
        // Someone else moved it meanwhile: show where it stands now.
        if (isApiRequestError(error) && error.code === 'events.bad_transition') {
          api.getEvent(event.id).then(hold, () => undefined);
        }
      }
    } finally {
      setMoving(null);
    }
  };

  const confirmMove = (to: EventStatus) => {
    if (!saved) return;
    const action = statusAction(saved.status, to);
    if (!action || !needsConfirm(action)) {
      void move(to);
      return;
    }
    modal.confirm({
      title: t(`events.confirm.${action as 'goLive' | 'end'}.title`, { title: saved.title }),
      content: t(`events.confirm.${action as 'goLive' | 'end'}.body`),
      okText: t(`events.actions.${action}`),
      okButtonProps: { danger: action === 'end', 'data-testid': 'event-move-confirm' },
      cancelText: t('common.cancel'),
      onOk: () => move(to),
    });
  };

  const confirmDelete = () => {
    if (!saved) return;
    modal.confirm({
      title: t('events.confirmDelete.title', { title: saved.title }),
      content: t('events.confirmDelete.body'),
      okText: t('events.delete'),
      okButtonProps: { danger: true, 'data-testid': 'event-delete-confirm' },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await api.deleteEvent(saved.id);
          setDirty(false);
          void message.success(t('events.deleted', { title: saved.title }));
          navigate(LIST_PATH);
        } catch (reason) {
          void message.error(errorMessage(t, reason));
          if (isApiRequestError(reason) && reason.code === 'events.not_found') navigate(LIST_PATH);
        }
      },
    });
  };

  const backToList = () => leaveTo(LIST_PATH);

  const format = Form.useWatch('format', form);

  // Sales read events; there is nothing for them to create.
  if (readOnly && !id) return <Navigate to={LIST_PATH} replace />;

  const notFound = isApiRequestError(loadError) && (loadError.code === 'events.not_found' || loadError.statusCode === 404);
  if (notFound) {
    return <RecordNotFound title={t('events.editor.notFoundTitle')} body={t('events.editor.notFoundBody')} backLabel={t('events.editor.back')} onBack={() => navigate(LIST_PATH)} />;
  }

  const title = saved?.title ?? (id ? t('common.loading') : t('events.editor.newTitle'));
  const sections = EVENT_SECTIONS.filter((section) => section !== 'venue' || (format && format !== 'online'));

  return (
    <>
      <PageHeader
        title={title}
        subtitle={readOnly ? t('events.editor.readOnly') : t('events.editor.subtitle')}
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={backToList} data-testid="event-back">
            {t('events.editor.back')}
          </Button>
        }
      />
      {loadError ? <LoadErrorAlert error={loadError} onRetry={retry} /> : null}
      {failure ? <Alert type="error" showIcon title={failure} className="page-alert" closable={{ onClose: () => setFailure(null) }} data-testid="event-error" /> : null}
      {loading ? (
        <ContentSpin />
      ) : loadError ? null : (
        <div className="event-editor">
          <div className="event-main">
            <Form<EventFormValues>
              form={form}
              layout="vertical"
              name="event"
              initialValues={initialValues}
              disabled={readOnly}
              onValuesChange={onValuesChange}
              onFinish={() => void save()}
              className="event-form"
              data-testid="event-form"
              scrollToFirstError={false}
            >
              <EventFormSections form={form} saved={saved} readOnly={readOnly} browserZone={browserZone} />
            </Form>
            <EventMaterials eventId={saved?.id ?? null} readOnly={readOnly} />
            <EventEngagement eventId={saved?.id ?? null} />
          </div>
          <aside className="event-rail">
            <EventStatusPanel
              saved={saved}
              readOnly={readOnly}
              dirty={dirty}
              saving={saving}
              moving={moving}
              onSave={() => void save()}
              onMove={confirmMove}
              onDelete={confirmDelete}
            />
            {saved ? <EventCampaignsCard eventId={saved.id} canEdit={!readOnly} leaveTo={leaveTo} /> : null}
            <Card className="event-nav-card" size="small">
              <nav aria-label={t('events.editor.sectionsNav')} className="event-nav">
                {sections.map((section) => (
                  <Button
                    key={section}
                    type="text"
                    size="small"
                    block
                    className="event-nav-link"
                    onClick={() => document.getElementById(sectionId(section))?.scrollIntoView({ behavior: 'smooth', block: 'start' })}
                  >
                    {t(`events.sections.${section}`)}
                  </Button>
                ))}
              </nav>
            </Card>
          </aside>
        </div>
      )}
    </>
  );
}
