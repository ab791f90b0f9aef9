import type { UserRole } from '@fulcrum/shared';

export const AREAS = [
  'accounts',
  'segments',
  'events',
  'campaigns',
  'live',
  'leads',
  'lookalikes',
  'reports',
  'privacy',
  'outbox',
  'users',
  'settings',
] as const;
export type Area = (typeof AREAS)[number];

const EVERYONE: readonly UserRole[] = ['admin', 'organizer', 'sales'];
const MARKETING: readonly UserRole[] = ['admin', 'organizer'];

/** Which roles may open each area; navigation hides the rest. Settings holds everyone's own profile. */
const AREA_ROLES: Record<Area, readonly UserRole[]> = {
  accounts: EVERYONE,
  segments: MARKETING,
  // Sales read events (the API lets them GET only); organizers and admins edit them.
  events: EVERYONE,
  // Sales follow the invitations to their accounts (the API lets them GET only); organizers and admins send them.
  campaigns: EVERYONE,
  live: MARKETING,
  leads: EVERYONE,
  lookalikes: MARKETING,
  reports: EVERYONE,
  privacy: MARKETING,
  outbox: MARKETING,
  users: ['admin'],
  settings: EVERYONE,
};

export function canAccess(role: UserRole, area: Area): boolean {
  return AREA_ROLES[area].includes(role);
}

export function canManageDemo(role: UserRole): boolean {
  return MARKETING.includes(role);
}

/** Edits, merges and undos of companies and contacts; sales read them. */
export function canEditAccounts(role: UserRole): boolean {
  return MARKETING.includes(role);
}

/** Everyone sees tags; organizers and admins manage the catalog and tag records. */
export function canManageTags(role: UserRole): boolean {
  return MARKETING.includes(role);
}

/** Creating, editing, scheduling and deleting events; sales read them. */
export function canEditEvents(role: UserRole): boolean {
  return MARKETING.includes(role);
}

/** Creating, editing, sending and stopping invitation campaigns; sales read them. */
export function canEditCampaigns(role: UserRole): boolean {
  return MARKETING.includes(role);
}

export const TAGS_PATH = '/accounts/tags';

/** Erasing a person is irreversible: administrators only (the API enforces the same). */
export function canErasePeople(role: UserRole): boolean {
  return role === 'admin';
}

export const HOME_PATH = '/accounts';

/** A same-origin path to return to after signing in; anything else (other hosts, auth pages) is dropped. */
export function safeReturnPath(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  const path = next.split(/[?#]/)[0] ?? '';
  if (['/sign-in', '/setup', '/forgot-password', '/reset-password'].includes(path)) return null;
  return next;
}
