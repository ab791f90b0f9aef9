import { addToCalendarLinks, eventLocation } from './calendar-links';

describe('addToCalendarLinks', () => {
  const input = {
    title: '年度客户大会, Q&A + 圆桌',
    description: 'Join online: https://fulcrum.example.com/e/summit?x=1&y=2\nSee you!',
    startsAt: '2026-12-20T14:00:00+08:00',
    endsAt: '2026-12-20T16:00:00+08:00',
    location: 'Shanghai, Hall 3',
  };

  it('builds the Google Calendar template link', () => {
    const url = new URL(addToCalendarLinks(input).google);
    expect(url.origin + url.pathname).toBe('https://calendar.google.com/calendar/render');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      action: 'TEMPLATE',
      text: input.title,
      dates: '20261220T060000Z/20261220T080000Z',
      details: input.description,
      location: input.location,
    });
  });

  it.each([
    { key: 'outlook' as const, origin: 'https://outlook.live.com' },
    { key: 'office365' as const, origin: 'https://outlook.office.com' },
  ])('builds the $key compose deep link', ({ key, origin }) => {
    const url = new URL(addToCalendarLinks(input)[key]);
    expect(url.origin).toBe(origin);
    expect(url.pathname).toBe('/calendar/0/deeplink/compose');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      path: '/calendar/action/compose',
      rru: 'addevent',
      subject: input.title,
      startdt: '2026-12-20T06:00:00Z',
      enddt: '2026-12-20T08:00:00Z',
      body: input.description,
      location: input.location,
    });
  });

  it('encodes spaces as %20, leaves out a missing location and shortens a long description', () => {
    const links = addToCalendarLinks({ ...input, location: null, description: '长'.repeat(5000) });
    for (const link of Object.values(links)) {
      expect(link).not.toContain('+');
      const url = new URL(link);
      expect(url.searchParams.has('location')).toBe(false);
      const description = url.searchParams.get('details') ?? url.searchParams.get('body') ?? '';
      expect([...description]).toHaveLength(1000);
      expect(description.endsWith('…')).toBe(true);
    }
    expect(addToCalendarLinks(input).google).toContain('Q%26A%20%2B%20');
  });
});

describe('eventLocation', () => {
  it('joins the venue name and address, and is null online', () => {
    expect(eventLocation({ name: 'Expo Hall', address: '1 Century Ave', directions: null })).toBe('Expo Hall, 1 Century Ave');
    expect(eventLocation({ name: 'Expo Hall', address: null, directions: 'Gate 2' })).toBe('Expo Hall');
    expect(eventLocation(null)).toBeNull();
  });

  it('gives an online event links without a location', () => {
    const links = addToCalendarLinks({ title: 'Webinar', description: 'https://x/r/t', startsAt: '2026-05-20T06:00:00Z', endsAt: '2026-05-20T07:00:00Z', location: eventLocation(null) });
    expect(new URL(links.google).searchParams.has('location')).toBe(false);
    expect(new URL(links.outlook).searchParams.get('body')).toBe('https://x/r/t');
  });
});
