import { describe, expect, it } from '@jest/globals';
import { calendarLinks } from './calendar-links';

describe('calendarLinks', () => {
  it('opens Google Calendar and Outlook with the event filled in', () => {
    const links = calendarLinks(
      { title: 'AI 峰会 & more', startsAt: '2026-05-20T06:00:00.000Z', endsAt: '2026-05-20T08:00:00.000Z', venue: { name: 'Expo Hall', address: '1 Century Ave', directions: null } },
      'https://events.example.com/r/token',
    );
    const google = new URL(links.google);
    expect(google.origin + google.pathname).toBe('https://calendar.google.com/calendar/render');
    expect(Object.fromEntries(google.searchParams)).toEqual({
      action: 'TEMPLATE',
      text: 'AI 峰会 & more',
      dates: '20260520T060000Z/20260520T080000Z',
      details: 'https://events.example.com/r/token',
      location: 'Expo Hall, 1 Century Ave',
    });
    const outlook = new URL(links.outlook);
    expect(outlook.origin + outlook.pathname).toBe('https://outlook.live.com/calendar/0/deeplink/compose');
    expect(outlook.searchParams.get('startdt')).toBe('2026-05-20T06:00:00Z');
    expect(outlook.searchParams.get('enddt')).toBe('2026-05-20T08:00:00Z');
    expect(outlook.searchParams.get('subject')).toBe('AI 峰会 & more');
  });

  it('has no location for an online event', () => {
    const links = calendarLinks({ title: 'Webinar', startsAt: '2026-05-20T06:00:00Z', endsAt: '2026-05-20T07:00:00Z', venue: null }, 'https://x/r/t');
    expect(new URL(links.google).searchParams.has('location')).toBe(false);
  });
});
