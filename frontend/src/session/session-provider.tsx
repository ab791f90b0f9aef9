import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { Locale, SessionUser, SetupRequest, SetupStatus, SignInRequest } from '@fulcrum/shared';
import { api, isApiRequestError } from '@/api/client';
import { applyLocale } from '@/i18n';
import { BootError } from '@/session/boot-error';
import { FullPageSpin } from '@/components/full-page-spin';
import { SessionContext } from '@/session/session-context';
import type { SessionValue } from '@/session/session-context';

type BootState =
  | { phase: 'loading' }
  | { phase: 'failed'; error: unknown }
  | { phase: 'ready'; setup: SetupStatus; user: SessionUser | null; expired: boolean; signedOut: boolean };

/** Knows whether the workspace is set up and who is signed in; everything else renders inside it. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<BootState>({ phase: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    const signal = controller.signal;
    const boot = async () => {
      const setup = await api.getSetupStatus({ signal });
      // Before setup there is nobody to be signed in as.
      const user = setup.needsSetup ? null : await api.getMe({ signal });
      if (user) await applyLocale(user.locale);
      return { setup, user };
    };
    boot()
      .then(({ setup, user }) => setState({ phase: 'ready', setup, user, expired: false, signedOut: false }))
      .catch((error: unknown) => {
        if (!signal.aborted) setState({ phase: 'failed', error });
      });
    return () => controller.abort();
  }, [attempt]);

  const retry = useCallback(() => {
    setState({ phase: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  // Only a known, set-up session reacts: the boot request handles its own failures.
  useEffect(
    () =>
      api.onSignal((signal) =>
        setState((current) => {
          if (current.phase !== 'ready') return current;
          if (signal === 'setup-required') {
            return current.setup.needsSetup ? current : { ...current, setup: { ...current.setup, needsSetup: true }, user: null };
          }
          return current.user ? { ...current, user: null, expired: true, signedOut: false } : current;
        }),
      ),
    [],
  );

  const setUser = useCallback((user: SessionUser) => {
    setState((current) => (current.phase === 'ready' ? { ...current, user, expired: false, signedOut: false } : current));
  }, []);

  const completeSetup = useCallback(async (request: SetupRequest) => {
    const user = await api.setup(request);
    await applyLocale(user.locale);
    setState((current) =>
      current.phase === 'ready'
        ? { ...current, setup: { ...current.setup, needsSetup: false }, user, expired: false, signedOut: false }
        : current,
    );
    return user;
  }, []);

  const signIn = useCallback(
    async (request: SignInRequest) => {
      const user = await api.signIn(request);
      await applyLocale(user.locale);
      setUser(user);
      return user;
    },
    [setUser],
  );

  const signOut = useCallback(async () => {
    try {
      await api.signOut();
    } catch (error) {
      // A session that already ended on the server is as signed out as it gets.
      if (!(isApiRequestError(error) && error.code === 'auth.unauthenticated')) throw error;
    }
    setState((current) => (current.phase === 'ready' ? { ...current, user: null, expired: false, signedOut: true } : current));
  }, []);

  const user = state.phase === 'ready' ? state.user : null;
  const changeLocale = useCallback(
    async (locale: Locale) => {
      await applyLocale(locale);
      if (user && user.locale !== locale) setUser(await api.updateMe({ locale }));
    },
    [user, setUser],
  );

  const value = useMemo<SessionValue | null>(
    () =>
      state.phase === 'ready'
        ? {
            setup: state.setup,
            user: state.user,
            expired: state.expired,
            signedOut: state.signedOut,
            completeSetup,
            signIn,
            signOut,
            updateUser: setUser,
            changeLocale,
          }
        : null,
    [state, completeSetup, signIn, signOut, setUser, changeLocale],
  );

  if (state.phase === 'loading') return <FullPageSpin />;
  if (state.phase === 'failed') return <BootError error={state.error} onRetry={retry} />;
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
