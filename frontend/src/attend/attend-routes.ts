export type AttendRoute =
  | { page: 'event'; slug: string }
  | { page: 'mine'; token: string }
  | { page: 'unsubscribe'; token: string }
  | { page: 'join'; token: string }
  | { page: 'unknown' };

const PAGES = { e: 'event', r: 'mine', u: 'unsubscribe', j: 'join' } as const;

/** Four pages only, so no router library: `/e/:slug`, `/r/:token`, `/u/:token` and the live room `/j/:token`. */
export function routeOf(pathname: string): AttendRoute {
  const match = /^\/(e|r|u|j)\/([^/]+)\/?$/.exec(pathname);
  if (!match) return { page: 'unknown' };
  let value: string;
  try {
    value = decodeURIComponent(match[2]);
  } catch {
    return { page: 'unknown' };
  }
  const page = PAGES[match[1] as keyof typeof PAGES];
  return page === 'event' ? { page, slug: value } : { page, token: value };
}
