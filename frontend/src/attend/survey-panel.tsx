import { useState, type FormEvent } from 'react';
import { ENGAGEMENT_LIMITS } from '@fulcrum/shared';
import type { SurveyQuestion, SurveyState } from '@fulcrum/shared';
import { attendApi } from '@/attend/api';
import { formatInstant } from '@/attend/event-time';
import { describedBy, Field, fieldId } from '@/attend/form-fields';
import { useLocale } from '@/attend/locale';
import type { MessageKey } from '@/attend/messages';
import { answersOf, draftOf, saveFailure, surveyProblems, type SurveyDraft } from '@/attend/survey';
import { useLoad } from '@/attend/use-load';

const RATINGS = Array.from({ length: ENGAGEMENT_LIMITS.ratingMax - ENGAGEMENT_LIMITS.ratingMin + 1 }, (_, i) => ENGAGEMENT_LIMITS.ratingMin + i);

/**
 * The end-of-event survey, on the join page and the registrant's page. It loads its own state (open,
 * not yet, closed; the person's saved answers), checks answers as the server will, and keeps what was
 * typed when a save fails. Answers may be changed while the survey is open.
 */
export function SurveyPanel({ token, timeZone, refreshKey }: { token: string; timeZone: string; refreshKey?: string }) {
  const { t } = useLocale();
  const { loaded, reload, replace } = useLoad((signal) => attendApi.survey(token, signal), [token, refreshKey]);
  const [savedNow, setSavedNow] = useState(false);
  const saved = (next: SurveyState) => {
    setSavedNow(true);
    replace(next);
  };

  if (loaded.state === 'loading') return null;
  if (loaded.state === 'failed') {
    return (
      <section className="attend-card attend-survey" data-testid="survey" data-state="failed">
        <h2>{t('survey.title')}</h2>
        <p className="attend-banner" role="alert">
          {t(saveFailure(loaded.error).key)}
        </p>
        <button type="button" className="attend-button attend-button--secondary" onClick={reload}>
          {t('app.retry')}
        </button>
      </section>
    );
  }
  const state = loaded.data;
  return (
    <section className="attend-card attend-survey" data-testid="survey" data-state={state.window}>
      <h2>{t('survey.title')}</h2>
      {state.window === 'not_open' && <p className="attend-muted">{t('survey.notOpen')}</p>}
      {state.window === 'closed' && <p className="attend-muted">{t('survey.closed')}</p>}
      {state.window === 'open' && <SurveyForm key={state.answeredAt ?? 'new'} token={token} timeZone={timeZone} state={state} justSaved={savedNow} onSaved={saved} />}
    </section>
  );
}

