import { createContext, useContext } from 'react';
import type { Locale, SessionUser, SetupRequest, SetupStatus, SignInRequest } from '@fulcrum/shared';

export interface SessionValue {
  setup: SetupStatus;
  user: SessionUser | null;
  /** Set when the server ended the session (401); the sign-in page explains it. */
  expired: boolean;
  /** Set after an explicit sign-out, so the sign-in page does not offer to return to the old page. */
  signedOut: boolean;
  completeSetup(request: SetupRequest): Promise<SessionUser>;
  signIn(request: SignInRequest): Promise<SessionUser>;
  signOut(): Promise<void>;
  /** Replace the signed-in user after a profile change. */
  updateUser(user: SessionUser): void;
  /** Switch the UI language now; also saves it to the profile when someone is signed in. */
  changeLocale(locale: Locale): Promise<void>;
}

export const SessionContext = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}

/** The signed-in user; only for components rendered behind <RequireUser>. */
export function useUser(): SessionUser {
  const { user } = useSession();
  if (!user) throw new Error('useUser must be used behind <RequireUser>');
  return user;
}

/** For components that also render before the session is known (the language switch on the boot error screen). */
export function useOptionalSession(): SessionValue | null {
  return useContext(SessionContext);
}
