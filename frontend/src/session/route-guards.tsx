import { Navigate, Outlet, useLocation, useSearchParams } from 'react-router-dom';
import type { ReactNode } from 'react';
import { Forbidden } from '@/components/forbidden';
import { canAccess, HOME_PATH, safeReturnPath } from '@/session/access';
import type { Area } from '@/session/access';
import { useSession, useUser } from '@/session/session-context';

/** Until the first administrator exists, every page is the setup page. */
export function SetupGate() {
  const { setup } = useSession();
  const { pathname } = useLocation();
  if (setup.needsSetup && pathname !== '/setup') return <Navigate to="/setup" replace />;
  return <Outlet />;
}

/** The setup page only makes sense once. */
export function SetupOnce({ children }: { children: ReactNode }) {
  const { setup, user } = useSession();
  if (!setup.needsSetup) return <Navigate to={user ? HOME_PATH : '/sign-in'} replace />;
  return children;
}

/** The console: signed-in users only; others sign in first and come back here. */
export function RequireUser() {
  const { user, signedOut } = useSession();
  const location = useLocation();
  if (!user) {
    const here = `${location.pathname}${location.search}`;
    const target = signedOut || here === HOME_PATH ? '/sign-in' : `/sign-in?next=${encodeURIComponent(here)}`;
    return <Navigate to={target} replace />;
  }
  return <Outlet />;
}

/** The sign-in page sends a signed-in user on to where they were going. */
export function RedirectIfSignedIn({ children }: { children: ReactNode }) {
  const { user } = useSession();
  const [params] = useSearchParams();
  if (user) return <Navigate to={safeReturnPath(params.get('next')) ?? HOME_PATH} replace />;
  return children;
}

export function RequireArea({ area, children }: { area: Area; children: ReactNode }) {
  const user = useUser();
  if (!canAccess(user.role, area)) return <Forbidden />;
  return children;
}
