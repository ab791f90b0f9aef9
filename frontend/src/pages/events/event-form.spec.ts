import { describe, expect, it } from '@jest/globals';
import type { EventDetail } from '@fulcrum/shared';
import { changedFields, eventToValues, fieldOfPath, newEventValues, toRequest } from './event-form';
import type { EventFormValues } from './event-form';
import { reminderParts, statusAction } from './event-labels';

function values(overrides: Partial<EventFormValues> = {}): EventFormValues {
  return { ...newEventValues('Asia/Shanghai'), title: 'Launch', startsAt: '2026-05-21T14:00', endsAt: '2026-05-21T16:00', ...overrides };
}

const saved: EventDetail = {
  id: '4f7c1a52-8a2b-4a3e-9c1d-2b6f3e8d9a10',
  slug: 'launch',
  title: 'Launch',
  format: 'onsite',
  status: 'draft',
  startsAt: '2026-05-21T06:00:00.000Z',
  endsAt: '2026-05-21T08:00:00.000Z',
  timeZone: 'Asia/Shanghai',
  registrationMode: 'open',
  capacity: null,
  venueName: 'Expo Hall',
  updatedAt: '2026-05-01T00:00:00.000Z',
  description: '<p>Hello</p>',
  streamUrl: null,
  streamKind: null,
  replayUrl: null,
  venue: { name: 'Expo Hall', address: null, directions: null },
  agenda: [{ time: '14:00', title: 'Welcome', speaker: null }],
  speakers: [],
  questions: [{ key: 'role', label: 'Your role', type: 'select', required: true, options: ['IT', 'Business'] }],
  reminderMinutes: [1440, 60, 0],
  ctas: [],
  survey: [],
  scheduleVersion: 1,
  createdAt: '2026-05-01T00:00:00.000Z',
  createdByName: 'Olga',
};

describe('toRequest', () => {
  it('sends times with the offset of the event zone and blank text as null', () => {
    expect(toRequest(values({ streamUrl: '  ', replayUrl: 'https://example.com/replay' }))).toMatchObject({
      title: 'Launch',
      startsAt: '2026-05-21T14:00:00+08:00',
      endsAt: '2026-05-21T16:00:00+08:00',
      timeZone: 'Asia/Shanghai',
      streamUrl: null,
      replayUrl: 'https://example.com/replay',
      venue: null,
      capacity: null,
      reminderMinutes: [1440, 60, 0],
    });
  });

  it('reads the same wall clock in another zone as another instant', () => {
    expect(toRequest(values({ timeZone: 'Europe/Berlin' })).startsAt).toBe('2026-05-21T14:00:00+02:00');
  });

  it.each([
    ['online', { name: 'Hall', address: '', directions: '' }, null],
    ['onsite', { name: '', address: '', directions: '' }, null],
    ['onsite', { name: ' Hall ', address: '', directions: 'Gate 2' }, { name: 'Hall', address: null, directions: 'Gate 2' }],
    // An address without a name is sent as it is, so the server can say the name is missing.
    ['hybrid', { name: '', address: '1 Road', directions: '' }, { name: '', address: '1 Road', directions: null }],
  ] as const)('a %s event with venue %j sends %j', (format, venue, expected) => {
    expect(toRequest(values({ format, venue: { ...venue } })).venue).toEqual(expected);
  });

  it('keeps options of choice questions only, and every row so indexes match', () => {
    const request = toRequest(
      values({
        questions: [
          { key: 'q1', label: 'Role', type: 'select', required: true, options: [' IT ', '', 'Business'] },
          { key: 'q2', label: 'Comments', type: 'textarea', required: false, options: ['left over'] },
        ],
        agenda: [
          { time: '', title: '', speaker: '' },
          { time: '14:00', title: 'Welcome', speaker: ' ' },
        ],
      }),
    );
    expect(request.questions).toEqual([
      { key: 'q1', label: 'Role', type: 'select', required: true, options: ['IT', 'Business'] },
      { key: 'q2', label: 'Comments', type: 'textarea', required: false, options: [] },
    ]);
    expect(request.agenda).toEqual([
      { time: '', title: '', speaker: null },
      { time: '14:00', title: 'Welcome', speaker: null },
    ]);
  });

  it('sorts reminders from the earliest', () => {
    expect(toRequest(values({ reminderMinutes: [0, 10080, 60] })).reminderMinutes).toEqual([10080, 60, 0]);
  });
});

