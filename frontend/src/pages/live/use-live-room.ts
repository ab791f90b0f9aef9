import { useCallback, useEffect, useReducer, useState } from 'react';
import { liveRoomStateSchema } from '@fulcrum/shared';
import type { EventStatus, LiveError, LiveServerToClientEvents, PollCreateRequest, PollReply, QaModerateRequest, QaReply } from '@fulcrum/shared';
import { useLive } from '@/live/use-live';
import type { LiveConnectionState, LiveSocket } from '@/live/use-live';
import { EMPTY_ROOM, roomReducer } from '@/pages/live/live-room-state';
import type { ConsoleRoom } from '@/pages/live/live-room-state';

const ACK_TIMEOUT_MS = 10_000;
const NETWORK_ERROR: LiveError = { code: 'network', message: 'No answer from the live gateway' };

/** joining: connected, `room:join` under way; joined: the room's state arrived; refused: the gateway said no to the join. */
export type JoinState = 'waiting' | 'joining' | 'joined' | 'refused';

type Refusal = { ok: false; error: LiveError };

export interface LiveRoom extends ConsoleRoom {
  connection: LiveConnectionState;
  /** The console's live socket, for panels that keep their own state on it (chat). */
  socket: LiveSocket | null;
  join: JoinState;
  /** Why the join (or the connection) was refused. */
  error: LiveError | null;
  moderate(request: QaModerateRequest): Promise<QaReply>;
  createPoll(request: Omit<PollCreateRequest, 'eventId'>): Promise<PollReply>;
  launchPoll(pollId: string): Promise<PollReply>;
  closePoll(pollId: string): Promise<PollReply>;
  showResults(pollId: string, show: boolean): Promise<PollReply>;
  deletePoll(pollId: string): Promise<{ ok: true } | Refusal>;
  /** The event's status changed over REST: show it before `room:state` confirms. */
  statusChanged(status: EventStatus): void;
}

/**
 * An organizer's view of one event's room over the console's live socket: joins on every (re)connect —
 * the gateway answers each join with the whole state again (room, Q&A, polls), so nothing missed while
 * away stays missing — and follows the live numbers, check-ins, questions and polls.
 */
