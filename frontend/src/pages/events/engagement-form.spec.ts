import { describe, expect, it } from '@jest/globals';
import { ctasToRequest, ctasToValues, nextRowId, optionIdOf, surveyToRequest, surveyToValues } from './engagement-form';

describe('engagement form values', () => {
  it('gives a new row the first free id', () => {
    expect(nextRowId('cta', [])).toBe('cta1');
    expect(nextRowId('cta', [{ id: 'cta1' }, { id: 'cta3' }, undefined])).toBe('cta2');
  });

  it('sends an empty label as the default one and trims the address', () => {
    expect(ctasToRequest([{ id: 'cta1', kind: 'request_demo', label: '  ', url: ' https://demo.example.com ' }])).toEqual([
      { id: 'cta1', kind: 'request_demo', label: null, url: 'https://demo.example.com' },
    ]);
    expect(ctasToValues([{ id: 'cta1', kind: 'custom', label: null, url: 'https://x.example' }])).toEqual([{ id: 'cta1', kind: 'custom', label: '', url: 'https://x.example' }]);
  });

  it('keeps saved option ids, gives new options stable ids and drops options of non-choice questions', () => {
    const values = surveyToValues([
      { id: 's1', kind: 'choice', prompt: 'Next?', required: true, options: [{ id: 'o1', label: 'Demo' }, { id: 'o2', label: 'Call' }] },
    ]);
    const first = values[0]!;
    const edited = [{ ...first, options: ['Call', ' 试用 ', 'Call', ''] }, { id: 's2', kind: 'text' as const, prompt: ' Else? ', required: false, options: ['x'], optionIds: {} }];
    expect(surveyToRequest(edited)).toEqual([
      { id: 's1', kind: 'choice', prompt: 'Next?', required: true, options: [{ id: 'o2', label: 'Call' }, { id: optionIdOf('试用'), label: '试用' }] },
      { id: 's2', kind: 'text', prompt: 'Else?', required: false, options: [] },
    ]);
    expect(optionIdOf('试用')).toBe(optionIdOf('试用'));
    expect(optionIdOf('试用')).not.toBe(optionIdOf('试 用'));
    expect(optionIdOf('试用')).toMatch(/^o[0-9a-z]+$/);
  });

  it('reads the same request back from the saved event (nothing looks changed)', () => {
    const survey = [{ id: 's1', kind: 'rating' as const, prompt: 'Useful?', required: true, options: [] }];
    expect(surveyToRequest(surveyToValues(survey))).toEqual(survey);
  });
});
