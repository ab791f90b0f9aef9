import { useCallback, useEffect, useRef, useState } from 'react';
import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import { LIVE_NAMESPACE, LIVE_PRESENCE, liveRoomStateSchema } from '@fulcrum/shared';
import { applyMine, applyQuestion } from '@/attend/live-qa';
import { applyAnswer, applyPoll, applyResults, type AttendeePolls, EMPTY_POLLS, pollsFromState } from '@/attend/live-polls';
import type { PollVoteReply } from '@fulcrum/shared';
import type { LiveClientToServerEvents, LiveError, LiveRoomState, LiveServerToClientEvents, QaQuestion, QaReply } from '@fulcrum/shared';

type AttendeeSocket = Socket<LiveServerToClientEvents, LiveClientToServerEvents>;

/**
 * connecting: first attempt, until the gateway sends the room's state; in-room: checked in and present;
 * reconnecting: the connection dropped, socket.io retries by itself (the gateway re-sends the state);
 * refused: the gateway said no (`error.code`), no retry.
 */
export type AttendeeLiveState = 'connecting' | 'in-room' | 'reconnecting' | 'refused';

export interface AttendeeLive {
  state: AttendeeLiveState;
  room: LiveRoomState | null;
  error: LiveError | null;
}

/** The attendee's Q&A: approved questions (public view), their own (any status), their votes. */
export interface AttendeeQa {
  questions: QaQuestion[];
  mine: QaQuestion[];
  votes: string[];
  /** Questions the server refused this person's vote on for good (e.g. their own): their button stays disabled. */
  voteRefused: string[];
}

export interface AttendeeLiveRoom extends AttendeeLive {
  /** The room's socket (null before the page knows its event): the chat panel listens to it itself. */
  socket: Socket<LiveServerToClientEvents, LiveClientToServerEvents> | null;
  qa: AttendeeQa;
  /** `qa:ask` with its ack; a refusal (or no answer in 10 s) resolves `{ ok: false }`. */
  ask(text: string, anonymous: boolean): Promise<QaReply>;
  /** `qa:upvote`, counted at once and reconciled by the ack and `qa:updated`. */
  upvote(questionId: string): Promise<QaReply>;
  /** The polls the room showed this person, with their answers. */
  polls: AttendeePolls;
  /** `poll:vote` with its ack; a refusal (or no answer in 10 s) resolves `{ ok: false }`. */
  vote(pollId: string, optionIds: string[]): Promise<PollVoteReply>;
}

const EMPTY_QA: AttendeeQa = { questions: [], mine: [], votes: [], voteRefused: [] };
const ACK_TIMEOUT_MS = 10_000;
/** After the server failed to admit us (`internal`), the next try comes after this, plus as much at random. */
const HANDSHAKE_RETRY_MS = 3_000;
const NETWORK_ERROR: LiveError = { code: 'network', message: 'no answer from the live room' };

/** Refusals of a Q&A request (sent as `session:errored` too): the socket stays in the room. */
const isQaRefusal = (code: string) => code.startsWith('qa.') || code.startsWith('poll.') || code.startsWith('chat.') || code === 'validation.failed';

const withUpvotes = (list: readonly QaQuestion[], id: string, delta: number) => list.map((q) => (q.id === id ? { ...q, upvotes: Math.max(0, q.upvotes + delta) } : q));

/**
 * The attendee's connection to the live room for as long as the page is open, with a heartbeat every
 * 30 s while connected. Beats go on while the page is hidden (a phone's locked screen, another tab):
 * the person may still be listening, and browsers slow hidden timers to once a minute at most, well
 * within the gateway's 2-minute staleness. Closing the page closes the socket, which ends the session.
 */
