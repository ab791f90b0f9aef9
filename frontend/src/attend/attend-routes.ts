export type AttendRoute = { page: 'event'; slug: string } | { page: 'mine'; token: string } | { page: 'unknown' };

/** Two pages only, so no router library: `/e/:slug` and `/r/:token`. */
export function routeOf(pathname: string): AttendRoute {
  const match = /^\/(e|r)\/([^/]+)\/?$/.exec(pathname);
  if (!match) return { page: 'unknown' };
  let value: string;
  try {
    value = decodeURIComponent(match[2]);
  } catch {
    return { page: 'unknown' };
  }
  return match[1] === 'e' ? { page: 'event', slug: value } : { page: 'mine', token: value };
}
