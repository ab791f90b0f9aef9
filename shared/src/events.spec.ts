import {
  canMoveEvent,
  createEventRequestSchema,
  EVENT_STATUSES,
  isTimeZone,
  registrationQuestionSchema,
  schedulingProblems,
  streamKindOf,
  updateEventRequestSchema,
} from './events';

const base = { title: 'Webinar', format: 'online', startsAt: '2030-01-01T09:00:00+08:00', endsAt: '2030-01-01T10:00:00+08:00', timeZone: 'Asia/Shanghai' };

describe('event contract', () => {
  it.each([
    ['Asia/Shanghai', true],
    ['Europe/Berlin', true],
    ['UTC', true],
    ['Mars/Olympus', false],
    ['+08:00', false],
    ['', false],
  ])('time zone %s is valid: %s', (zone, valid) => {
    expect(isTimeZone(zone)).toBe(valid);
  });

  it('moves one step at a time through the lifecycle, with a way back to draft and out of the archive', () => {
    const allowed = EVENT_STATUSES.flatMap((from) => EVENT_STATUSES.filter((to) => canMoveEvent(from, to)).map((to) => `${from}→${to}`));
    expect(allowed).toEqual(['draft→scheduled', 'scheduled→draft', 'scheduled→live', 'live→ended', 'ended→archived', 'archived→ended']);
  });

  it.each([
    ['https://cdn.example.com/a/master.m3u8', 'hls'],
    ['https://cdn.example.com/a/index.M3U8?token=x', 'hls'],
    ['https://player.example.com/embed/1', 'embed'],
    [null, null],
  ] as const)('stream %s plays as %s', (url, kind) => {
    expect(streamKindOf(url)).toBe(kind);
  });

  it('fills defaults and sorts reminders from the earliest', () => {
    const parsed = createEventRequestSchema.parse({ ...base, reminderMinutes: [0, 1440, 60] });
    expect(parsed).toMatchObject({ description: '', registrationMode: 'open', venue: null, capacity: null, agenda: [], reminderMinutes: [1440, 60, 0] });
    expect(createEventRequestSchema.parse(base).reminderMinutes).toEqual([1440, 60, 0]);
  });

  it.each([
    [{ endsAt: base.startsAt }, 'endsAt'],
    [{ startsAt: '2030-01-01 09:00' }, 'startsAt'],
    [{ title: '' }, 'title'],
    [{ format: 'virtual' }, 'format'],
    [{ streamUrl: 'javascript:alert(1)' }, 'streamUrl'],
    [{ capacity: -1 }, 'capacity'],
    [{ reminderMinutes: [60, 60] }, 'reminderMinutes'],
    [{ reminderMinutes: [60 * 24 * 31] }, 'reminderMinutes.0'],
    [{ venue: { name: '' } }, 'venue.name'],
  ])('refuses %j at %s', (change, path) => {
    const result = createEventRequestSchema.safeParse({ ...base, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain(path);
  });

  it('checks the order of start and end on update only when both are sent', () => {
    expect(updateEventRequestSchema.safeParse({ endsAt: base.startsAt }).success).toBe(true);
    expect(updateEventRequestSchema.safeParse({ startsAt: base.endsAt, endsAt: base.startsAt }).success).toBe(false);
    expect(updateEventRequestSchema.safeParse({}).success).toBe(false);
  });

  it.each([
    [{ key: 'role', label: 'Role', type: 'select', options: ['A', 'B'] }, true],
    [{ key: 'role', label: 'Role', type: 'select', options: ['A'] }, false],
    [{ key: 'role', label: 'Role', type: 'multiselect', options: ['A', 'A'] }, false],
    [{ key: 'note', label: 'Note', type: 'text', options: ['A', 'B'] }, false],
    [{ key: 'Bad Key', label: 'Note', type: 'text' }, false],
    [{ key: 'agree', label: 'I agree', type: 'checkbox', required: true }, true],
  ])('question %j is valid: %s', (question, valid) => {
    expect(registrationQuestionSchema.safeParse(question).success).toBe(valid);
  });

  it('needs a venue for on-site and hybrid events, and a future end, to schedule', () => {
    const future = { startsAt: base.startsAt, endsAt: base.endsAt, venue: null };
    expect(schedulingProblems({ ...future, format: 'online' })).toEqual([]);
    expect(schedulingProblems({ ...future, format: 'hybrid' }).map((p) => p.path)).toEqual(['venue']);
    expect(schedulingProblems({ ...future, format: 'onsite', venue: { name: 'Hall A', address: null, directions: null } })).toEqual([]);
    expect(schedulingProblems({ format: 'online', venue: null, startsAt: '2020-01-01T09:00:00Z', endsAt: '2020-01-01T10:00:00Z' }).map((p) => p.path)).toEqual(['endsAt']);
  });
});