export function useAttendeeLive(token: string, event: string | null): AttendeeLiveRoom {
  const [live, setLive] = useState<AttendeeLive>({ state: 'connecting', room: null, error: null });
  const [qa, setQa] = useState<AttendeeQa>(EMPTY_QA);
  const [polls, setPolls] = useState<AttendeePolls>(EMPTY_POLLS);
  const socketRef = useRef<AttendeeSocket | null>(null);
  /** The socket itself, for panels that keep their own state from it (the chat). */
  const [socket, setSocket] = useState<AttendeeSocket | null>(null);
  /** Q&A requests awaiting their ack: an `internal` error meanwhile is theirs, not the room's. */
  const pendingRef = useRef(0);

  useEffect(() => {
    if (!event) return;
    // No cookies: an organizer's console session in the same browser must not turn this into an organizer socket.
    const socket: AttendeeSocket = io(LIVE_NAMESPACE, { auth: { token, event }, withCredentials: false });
    socketRef.current = socket;
    setSocket(socket);
    setQa(EMPTY_QA);
    setPolls(EMPTY_POLLS);
    let refused = false;
    /** In the room (a `room:state` came): an `internal` error now is a request's, not the handshake's. */
    let inRoom = false;
    /** The handshake failed on the server's side (`internal`): try again shortly rather than give up. */
    let retry: ReturnType<typeof setTimeout> | undefined;
    let retryHandshake = false;
    let beat: ReturnType<typeof setInterval> | undefined;
    const stopBeat = () => {
      clearInterval(beat);
      beat = undefined;
    };
    setLive({ state: 'connecting', room: null, error: null });

    socket.on('room:state', (payload) => {
      const parsed = liveRoomStateSchema.safeParse(payload);
      if (!parsed.success) return;
      inRoom = true;
      setLive({ state: 'in-room', room: parsed.data, error: null });
      stopBeat();
      beat = setInterval(() => socket.emit('presence:heartbeat', () => undefined), LIVE_PRESENCE.heartbeatMs);
    });
    socket.on('qa:state', (state) => {
      setQa((current) => ({
        questions: state.questions.filter((q) => q.status === 'approved'),
        mine: state.myQuestions,
        votes: state.myVotes,
        voteRefused: current.voteRefused,
      }));
    });
    socket.on('poll:state', (state) => setPolls(pollsFromState(state)));
    socket.on('poll:updated', (poll) => setPolls((current) => applyPoll(current, poll)));
    socket.on('poll:results-updated', (results) => setPolls((current) => applyResults(current, results)));
    socket.on('poll:answered', (answer) => setPolls((current) => applyAnswer(current, answer)));
    socket.on('qa:updated', (question) => {
      setQa((current) => ({ ...current, questions: applyQuestion(current.questions, question), mine: applyMine(current.mine, question) }));
    });
    socket.on('session:errored', (error) => {
      // A refused question or vote: answered in its ack, the person stays in the room.
      if (isQaRefusal(error.code) || (error.code === 'internal' && (pendingRef.current > 0 || inRoom))) return;
      if (error.code === 'internal') {
        retryHandshake = true;
        return;
      }
      refused = true;
      stopBeat();
      setLive((current) => ({ ...current, state: 'refused', error }));
    });
    socket.on('disconnect', (reason) => {
      stopBeat();
      inRoom = false;
      if (retryHandshake) {
        // The server could not admit us just now (it ends such a connection): again in a few seconds.
        retryHandshake = false;
        setLive((current) => ({ ...current, state: 'reconnecting' }));
        retry = setTimeout(() => socket.connect(), HANDSHAKE_RETRY_MS + Math.random() * HANDSHAKE_RETRY_MS);
        return;
      }
      // The server ends a refused connection; any other drop is retried by socket.io.
      if (refused || reason === 'io server disconnect') {
        setLive((current) => ({ ...current, state: 'refused', error: current.error ?? { code: 'other', message: reason } }));
      } else {
        setLive((current) => ({ ...current, state: 'reconnecting' }));
      }
    });
    socket.on('connect_error', () => {
      if (!socket.active) setLive((current) => ({ ...current, state: 'refused', error: current.error ?? { code: 'other', message: 'connect_error' } }));
      else setLive((current) => (current.state === 'in-room' ? { ...current, state: 'reconnecting' } : current));
    });

    return () => {
      socketRef.current = null;
      stopBeat();
      clearTimeout(retry);
      socket.removeAllListeners();
      socket.disconnect();
    };
  }, [token, event]);

  /** A Q&A request with its ack; no answer in time is a network failure. */
  const request = useCallback(async (send: () => Promise<QaReply>): Promise<QaReply> => {
    pendingRef.current += 1;
    try {
      return await send();
    } catch {
      return { ok: false, error: NETWORK_ERROR };
    } finally {
      pendingRef.current -= 1;
    }
  }, []);

  const ask = useCallback(async (text: string, anonymous: boolean): Promise<QaReply> => {
    const socket = socketRef.current;
    if (!socket?.connected) return { ok: false, error: NETWORK_ERROR };
    const reply = await request(() => socket.timeout(ACK_TIMEOUT_MS).emitWithAck('qa:ask', { text, anonymous }));
    if (reply.ok) {
      const asked = reply.question;
      setQa((current) => ({ ...current, mine: [...current.mine.filter((q) => q.id !== asked.id), asked] }));
    }
    return reply;
  }, [request]);

  const upvote = useCallback(async (questionId: string): Promise<QaReply> => {
    const socket = socketRef.current;
    if (!socket?.connected) return { ok: false, error: NETWORK_ERROR };
    // Counted at once; the ack (and the room's `qa:updated`) bring the real count.
    setQa((current) =>
      current.votes.includes(questionId)
        ? current
        : { ...current, votes: [...current.votes, questionId], questions: withUpvotes(current.questions, questionId, 1), mine: withUpvotes(current.mine, questionId, 1) },
    );
    const reply = await request(() => socket.timeout(ACK_TIMEOUT_MS).emitWithAck('qa:upvote', { questionId }));
    if (reply.ok) {
      const question = reply.question;
      setQa((current) => ({ ...current, questions: applyQuestion(current.questions, question), mine: applyMine(current.mine, question) }));
    } else {
      const forGood = reply.error.code !== 'qa.rate_limited' && reply.error.code !== NETWORK_ERROR.code && reply.error.code !== 'internal';
      setQa((current) => ({
        ...current,
        votes: current.votes.filter((id) => id !== questionId),
        questions: withUpvotes(current.questions, questionId, -1),
        mine: withUpvotes(current.mine, questionId, -1),
        voteRefused: forGood ? [...current.voteRefused, questionId] : current.voteRefused,
      }));
    }
    return reply;
  }, [request]);

  const vote = useCallback(async (pollId: string, optionIds: string[]): Promise<PollVoteReply> => {
    const socket = socketRef.current;
    if (!socket?.connected) return { ok: false, error: NETWORK_ERROR };
    pendingRef.current += 1;
    try {
      const reply = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('poll:vote', { pollId, optionIds });
      // Answered (now or before, the same answer): shown as theirs. The poll itself comes without results.
      if (reply.ok) setPolls((current) => applyAnswer(current, { pollId, optionIds: reply.optionIds }));
      return reply;
    } catch {
      return { ok: false, error: NETWORK_ERROR };
    } finally {
      pendingRef.current -= 1;
    }
  }, []);

  return { ...live, qa, ask, upvote, polls, vote, socket };
}