function SurveyForm({
  token,
  timeZone,
  state,
  justSaved,
  onSaved,
}: {
  token: string;
  timeZone: string;
  state: SurveyState;
  /** The answers shown were saved a moment ago (the form is re-created with them after each save). */
  justSaved: boolean;
  onSaved: (state: SurveyState) => void;
}) {
  const { t, locale } = useLocale();
  const [draft, setDraft] = useState<SurveyDraft>(() => draftOf(state));
  const [problems, setProblems] = useState<Record<string, MessageKey>>({});
  const [failure, setFailure] = useState<MessageKey | null>(null);
  const [saving, setSaving] = useState(false);
  const [changed, setChanged] = useState(false);
  const closes = formatInstant(state.closesAt, timeZone, locale);

  const set = (questionId: string, value: number | string) => {
    setDraft((current) => ({ ...current, [questionId]: value }));
    setChanged(true);
    setProblems(({ [questionId]: _fixed, ...rest }) => rest);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (saving) return;
    const found = surveyProblems(state.questions, draft);
    setProblems(found);
    setFailure(null);
    const first = state.questions.find((q) => found[q.id]);
    if (first) {
      setFailure('survey.error.fix');
      document.getElementById(fieldId(`survey.${first.id}`))?.focus();
      return;
    }
    setSaving(true);
    try {
      onSaved(await attendApi.answerSurvey(token, answersOf(state.questions, draft)));
    } catch (error) {
      const refused = saveFailure(error);
      setProblems(refused.questions);
      setFailure(refused.key);
      setSaving(false);
    }
  };

  return (
    <form className="attend-survey-form" onSubmit={(e) => void submit(e)} noValidate data-testid="survey-form">
      {justSaved && !changed ? (
        <p className="attend-notice attend-notice--ok" role="status" data-testid="survey-saved">
          {t('survey.saved')}
        </p>
      ) : state.answeredAt ? (
        <p className="attend-notice attend-notice--ok" data-testid="survey-answered">
          {t('survey.savedAt', { time: closes })}
        </p>
      ) : (
        <p className="attend-muted">{t('survey.intro', { time: closes })}</p>
      )}
      {state.questions.map((question) => (
        <SurveyField key={question.id} question={question} value={draft[question.id]} problem={problems[question.id]} disabled={saving} onChange={(value) => set(question.id, value)} />
      ))}
      {failure && (
        <p className="attend-banner" role="alert" data-testid="survey-error">
          {t(failure)}
        </p>
      )}
      <button type="submit" className="attend-button" disabled={saving} data-testid="survey-submit">
        {t(saving ? 'survey.saving' : state.answeredAt ? 'survey.update' : 'survey.submit')}
      </button>
    </form>
  );
}

function SurveyField({
  question,
  value,
  problem,
  disabled,
  onChange,
}: {
  question: SurveyQuestion;
  value: number | string | undefined;
  problem: MessageKey | undefined;
  disabled: boolean;
  onChange: (value: number | string) => void;
}) {
  const { t } = useLocale();
  const path = `survey.${question.id}`;
  const id = fieldId(path);
  const fieldProblem = problem ? { key: problem } : undefined;
  const aria = describedBy(path, fieldProblem, question.required);

  if (question.kind === 'text') {
    return (
      <Field path={path} label={question.prompt} required={question.required} problem={fieldProblem}>
        <textarea
          id={id}
          className="attend-input attend-textarea"
          rows={3}
          maxLength={ENGAGEMENT_LIMITS.textAnswer}
          placeholder={t('survey.textPlaceholder')}
          value={typeof value === 'string' ? value : ''}
          disabled={disabled}
          onChange={(e) => onChange(e.target.value)}
          data-testid="survey-text"
          {...aria}
        />
      </Field>
    );
  }
  if (question.kind === 'rating') {
    return (
      <Field path={path} label={question.prompt} required={question.required} problem={fieldProblem} group>
        <div id={id} className="attend-rating" role="radiogroup" tabIndex={-1} {...aria} data-testid="survey-rating">
          {RATINGS.map((rating) => (
            <label key={rating} className={`attend-rating-option${value === rating ? ' attend-rating-option--on' : ''}`}>
              <input
                type="radio"
                name={id}
                value={rating}
                checked={value === rating}
                disabled={disabled}
                onChange={() => onChange(rating)}
                aria-label={t('survey.ratingValue', { value: rating })}
                data-testid={`survey-rating-${rating}`}
              />
              <span aria-hidden="true">{rating}</span>
            </label>
          ))}
        </div>
        <p className="attend-rating-scale attend-muted" aria-hidden="true">
          <span>{t('survey.ratingLow')}</span>
          <span>{t('survey.ratingHigh')}</span>
        </p>
      </Field>
    );
  }
  return (
    <Field path={path} label={question.prompt} required={question.required} problem={fieldProblem} group>
      <div id={id} className="attend-choices" role="radiogroup" tabIndex={-1} {...aria} data-testid="survey-choice">
        {question.options.map((option) => (
          <label key={option.id} className="attend-choice attend-choice--single">
            <input
              type="radio"
              name={id}
              value={option.id}
              checked={value === option.id}
              disabled={disabled}
              onChange={() => onChange(option.id)}
              data-testid={`survey-option-${option.id}`}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
    </Field>
  );
}
