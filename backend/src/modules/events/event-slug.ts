import { randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/**
 * The public address of an event, e.g. `ai-summit-2026-k7m2qx`: the Latin words of the title (a
 * Chinese title gives `event-…`) and a random suffix, so two events with one title never collide
 * and the slug stays the same when the title is edited.
 */
export function eventSlug(title: string, random: Buffer = randomBytes(6)): string {
  const words = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
  const suffix = Array.from(random.subarray(0, 6), (byte) => ALPHABET[byte % ALPHABET.length]).join('');
  return `${words || 'event'}-${suffix}`;
}
