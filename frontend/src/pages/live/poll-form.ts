import { POLL_LIMITS, pollCreateRequestSchema } from '@fulcrum/shared';
import type { PollCreateRequest, PollKind } from '@fulcrum/shared';

/** The new-poll form as typed: options may be blank (a row added and not filled in yet). */
export interface PollFormValues {
  question: string;
  kind: PollKind;
  options: string[];
  showResults: boolean;
}

export const newPollValues = (): PollFormValues => ({ question: '', kind: 'single', options: ['', ''], showResults: false });

/** What is wrong with the options as a whole (each one's length is checked on its own field). */
export type PollOptionsProblem = 'few' | 'many' | 'duplicate';

const filled = (options: readonly string[]): string[] => options.map((o) => o.trim()).filter((o) => o !== '');

export function pollOptionsProblem(options: readonly string[]): PollOptionsProblem | null {
  const texts = filled(options);
  if (texts.length < POLL_LIMITS.optionsMin) return 'few';
  if (texts.length > POLL_LIMITS.optionsMax) return 'many';
  if (new Set(texts.map((t) => t.toLowerCase())).size !== texts.length) return 'duplicate';
  return null;
}

/** The `poll:create` body (without the event): trimmed, blank rows dropped; null when the server would refuse it. */
export function pollRequestOf(values: PollFormValues): Omit<PollCreateRequest, 'eventId'> | null {
  const body = { question: values.question.trim(), kind: values.kind, options: filled(values.options), showResults: values.showResults };
  // The shared schema is the judge (the same one the gateway applies); the event id is checked there.
  return pollCreateRequestSchema.omit({ eventId: true }).safeParse(body).success ? body : null;
}
