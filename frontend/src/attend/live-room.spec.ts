import { describe, expect, it } from '@jest/globals';
import type { MyRegistration, PublicEvent } from '@fulcrum/shared';
import { joinOffer, refusalOf, streamOf } from './live-room';

const START = '2026-05-20T06:00:00.000Z';
const END = '2026-05-20T08:00:00.000Z';

type Offered = Pick<MyRegistration, 'status' | 'event' | 'streamUrl' | 'replayUrl'>;

function registration(status: MyRegistration['status'], event: Partial<PublicEvent>, urls: Partial<Offered> = {}): Offered {
  return { status, event: { status: 'scheduled', startsAt: START, endsAt: END, ...event } as PublicEvent, streamUrl: null, replayUrl: null, ...urls };
}

describe('joinOffer', () => {
  it.each([
    ['scheduled, an hour before', registration('registered', {}), '2026-05-20T05:00:00Z', { kind: 'opensAt', at: '2026-05-20T05:30:00.000Z' }],
    ['scheduled, 30 min before', registration('registered', {}), '2026-05-20T05:30:00Z', { kind: 'join' }],
    ['scheduled, running late', registration('registered', {}), '2026-05-20T09:00:00Z', { kind: 'join' }],
    ['live', registration('registered', { status: 'live' }), '2026-05-19T00:00:00Z', { kind: 'join' }],
    ['ended without a replay', registration('registered', { status: 'ended' }), '2026-05-21T00:00:00Z', { kind: 'none' }],
    ['ended with a replay', registration('registered', { status: 'ended' }, { replayUrl: 'https://v.example.com/r.m3u8' }), '2026-05-21T00:00:00Z', { kind: 'replay' }],
    ['archived', registration('registered', { status: 'archived' }), '2026-05-21T00:00:00Z', { kind: 'none' }],
    ['waitlisted, live', registration('waitlisted', { status: 'live' }), '2026-05-20T06:10:00Z', { kind: 'none' }],
    ['cancelled, live', registration('cancelled', { status: 'live' }), '2026-05-20T06:10:00Z', { kind: 'none' }],
  ])('%s', (_name, mine, now, offer) => {
    expect(joinOffer(mine, new Date(now))).toEqual(offer);
  });
});

describe('streamOf', () => {
  it.each([
    ['live', { streamUrl: 'https://v.example.com/live/x.m3u8', replayUrl: null }, { url: 'https://v.example.com/live/x.m3u8', kind: 'hls', replay: false }],
    ['scheduled', { streamUrl: 'https://player.example.com/e/1', replayUrl: null }, { url: 'https://player.example.com/e/1', kind: 'embed', replay: false }],
    ['ended', { streamUrl: 'https://v.example.com/live/x.m3u8', replayUrl: null }, { url: null, kind: null, replay: true }],
    ['ended', { streamUrl: null, replayUrl: 'https://player.example.com/r/1' }, { url: 'https://player.example.com/r/1', kind: 'embed', replay: true }],
    ['live', { streamUrl: null, replayUrl: null }, { url: null, kind: null, replay: false }],
  ] as const)('%s %j', (status, urls, stream) => {
    expect(streamOf(status, urls)).toEqual(stream);
  });
});

describe('refusalOf', () => {
  it.each([
    ['live.token_invalid', 'token_invalid'],
    ['live.wrong_event', 'wrong_event'],
    ['live.not_registered', 'not_registered'],
    ['live.event_unavailable', 'event_unavailable'],
    ['internal', 'other'],
    ['live.something_new', 'other'],
    [null, 'other'],
  ])('%s → %s', (code, refusal) => {
    expect(refusalOf(code)).toBe(refusal);
  });
});
