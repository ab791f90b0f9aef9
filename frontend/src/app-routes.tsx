import { lazy, Suspense } from 'react';
import type { ComponentType, LazyExoticComponent, ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { FullPageSpin } from '@/components/full-page-spin';
import { AREAS, HOME_PATH } from '@/session/access';
import type { Area } from '@/session/access';
import { RedirectIfSignedIn, RequireArea, RequireUser, SetupGate, SetupOnce } from '@/session/route-guards';

type Page = LazyExoticComponent<ComponentType>;

/** Each page is its own chunk; pages use named exports, so pick the export by name. */
function lazyNamed<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K): Page {
  return lazy(async () => ({ default: (await load())[name] }));
}

const ConsoleLayout = lazyNamed(() => import('@/layout/console-layout'), 'ConsoleLayout');
const SetupPage = lazyNamed(() => import('@/pages/setup/setup-page'), 'SetupPage');
const SignInPage = lazyNamed(() => import('@/pages/sign-in/sign-in-page'), 'SignInPage');
const ForgotPasswordPage = lazyNamed(() => import('@/pages/password-reset/forgot-password-page'), 'ForgotPasswordPage');
const ResetPasswordPage = lazyNamed(() => import('@/pages/password-reset/reset-password-page'), 'ResetPasswordPage');
const SegmentEditorPage = lazyNamed(() => import('@/pages/segments/segment-editor-page'), 'SegmentEditorPage');
const EventEditorPage = lazyNamed(() => import('@/pages/events/event-editor-page'), 'EventEditorPage');
const CampaignPage = lazyNamed(() => import('@/pages/campaigns/campaign-page'), 'CampaignPage');
const NotFoundPage = lazyNamed(() => import('@/pages/not-found/not-found-page'), 'NotFoundPage');
// On-site check-in: a phone at the door and a kiosk at the entrance, without the console around them.
const CheckInPage = lazyNamed(() => import('@/pages/checkin/checkin-page'), 'CheckInPage');
const KioskPage = lazyNamed(() => import('@/pages/checkin/kiosk-page'), 'KioskPage');
const CHECK_IN_PAGES: ReadonlyArray<{ path: string; Page: Page }> = [
  { path: '/events/:id/check-in', Page: CheckInPage },
  { path: '/events/:id/kiosk', Page: KioskPage },
];
const LiveWallPage = lazyNamed(() => import('@/pages/live/live-wall-page'), 'LiveWallPage');

/** Each area's own page, at `/<area>` where the navigation links. */
const AREA_PAGES: Record<Area, Page> = {
  accounts: lazyNamed(() => import('@/pages/accounts/accounts-page'), 'AccountsPage'),
  segments: lazyNamed(() => import('@/pages/segments/segments-page'), 'SegmentsPage'),
  events: lazyNamed(() => import('@/pages/events/events-page'), 'EventsPage'),
  campaigns: lazyNamed(() => import('@/pages/campaigns/campaigns-page'), 'CampaignsPage'),
  live: lazyNamed(() => import('@/pages/live/live-page'), 'LivePage'),
  leads: lazyNamed(() => import('@/pages/leads/leads-page'), 'LeadsPage'),
  lookalikes: lazyNamed(() => import('@/pages/lookalikes/lookalikes-page'), 'LookalikesPage'),
  reports: lazyNamed(() => import('@/pages/reports/reports-page'), 'ReportsPage'),
  privacy: lazyNamed(() => import('@/pages/privacy/privacy-page'), 'PrivacyPage'),
  outbox: lazyNamed(() => import('@/pages/outbox/outbox-page'), 'OutboxPage'),
  users: lazyNamed(() => import('@/pages/users/users-page'), 'UsersPage'),
  settings: lazyNamed(() => import('@/pages/settings/settings-page'), 'SettingsPage'),
};

