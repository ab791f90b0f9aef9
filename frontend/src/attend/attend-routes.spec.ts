import { describe, expect, it } from '@jest/globals';
import { routeOf } from './attend-routes';

describe('routeOf', () => {
  it.each([
    ['/e/ai-summit-k7m2qx', { page: 'event', slug: 'ai-summit-k7m2qx' }],
    ['/e/ai-summit-k7m2qx/', { page: 'event', slug: 'ai-summit-k7m2qx' }],
    ['/r/AbC_12-xyz', { page: 'mine', token: 'AbC_12-xyz' }],
    ['/u/Zx9_Qw-3fGhJkLmNoPqRsTuVwXyZ0123456789abcd', { page: 'unsubscribe', token: 'Zx9_Qw-3fGhJkLmNoPqRsTuVwXyZ0123456789abcd' }],
    ['/u/AbC_12-xyz/', { page: 'unsubscribe', token: 'AbC_12-xyz' }],
    ['/j/AbC_12-xyz', { page: 'join', token: 'AbC_12-xyz' }],
    ['/j/', { page: 'unknown' }],
    ['/e/', { page: 'unknown' }],
    ['/u/', { page: 'unknown' }],
    ['/e/a/b', { page: 'unknown' }],
    ['/u/a/b', { page: 'unknown' }],
    ['/e/%E0%A4%A', { page: 'unknown' }],
    ['/x/slug', { page: 'unknown' }],
  ])('%s', (pathname, route) => {
    expect(routeOf(pathname)).toEqual(route);
  });
});
