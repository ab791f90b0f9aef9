import type { Cta, CtaKind, SurveyQuestion, SurveyQuestionKind } from '@fulcrum/shared';

/**
 * The event form's calls to action and survey. Rows keep their ids (answers and clicks refer to them)
 * in fields the form holds but does not show; a new row takes the first free id.
 */
export interface CtaFormValue {
  id: string;
  kind: CtaKind;
  label: string;
  url: string;
}

export interface SurveyFormValue {
  id: string;
  kind: SurveyQuestionKind;
  prompt: string;
  required: boolean;
  /** Option labels as typed (a tags input). */
  options: string[];
  /** The saved id of each option label, so an unchanged option keeps its id (and its answers). */
  optionIds: Record<string, string>;
}

/** The first free id of the form `{prefix}{n}`. */
export function nextRowId(prefix: string, rows: ReadonlyArray<{ id?: string } | undefined> | undefined): string {
  const taken = new Set((rows ?? []).map((row) => row?.id));
  let n = 1;
  while (taken.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

/** A new option's id from its label (FNV-1a): the same label keeps the same id across saves. */
export function optionIdOf(label: string): string {
  let hash = 0x811c9dc5;
  for (const char of label) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `o${hash.toString(36)}`;
}

export function ctasToValues(ctas: readonly Cta[]): CtaFormValue[] {
  return ctas.map((cta) => ({ id: cta.id, kind: cta.kind, label: cta.label ?? '', url: cta.url }));
}

export function surveyToValues(survey: readonly SurveyQuestion[]): SurveyFormValue[] {
  return survey.map((question) => ({
    id: question.id,
    kind: question.kind,
    prompt: question.prompt,
    required: question.required,
    options: question.options.map((option) => option.label),
    optionIds: Object.fromEntries(question.options.map((option) => [option.label, option.id])),
  }));
}

export function ctasToRequest(values: ReadonlyArray<CtaFormValue | undefined> | undefined): Cta[] {
  return (values ?? [])
    .filter((cta): cta is CtaFormValue => Boolean(cta))
    .map((cta) => ({ id: cta.id, kind: cta.kind, label: cta.label?.trim() || null, url: (cta.url ?? '').trim() }));
}

export function surveyToRequest(values: ReadonlyArray<SurveyFormValue | undefined> | undefined): SurveyQuestion[] {
  return (values ?? [])
    .filter((question): question is SurveyFormValue => Boolean(question))
    .map((question) => {
      const labels = question.kind === 'choice' ? [...new Set((question.options ?? []).map((option) => option.trim()).filter(Boolean))] : [];
      return {
        id: question.id,
        kind: question.kind,
        prompt: (question.prompt ?? '').trim(),
        required: Boolean(question.required),
        options: labels.map((label) => ({ id: question.optionIds?.[label] ?? optionIdOf(label), label })),
      };
    });
}