/** Every page inside the console, with the area whose access it needs: the areas' own pages, then the pages below them. */
const CONSOLE_PAGES: ReadonlyArray<{ path: string; area: Area; Page: Page }> = [
  ...AREAS.map((area) => ({ path: area, area, Page: AREA_PAGES[area] })),
  { path: 'accounts/contacts', area: 'accounts', Page: lazyNamed(() => import('@/pages/accounts/contacts-page'), 'ContactsPage') },
  { path: 'accounts/contacts/:id', area: 'accounts', Page: lazyNamed(() => import('@/pages/accounts/contact-detail-page'), 'ContactDetailPage') },
  { path: 'accounts/companies/:id', area: 'accounts', Page: lazyNamed(() => import('@/pages/accounts/company-detail-page'), 'CompanyDetailPage') },
  // Tag categories and tags: part of the target database, so under accounts; sales see them read-only.
  { path: 'accounts/tags', area: 'accounts', Page: lazyNamed(() => import('@/pages/tags/tags-page'), 'TagsPage') },
  { path: 'accounts/imports', area: 'accounts', Page: lazyNamed(() => import('@/pages/imports/imports-page'), 'ImportsPage') },
  { path: 'accounts/imports/new', area: 'accounts', Page: lazyNamed(() => import('@/pages/imports/import-wizard-page'), 'ImportWizardPage') },
  { path: 'accounts/imports/:id', area: 'accounts', Page: lazyNamed(() => import('@/pages/imports/import-detail-page'), 'ImportDetailPage') },
  // One page builds a new segment and edits a saved one; saving a new one moves it to its id without reloading.
  { path: 'segments/new', area: 'segments', Page: SegmentEditorPage },
  { path: 'segments/:id', area: 'segments', Page: SegmentEditorPage },
  // Likewise one editor creates an event and edits a saved one; sales see it read-only.
  { path: 'events/new', area: 'events', Page: EventEditorPage },
  { path: 'events/:id', area: 'events', Page: EventEditorPage },
  // A draft or scheduled campaign opens in its editor, one that sends or has sent in its delivery view; sales see the latter.
  { path: 'campaigns/new', area: 'campaigns', Page: CampaignPage },
  { path: 'campaigns/:id', area: 'campaigns', Page: CampaignPage },
  // One event's live console: numbers, check-ins, Q&A moderation, polls.
  { path: 'live/:id', area: 'live', Page: lazyNamed(() => import('@/pages/live/live-console-page'), 'LiveConsolePage') },
];

function Standalone({ children }: { children: ReactNode }) {
  return <Suspense fallback={<FullPageSpin />}>{children}</Suspense>;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<SetupGate />}>
        <Route
          path="/setup"
          element={
            <SetupOnce>
              <Standalone>
                <SetupPage />
              </Standalone>
            </SetupOnce>
          }
        />
        <Route
          path="/sign-in"
          element={
            <RedirectIfSignedIn>
              <Standalone>
                <SignInPage />
              </Standalone>
            </RedirectIfSignedIn>
          }
        />
        <Route
          path="/forgot-password"
          element={
            <Standalone>
              <ForgotPasswordPage />
            </Standalone>
          }
        />
        <Route
          path="/reset-password"
          element={
            <Standalone>
              <ResetPasswordPage />
            </Standalone>
          }
        />
        <Route element={<RequireUser />}>
          {CHECK_IN_PAGES.map(({ path, Page }) => (
            <Route
              key={path}
              path={path}
              element={
                <Standalone>
                  <RequireArea area="live">
                    <Page />
                  </RequireArea>
                </Standalone>
              }
            />
          ))}
          {/* The venue screen: signed in like the console, but full screen without its chrome. */}
          <Route
            path="/live/:id/wall"
            element={
              <RequireArea area="live">
                <Standalone>
                  <LiveWallPage />
                </Standalone>
              </RequireArea>
            }
          />
          <Route
            element={
              <Standalone>
                <ConsoleLayout />
              </Standalone>
            }
          >
            <Route index element={<Navigate to={HOME_PATH} replace />} />
            {CONSOLE_PAGES.map(({ path, area, Page }) => (
              <Route
                key={path}
                path={path}
                element={
                  <RequireArea area={area}>
                    <Page />
                  </RequireArea>
                }
              />
            ))}
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Route>
      </Route>
    </Routes>
  );
}