describe('changedFields', () => {
  const baseline = toRequest(eventToValues(saved));

  it('reads a saved event back into the form in its own zone', () => {
    expect(eventToValues(saved)).toMatchObject({ startsAt: '2026-05-21T14:00', endsAt: '2026-05-21T16:00', venue: { name: 'Expo Hall', address: '', directions: '' } });
  });

  it('finds nothing changed in an untouched form', () => {
    expect(changedFields(baseline, toRequest(eventToValues(saved)))).toEqual({});
  });

  it('sends only what changed', () => {
    const edited = { ...eventToValues(saved), title: 'Launch 2026', capacity: 200 };
    expect(changedFields(baseline, toRequest(edited))).toEqual({ title: 'Launch 2026', capacity: 200 });
  });

  it('sends the times again when the zone changes', () => {
    const edited = { ...eventToValues(saved), timeZone: 'Asia/Tokyo' };
    expect(changedFields(baseline, toRequest(edited))).toEqual({
      timeZone: 'Asia/Tokyo',
      startsAt: '2026-05-21T14:00:00+09:00',
      endsAt: '2026-05-21T16:00:00+09:00',
    });
  });

  it('sends a whole list when one row changed', () => {
    const edited = eventToValues(saved);
    edited.agenda = [{ time: '14:05', title: 'Welcome', speaker: '' }];
    expect(changedFields(baseline, toRequest(edited))).toEqual({ agenda: [{ time: '14:05', title: 'Welcome', speaker: null }] });
  });
});

describe('fieldOfPath', () => {
  it.each([
    ['endsAt', ['endsAt']],
    ['title', ['title']],
    ['venue', ['venue', 'name']],
    ['venue.name', ['venue', 'name']],
    ['venue.directions', ['venue', 'directions']],
    ['questions.0.options', ['questions', 0, 'options']],
    ['questions.0.options.1', ['questions', 0, 'options']],
    ['agenda.2.time', ['agenda', 2, 'time']],
    ['speakers.0.photoUrl', ['speakers', 0, 'photoUrl']],
    ['reminderMinutes.1', ['reminderMinutes']],
    ['questions', null],
    ['questions.0', null],
    ['questions.0.colour', null],
    ['agenda.5.time', null],
    ['status', null],
    ['', null],
  ])('%j goes to %j', (path, field) => {
    expect(fieldOfPath(path, { agenda: 3, questions: 1, speakers: 1 })).toEqual(field);
  });
});

describe('labels', () => {
  it.each([
    [0, { unit: 'start', count: 0 }],
    [15, { unit: 'minutes', count: 15 }],
    [90, { unit: 'minutes', count: 90 }],
    [60, { unit: 'hours', count: 1 }],
    [180, { unit: 'hours', count: 3 }],
    [1440, { unit: 'days', count: 1 }],
    [2880, { unit: 'days', count: 2 }],
    [10080, { unit: 'weeks', count: 1 }],
  ])('a reminder %i minutes before reads %j', (minutes, parts) => {
    expect(reminderParts(minutes)).toEqual(parts);
  });

  it.each([
    ['draft', 'scheduled', 'schedule'],
    ['scheduled', 'draft', 'unschedule'],
    ['scheduled', 'live', 'goLive'],
    ['live', 'ended', 'end'],
    ['ended', 'archived', 'archive'],
    ['archived', 'ended', 'restore'],
    ['draft', 'live', null],
  ] as const)('%s → %s is the %s action', (from, to, action) => {
    expect(statusAction(from, to)).toBe(action);
  });
});
