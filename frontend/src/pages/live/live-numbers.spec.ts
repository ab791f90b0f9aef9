import { describe, expect, it } from '@jest/globals';
import type { EventListItem, Poll } from '@fulcrum/shared';
import { currentPoll, liveEventsOf, liveNumbers, pollBars } from './live-numbers';
import { EMPTY_ROOM } from './live-room-state';
import { fullQuestion } from './live-test-fixtures';

const poll = (id: string, over: Partial<Poll> = {}): Poll => ({
  id,
  eventId: 'e1',
  question: `poll ${id}`,
  kind: 'single',
  status: 'closed',
  showResults: false,
  options: [
    { id: 'yes', text: 'Yes' },
    { id: 'no', text: 'No' },
    { id: 'maybe', text: 'Maybe' },
  ],
  results: null,
  openedAt: '2026-05-20T06:00:00.000Z',
  closedAt: null,
  createdAt: '2026-05-20T05:00:00.000Z',
  ...over,
});

describe('liveNumbers', () => {
  it('reads zeros and no poll before anything arrived', () => {
    expect(liveNumbers(EMPTY_ROOM)).toEqual({ inRoom: 0, checkedIn: 0, registered: 0, pending: 0, approved: 0, answered: 0, poll: null });
  });

  it('takes the room numbers, the question counts and the open poll’s turnout', () => {
    const numbers = liveNumbers({
      ...EMPTY_ROOM,
      stats: { eventId: 'e1', inRoom: 7, checkedIn: 9, registered: 20, at: '2026-05-20T06:00:00.000Z' },
      questions: [fullQuestion('a'), fullQuestion('b', { status: 'approved', answeredAt: '2026-05-20T06:05:00.000Z' }), fullQuestion('c', { status: 'hidden' })],
      polls: [
        poll('last', { openedAt: '2026-05-20T06:30:00.000Z' }),
        poll('open', {
          status: 'open',
          openedAt: '2026-05-20T06:20:00.000Z',
          results: { pollId: 'open', eventId: 'e1', counts: [], respondents: 3, audience: 9, at: '2026-05-20T06:21:00.000Z' },
        }),
      ],
    });
    expect(numbers).toEqual({
      inRoom: 7,
      checkedIn: 9,
      registered: 20,
      pending: 1,
      approved: 1,
      answered: 1,
      poll: { pollId: 'open', question: 'poll open', open: true, respondents: 3, audience: 9, percent: 33 },
    });
  });

  it('follows the last launched poll once none is open, and no percentage of nobody', () => {
    const polls = [poll('draft', { status: 'draft', openedAt: null }), poll('first', { openedAt: '2026-05-20T06:00:00.000Z' }), poll('second', { openedAt: '2026-05-20T06:40:00.000Z' })];
    expect(currentPoll(polls)?.id).toBe('second');
    expect(currentPoll([poll('draft', { status: 'draft', openedAt: null })])).toBeNull();
    expect(liveNumbers({ ...EMPTY_ROOM, polls }).poll?.percent).toBeNull();
  });
});

describe('pollBars', () => {
  it('gives each option its votes and share of the respondents, and marks the leaders', () => {
    const bars = pollBars(
      poll('p', {
        kind: 'multiple',
        results: {
          pollId: 'p',
          eventId: 'e1',
          counts: [
            { optionId: 'yes', votes: 3 },
            { optionId: 'no', votes: 3 },
          ],
          respondents: 4,
          audience: 10,
          at: '2026-05-20T06:00:00.000Z',
        },
      }),
    );
    expect(bars.map((b) => [b.optionId, b.votes, b.percent, b.leading])).toEqual([
      ['yes', 3, 75, true],
      ['no', 3, 75, true],
      ['maybe', 0, 0, false],
    ]);
  });

  it('shows empty bars without results, none leading', () => {
    expect(pollBars(poll('p')).every((b) => b.votes === 0 && b.percent === 0 && !b.leading)).toBe(true);
  });
});

describe('liveEventsOf', () => {
  const now = new Date(2026, 4, 20, 15, 0);
  const event = (id: string, status: EventListItem['status'], startsAt: Date, endsAt: Date): EventListItem => ({
    id,
    slug: id,
    title: id,
    format: 'online',
    status,
    startsAt: startsAt.toISOString(),
    endsAt: endsAt.toISOString(),
    timeZone: 'Asia/Shanghai',
    registrationMode: 'open',
    capacity: null,
    venueName: null,
    updatedAt: startsAt.toISOString(),
  });

  it('keeps live events and scheduled ones ending today or later, live first then soonest, each once', () => {
    const events = [
      event('tomorrow', 'scheduled', new Date(2026, 4, 21, 9), new Date(2026, 4, 21, 11)),
      event('this-morning', 'scheduled', new Date(2026, 4, 20, 9), new Date(2026, 4, 20, 10)),
      event('yesterday', 'scheduled', new Date(2026, 4, 19, 9), new Date(2026, 4, 19, 10)),
      event('overrun', 'live', new Date(2026, 4, 19, 9), new Date(2026, 4, 19, 10)),
      event('ended', 'ended', new Date(2026, 4, 20, 9), new Date(2026, 4, 20, 10)),
      event('draft', 'draft', new Date(2026, 4, 22, 9), new Date(2026, 4, 22, 10)),
    ];
    expect(liveEventsOf([...events, events[0]!], now).map((e) => e.id)).toEqual(['overrun', 'this-morning', 'tomorrow']);
  });
});
