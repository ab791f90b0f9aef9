import { LIVE_PRESENCE, streamKindOf } from '@fulcrum/shared';
import type { MyRegistration, PublicEvent } from '@fulcrum/shared';

/** What the registrant's page offers for the live room now. */
export type JoinOffer = { kind: 'join' } | { kind: 'replay' } | { kind: 'opensAt'; at: string } | { kind: 'none' };

export interface EventStream {
  /** What to play now: the live stream, or the replay once the event ended; null when there is none yet. */
  url: string | null;
  kind: 'hls' | 'embed' | null;
  replay: boolean;
}

/** What to play now: the live stream, or the replay once the event ended (addresses from the registrant's own view). */
export function streamOf(status: PublicEvent['status'], urls: Pick<MyRegistration, 'streamUrl' | 'replayUrl'>): EventStream {
  const replay = status === 'ended';
  const url = (replay ? urls.replayUrl : urls.streamUrl) ?? null;
  return { url, kind: streamKindOf(url), replay };
}

/**
 * The room lets a confirmed registrant in while the event is live, while it is scheduled from 30
 * minutes before its start (the online check-in window), and after it ended (the replay, when there is one).
 */
export function joinOffer(mine: Pick<MyRegistration, 'status' | 'event' | 'streamUrl' | 'replayUrl'>, now: Date): JoinOffer {
  if (mine.status !== 'registered') return { kind: 'none' };
  const { event } = mine;
  if (event.status === 'live') return { kind: 'join' };
  if (event.status === 'ended') return streamOf(event.status, mine).url ? { kind: 'replay' } : { kind: 'none' };
  if (event.status !== 'scheduled') return { kind: 'none' };
  const opensAt = Date.parse(event.startsAt) - LIVE_PRESENCE.checkInOpensBeforeMs;
  return now.getTime() >= opensAt ? { kind: 'join' } : { kind: 'opensAt', at: new Date(opensAt).toISOString() };
}

/** The gateway's refusal codes the page explains (without their `live.` prefix); anything else gets the generic message. */
const REFUSALS = ['token_invalid', 'wrong_event', 'not_registered', 'event_unavailable'] as const;
export type Refusal = (typeof REFUSALS)[number] | 'other';

export function refusalOf(code: string | null | undefined): Refusal {
  const short = (code ?? '').replace(/^live\./, '');
  return (REFUSALS as readonly string[]).includes(short) ? (short as Refusal) : 'other';
}

export const joinPath = (token: string) => `/j/${encodeURIComponent(token)}`;
