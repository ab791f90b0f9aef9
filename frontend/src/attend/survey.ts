import { checkSurveyAnswers } from '@fulcrum/shared';
import type { CtaKind, Locale, SurveyAnswers, SurveyProblem, SurveyQuestion, SurveyState } from '@fulcrum/shared';
import { AttendRequestError } from '@/attend/api';
import type { MessageKey } from '@/attend/messages';

/** What the survey form holds: a rating, an option id or text per question id. */
export type SurveyDraft = Record<string, number | string>;

export function draftOf(state: SurveyState): SurveyDraft {
  return { ...(state.answers ?? {}) };
}

const PROBLEM_KEYS: Record<SurveyProblem, MessageKey> = {
  required: 'survey.problem.required',
  rating_range: 'survey.problem.rating',
  unknown_option: 'survey.problem.option',
  text_too_long: 'survey.problem.tooLong',
  wrong_type: 'survey.problem.invalid',
  unknown_question: 'survey.problem.invalid',
};

/** The problem of each question, worded for the page; empty when the answers may be sent. */
export function surveyProblems(questions: readonly SurveyQuestion[], draft: SurveyDraft): Record<string, MessageKey> {
  const problems: Record<string, MessageKey> = {};
  for (const { questionId, problem } of checkSurveyAnswers(questions, draft).problems) problems[questionId] = PROBLEM_KEYS[problem];
  return problems;
}

/** What is sent: blanks left out (an optional question skipped), text as typed (the server trims). */
export function answersOf(questions: readonly SurveyQuestion[], draft: SurveyDraft): SurveyAnswers {
  const answers: SurveyAnswers = {};
  for (const question of questions) {
    const value = draft[question.id];
    if (value === undefined || (typeof value === 'string' && value.trim() === '')) continue;
    answers[question.id] = value;
  }
  return answers;
}

/**
 * A refused save, for the page: per-question problems the server named (`answers.<id>`; the page's own
 * check normally catches them first), or one message for the whole form.
 */
export function saveFailure(error: unknown): { key: MessageKey; questions: Record<string, MessageKey> } {
  if (error instanceof AttendRequestError) {
    if (error.code === 'validation.failed') {
      const questions: Record<string, MessageKey> = {};
      for (const detail of error.details) {
        const id = /^answers\.(.+)$/.exec(detail.path)?.[1];
        if (id) questions[id] = 'survey.problem.invalid';
      }
      return { key: 'survey.error.fix', questions };
    }
    if (error.code === 'engagement.survey_closed') return { key: 'survey.closed', questions: {} };
    if (error.code === 'engagement.survey_not_open') return { key: 'survey.notOpen', questions: {} };
    if (error.code === 'engagement.not_registered') return { key: 'engagement.notRegistered', questions: {} };
    if (error.code === 'network') return { key: 'survey.error.network', questions: {} };
  }
  return { key: 'survey.error.other', questions: {} };
}

/** A button's text: the organizer's label, or the standard one for its kind in the page's language. */
export function ctaLabelKey(kind: CtaKind): MessageKey {
  return kind === 'book_meeting' ? 'cta.kind.book_meeting' : kind === 'request_demo' ? 'cta.kind.request_demo' : 'cta.kind.custom';
}

/** A failed click, for the page. */
export function ctaFailure(error: unknown): MessageKey {
  if (error instanceof AttendRequestError) {
    if (error.code === 'engagement.cta_not_found') return 'cta.error.gone';
    if (error.code === 'engagement.not_registered') return 'engagement.notRegistered';
    if (error.code === 'network') return 'cta.error.network';
  }
  return 'cta.error.other';
}

/** A file size in the units people read: 820 KB, 3.4 MB. */
export function fileSize(bytes: number, locale: Locale): string {
  const format = (value: number, digits: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
  if (bytes < 1024) return `${format(bytes, 0)} B`;
  if (bytes < 1024 * 1024) return `${format(bytes / 1024, 0)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${format(bytes / 1024 / 1024, 1)} MB`;
  return `${format(bytes / 1024 / 1024 / 1024, 1)} GB`;
}
