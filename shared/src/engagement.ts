import { z } from 'zod';

/*
 * What an attendee does with an event besides watching: downloads its materials, clicks its calls to
 * action (buying signals), answers its end-of-event survey. The calls to action and the survey are
 * configured on the event (jsonb columns `events.ctas` and `events.survey`, validated by the schemas
 * below); what people do lands in `downloads`, `cta_clicks`, `survey_responses` and the activity log.
 *
 * The survey opens when the event ends (its status is `ended`, or it is still live past its scheduled
 * end) and takes answers — one response per registration, which the person may change — until
 * `SURVEY_EDIT_DAYS` after the scheduled end. Rating questions are 1–5.
 */

export const CTA_KINDS = ['book_meeting', 'request_demo', 'custom'] as const;
export type CtaKind = (typeof CTA_KINDS)[number];

export const SURVEY_QUESTION_KINDS = ['rating', 'choice', 'text'] as const;
export type SurveyQuestionKind = (typeof SURVEY_QUESTION_KINDS)[number];

export const ENGAGEMENT_LIMITS = {
  ctas: 4,
  ctaLabel: 40,
  urlLength: 2_000,
  surveyQuestions: 10,
  prompt: 300,
  options: 10,
  optionLabel: 100,
  textAnswer: 2_000,
  ratingMin: 1,
  ratingMax: 5,
} as const;

/** Days after the scheduled end during which the survey takes (and changes) answers. */
export const SURVEY_EDIT_DAYS = 7;

/** Ids the editor gives rows (`cta1`, `s2`, `o3`): stable keys that answers and clicks refer to. */
const rowId = z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, { message: 'Use lower-case letters, digits, - and _' });

const label = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, { message: `${what}: at most ${max} characters` });

/** Only http and https: a button never runs script or opens another scheme. */
const ctaUrl = z
  .string()
  .trim()
  .max(ENGAGEMENT_LIMITS.urlLength, { message: `At most ${ENGAGEMENT_LIMITS.urlLength} characters` })
  .refine((value) => /^https?:\/\/[^\s/]+[^\s]*$/i.test(value), { message: 'Enter a web address starting with http:// or https://' });

export const ctaSchema = z.object({
  id: rowId,
  kind: z.enum(CTA_KINDS),
  /** Shown on the button; null: the default for the kind, in the attendee's language. A custom button needs one. */
  label: label(ENGAGEMENT_LIMITS.ctaLabel, 'Label')
    .transform((value) => (value === '' ? null : value))
    .nullable()
    .default(null),
  url: ctaUrl,
});
export type Cta = z.infer<typeof ctaSchema>;

export const ctaListSchema = z
  .array(
    ctaSchema.superRefine((cta, ctx) => {
      if (cta.kind === 'custom' && !cta.label) ctx.addIssue({ code: 'custom', path: ['label'], message: 'A custom button needs a label' });
    }),
  )
  .max(ENGAGEMENT_LIMITS.ctas, { message: `At most ${ENGAGEMENT_LIMITS.ctas} buttons` })
  .superRefine((ctas, ctx) => {
    ctas.forEach((cta, index) => {
      if (ctas.findIndex((other) => other.id === cta.id) !== index) ctx.addIssue({ code: 'custom', path: [index, 'id'], message: 'Each button needs its own id' });
    });
  });

export const surveyOptionSchema = z.object({
  id: rowId,
  label: label(ENGAGEMENT_LIMITS.optionLabel, 'Option').min(1, { message: 'Enter the option' }),
});
export type SurveyOption = z.infer<typeof surveyOptionSchema>;

