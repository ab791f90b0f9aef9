import { useEffect, useState } from 'react';
import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import { LIVE_NAMESPACE, liveWelcomeSchema } from '@fulcrum/shared';
import type { LiveClientToServerEvents, LiveError, LiveServerToClientEvents, LiveWelcome } from '@fulcrum/shared';

export type LiveSocket = Socket<LiveServerToClientEvents, LiveClientToServerEvents>;

/**
 * connecting: first attempt under way; connected: the gateway answered;
 * disconnected: not connected, socket.io keeps retrying; failed: the gateway refused us, no retry.
 */
export type LiveConnectionState = 'connecting' | 'connected' | 'disconnected' | 'failed';

export interface LiveConnection {
  state: LiveConnectionState;
  /** The gateway's greeting on this connection; null until it arrives and after a disconnect. */
  welcome: LiveWelcome | null;
  error: LiveError | null;
  socket: LiveSocket | null;
}

/** One typed socket.io connection to the live gateway for as long as the calling component is mounted. */
export function useLive(): LiveConnection {
  const [socket, setSocket] = useState<LiveSocket | null>(null);
  const [state, setState] = useState<LiveConnectionState>('connecting');
  const [welcome, setWelcome] = useState<LiveWelcome | null>(null);
  const [error, setError] = useState<LiveError | null>(null);

  useEffect(() => {
    // Same origin: the session cookie authenticates the handshake.
    const live: LiveSocket = io(LIVE_NAMESPACE, { withCredentials: true });
    setSocket(live);
    setState('connecting');

    live.on('connect', () => {
      setState('connected');
      setError(null);
    });
    live.on('disconnect', (reason) => {
      setWelcome(null);
      // Only a server-side disconnect stops socket.io from reconnecting by itself.
      setState(reason === 'io server disconnect' ? 'failed' : 'disconnected');
    });
    live.on('connect_error', (reason) => {
      if (live.active) {
        setState('disconnected');
      } else {
        setState('failed');
        setError({ code: 'live.refused', message: reason.message });
      }
    });
    live.on('session:welcomed', (payload) => {
      const parsed = liveWelcomeSchema.safeParse(payload);
      if (parsed.success) setWelcome(parsed.data);
    });
    live.on('session:errored', (payload) => setError(payload));

    return () => {
      live.removeAllListeners();
      live.disconnect();
    };
  }, []);

  return { state, welcome, error, socket };
}
