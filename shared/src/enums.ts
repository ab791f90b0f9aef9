/** Values both sides must agree on. Each list is the single source of its type. */
export const USER_ROLES = ['admin', 'organizer', 'sales'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

export const COMPANY_TIERS = ['ka', 'growth', 'standard'] as const;
export type CompanyTier = (typeof COMPANY_TIERS)[number];

export const CONSENT_STATUSES = ['opt_in', 'legitimate_interest', 'unsubscribed', 'do_not_contact'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

export const SENIORITIES = ['c_level', 'vp', 'director', 'manager', 'senior', 'entry'] as const;
export type Seniority = (typeof SENIORITIES)[number];

export const OWNERSHIP_TYPES = ['private', 'public', 'state_owned', 'foreign_invested', 'joint_venture', 'nonprofit'] as const;
export type OwnershipType = (typeof OWNERSHIP_TYPES)[number];

export const EMPLOYEE_BANDS = ['1-49', '50-199', '200-999', '1000-4999', '5000+'] as const;
export type EmployeeBand = (typeof EMPLOYEE_BANDS)[number];

export const REVENUE_BANDS = ['<10M', '10M-100M', '100M-1B', '1B-10B', '10B+'] as const;
export type RevenueBand = (typeof REVENUE_BANDS)[number];

export function employeeBand(employees: number): EmployeeBand {
  if (employees < 50) return '1-49';
  if (employees < 200) return '50-199';
  if (employees < 1000) return '200-999';
  if (employees < 5000) return '1000-4999';
  return '5000+';
}