export const surveyQuestionSchema = z
  .object({
    id: rowId,
    kind: z.enum(SURVEY_QUESTION_KINDS),
    prompt: label(ENGAGEMENT_LIMITS.prompt, 'Question').min(1, { message: 'Enter the question' }),
    required: z.boolean().default(false),
    /** Choice questions only: one of them is picked. */
    options: z.array(surveyOptionSchema).max(ENGAGEMENT_LIMITS.options, { message: `At most ${ENGAGEMENT_LIMITS.options} options` }).default([]),
  })
  .superRefine((question, ctx) => {
    if (question.kind === 'choice' && question.options.length < 2) ctx.addIssue({ code: 'custom', path: ['options'], message: 'A choice needs at least two options' });
    if (question.kind !== 'choice' && question.options.length > 0) ctx.addIssue({ code: 'custom', path: ['options'], message: 'Only choice questions have options' });
    const ids = question.options.map((option) => option.id);
    const labels = question.options.map((option) => option.label);
    if (new Set(ids).size !== ids.length || new Set(labels).size !== labels.length) ctx.addIssue({ code: 'custom', path: ['options'], message: 'Options must differ' });
  });
export type SurveyQuestion = z.infer<typeof surveyQuestionSchema>;

export const surveyQuestionListSchema = z
  .array(surveyQuestionSchema)
  .max(ENGAGEMENT_LIMITS.surveyQuestions, { message: `At most ${ENGAGEMENT_LIMITS.surveyQuestions} questions` })
  .superRefine((questions, ctx) => {
    questions.forEach((question, index) => {
      if (questions.findIndex((other) => other.id === question.id) !== index) ctx.addIssue({ code: 'custom', path: [index, 'id'], message: 'Each question needs its own id' });
    });
  });

/** An answer: a rating 1–5, an option id, or text. */
export type SurveyAnswer = number | string;
export type SurveyAnswers = Record<string, SurveyAnswer>;

export const surveyAnswersRequestSchema = z.object({
  answers: z.record(z.string().max(40), z.union([z.number(), z.string().max(ENGAGEMENT_LIMITS.textAnswer * 2)])),
});
export type SurveyAnswersRequest = z.infer<typeof surveyAnswersRequestSchema>;

/** Why one answer was refused: the UI words it per question. */
export const SURVEY_PROBLEMS = ['required', 'rating_range', 'unknown_option', 'text_too_long', 'wrong_type', 'unknown_question'] as const;
export type SurveyProblem = (typeof SURVEY_PROBLEMS)[number];

const PROBLEM_MESSAGES: Record<SurveyProblem, string> = {
  required: 'This answer is required',
  rating_range: `Choose a rating from ${ENGAGEMENT_LIMITS.ratingMin} to ${ENGAGEMENT_LIMITS.ratingMax}`,
  unknown_option: 'Choose one of the options',
  text_too_long: `At most ${ENGAGEMENT_LIMITS.textAnswer} characters`,
  wrong_type: 'This answer has the wrong type',
  unknown_question: 'No such question in this survey',
};

export function surveyProblemMessage(problem: SurveyProblem): string {
  return PROBLEM_MESSAGES[problem];
}

/**
 * Checks answers against the questions. Returns the cleaned answers (text trimmed, blanks left out) and
 * one problem per question that has one — both the join page and the server use it, so they agree.
 */
export function checkSurveyAnswers(
  questions: readonly SurveyQuestion[],
  answers: Readonly<Record<string, unknown>>,
): { answers: SurveyAnswers; problems: Array<{ questionId: string; problem: SurveyProblem }> } {
  const clean: SurveyAnswers = {};
  const problems: Array<{ questionId: string; problem: SurveyProblem }> = [];
  const known = new Set(questions.map((question) => question.id));
  for (const questionId of Object.keys(answers)) {
    if (!known.has(questionId)) problems.push({ questionId, problem: 'unknown_question' });
  }
  for (const question of questions) {
    const raw = answers[question.id];
    const value = typeof raw === 'string' ? raw.trim() : raw;
    if (value === undefined || value === null || value === '') {
      if (question.required) problems.push({ questionId: question.id, problem: 'required' });
      continue;
    }
    if (question.kind === 'rating') {
      if (typeof value !== 'number') problems.push({ questionId: question.id, problem: 'wrong_type' });
      else if (!Number.isInteger(value) || value < ENGAGEMENT_LIMITS.ratingMin || value > ENGAGEMENT_LIMITS.ratingMax) problems.push({ questionId: question.id, problem: 'rating_range' });
      else clean[question.id] = value;
    } else if (question.kind === 'choice') {
      if (typeof value !== 'string') problems.push({ questionId: question.id, problem: 'wrong_type' });
      else if (!question.options.some((option) => option.id === value)) problems.push({ questionId: question.id, problem: 'unknown_option' });
      else clean[question.id] = value;
    } else {
      if (typeof value !== 'string') problems.push({ questionId: question.id, problem: 'wrong_type' });
      else if (value.length > ENGAGEMENT_LIMITS.textAnswer) problems.push({ questionId: question.id, problem: 'text_too_long' });
      else clean[question.id] = value;
    }
  }
  return { answers: clean, problems };
}

