import { describe, expect, it } from '@jest/globals';
import type { SurveyQuestion } from '@fulcrum/shared';
import { AttendRequestError } from '@/attend/api';
import { answersOf, ctaFailure, ctaLabelKey, fileSize, saveFailure, surveyProblems } from '@/attend/survey';

const QUESTIONS: SurveyQuestion[] = [
  { id: 's1', kind: 'rating', prompt: 'Useful?', required: true, options: [] },
  {
    id: 's2',
    kind: 'choice',
    prompt: 'Next?',
    required: false,
    options: [
      { id: 'o1', label: 'Demo' },
      { id: 'o2', label: 'Call' },
    ],
  },
  { id: 's3', kind: 'text', prompt: 'Else?', required: false, options: [] },
];

describe('surveyProblems', () => {
  it.each([
    ['nothing answered', {}, { s1: 'survey.problem.required' }],
    ['a rating out of range', { s1: 7 }, { s1: 'survey.problem.rating' }],
    ['an option that is not offered', { s1: 3, s2: 'o9' }, { s2: 'survey.problem.option' }],
    ['text over the limit', { s1: 3, s3: 'x'.repeat(2001) }, { s3: 'survey.problem.tooLong' }],
    ['blank optional text', { s1: 3, s3: '   ' }, {}],
    ['a full answer', { s1: 5, s2: 'o2', s3: 'Thanks' }, {}],
  ])('%s', (_name, draft, expected) => {
    expect(surveyProblems(QUESTIONS, draft)).toEqual(expected);
  });
});

describe('answersOf', () => {
  it('leaves out blanks and answers to questions no longer asked', () => {
    expect(answersOf(QUESTIONS, { s1: 4, s2: '', s3: ' ', gone: 'x' })).toEqual({ s1: 4 });
    expect(answersOf(QUESTIONS, { s1: 4, s3: 'Good' })).toEqual({ s1: 4, s3: 'Good' });
  });
});

describe('saveFailure', () => {
  it('puts the server’s problems on their questions', () => {
    const error = new AttendRequestError(400, 'validation.failed', 'bad', [{ path: 'answers.s2', message: 'Choose one of the options' }]);
    expect(saveFailure(error)).toEqual({ key: 'survey.error.fix', questions: { s2: 'survey.problem.invalid' } });
  });

  it.each([
    ['engagement.survey_closed', 'survey.closed'],
    ['engagement.survey_not_open', 'survey.notOpen'],
    ['engagement.not_registered', 'engagement.notRegistered'],
    ['network', 'survey.error.network'],
    ['internal', 'survey.error.other'],
  ])('%s reads as %s', (code, key) => {
    expect(saveFailure(new AttendRequestError(409, code, code)).key).toBe(key);
  });
});

describe('calls to action', () => {
  it('labels each kind and words failures', () => {
    expect(ctaLabelKey('book_meeting')).toBe('cta.kind.book_meeting');
    expect(ctaLabelKey('request_demo')).toBe('cta.kind.request_demo');
    expect(ctaLabelKey('custom')).toBe('cta.kind.custom');
    expect(ctaFailure(new AttendRequestError(404, 'engagement.cta_not_found', 'gone'))).toBe('cta.error.gone');
    expect(ctaFailure(new AttendRequestError(0, 'network', 'offline'))).toBe('cta.error.network');
    expect(ctaFailure(new Error('boom'))).toBe('cta.error.other');
  });
});

describe('fileSize', () => {
  it.each([
    [512, '512 B'],
    [120_000, '117 KB'],
    [3.4 * 1024 * 1024, '3.4 MB'],
    [2 * 1024 * 1024 * 1024, '2 GB'],
  ])('%d bytes read %s', (bytes, text) => {
    expect(fileSize(bytes, 'en')).toBe(text);
  });
});
