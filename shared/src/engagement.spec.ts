import { checkSurveyAnswers, ctaListSchema, surveyQuestionListSchema, surveyWindow, type SurveyQuestion } from './engagement';

const END = '2026-06-01T10:00:00.000Z';
const at = (iso: string) => new Date(iso);

describe('surveyWindow', () => {
  it.each([
    ['scheduled, before the end', 'scheduled', '2026-06-01T09:00:00Z', 'not_open'],
    ['live, before the end', 'live', '2026-06-01T09:59:00Z', 'not_open'],
    ['live past the scheduled end', 'live', '2026-06-01T10:00:00Z', 'open'],
    ['ended early by the organizer', 'ended', '2026-06-01T09:00:00Z', 'open'],
    ['ended, six days later', 'ended', '2026-06-07T10:00:00Z', 'open'],
    ['ended, over seven days later', 'ended', '2026-06-08T10:00:01Z', 'closed'],
    ['archived', 'archived', '2026-06-02T10:00:00Z', 'closed'],
  ])('%s', (_name, status, now, expected) => {
    expect(surveyWindow({ status, endsAt: END }, at(now))).toBe(expected);
  });
});

describe('checkSurveyAnswers', () => {
  const questions: SurveyQuestion[] = [
    { id: 's1', kind: 'rating', prompt: 'Useful?', required: true, options: [] },
    { id: 's2', kind: 'choice', prompt: 'Next?', required: false, options: [{ id: 'o1', label: 'Demo' }, { id: 'o2', label: 'Call' }] },
  ];
  it.each([
    [{ s1: 3.5 }, [{ questionId: 's1', problem: 'rating_range' }]],
    [{ s1: 0 }, [{ questionId: 's1', problem: 'rating_range' }]],
    [{ s1: 5, s2: 1 }, [{ questionId: 's2', problem: 'wrong_type' }]],
    [{ s1: 5, s2: '' }, []],
    [{ s1: 1, s2: 'o2' }, []],
  ])('%j', (answers, problems) => {
    expect(checkSurveyAnswers(questions, answers).problems).toEqual(problems);
  });
});

describe('configuration', () => {
  it('accepts http(s) buttons only, with a label for a custom one', () => {
    expect(ctaListSchema.safeParse([{ id: 'cta1', kind: 'book_meeting', url: 'https://cal.example.com/x' }]).success).toBe(true);
    for (const url of ['javascript:alert(1)', 'ftp://x.example', '//x.example', 'https://', 'data:text/html,x']) {
      expect(ctaListSchema.safeParse([{ id: 'cta1', kind: 'book_meeting', url }]).success).toBe(false);
    }
    expect(ctaListSchema.safeParse([{ id: 'cta1', kind: 'custom', label: ' ', url: 'https://x.example' }]).success).toBe(false);
  });

  it('wants two distinct options for a choice and unique question ids', () => {
    expect(surveyQuestionListSchema.safeParse([{ id: 'q', kind: 'choice', prompt: 'P', options: [{ id: 'a', label: 'A' }, { id: 'b', label: 'A' }] }]).success).toBe(false);
    expect(surveyQuestionListSchema.safeParse([{ id: 'q', kind: 'text', prompt: 'P' }, { id: 'q', kind: 'text', prompt: 'Q' }]).success).toBe(false);
  });
});
