import { z } from 'zod';
import { COMPANY_TIERS, CONSENT_STATUSES } from '../enums';
import { pageQuerySchema } from '../pagination';

export const companySchema = z.object({
  id: z.guid(),
  name: z.string(),
  domain: z.string().nullable(),
  industry: z.string().nullable(),
  subIndustry: z.string().nullable(),
  employees: z.number().nullable(),
  employeeBand: z.string().nullable(),
  revenueBand: z.string().nullable(),
  country: z.string().nullable(),
  province: z.string().nullable(),
  city: z.string().nullable(),
  ownership: z.string().nullable(),
  foundedYear: z.number().nullable(),
  tier: z.enum(COMPANY_TIERS).nullable(),
  salesOwnerName: z.string().nullable(),
  contactCount: z.number(),
});
export type Company = z.infer<typeof companySchema>;

export const companyListQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(200).optional(),
  tier: z.enum(COMPANY_TIERS).optional(),
  industry: z.string().max(100).optional(),
  sort: z.enum(['name', '-name', 'employees', '-employees', 'createdAt', '-createdAt']).default('name'),
});
export type CompanyListQuery = z.input<typeof companyListQuerySchema>;

export const contactSchema = z.object({
  id: z.guid(),
  companyId: z.guid().nullable(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  title: z.string().nullable(),
  department: z.string().nullable(),
  seniority: z.string().nullable(),
  consent: z.enum(CONSENT_STATUSES),
});
export type Contact = z.infer<typeof contactSchema>;
