import { describe, expect, it } from '@jest/globals';
import { newPollValues, pollOptionsProblem, pollRequestOf } from './poll-form';

describe('pollOptionsProblem', () => {
  it.each([
    [['Yes', ''], 'few'],
    [['  ', 'No', ''], 'few'],
    [Array.from({ length: 11 }, (_, i) => `Option ${i}`), 'many'],
    [['Yes', ' yes '], 'duplicate'],
    [['Yes', 'No', ''], null],
  ])('%j → %s', (options, problem) => {
    expect(pollOptionsProblem(options)).toBe(problem);
  });
});

describe('pollRequestOf', () => {
  it('trims, drops blank rows and keeps the kind and whether results show', () => {
    expect(pollRequestOf({ question: '  Which topic next? ', kind: 'multiple', options: [' AI ', '', 'IoT'], showResults: true })).toEqual({
      question: 'Which topic next?',
      kind: 'multiple',
      options: ['AI', 'IoT'],
      showResults: true,
    });
  });

  it('refuses what the gateway would: no question, too few options, control characters', () => {
    expect(pollRequestOf(newPollValues())).toBeNull();
    expect(pollRequestOf({ ...newPollValues(), question: 'Q?', options: ['Only one'] })).toBeNull();
    expect(pollRequestOf({ ...newPollValues(), question: 'Q\u0007?', options: ['A', 'B'] })).toBeNull();
  });
});
