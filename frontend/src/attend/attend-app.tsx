import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { routeOf, type AttendRoute } from '@/attend/attend-routes';
import { EventPage } from '@/attend/event-page';
import { LocaleProvider, useLocale } from '@/attend/locale';
import { MyRegistrationPage } from '@/attend/my-registration-page';
import { Loading, NoticePage } from '@/attend/notice-page';
import { UnsubscribePage } from '@/attend/unsubscribe-page';

// The live room brings socket.io-client (and, when it plays HLS, hls.js): only its own page loads them.
const LivePage = lazy(() => import('@/attend/live-page').then((module) => ({ default: module.LivePage })));

function AttendPages() {
  const { t, toggle } = useLocale();
  const [route, setRoute] = useState<AttendRoute>(() => routeOf(window.location.pathname));
  useEffect(() => {
    const onPop = () => setRoute(routeOf(window.location.pathname));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = useCallback((path: string) => {
    window.history.pushState(null, '', path);
    setRoute(routeOf(window.location.pathname));
    window.scrollTo(0, 0);
  }, []);

  return (
    <div className="attend-shell">
      <div className="attend-topbar">
        <button type="button" className="attend-lang" onClick={toggle} aria-label={t('app.languageLabel')} data-testid="language-switch">
          {t('app.language')}
        </button>
      </div>
      <main className="attend-main">
        {route.page === 'event' && <EventPage key={route.slug} slug={route.slug} navigate={navigate} />}
        {route.page === 'mine' && <MyRegistrationPage key={route.token} token={route.token} navigate={navigate} />}
        {route.page === 'join' && (
          <Suspense fallback={<Loading />}>
            <LivePage key={route.token} token={route.token} navigate={navigate} />
          </Suspense>
        )}
        {route.page === 'unsubscribe' && <UnsubscribePage key={route.token} token={route.token} />}
        {route.page === 'unknown' && <NoticePage testId="event-not-found" title={t('notFound.title')} text={t('notFound.text')} />}
      </main>
    </div>
  );
}

export function AttendApp() {
  return (
    <LocaleProvider>
      <AttendPages />
    </LocaleProvider>
  );
}
