import { z } from 'zod';
import { EVENT_FORMATS, EVENT_STATUSES } from './events';
import { normalizeEmail } from './normalize/email';
import { normalizePhone } from './normalize/phone';
import { REGISTRATION_STATUSES } from './registrations';

/**
 * On-site check-in: staff scan the QR code of an attendee's confirmation (or find them by name, email
 * or phone), and attendees check themselves in at a kiosk. Devices queue scans while offline and send
 * them in batches; the server is idempotent, so a batch sent twice never counts anyone twice.
 */

/** How a scan was made: the camera or a USB/2D scanner, a staff search, or the attendee at a kiosk. */
export const CHECK_IN_SOURCES = ['scan', 'search', 'kiosk'] as const;
export type CheckInSource = (typeof CHECK_IN_SOURCES)[number];

/** `check_in_method` of an on-site check-in (online check-in on joining the live room is `online`). */
export const checkInMethodFor = (source: CheckInSource): 'onsite' | 'kiosk' => (source === 'kiosk' ? 'kiosk' : 'onsite');

/**
 * What became of one scan. `already_checked_in` is someone checked in before (by anyone, at any
 * time); a scan sent again (same `clientScanId`) gets its first answer again. `ambiguous`: an email or
 * phone number that several registrations of the event share.
 */
export const CHECK_IN_OUTCOMES = ['checked_in', 'already_checked_in', 'not_found', 'wrong_event', 'not_registered', 'ambiguous'] as const;
export type CheckInOutcome = (typeof CHECK_IN_OUTCOMES)[number];

/** Event formats with a venue to check in at, and the statuses in which staff may check people in. */
export const CHECK_IN_FORMATS: readonly (typeof EVENT_FORMATS)[number][] = ['onsite', 'hybrid'];
export const CHECK_IN_EVENT_STATUSES: readonly (typeof EVENT_STATUSES)[number][] = ['scheduled', 'live', 'ended'];

export const CHECK_IN_LIMITS = {
  /** Scans per request; a device with more queued sends several batches. */
  batchSize: 100,
  codeLength: 500,
  clientScanIdLength: 100,
  queryLength: 100,
  searchResults: 20,
} as const;

const instant = z.iso.datetime({ offset: true, message: 'Enter a date and time' });

export const checkInScanSchema = z.object({
  /** Made by the device once per scan; the server uses it to answer a re-sent scan the same way. */
  clientScanId: z.string().min(1).max(CHECK_IN_LIMITS.clientScanIdLength),
  /** What was scanned or typed: the personal link of the confirmation, its bare token, a registration id, an email or a phone number. */
  code: z.string().trim().min(1, { message: 'Scan or type a code' }).max(CHECK_IN_LIMITS.codeLength),
  /** When the device scanned it: an offline scan keeps its real time (never later than the server's now). */
  scannedAt: instant,
  source: z.enum(CHECK_IN_SOURCES),
});
export type CheckInScan = z.infer<typeof checkInScanSchema>;

export const checkInBatchRequestSchema = z.object({
  scans: z.array(checkInScanSchema).min(1).max(CHECK_IN_LIMITS.batchSize),
});
export type CheckInBatchRequest = z.infer<typeof checkInBatchRequestSchema>;

/** The registration behind a scan, as much as the check-in desk needs. */
export const checkInAttendeeSchema = z.object({
  registrationId: z.string(),
  name: z.string(),
  /** Null at a kiosk: the attendee sees their name only. */
  company: z.string().nullable(),
  status: z.enum(REGISTRATION_STATUSES),
  checkedInAt: z.string().nullable(),
  checkInMethod: z.string().nullable(),
});
export type CheckInAttendee = z.infer<typeof checkInAttendeeSchema>;

export const checkInCountsSchema = z.object({
  /** Registrations checked in, online or on site. */
  checkedIn: z.number().int(),
  /** Registrations holding a seat. */
  registered: z.number().int(),
});
export type CheckInCounts = z.infer<typeof checkInCountsSchema>;

export const checkInResultSchema = z.object({
  clientScanId: z.string(),
  outcome: z.enum(CHECK_IN_OUTCOMES),
  /** Null when nobody matched (or several did), and at a kiosk for a code of another event. */
  attendee: checkInAttendeeSchema.nullable(),
});
export type CheckInResult = z.infer<typeof checkInResultSchema>;

