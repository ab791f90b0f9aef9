import { buildEventCalendar, type EventCalendarInput } from './event-calendar';

// ical.js 1.5 (the last CommonJS release) has no types: the part these tests use.
interface IcalProperty {
  getParameter(name: string): string | undefined;
  getFirstValue(): unknown;
}
interface IcalComponent {
  getFirstPropertyValue(name: string): unknown;
  getFirstProperty(name: string): IcalProperty | null;
  getFirstSubcomponent(name: string): IcalComponent | null;
  getAllSubcomponents(name: string): IcalComponent[];
}
interface IcalTime {
  toJSDate(): Date;
}
const ICAL = require('ical.js') as { parse(input: string): unknown; Component: new (jcal: unknown) => IcalComponent };

function parse(ics: string): { calendar: IcalComponent; event: IcalComponent } {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const event = calendar.getFirstSubcomponent('vevent');
  if (!event) throw new Error('no VEVENT');
  return { calendar, event };
}

const instantOf = (event: IcalComponent, name: string) => (event.getFirstPropertyValue(name) as IcalTime).toJSDate().toISOString();

function buildInput(overrides: Partial<EventCalendarInput> = {}): EventCalendarInput {
  return {
    uid: 'registration-5b0c@fulcrum',
    sequence: 0,
    method: 'REQUEST',
    stamp: new Date('2026-11-01T08:30:00Z'),
    title: 'Fulcrum Summit',
    description: 'Agenda and speakers on the event page.',
    startsAt: '2026-12-20T14:00:00+08:00',
    endsAt: '2026-12-20T16:00:00+08:00',
    location: 'Shanghai, Hall 3',
    url: 'https://fulcrum.example.com/e/summit',
    organizer: { name: 'Fulcrum Events', email: 'events@fulcrum.example.com' },
    attendee: { name: 'Ada Lovelace', email: 'ada@example.com' },
    ...overrides,
  };
}

