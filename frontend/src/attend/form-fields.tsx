import type { ReactNode } from 'react';
import { REGISTRATION_LIMITS, type RegistrationQuestion } from '@fulcrum/shared';
import { useLocale } from '@/attend/locale';
import type { AnswerValue, FieldProblem } from '@/attend/registration-form';

/** `answers.role` → `attend-answers-role`: the id a field's label, problem and focus use. */
export function fieldId(path: string): string {
  return `attend-${path.replace(/\./g, '-')}`;
}

export function ProblemText({ problem }: { problem: FieldProblem }) {
  const { t } = useLocale();
  return <>{'text' in problem ? problem.text : t(problem.key, problem.params)}</>;
}

interface FieldProps {
  path: string;
  label: string;
  required: boolean;
  problem: FieldProblem | undefined;
  /** A group of checkboxes is labelled by a legend, not a label. */
  group?: boolean;
  hint?: string;
  children: ReactNode;
}

/** A label with its required mark (or "optional"), the control, and the problem under it. */
export function Field({ path, label, required, problem, group, hint, children }: FieldProps) {
  const { t } = useLocale();
  const id = fieldId(path);
  const caption = (
    <>
      {label}
      {required ? (
        <span className="attend-required" title={t('register.required')} aria-hidden="true">
          *
        </span>
      ) : (
        <span className="attend-optional">{t('field.optional')}</span>
      )}
    </>
  );
  const Wrapper = group ? 'fieldset' : 'div';
  return (
    <Wrapper className={`attend-field${problem ? ' attend-field--invalid' : ''}`} data-testid={`field-${path}`} data-invalid={problem ? 'true' : 'false'}>
      {group ? <legend className="attend-label">{caption}</legend> : <label className="attend-label" htmlFor={id}>{caption}</label>}
      {hint && <p className="attend-hint">{hint}</p>}
      {children}
      {problem && (
        <p className="attend-problem" id={`${id}-problem`} data-testid={`problem-${path}`}>
          <ProblemText problem={problem} />
        </p>
      )}
    </Wrapper>
  );
}

/** aria attributes that say a control is required and tie it to its problem text. */
export function describedBy(path: string, problem: FieldProblem | undefined, required: boolean) {
  return {
    'aria-required': required || undefined,
    'aria-invalid': problem ? true : undefined,
    'aria-describedby': problem ? `${fieldId(path)}-problem` : undefined,
  };
}

interface QuestionProps {
  question: RegistrationQuestion;
  value: AnswerValue;
  problem: FieldProblem | undefined;
  disabled: boolean;
  onChange: (value: AnswerValue) => void;
}

/** One of the event's own questions, in the control its type calls for (native controls: they work best on phones). */
export function QuestionField({ question, value, problem, disabled, onChange }: QuestionProps) {
  const { t } = useLocale();
  const path = `answers.${question.key}`;
  const id = fieldId(path);
  const aria = describedBy(path, problem, question.required);
  switch (question.type) {
    case 'text':
      return (
        <Field path={path} label={question.label} required={question.required} problem={problem}>
          <input
            id={id}
            className="attend-input"
            type="text"
            maxLength={REGISTRATION_LIMITS.text}
            value={typeof value === 'string' ? value : ''}
            disabled={disabled}
            onChange={(e) => onChange(e.target.value)}
            {...aria}
          />
        </Field>
      );
    case 'textarea':
      return (
        <Field path={path} label={question.label} required={question.required} problem={problem}>
          <textarea
            id={id}
            className="attend-input attend-textarea"
            rows={4}
            maxLength={REGISTRATION_LIMITS.textarea}
            value={typeof value === 'string' ? value : ''}
            disabled={disabled}
            onChange={(e) => onChange(e.target.value)}
            {...aria}
          />
        </Field>
      );
    case 'select':
      return (
        <Field path={path} label={question.label} required={question.required} problem={problem}>
          <select id={id} className="attend-input attend-select" value={typeof value === 'string' ? value : ''} disabled={disabled} onChange={(e) => onChange(e.target.value)} {...aria}>
            <option value="" disabled={question.required}>
              {t('register.selectPlaceholder')}
            </option>
            {question.options.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        </Field>
      );
    case 'multiselect': {
      const chosen = Array.isArray(value) ? value : [];
      // A group of checkboxes cannot be aria-required; the legend's mark says it.
      const { 'aria-required': _required, ...groupAria } = aria;
      return (
        <Field path={path} label={question.label} required={question.required} problem={problem} group hint={t('register.multiselectHint')}>
          <div className="attend-choices" id={id} tabIndex={-1} {...groupAria}>
            {question.options.map((option) => (
              <label key={option} className="attend-choice">
                <input
                  type="checkbox"
                  checked={chosen.includes(option)}
                  disabled={disabled}
                  onChange={(e) => onChange(e.target.checked ? [...chosen, option] : chosen.filter((c) => c !== option))}
                />
                <span>{option}</span>
              </label>
            ))}
          </div>
        </Field>
      );
    }
    case 'checkbox':
      return (
        <div className={`attend-field${problem ? ' attend-field--invalid' : ''}`} data-testid={`field-${path}`} data-invalid={problem ? 'true' : 'false'}>
          <label className="attend-choice attend-choice--single">
            <input id={id} type="checkbox" checked={value === true} disabled={disabled} onChange={(e) => onChange(e.target.checked)} {...aria} />
            <span>
              {question.label}
              {question.required && (
                <span className="attend-required" title={t('register.required')} aria-hidden="true">
                  *
                </span>
              )}
            </span>
          </label>
          {problem && (
            <p className="attend-problem" id={`${id}-problem`} data-testid={`problem-${path}`}>
              <ProblemText problem={problem} />
            </p>
          )}
        </div>
      );
  }
}
