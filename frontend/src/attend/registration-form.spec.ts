import { describe, expect, it } from '@jest/globals';
import type { RegistrationQuestion } from '@fulcrum/shared';
import { answersFor, attributionFrom, emptyForm, fieldPath, problemFromMessage, validateRegistration, type FormValues } from './registration-form';

const QUESTIONS: RegistrationQuestion[] = [
  { key: 'role', label: 'Your role', type: 'select', required: true, options: ['IT', 'Business'] },
  { key: 'topics', label: 'Topics', type: 'multiselect', required: true, options: ['AI', 'Cloud', 'Data'] },
  { key: 'goal', label: 'What do you want to learn?', type: 'textarea', required: false, options: [] },
  { key: 'team', label: 'Team', type: 'text', required: true, options: [] },
  { key: 'consent', label: 'I agree to be contacted', type: 'checkbox', required: true, options: [] },
  { key: 'newsletter', label: 'Newsletter', type: 'checkbox', required: false, options: [] },
];

const CONTEXT = { locale: 'zh-CN' as const, utm: { source: 'wechat' } };

function filled(overrides: Partial<FormValues> = {}): FormValues {
  return {
    ...emptyForm(QUESTIONS),
    name: '王伟',
    email: 'wang.wei@example.com',
    answers: { role: 'IT', topics: ['AI'], goal: '', team: 'Platform', consent: true, newsletter: false },
    ...overrides,
  };
}

describe('validateRegistration', () => {
  it('builds the request the API takes from a complete form', () => {
    const { body, problems } = validateRegistration(filled({ company: '  Acme  ', phone: '' }), QUESTIONS, { ...CONTEXT, ref: 'abc123' });
    expect(problems).toEqual({});
    expect(body).toEqual({
      name: '王伟',
      email: 'wang.wei@example.com',
      company: 'Acme',
      title: undefined,
      phone: undefined,
      locale: 'zh-CN',
      answers: { role: 'IT', topics: ['AI'], team: 'Platform', consent: true },
      utm: { source: 'wechat' },
      ref: 'abc123',
    });
  });

  it('reports every problem at once, each on its field, in our own words', () => {
    const { problems } = validateRegistration({ ...emptyForm(QUESTIONS), email: 'not-an-email', phone: '12' }, QUESTIONS, CONTEXT);
    expect(problems).toEqual({
      name: { key: 'problem.nameRequired' },
      email: { key: 'problem.emailInvalid' },
      phone: { key: 'problem.phoneInvalid' },
      'answers.role': { key: 'problem.chooseOne' },
      'answers.topics': { key: 'problem.chooseAtLeastOne' },
      'answers.team': { key: 'problem.answerRequired' },
      'answers.consent': { key: 'problem.confirm' },
    });
  });

  it.each([
    ['an empty address', '', 'problem.emailRequired'],
    ['spaces only', '   ', 'problem.emailRequired'],
    ['no @', 'wang.example.com', 'problem.emailInvalid'],
    ['no top-level domain', 'wang@example', 'problem.emailInvalid'],
  ])('refuses %s', (_label, email, key) => {
    expect(validateRegistration(filled({ email }), QUESTIONS, CONTEXT).problems).toEqual({ email: { key } });
  });

  it('accepts what the server accepts: full-width characters from a Chinese input method, a mainland mobile number', () => {
    expect(validateRegistration(filled({ email: 'Wang.Wei＠Example．com', phone: '138 0013 8000' }), QUESTIONS, CONTEXT).problems).toEqual({});
  });

  it('says how long a too-long answer may be', () => {
    const { problems } = validateRegistration(filled({ answers: { ...filled().answers, team: 'x'.repeat(201) } }), QUESTIONS, CONTEXT);
    expect(problems).toEqual({ 'answers.team': { key: 'problem.tooLong', params: { max: 200 } } });
  });
});

describe('answersFor', () => {
  it('leaves out optional questions left blank and sends required ones so the schema can say "required"', () => {
    expect(answersFor(emptyForm(QUESTIONS), QUESTIONS)).toEqual({ topics: [], team: '', consent: false });
  });
});

describe('problemFromMessage', () => {
  it.each([
    ['Enter a valid email address', { key: 'problem.emailInvalid' }],
    ['Enter a valid phone number', { key: 'problem.phoneInvalid' }],
    ['This answer is required', { key: 'problem.answerRequired' }],
    ['At most 5000 characters', { key: 'problem.tooLong', params: { max: 5000 } }],
    ['Too big: expected string to have <=200 characters', { key: 'problem.tooLong', params: { max: 200 } }],
    ['Something new the server says', { text: 'Something new the server says' }],
  ])('%s', (message, problem) => {
    expect(problemFromMessage(message)).toEqual(problem);
  });
});

describe('fieldPath', () => {
  it.each([
    ['email', 'email'],
    ['answers.role', 'answers.role'],
    ['answers.topics.1', 'answers.topics'],
    ['utm.source', 'utm'],
  ])('%s is the field %s', (path, field) => {
    expect(fieldPath(path)).toBe(field);
  });
});

describe('attributionFrom', () => {
  it('reads the utm parameters and the referral code', () => {
    expect(attributionFrom('?utm_source=wechat&utm_medium=social&utm_campaign=q3&utm_term=ai&utm_content=banner&ref=Ab_9-x&other=1')).toEqual({
      utm: { source: 'wechat', medium: 'social', campaign: 'q3', term: 'ai', content: 'banner' },
      ref: 'Ab_9-x',
    });
  });

  it('cuts an overlong utm value and drops an overlong ref, so neither can fail the form', () => {
    const { utm, ref } = attributionFrom(`?utm_source=${'s'.repeat(300)}&ref=${'r'.repeat(65)}`);
    expect(utm.source).toHaveLength(200);
    expect(ref).toBeUndefined();
  });

  it('ignores empty parameters', () => {
    expect(attributionFrom('?utm_source=&ref=')).toEqual({ utm: {} });
  });
});