/** Where the survey stands at `now`: not open before the end, open, closed SURVEY_EDIT_DAYS after it. */
export type SurveyWindow = 'not_open' | 'open' | 'closed';

export function surveyWindow(event: { status: string; endsAt: string | Date }, now: Date = new Date()): SurveyWindow {
  const ends = new Date(event.endsAt).getTime();
  if (event.status === 'archived' || now.getTime() > surveyClosesAt(event).getTime()) return 'closed';
  if (event.status === 'ended' || (event.status === 'live' && now.getTime() >= ends)) return 'open';
  return 'not_open';
}

export function surveyClosesAt(event: { endsAt: string | Date }): Date {
  return new Date(new Date(event.endsAt).getTime() + SURVEY_EDIT_DAYS * 24 * 60 * 60 * 1000);
}

/** A material as a registrant sees it: the download address records the download. */
export const registrantMaterialSchema = z.object({
  id: z.guid(),
  title: z.string(),
  fileName: z.string(),
  sizeBytes: z.number(),
  downloadUrl: z.string(),
});
export type RegistrantMaterial = z.infer<typeof registrantMaterialSchema>;

/** A button as a registrant sees it: its address comes back when the click is recorded. */
export const registrantCtaSchema = z.object({
  id: z.string(),
  kind: z.enum(CTA_KINDS),
  label: z.string().nullable(),
});
export type RegistrantCta = z.infer<typeof registrantCtaSchema>;

export const ctaClickResultSchema = z.object({ url: z.string() });
export type CtaClickResult = z.infer<typeof ctaClickResultSchema>;

export const surveyStateSchema = z.object({
  window: z.enum(['not_open', 'open', 'closed']),
  /** When answers are taken (the scheduled end) and until when they may change. */
  opensAt: z.string(),
  closesAt: z.string(),
  questions: z.array(surveyQuestionSchema),
  /** The person's saved answers, null before they answered. */
  answers: z.record(z.string(), z.union([z.number(), z.string()])).nullable(),
  answeredAt: z.string().nullable(),
});
export type SurveyState = z.infer<typeof surveyStateSchema>;

/** The organizer's summary of what attendees did. */
export const engagementSummarySchema = z.object({
  materials: z.array(z.object({ id: z.guid(), title: z.string(), fileName: z.string(), people: z.number(), downloads: z.number() })),
  ctas: z.array(z.object({ id: z.string(), kind: z.enum(CTA_KINDS), label: z.string().nullable(), people: z.number(), clicks: z.number() })),
  survey: z.object({
    responses: z.number(),
    questions: z.array(
      z.object({
        id: z.string(),
        kind: z.enum(SURVEY_QUESTION_KINDS),
        prompt: z.string(),
        answered: z.number(),
        /** Ratings only. */
        average: z.number().nullable(),
        /** Choices: each option with its count; ratings: 1–5 with theirs. */
        counts: z.array(z.object({ id: z.string(), label: z.string(), count: z.number() })),
      }),
    ),
  }),
});
export type EngagementSummary = z.infer<typeof engagementSummarySchema>;
