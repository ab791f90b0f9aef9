/**
 * Privacy (PIPL / GDPR basics): the suppression list, consent changes, what is held about one person
 * and erasure. Contracts plus the pure rules both sides need (how a pasted value becomes a suppression
 * key, which consent a suppression implies).
 */
import { z } from 'zod';
import { CONSENT_STATUSES, type ConsentStatus } from './enums';
import { extractDomain, normalizeEmail, normalizePhone, type EmailProblem, type PhoneProblem } from './normalize';
import { hasNonAscii, foldWidth } from './normalize/text';
import { pageQuerySchema } from './pagination';

export const SUPPRESSION_KINDS = ['email', 'phone', 'domain'] as const;
export type SuppressionKind = (typeof SUPPRESSION_KINDS)[number];

export const SUPPRESSION_REASONS = ['unsubscribed', 'bounced', 'do_not_contact', 'complaint'] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

/** Consent states that mean "do not send": set by the person (or on their behalf), never lifted by an import. */
export const WITHDRAWN_CONSENTS = ['unsubscribed', 'do_not_contact'] as const satisfies readonly ConsentStatus[];
export type WithdrawnConsent = (typeof WITHDRAWN_CONSENTS)[number];

export function isWithdrawn(consent: ConsentStatus): consent is WithdrawnConsent {
  return (WITHDRAWN_CONSENTS as readonly string[]).includes(consent);
}

/**
 * The consent a suppression gives the contacts it matches. Only an unsubscribe is a plain
 * unsubscribe; a bounce, a complaint or an explicit objection all mean "do not contact" (the same
 * rule the import applies to suppressed rows).
 */
export function consentForSuppression(reason: SuppressionReason): WithdrawnConsent {
  return reason === 'unsubscribed' ? 'unsubscribed' : 'do_not_contact';
}

/** When a value is added again with another reason, the stronger one is kept. */
export const SUPPRESSION_REASON_STRENGTH: Record<SuppressionReason, number> = { bounced: 1, unsubscribed: 2, complaint: 3, do_not_contact: 4 };

export const SUPPRESSION_VALUE_PROBLEMS = ['suppression.empty', 'suppression.invalid_domain'] as const;
export type SuppressionValueProblem = (typeof SUPPRESSION_VALUE_PROBLEMS)[number] | EmailProblem | PhoneProblem;

export type SuppressionValueResult =
  | { readonly ok: true; readonly kind: SuppressionKind; readonly value: string }
  | { readonly ok: false; readonly reason: SuppressionValueProblem };

const LETTER_RE = /\p{L}/u;
const DOT_RE = /[.。｡．]/;

/**
 * What a pasted value is: an address when it has an `@` (a leading `@example.com` means the whole
 * domain), a domain when it has letters and a dot (`example.com`, a website URL), else a phone number.
 */
export function detectSuppressionKind(raw: string): SuppressionKind {
  const s = (hasNonAscii(raw) ? foldWidth(raw) : raw).trim();
  const at = s.indexOf('@');
  if (at >= 0) return at === 0 && s.indexOf('@', 1) < 0 ? 'domain' : 'email';
  if (LETTER_RE.test(s) && DOT_RE.test(s)) return 'domain';
  return 'phone';
}

/**
 * The canonical key of one suppression, with the import's normalizers, so the list matches what
 * identity resolution stores: e-mails lowercased (Unicode domain), phones in E.164 (mainland China
 * by default), domains as bare hosts without `www.`.
 */
export function normalizeSuppressionValue(raw: string, kind: SuppressionKind | 'auto' = 'auto'): SuppressionValueResult {
  if (typeof raw !== 'string' || raw.trim() === '') return { ok: false, reason: 'suppression.empty' };
  const resolved = kind === 'auto' ? detectSuppressionKind(raw) : kind;
  if (resolved === 'email') {
    const result = normalizeEmail(raw);
    return result.ok ? { ok: true, kind: 'email', value: result.value } : result;
  }
  if (resolved === 'phone') {
    const result = normalizePhone(raw);
    return result.ok ? { ok: true, kind: 'phone', value: result.e164 } : result;
  }
  const trimmed = raw.trim();
  const host = extractDomain(trimmed.startsWith('@') || trimmed.startsWith('＠') ? trimmed.slice(1) : trimmed);
  return host === null ? { ok: false, reason: 'suppression.invalid_domain' } : { ok: true, kind: 'domain', value: host };
}

const LIST_LINE_RE = /\r\n|\r|\n/;
const LIST_CELL_RE = /[,;\t，；]/;
const HEADER_WORDS: ReadonlySet<string> = new Set([
  'email', 'e-mail', 'emails', 'mail', 'address', 'email address', 'phone', 'mobile', 'domain', 'value',
  '邮箱', '电子邮件', '邮件地址', '邮箱地址', '手机', '手机号', '电话', '域名',
]);

/**
 * The values of a pasted list or an uploaded CSV/TXT file: one per line; on a line with several
 * cells (a CSV export of unsubscribes: address, date, reason), the cells holding an `@`, else the
 * first cell. Header words (`email`, `邮箱`…) and blank lines are dropped.
 */
