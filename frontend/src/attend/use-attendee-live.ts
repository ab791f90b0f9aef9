import { useEffect, useState } from 'react';
import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import { LIVE_NAMESPACE, LIVE_PRESENCE, liveRoomStateSchema } from '@fulcrum/shared';
import type { LiveClientToServerEvents, LiveError, LiveRoomState, LiveServerToClientEvents } from '@fulcrum/shared';

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

/**
 * The attendee's connection to the live room for as long as the page is open, with a heartbeat every
 * 30 s while connected. Beats go on while the page is hidden (a phone's locked screen, another tab):
 * the person may still be listening, and browsers slow hidden timers to once a minute at most, well
 * within the gateway's 2-minute staleness. Closing the page closes the socket, which ends the session.
 */
export function useAttendeeLive(token: string, event: string | null): AttendeeLive {
  const [live, setLive] = useState<AttendeeLive>({ state: 'connecting', room: null, error: null });

  useEffect(() => {
    if (!event) return;
    // No cookies: an organizer's console session in the same browser must not turn this into an organizer socket.
    const socket: AttendeeSocket = io(LIVE_NAMESPACE, { auth: { token, event }, withCredentials: false });
    let refused = false;
    let beat: ReturnType<typeof setInterval> | undefined;
    const stopBeat = () => {
      clearInterval(beat);
      beat = undefined;
    };
    setLive({ state: 'connecting', room: null, error: null });

    socket.on('room:state', (payload) => {
      const parsed = liveRoomStateSchema.safeParse(payload);
      if (!parsed.success) return;
      setLive({ state: 'in-room', room: parsed.data, error: null });
      stopBeat();
      beat = setInterval(() => socket.emit('presence:heartbeat', () => undefined), LIVE_PRESENCE.heartbeatMs);
    });
    socket.on('session:errored', (error) => {
      refused = true;
      stopBeat();
      setLive((current) => ({ ...current, state: 'refused', error }));
    });
    socket.on('disconnect', (reason) => {
      stopBeat();
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
      stopBeat();
      socket.removeAllListeners();
      socket.disconnect();
    };
  }, [token, event]);

  return live;
}
