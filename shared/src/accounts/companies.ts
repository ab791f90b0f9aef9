import { z } from 'zod';
import { COMPANY_TIERS, EMPLOYEE_BANDS, OWNERSHIP_TYPES, REVENUE_BANDS } from '../enums';
import { findIndustry, findParentIndustry } from '../taxonomy';
import { companySchema } from './company';
import { contactPageSchema } from './contacts';
import {
  editableCompanyNameSchema,
  editableCountrySchema,
  editableCreditCodeSchema,
  editableDomainSchema,
  editableEnumSchema,
  editableTextSchema,
} from './fields';
import { fieldSourceSchema, historyEntrySchema, MAX_MERGED } from './history';

export const companyDetailSchema = companySchema.extend({
  normalizedName: z.string(),
  creditCode: z.string().nullable(),
  techTags: z.array(z.string()),
  salesOwnerId: z.guid().nullable(),
  source: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Keyed by API field name. */
  fieldSources: z.record(z.string(), fieldSourceSchema),
});
export type CompanyDetail = z.infer<typeof companyDetailSchema>;

export const companyDetailQuerySchema = z.object({
  contactsPage: z.coerce.number().int().min(1).default(1),
  contactsPageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type CompanyDetailQuery = z.input<typeof companyDetailQuerySchema>;

export const companyDetailResponseSchema = z.object({
  company: companyDetailSchema,
  contacts: contactPageSchema,
  history: z.array(historyEntrySchema),
});
export type CompanyDetailResponse = z.infer<typeof companyDetailResponseSchema>;

const CURRENT_YEAR_LIMIT = 2100;

/** What a manual edit may change. Absent fields stay as they are; null (or '') clears a field. */
export const updateCompanyRequestSchema = z
  .object({
    name: editableCompanyNameSchema,
    domain: editableDomainSchema,
    creditCode: editableCreditCodeSchema,
    industry: z
      .string()
      .nullable()
      .optional()
      .refine((code) => code == null || findIndustry(code) !== undefined, { message: 'Choose an industry from the list' }),
    subIndustry: z
      .string()
      .nullable()
      .optional()
      .refine((code) => code == null || findParentIndustry(code) !== undefined, { message: 'Choose a sub-industry from the list' }),
    employees: z.number().int().min(0).max(10_000_000).nullable().optional(),
    employeeBand: editableEnumSchema(EMPLOYEE_BANDS),
    revenueBand: editableEnumSchema(REVENUE_BANDS),
    country: editableCountrySchema,
    province: editableTextSchema(100),
    city: editableTextSchema(100),
    ownership: editableEnumSchema(OWNERSHIP_TYPES),
    foundedYear: z.number().int().min(1800).max(CURRENT_YEAR_LIMIT).nullable().optional(),
    techTags: z.array(z.string().trim().min(1).max(60)).max(100).optional(),
    tier: editableEnumSchema(COMPANY_TIERS),
    salesOwnerId: z.guid().nullable().optional(),
  })
  .refine(
    (value) => value.industry == null || value.subIndustry == null || findParentIndustry(value.subIndustry)?.code === value.industry,
    { message: 'This sub-industry belongs to another industry', path: ['subIndustry'] },
  );
export type UpdateCompanyRequest = z.input<typeof updateCompanyRequestSchema>;

export const COMPANY_MERGE_FIELDS = [
  'name',
  'domain',
  'creditCode',
  'industry',
  'employees',
  'revenueBand',
  'location',
  'ownership',
  'foundedYear',
  'tier',
  'salesOwnerId',
] as const;
export type CompanyMergeField = (typeof COMPANY_MERGE_FIELDS)[number];

export const companyMergeRequestSchema = z
  .object({
    survivorId: z.guid(),
    mergedIds: z.array(z.guid()).min(1).max(MAX_MERGED),
    /**
     * Per field, the record (survivor or merged) whose value the survivor takes. `industry` carries
     * the sub-industry with it, `employees` the band, `location` country, province and city together.
     */
    fieldChoices: z.partialRecord(z.enum(COMPANY_MERGE_FIELDS), z.guid()).optional(),
  })
  .refine((value) => !value.mergedIds.includes(value.survivorId) && new Set(value.mergedIds).size === value.mergedIds.length, {
    message: 'List each record once, and not the survivor among the merged',
    path: ['mergedIds'],
  });
export type CompanyMergeRequest = z.input<typeof companyMergeRequestSchema>;

export const COMPANY_DUPLICATE_REASONS = ['same_name', 'same_domain', 'similar_name'] as const;
export type CompanyDuplicateReason = (typeof COMPANY_DUPLICATE_REASONS)[number];

export const companyDuplicateSchema = z.object({
  company: companyDetailSchema,
  reasons: z.array(z.enum(COMPANY_DUPLICATE_REASONS)),
});
export type CompanyDuplicate = z.infer<typeof companyDuplicateSchema>;