export function useLiveRoom(eventId: string): LiveRoom {
  const live = useLive();
  const { socket } = live;
  const [room, dispatch] = useReducer(roomReducer, EMPTY_ROOM);
  const [join, setJoin] = useState<JoinState>('waiting');
  const [joinError, setJoinError] = useState<LiveError | null>(null);

  useEffect(() => {
    if (!socket) return;
    const roomJoin = () => {
      setJoin('joining');
      socket
        .timeout(ACK_TIMEOUT_MS)
        .emitWithAck('room:join', { eventId })
        .then(
          (reply) => {
            if (reply.ok) {
              setJoin('joined');
              setJoinError(null);
            } else {
              setJoin('refused');
              setJoinError(reply.error);
            }
          },
          // No answer: the connection dropped meanwhile; the next connect joins again.
          () => setJoin('waiting'),
        );
    };
    const left = () => setJoin('waiting');
    const offs: Array<() => void> = [];
    /** Our listeners only: the socket belongs to useLive, which has its own on the same events. */
    const listen = <E extends keyof LiveServerToClientEvents>(name: E, handler: LiveServerToClientEvents[E]) => {
      socket.on(name, handler as never);
      offs.push(() => socket.off(name, handler as never));
    };
    socket.on('connect', roomJoin);
    socket.on('disconnect', left);
    listen('room:state', (payload) => {
      const parsed = liveRoomStateSchema.safeParse(payload);
      if (parsed.success && parsed.data.event.id === eventId) dispatch({ type: 'room', state: parsed.data });
    });
    listen('room:stats-updated', (stats) => {
      if (stats.eventId === eventId) dispatch({ type: 'stats', stats });
    });
    listen('checkin:updated', (checkIn) => {
      if (checkIn.eventId === eventId) dispatch({ type: 'checkin', checkIn });
    });
    listen('qa:state', (state) => {
      if (state.eventId === eventId) dispatch({ type: 'qa-state', state });
    });
    listen('qa:asked', (question) => {
      if (question.eventId === eventId) dispatch({ type: 'question', question });
    });
    listen('qa:updated', (question) => {
      if (question.eventId === eventId) dispatch({ type: 'question', question });
    });
    listen('poll:state', (state) => {
      if (state.eventId === eventId) dispatch({ type: 'poll-state', state });
    });
    listen('poll:updated', (poll) => {
      if (poll.eventId === eventId) dispatch({ type: 'poll', poll });
    });
    listen('poll:deleted', (deleted) => {
      if (deleted.eventId === eventId) dispatch({ type: 'poll-deleted', pollId: deleted.pollId });
    });
    listen('poll:results-updated', (results) => {
      if (results.eventId === eventId) dispatch({ type: 'poll-results', results });
    });
    if (socket.connected) roomJoin();
    return () => {
      socket.off('connect', roomJoin);
      socket.off('disconnect', left);
      for (const off of offs) off();
    };
  }, [socket, eventId]);

  /** A moderator's request with its ack; no answer in time (or no connection) is a network failure. */
  const request = useCallback(
    async <R extends { ok: boolean }>(send: () => Promise<R>): Promise<R | Refusal> => {
      if (!socket?.connected) return { ok: false, error: NETWORK_ERROR };
      try {
        return await send();
      } catch {
        return { ok: false, error: NETWORK_ERROR };
      }
    },
    [socket],
  );

  const moderate = useCallback(
    async (body: QaModerateRequest): Promise<QaReply> => {
      const reply = await request(() => socket!.timeout(ACK_TIMEOUT_MS).emitWithAck('qa:moderate', body));
      // The broadcast follows; applying the ack at once keeps the screen right if it is slow.
      if (reply.ok) dispatch({ type: 'question', question: reply.question });
      return reply;
    },
    [request, socket],
  );

  const pollRequest = useCallback(
    async (send: () => Promise<PollReply>): Promise<PollReply> => {
      const reply = await request(send);
      if (reply.ok) dispatch({ type: 'poll', poll: reply.poll });
      return reply;
    },
    [request],
  );

  const createPoll = useCallback(
    (body: Omit<PollCreateRequest, 'eventId'>) => pollRequest(() => socket!.timeout(ACK_TIMEOUT_MS).emitWithAck('poll:create', { ...body, eventId })),
    [pollRequest, socket, eventId],
  );
  const launchPoll = useCallback((pollId: string) => pollRequest(() => socket!.timeout(ACK_TIMEOUT_MS).emitWithAck('poll:launch', { pollId })), [pollRequest, socket]);
  const closePoll = useCallback((pollId: string) => pollRequest(() => socket!.timeout(ACK_TIMEOUT_MS).emitWithAck('poll:close', { pollId })), [pollRequest, socket]);
  const showResults = useCallback(
    (pollId: string, show: boolean) => pollRequest(() => socket!.timeout(ACK_TIMEOUT_MS).emitWithAck('poll:results', { pollId, show })),
    [pollRequest, socket],
  );
  const deletePoll = useCallback(
    async (pollId: string): Promise<{ ok: true } | Refusal> => {
      const reply = await request(() => socket!.timeout(ACK_TIMEOUT_MS).emitWithAck('poll:delete', { pollId }));
      if (!reply.ok) return reply;
      dispatch({ type: 'poll-deleted', pollId });
      return { ok: true };
    },
    [request, socket],
  );

  const statusChanged = useCallback((status: EventStatus) => dispatch({ type: 'status', status }), []);

  return {
    ...room,
    connection: live.state,
    socket,
    join,
    error: joinError ?? (live.state === 'failed' ? live.error : null),
    moderate,
    createPoll,
    launchPoll,
    closePoll,
    showResults,
    deletePoll,
    statusChanged,
  };
}
