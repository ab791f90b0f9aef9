import { z } from 'zod';
import { normalizeCreditCode } from '../normalize/credit-code';
import { extractDomain } from '../normalize/domain';
import { normalizeEmail } from '../normalize/email';
import { normalizePersonName } from '../normalize/person-name';
import { normalizePhone } from '../normalize/phone';

/**
 * Field schemas for manual edits of companies and contacts. Each one accepts what a person types
 * (or pastes), normalizes it with the same functions imports use, and reads `''` as "clear the field"
 * (null). `undefined` means "leave the field alone". A value that cannot be normalized is refused
 * with a message naming the import reason code, so API users see the same reasons as import reports.
 */

type Normalized = { ok: true; value: string } | { ok: false; reason: string };

function normalizedText(max: number, normalize: (raw: string) => Normalized, what: string) {
  return z
    .string()
    .max(max, { message: `At most ${max} characters` })
    .nullable()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw === null) return raw;
      if (raw.trim() === '') return null;
      const result = normalize(raw);
      if (!result.ok) {
        ctx.addIssue({ code: 'custom', message: `Not a valid ${what} (${result.reason})` });
        return z.NEVER;
      }
      return result.value;
    });
}

export const editableEmailSchema = normalizedText(320, normalizeEmail, 'email address');

export const editablePhoneSchema = normalizedText(
  100,
  (raw) => {
    const result = normalizePhone(raw);
    return result.ok ? { ok: true, value: result.e164 } : result;
  },
  'phone number',
);

export const editableCreditCodeSchema = normalizedText(100, normalizeCreditCode, 'unified social credit code');

export const editableDomainSchema = normalizedText(
  300,
  (raw) => {
    const domain = extractDomain(raw);
    return domain === null ? { ok: false, reason: 'domain.invalid' } : { ok: true, value: domain };
  },
  'domain or website',
);

/** Optional free text: trimmed, `''` clears it. */
export function editableTextSchema(max: number) {
  return z
    .string()
    .trim()
    .max(max, { message: `At most ${max} characters` })
    .nullable()
    .optional()
    .transform((value) => (value === '' ? null : value));
}

/** A required name: cleaned like an imported one; it cannot be cleared. */
export const editablePersonNameSchema = z
  .string()
  .max(400)
  .optional()
  .transform((raw, ctx) => {
    if (raw === undefined) return raw;
    const result = normalizePersonName(raw);
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', message: `Enter a name (${result.reason})` });
      return z.NEVER;
    }
    return result.value;
  });

export const editableCompanyNameSchema = z
  .string()
  .trim()
  .min(1, { message: 'Enter a company name' })
  .max(300, { message: 'At most 300 characters' })
  .optional();

/** An optional member of a closed list; null clears it. */
export function editableEnumSchema<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values).nullable().optional();
}

/** ISO 3166-1 alpha-2, upper-cased (`cn` → `CN`). */
export const editableCountrySchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^([A-Z]{2})?$/, { message: 'Use a two-letter country code such as CN' })
  .nullable()
  .optional()
  .transform((value) => (value === '' ? null : value));
