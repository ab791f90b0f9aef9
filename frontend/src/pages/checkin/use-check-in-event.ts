import { useCallback, useEffect, useState } from 'react';
import { CHECK_IN_EVENT_STATUSES, CHECK_IN_FORMATS } from '@fulcrum/shared';
import type { CheckInCounts, CheckInOverview } from '@fulcrum/shared';
import { useApiData } from '@/components/use-api-data';
import { useLive } from '@/live/use-live';
import { checkInApi } from '@/pages/checkin/checkin-api';

/**
 * The event at the check-in desk and its live numbers: loaded once, then moved by each batch's answer
 * and by the live gateway (other desks and kiosks check people in too).
 */
export function useCheckInEvent(eventId: string) {
  const overview = useApiData<CheckInOverview>((signal) => checkInApi.overview(eventId, signal), [eventId]);
  const [counts, setCounts] = useState<CheckInCounts | null>(null);
  const live = useLive();

  useEffect(() => {
    if (overview.data) setCounts(overview.data.counts);
  }, [overview.data]);

  useEffect(() => {
    const socket = live.socket;
    if (!socket || !live.welcome) return;
    const onStats = (stats: { eventId: string; checkedIn: number; registered: number }) => {
      if (stats.eventId === eventId) setCounts({ checkedIn: stats.checkedIn, registered: stats.registered });
    };
    socket.on('room:stats-updated', onStats);
    void socket.emitWithAck('room:join', { eventId }).catch(() => undefined);
    return () => {
      socket.off('room:stats-updated', onStats);
    };
  }, [live.socket, live.welcome, eventId]);

  const event = overview.data?.event ?? null;
  const open = event !== null && CHECK_IN_FORMATS.includes(event.format) && CHECK_IN_EVENT_STATUSES.includes(event.status);
  const onCounts = useCallback((next: CheckInCounts) => setCounts(next), []);
  return { overview, event, open, counts, onCounts };
}
