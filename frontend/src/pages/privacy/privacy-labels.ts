import type { ConsentStatus, SuppressionKind, SuppressionReason } from '@fulcrum/shared';

/** Tag colours: green may be contacted, red must not be, orange asked not to be. */
export const CONSENT_COLORS: Record<ConsentStatus, string> = {
  opt_in: 'green',
  legitimate_interest: 'blue',
  unsubscribed: 'orange',
  do_not_contact: 'red',
};

export const REASON_COLORS: Record<SuppressionReason, string> = {
  unsubscribed: 'orange',
  bounced: 'gold',
  complaint: 'volcano',
  do_not_contact: 'red',
};

export const KIND_COLORS: Record<SuppressionKind, string> = { email: 'blue', phone: 'cyan', domain: 'purple' };

/** Sources the console names; others (an import's label) are shown as they are. */
export const KNOWN_SOURCES = ['console', 'consent', 'erasure'] as const;
export type KnownSource = (typeof KNOWN_SOURCES)[number];

export function isKnownSource(source: string): source is KnownSource {
  return (KNOWN_SOURCES as readonly string[]).includes(source);
}