export function splitSuppressionList(text: string): string[] {
  const values: string[] = [];
  for (const line of text.split(LIST_LINE_RE)) {
    if (line.trim() === '') continue;
    const cells = line.split(LIST_CELL_RE).map((cell) => cell.trim().replace(/^"(.*)"$/, '$1').trim());
    const withAt = cells.filter((cell) => cell.includes('@') || cell.includes('＠'));
    for (const cell of withAt.length > 0 ? withAt : cells.slice(0, 1)) {
      if (cell !== '' && !HEADER_WORDS.has(cell.toLowerCase())) values.push(cell);
    }
  }
  return values;
}

const kindSchema = z.enum(SUPPRESSION_KINDS);
const reasonSchema = z.enum(SUPPRESSION_REASONS);

export const suppressionSchema = z.object({
  kind: kindSchema,
  value: z.string(),
  reason: reasonSchema,
  source: z.string(),
  createdAt: z.string(),
});
export type Suppression = z.infer<typeof suppressionSchema>;

export const suppressionListQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(320).optional(),
  kind: kindSchema.optional(),
  reason: reasonSchema.optional(),
});
export type SuppressionListQuery = z.input<typeof suppressionListQuerySchema>;

/** The same filters, for the CSV export of the whole (filtered) list. */
export const suppressionExportQuerySchema = suppressionListQuerySchema.omit({ page: true, pageSize: true });

/** At most this many values per request: the console sends a long list in batches. */
export const MAX_SUPPRESSIONS_PER_REQUEST = 5000;

export const addSuppressionsRequestSchema = z.object({
  /** `auto` reads each value's kind from its shape (see detectSuppressionKind). */
  kind: z.enum(['auto', ...SUPPRESSION_KINDS]).default('auto'),
  reason: reasonSchema,
  values: z.array(z.string().max(1024)).min(1).max(MAX_SUPPRESSIONS_PER_REQUEST),
});
export type AddSuppressionsRequest = z.input<typeof addSuppressionsRequestSchema>;

export const addSuppressionsResultSchema = z.object({
  /** New entries on the list. */
  added: z.number(),
  /** Entries already there, now with a stronger reason. */
  strengthened: z.number(),
  /** Entries already there (or repeated in the request) that changed nothing. */
  unchanged: z.number(),
  /** Values that are not a valid e-mail, phone or domain; the first ones are listed. */
  invalidCount: z.number(),
  invalid: z.array(z.object({ value: z.string(), reason: z.string() })),
  /** Existing contacts whose consent became unsubscribed / do-not-contact. */
  contactsUpdated: z.number(),
});
export type AddSuppressionsResult = z.infer<typeof addSuppressionsResultSchema>;

export const changeConsentRequestSchema = z.object({
  consent: z.enum(CONSENT_STATUSES),
  /** Where the decision came from, kept with the consent: "reply to invitation 2025-03-02", "phone call". */
  source: z.string().trim().min(1).max(200),
});
export type ChangeConsentRequest = z.infer<typeof changeConsentRequestSchema>;

export const consentChangeResultSchema = z.object({
  contactId: z.guid(),
  consent: z.enum(CONSENT_STATUSES),
  consentSource: z.string().nullable(),
  consentAt: z.string().nullable(),
  /** The person's addresses and numbers now on the suppression list (after the change). */
  suppressions: z.array(suppressionSchema),
});
export type ConsentChangeResult = z.infer<typeof consentChangeResultSchema>;

export const personSearchQuerySchema = z.object({ q: z.string().trim().min(1).max(320) });

export const personMatchSchema = z.object({
  id: z.guid(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  companyName: z.string().nullable(),
  consent: z.enum(CONSENT_STATUSES),
  consentSource: z.string().nullable(),
  consentAt: z.string().nullable(),
  /** Some address, number or the e-mail domain of this person is on the suppression list. */
  suppressed: z.boolean(),
});
export type PersonMatch = z.infer<typeof personMatchSchema>;

export const personSearchResultSchema = z.object({
  matches: z.array(personMatchSchema),
  /** Erasures of the searched e-mail address (by its SHA-256), when the search was an address. */
  erasures: z.array(z.object({ at: z.string(), contactId: z.string().nullable() })),
});
export type PersonSearchResult = z.infer<typeof personSearchResultSchema>;

export const eraseRequestSchema = z.object({
  /** The contact's e-mail address (or its id when it has none), typed again as confirmation. */
  confirm: z.string().trim().min(1).max(320),
  /**
   * Keep the person's addresses on the suppression list (do-not-contact), so a later import or
   * campaign cannot reach them again. The address is then kept only to honour the objection.
   */
  keepSuppressed: z.boolean().default(true),
});
export type EraseRequest = z.input<typeof eraseRequestSchema>;

export const eraseResultSchema = z.object({
  contactId: z.guid(),
  /** SHA-256 (hex) of each erased e-mail address: what the audit record keeps. */
  emailSha256: z.array(z.string()),
  keptOnSuppressionList: z.boolean(),
  /** Rows removed or scrubbed, per erasure step. */
  removed: z.record(z.string(), z.number()),
});
export type EraseResult = z.infer<typeof eraseResultSchema>;

/** Version of the person export's JSON layout. */
export const PERSON_EXPORT_VERSION = 1;