export const checkInBatchResponseSchema = z.object({
  results: z.array(checkInResultSchema),
  counts: checkInCountsSchema,
});
export type CheckInBatchResponse = z.infer<typeof checkInBatchResponseSchema>;

/** The check-in desk's view of the event. */
export const checkInOverviewSchema = z.object({
  event: z.object({
    id: z.string(),
    slug: z.string(),
    title: z.string(),
    status: z.enum(EVENT_STATUSES),
    format: z.enum(EVENT_FORMATS),
    venueName: z.string().nullable(),
    startsAt: z.string(),
    endsAt: z.string(),
  }),
  counts: checkInCountsSchema,
});
export type CheckInOverview = z.infer<typeof checkInOverviewSchema>;

export const checkInSearchQuerySchema = z.object({
  q: z.string().trim().min(1, { message: 'Type a name, email or phone number' }).max(CHECK_IN_LIMITS.queryLength),
});
export type CheckInSearchQuery = z.infer<typeof checkInSearchQuerySchema>;

/** A person found by a staff search: how to tell namesakes apart as well. */
export const checkInPersonSchema = checkInAttendeeSchema.extend({
  email: z.string(),
  phone: z.string().nullable(),
});
export type CheckInPerson = z.infer<typeof checkInPersonSchema>;

export const checkInSearchResultSchema = z.object({
  people: z.array(checkInPersonSchema),
  counts: checkInCountsSchema,
});
export type CheckInSearchResult = z.infer<typeof checkInSearchResultSchema>;

/** What a scanned or typed code points at. */
export type CheckInCode =
  | { kind: 'token'; token: string }
  | { kind: 'registration'; id: string }
  | { kind: 'email'; email: string }
  | { kind: 'phone'; phone: string }
  | { kind: 'unknown' };

// Personal tokens are 256 random bits in base64url (43 characters); anything from 40 on is worth a look-up.
const TOKEN_RE = /^[A-Za-z0-9_-]{40,200}$/;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// The personal pages that carry the token: the registration page (in the QR code) and the join page.
const PERSONAL_PATH_RE = /\/(?:r|j)\/([A-Za-z0-9_-]{40,200})\/?$/;

/**
 * Reads a scanned or typed code: the personal link in the confirmation's QR code (any host, since the
 * public URL may have changed since), its bare token, a registration id (search, kiosk), an email or a
 * phone number (kiosk). USB scanners may add spaces or line ends; those are ignored.
 */
export function parseCheckInCode(raw: string): CheckInCode {
  const text = raw.trim();
  if (!text) return { kind: 'unknown' };
  if (TOKEN_RE.test(text) && !UUID_RE.test(text)) return { kind: 'token', token: text };
  if (UUID_RE.test(text)) return { kind: 'registration', id: text.toLowerCase() };
  if (/^https?:\/\//i.test(text)) {
    let path: string;
    try {
      path = new URL(text).pathname;
    } catch {
      return { kind: 'unknown' };
    }
    const match = PERSONAL_PATH_RE.exec(path);
    return match ? { kind: 'token', token: match[1] } : { kind: 'unknown' };
  }
  if (text.includes('@') || text.includes('＠')) {
    const email = normalizeEmail(text);
    return email.ok ? { kind: 'email', email: email.value } : { kind: 'unknown' };
  }
  if (/\d{5,}/.test(text.replace(/[\s\-().]/g, ''))) {
    const phone = normalizePhone(text);
    return phone.ok ? { kind: 'phone', phone: phone.e164 } : { kind: 'unknown' };
  }
  return { kind: 'unknown' };
}

/**
 * One key per person-pointing code, whatever way it was written (full link or bare token, upper-case
 * email, spaced phone number): a device queues a code once, however often it is scanned.
 */
export function checkInCodeKey(raw: string): string {
  const code = parseCheckInCode(raw);
  switch (code.kind) {
    case 'token':
      return `token:${code.token}`;
    case 'registration':
      return `registration:${code.id}`;
    case 'email':
      return `email:${code.email}`;
    case 'phone':
      return `phone:${code.phone}`;
    default:
      return `raw:${raw.trim()}`;
  }
}
