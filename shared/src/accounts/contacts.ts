import { z } from 'zod';
import { COMPANY_TIERS, CONSENT_STATUSES, LOCALES, SENIORITIES, type ConsentStatus } from '../enums';
import { pageQuerySchema } from '../pagination';
import {
  editableEmailSchema,
  editableEnumSchema,
  editablePersonNameSchema,
  editablePhoneSchema,
  editableTextSchema,
} from './fields';
import { fieldSourceSchema, historyEntrySchema, MAX_MERGED } from './history';

/** A row of the contacts list: the person and the company they work for. */
export const contactListItemSchema = z.object({
  id: z.guid(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  title: z.string().nullable(),
  department: z.string().nullable(),
  seniority: z.string().nullable(),
  consent: z.enum(CONSENT_STATUSES),
  companyId: z.guid().nullable(),
  companyName: z.string().nullable(),
  companyTier: z.enum(COMPANY_TIERS).nullable(),
  city: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ContactListItem = z.infer<typeof contactListItemSchema>;

export const CONTACT_SORTS = ['name', '-name', 'company', '-company', 'createdAt', '-createdAt', 'updatedAt', '-updatedAt'] as const;
export type ContactSort = (typeof CONTACT_SORTS)[number];

export const contactListQuerySchema = pageQuerySchema.extend({
  /** Name, email, phone (any common spelling) or company name. */
  q: z.string().trim().max(200).optional(),
  companyId: z.guid().optional(),
  tier: z.enum(COMPANY_TIERS).optional(),
  industry: z.string().max(100).optional(),
  seniority: z.enum(SENIORITIES).optional(),
  consent: z.enum(CONSENT_STATUSES).optional(),
  country: z.string().trim().max(2).optional(),
  province: z.string().trim().max(100).optional(),
  city: z.string().trim().max(100).optional(),
  sort: z.enum(CONTACT_SORTS).default('name'),
});
export type ContactListQuery = z.input<typeof contactListQuerySchema>;

/**
 * A page of a list over up to millions of rows: `total` is exact up to LIST_DEPTH_LIMIT and the
 * planner's estimate beyond it (`totalExact` false); pages go as deep as LIST_DEPTH_LIMIT rows.
 */
export const contactPageSchema = z.object({
  total: z.number(),
  totalExact: z.boolean(),
  page: z.number(),
  pageSize: z.number(),
  items: z.array(contactListItemSchema),
});
export type ContactPage = z.infer<typeof contactPageSchema>;

export const IDENTITY_KINDS = ['email', 'phone', 'crm_id', 'wechat'] as const;
export type IdentityKind = (typeof IDENTITY_KINDS)[number];

export const identitySchema = z.object({
  kind: z.string(),
  value: z.string(),
  source: z.string(),
  createdAt: z.string(),
});
export type Identity = z.infer<typeof identitySchema>;

export const contactDetailSchema = contactListItemSchema.extend({
  buyingRole: z.string().nullable(),
  locale: z.string().nullable(),
  consentSource: z.string().nullable(),
  consentAt: z.string().nullable(),
  identities: z.array(identitySchema),
  /** Keyed by API field name. */
  fieldSources: z.record(z.string(), fieldSourceSchema),
});
export type ContactDetail = z.infer<typeof contactDetailSchema>;

export const contactDetailResponseSchema = z.object({
  contact: contactDetailSchema,
  history: z.array(historyEntrySchema),
});
export type ContactDetailResponse = z.infer<typeof contactDetailResponseSchema>;

/** What a manual edit may change. Absent fields stay as they are; null (or '') clears a field. */
export const updateContactRequestSchema = z.object({
  name: editablePersonNameSchema,
  email: editableEmailSchema,
  phone: editablePhoneSchema,
  title: editableTextSchema(200),
  department: editableTextSchema(200),
  seniority: editableEnumSchema(SENIORITIES),
  buyingRole: editableTextSchema(60),
  locale: editableEnumSchema(LOCALES),
  consent: z.enum(CONSENT_STATUSES).optional(),
  companyId: z.guid().nullable().optional(),
});
export type UpdateContactRequest = z.input<typeof updateContactRequestSchema>;

/** Fields a merge can take from any of the records (the rest follow the survivor). */
export const CONTACT_MERGE_FIELDS = [
  'name',
  'email',
  'phone',
  'title',
  'department',
  'seniority',
  'buyingRole',
  'locale',
  'companyId',
  'consent',
] as const;
export type ContactMergeField = (typeof CONTACT_MERGE_FIELDS)[number];

function distinctMergeIds(value: { survivorId: string; mergedIds: string[] }): boolean {
  return !value.mergedIds.includes(value.survivorId) && new Set(value.mergedIds).size === value.mergedIds.length;
}

export const contactMergeRequestSchema = z
  .object({
    survivorId: z.guid(),
    mergedIds: z.array(z.guid()).min(1).max(MAX_MERGED),
    /** Per field, the record (survivor or merged) whose value the survivor takes. */
    fieldChoices: z.partialRecord(z.enum(CONTACT_MERGE_FIELDS), z.guid()).optional(),
  })
  .refine(distinctMergeIds, { message: 'List each record once, and not the survivor among the merged', path: ['mergedIds'] });
export type ContactMergeRequest = z.input<typeof contactMergeRequestSchema>;

export const CONTACT_DUPLICATE_REASONS = ['same_name_same_company', 'shared_phone'] as const;
export type ContactDuplicateReason = (typeof CONTACT_DUPLICATE_REASONS)[number];

export const contactDuplicateSchema = z.object({
  contact: contactDetailSchema,
  reasons: z.array(z.enum(CONTACT_DUPLICATE_REASONS)),
});
export type ContactDuplicate = z.infer<typeof contactDuplicateSchema>;

/** Withdrawals rank above any permission; a merge never trades a withdrawal for a weaker status. */
const CONSENT_RANK: Record<ConsentStatus, number> = { opt_in: 0, legitimate_interest: 0, unsubscribed: 1, do_not_contact: 2 };

export function isConsentWithdrawn(consent: ConsentStatus): boolean {
  return CONSENT_RANK[consent] > 0;
}

/** The strongest withdrawal among `consents`, or null when none of them is withdrawn. */
export function strongestWithdrawal(consents: readonly ConsentStatus[]): ConsentStatus | null {
  let strongest: ConsentStatus | null = null;
  for (const consent of consents) {
    if (CONSENT_RANK[consent] > 0 && (strongest === null || CONSENT_RANK[consent] > CONSENT_RANK[strongest])) strongest = consent;
  }
  return strongest;
}
