import { z } from 'zod';
import { userRoleSchema } from './auth';

/** Socket.io `/live` namespace. Client→server events are imperative, server→client past tense. */
export const LIVE_NAMESPACE = '/live';

export const liveErrorSchema = z.object({ code: z.string(), message: z.string() });
export type LiveError = z.infer<typeof liveErrorSchema>;

export const liveWelcomeSchema = z.object({
  kind: z.enum(['organizer', 'attendee']),
  userId: z.string().nullable(),
  role: userRoleSchema.nullable(),
  serverTime: z.string(),
});
export type LiveWelcome = z.infer<typeof liveWelcomeSchema>;

export interface LiveServerToClientEvents {
  'session:welcomed': (welcome: LiveWelcome) => void;
  'session:errored': (error: LiveError) => void;
}

export interface LiveClientToServerEvents {
  'session:ping': (ack: (reply: { serverTime: string }) => void) => void;
}
