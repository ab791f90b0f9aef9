import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import {
  COMPANY_TIERS,
  CONSENT_STATUSES,
  EMPLOYEE_BANDS,
  INDUSTRY_TAXONOMY,
  OPERATORS,
  OWNERSHIP_TYPES,
  REVENUE_BANDS,
  SEGMENT_FIELD_NAMES,
  SEGMENT_FIELDS,
  SEGMENT_LIMITS,
  SENIORITIES,
} from '@fulcrum/shared';
import type { FilterProblem, Locale, Operator, SegmentField } from '@fulcrum/shared';
import { useFormat } from '@/components/format';
import { fieldDefinition, unknownValues, valueShape } from '@/pages/segments/filter-tree';
import type { SegmentNode } from '@/pages/segments/filter-tree';

/** A problem shown beside a node: the validator's, or one the server reported (its details carry no code). */
export interface BuilderProblem {
  path: string;
  code: FilterProblem['code'] | 'server';
  message: string;
}

const OPERATOR_NAMES: readonly Operator[] = [...new Set(Object.values(OPERATORS).flat())];

export interface LabeledOption {
  value: string;
  label: string;
}

export interface OptionGroup {
  label: string;
  options: LabeledOption[];
}

function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

/** Enum values with a translation; anything else (say, a value from a newer server) shows as stored. */
function enumLabel(t: TFunction, field: SegmentField, value: string): string {
  switch (field) {
    case 'company.tier':
      return isOneOf(COMPANY_TIERS, value) ? t(`tiers.${value}`) : value;
    case 'contact.seniority':
      return isOneOf(SENIORITIES, value) ? t(`segments.values.seniority.${value}`) : value;
    case 'contact.consent':
      return isOneOf(CONSENT_STATUSES, value) ? t(`segments.values.consent.${value}`) : value;
    case 'company.ownership':
      return isOneOf(OWNERSHIP_TYPES, value) ? t(`segments.values.ownership.${value}`) : value;
    case 'company.employeeBand':
      return isOneOf(EMPLOYEE_BANDS, value) ? t(`segments.values.employeeBand.${value}`) : value;
    case 'company.revenueBand':
      return isOneOf(REVENUE_BANDS, value) ? t(`segments.values.revenueBand.${value}`) : value;
    default:
      return value;
  }
}

function label(entry: { en: string; zh: string }, locale: Locale): string {
  return locale === 'zh-CN' ? entry.zh : entry.en;
}

/** A translated message for a validator problem, more precise than its English `message`. */
function problemText(t: TFunction, problem: BuilderProblem, node: SegmentNode | undefined): string {
  switch (problem.code) {
    case 'segment.too_deep':
      return t('segments.problems.too_deep', { depth: SEGMENT_LIMITS.depth });
    case 'segment.too_many_conditions':
      return t('segments.problems.too_many_conditions', { max: SEGMENT_LIMITS.conditions });
    case 'segment.bad_operator':
      return t('segments.problems.bad_operator');
    case 'segment.bad_value': {
      if (node?.kind !== 'condition') return problem.message;
      switch (valueShape(node.field, node.op)) {
        case 'none':
          return t('segments.problems.takesNoValue');
        case 'range':
          return t('segments.problems.needsRange');
        case 'number':
          return t('segments.problems.needsNumber');
        case 'text':
          return t('segments.problems.needsText');
        case 'list': {
          const unknown = unknownValues(node);
          return unknown.length ? t('segments.problems.unknownValues', { values: unknown.join(', ') }) : t('segments.problems.needsList');
        }
      }
      return problem.message;
    }
    default:
      // Problems the server found that the builder did not (its details carry no code): its own words.
      return problem.message;
  }
}

/** Field, operator and value labels in the UI language, and the option lists built from them. */
export function useSegmentLabels() {
  const { t } = useTranslation();
  const { locale } = useFormat();
  return useMemo(() => {
    const field = (name: SegmentField): string => label(SEGMENT_FIELDS[name].label, locale);
    const fieldOptions: OptionGroup[] = (['company', 'contact'] as const).map((entity) => ({
      label: t(`segments.builder.fieldGroups.${entity}`),
      options: SEGMENT_FIELD_NAMES.filter((name) => SEGMENT_FIELDS[name].entity === entity).map((name) => ({ value: name, label: field(name) })),
    }));
    const industryOptions: LabeledOption[] = INDUSTRY_TAXONOMY.map((industry) => ({ value: industry.code, label: label(industry, locale) }));
    const subIndustryOptions: OptionGroup[] = INDUSTRY_TAXONOMY.map((industry) => ({
      label: label(industry, locale),
      options: industry.subIndustries.map((sub) => ({ value: sub.code, label: label(sub, locale) })),
    }));
    return {
      field,
      fieldOptions,
      industryOptions,
      subIndustryOptions,
      operator: (op: string): string => (isOneOf(OPERATOR_NAMES, op) ? t(`segments.operators.${op}`) : op),
      enumOptions: (name: SegmentField): LabeledOption[] =>
        (fieldDefinition(name).values ?? []).map((value) => ({ value, label: enumLabel(t, name, value) })),
      problem: (problem: BuilderProblem, node: SegmentNode | undefined): string => problemText(t, problem, node),
    };
  }, [t, locale]);
}