describe('buildEventCalendar', () => {
  it.each([
    { name: 'a first invitation', input: buildInput(), method: 'REQUEST', sequence: 0, status: 'CONFIRMED', alarm: true, attendee: true },
    {
      name: 'an update after the event moved',
      input: buildInput({ sequence: 3, startsAt: '2026-12-21T09:30:00+08:00', endsAt: '2026-12-21T11:00:00+08:00' }),
      method: 'REQUEST',
      sequence: 3,
      status: 'CONFIRMED',
      alarm: true,
      attendee: true,
    },
    { name: 'a cancellation', input: buildInput({ method: 'CANCEL', sequence: 4 }), method: 'CANCEL', sequence: 4, status: 'CANCELLED', alarm: false, attendee: true },
    { name: 'a cancellation even when told CONFIRMED', input: buildInput({ method: 'CANCEL', sequence: 1, status: 'CONFIRMED' }), method: 'CANCEL', sequence: 1, status: 'CANCELLED', alarm: false, attendee: true },
    { name: 'a tentative entry', input: buildInput({ status: 'TENTATIVE' }), method: 'REQUEST', sequence: 0, status: 'TENTATIVE', alarm: true, attendee: true },
    { name: 'a published entry, without attendee', input: buildInput({ method: 'PUBLISH' }), method: 'PUBLISH', sequence: 0, status: 'CONFIRMED', alarm: true, attendee: false },
    { name: 'an entry for nobody in particular', input: buildInput({ attendee: null }), method: 'REQUEST', sequence: 0, status: 'CONFIRMED', alarm: true, attendee: false },
  ])('builds $name', ({ input, method, sequence, status, alarm, attendee }) => {
    const { calendar, event } = parse(buildEventCalendar(input));
    expect(calendar.getFirstPropertyValue('method')).toBe(method);
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('calscale')).toBe('GREGORIAN');
    expect(calendar.getFirstPropertyValue('prodid')).toMatch(/Fulcrum/);
    expect(calendar.getAllSubcomponents('vevent')).toHaveLength(1);
    expect(event.getFirstPropertyValue('uid')).toBe(input.uid);
    expect(event.getFirstPropertyValue('sequence')).toBe(sequence);
    expect(event.getFirstPropertyValue('status')).toBe(status);
    expect(instantOf(event, 'dtstart')).toBe(new Date(input.startsAt).toISOString());
    expect(instantOf(event, 'dtend')).toBe(new Date(input.endsAt).toISOString());
    expect(instantOf(event, 'dtstamp')).toBe('2026-11-01T08:30:00.000Z');
    expect(event.getFirstPropertyValue('url')).toBe('https://fulcrum.example.com/e/summit');

    const organizer = event.getFirstProperty('organizer');
    expect(organizer?.getFirstValue()).toBe('mailto:events@fulcrum.example.com');
    expect(organizer?.getParameter('cn')).toBe('Fulcrum Events');

    const attendeeProperty = event.getFirstProperty('attendee');
    if (attendee) {
      expect(attendeeProperty?.getFirstValue()).toBe('mailto:ada@example.com');
      expect(attendeeProperty?.getParameter('cn')).toBe('Ada Lovelace');
      expect(attendeeProperty?.getParameter('role')).toBe('REQ-PARTICIPANT');
      expect(attendeeProperty?.getParameter('partstat')).toBe('ACCEPTED');
      expect(attendeeProperty?.getParameter('rsvp')).toBe('FALSE');
    } else {
      expect(attendeeProperty).toBeNull();
    }

    const alarms = event.getAllSubcomponents('valarm');
    expect(alarms).toHaveLength(alarm ? 1 : 0);
    if (alarm) {
      expect(alarms[0].getFirstPropertyValue('action')).toBe('DISPLAY');
      expect(String(alarms[0].getFirstPropertyValue('trigger'))).toBe('-PT15M');
    }
  });

  it('writes times in UTC', () => {
    const ics = buildEventCalendar(buildInput());
    expect(ics).toContain('\r\nDTSTART:20261220T060000Z\r\n');
    expect(ics).toContain('\r\nDTEND:20261220T080000Z\r\n');
    expect(ics).toContain('\r\nDTSTAMP:20261101T083000Z\r\n');
  });

  const longChinese = '2026 Fulcrum 年度客户大会：以账户为中心的 B2B 营销，从线索到商机的全链路增长实践与案例分享（上海站，含圆桌讨论、茶歇与现场互动抽奖环节）';
  it.each([
    { name: 'Chinese with full-width punctuation', title: '年度客户大会：增长实践', description: '欢迎参加！\n请提前 10 分钟入场。' },
    { name: 'commas, semicolons and backslashes', title: 'Sales, marketing; and ops \\ more', description: 'a,b;c\\d' },
    { name: 'every kind of line break', title: 'One line', description: 'first\nsecond\r\nthird\rfourth\n\nafter a blank line' },
    { name: 'a long Chinese title', title: longChinese, description: longChinese.repeat(3) },
    { name: 'emoji on a fold', title: `${'x'.repeat(60)}🎉🎉🎉🎉🎉🎉 launch 🚀`, description: '🎉'.repeat(40) },
    { name: 'control characters', title: 'Bell\u0007 and tab\tkept', description: 'Nul\u0000 gone' },
  ])('round-trips $name through a real parser', ({ title, description }) => {
    const location = `${title}, 3F; Room \\ A`;
    const { event } = parse(buildEventCalendar(buildInput({ title, description, location })));
    // eslint-disable-next-line no-control-regex
    const clean = (value: string) => value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
    const lineBreaks = (value: string) => value.replace(/\r\n|\r/g, '\n');
    expect(event.getFirstPropertyValue('summary')).toBe(clean(title));
    expect(event.getFirstPropertyValue('description')).toBe(lineBreaks(clean(description)));
    expect(event.getFirstPropertyValue('location')).toBe(clean(location));
  });

  it('escapes TEXT values as RFC 5545 writes them', () => {
    const ics = buildEventCalendar(buildInput({ title: 'Sales, marketing; ops \\ more', description: 'a,b;c\nnext', location: 'Hall 3; Gate B, left' }));
    expect(ics).toContain('\r\nSUMMARY:Sales\\, marketing\\; ops \\\\ more\r\n');
    expect(ics).toContain('\r\nDESCRIPTION:a\\,b\\;c\\nnext\r\n');
    expect(ics).toContain('\r\nLOCATION:Hall 3\\; Gate B\\, left\r\n');
  });

  it.each([
    { name: 'a long Chinese title', title: longChinese },
    ...[0, 1, 2, 3].map((offset) => ({ name: `emoji after ${offset} ASCII characters`, title: `${'x'.repeat(offset)}${'🎉'.repeat(60)}` })),
    ...[0, 1, 2].map((offset) => ({ name: `mixed scripts after ${offset} ASCII characters`, title: `${'x'.repeat(offset)}${'a中🎉é,'.repeat(30)}` })),
  ])('folds $name to 75 octets a line without splitting a UTF-8 character', ({ title }) => {
    const ics = buildEventCalendar(buildInput({ title, description: `${title}\n${title}`, attendee: { name: `欧阳·慕容 "Ada", ${title}`, email: 'ada@example.com' } }));
    const bytes = Buffer.from(ics, 'utf8');
    expect(bytes.subarray(-2).toString()).toBe('\r\n');
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const lines = ics.slice(0, -2).split('\r\n');
    for (const line of lines) {
      // A split character would be a lone surrogate here, which UTF-8 cannot encode.
      expect(line).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
      const lineBytes = Buffer.from(line, 'utf8');
      expect(lineBytes.length).toBeLessThanOrEqual(75);
      expect(decoder.decode(lineBytes)).toBe(line);
    }
    expect(lines.filter((line) => line.startsWith(' ')).length).toBeGreaterThan(3);

    const { event } = parse(ics);
    expect(event.getFirstPropertyValue('summary')).toBe(title);
    expect(event.getFirstPropertyValue('description')).toBe(`${title}\n${title}`);
    expect(event.getFirstProperty('attendee')?.getParameter('cn')).toBe(`欧阳·慕容 'Ada', ${title}`);
  });

  it('leaves out LOCATION and URL when there are none', () => {
    const ics = buildEventCalendar(buildInput({ location: null, url: null }));
    expect(ics).not.toMatch(/^(LOCATION|URL)[:;]/m);
    const { event } = parse(ics);
    expect(event.getFirstPropertyValue('location')).toBeNull();
  });

  it.each([
    { name: 'a start that is not a date', input: buildInput({ startsAt: 'soon' }), error: /startsAt/ },
    { name: 'an end before the start', input: buildInput({ endsAt: '2026-12-20T13:00:00+08:00' }), error: /end after it starts/ },
    { name: 'a negative sequence', input: buildInput({ sequence: -1 }), error: /SEQUENCE/ },
    { name: 'an attendee address with a line break', input: buildInput({ attendee: { name: 'Eve', email: 'eve@example.com\r\nATTENDEE:mailto:x@y' } }), error: /Not an email/ },
  ])('refuses $name', ({ input, error }) => {
    expect(() => buildEventCalendar(input)).toThrow(error);
  });
});
