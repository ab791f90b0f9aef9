import { Input, InputNumber, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { SEGMENT_LIMITS } from '@fulcrum/shared';
import type { SegmentCondition } from '@fulcrum/shared';
import { fieldDefinition, valueShape } from '@/pages/segments/filter-tree';
import type { ConditionValue } from '@/pages/segments/filter-tree';
import { useSegmentLabels } from '@/pages/segments/segment-labels';
import { TagSelect } from '@/pages/tags/tag-select';

// Chosen values wrap onto more lines, so the condition reads in full; very long lists fold the rest.
const VISIBLE_TAGS = 12;
const TAXONOMY_FIELDS: ReadonlySet<string> = new Set(['company.industry', 'company.subIndustry']);
// Pasting "SAP, Oracle" or "SAP，Oracle" from a spreadsheet makes two values.
const TOKEN_SEPARATORS = [',', '，', ';', '；', '\n'];

function asList(value: ConditionValue): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

/** Typed values: trimmed, not empty, each once, and no longer than the API accepts. */
function cleanList(values: string[]): string[] {
  const cleaned = values.map((value) => value.trim().slice(0, SEGMENT_LIMITS.textLength)).filter((value) => value !== '');
  return [...new Set(cleaned)].slice(0, SEGMENT_LIMITS.values);
}

function asNumber(value: string | number | undefined): number | null {
  return typeof value === 'number' ? value : null;
}

/** The value editor that fits the condition's field type and operator; nothing for operators without a value. */
export function ConditionValueEditor({
  condition,
  invalid,
  onChange,
}: {
  condition: SegmentCondition;
  invalid: boolean;
  onChange: (value: ConditionValue) => void;
}) {
  const { t } = useTranslation();
  const labels = useSegmentLabels();
  const { field, op, value } = condition;
  const definition = fieldDefinition(field);
  const shape = valueShape(field, op);
  const status = invalid ? 'warning' : undefined;
  const ariaLabel = t('segments.builder.value');

  if (shape === 'none') return null;

  // Tag fields hold tag ids: picked from the catalog, grouped by category.
  if (definition.reference === 'tag' && shape === 'list') {
    return (
      <TagSelect
        data-testid="condition-value"
        aria-label={ariaLabel}
        className="condition-value"
        status={status}
        placeholder={t('tags.select.placeholder')}
        value={asList(value)}
        onChange={(next) => onChange(next)}
      />
    );
  }

  if (TAXONOMY_FIELDS.has(field) && (shape === 'list' || shape === 'text')) {
    const options = field === 'company.industry' ? labels.industryOptions : labels.subIndustryOptions;
    const common = {
      'data-testid': 'condition-value',
      'aria-label': ariaLabel,
      className: 'condition-value',
      status,
      options,
      showSearch: { optionFilterProp: 'label' },
      popupMatchSelectWidth: false,
    } as const;
    // Only the taxonomy codes can match, so contains / starts with keep a free text box below.
    if (shape === 'list') {
      return (
        <Select<string[]>
          {...common}
          mode="multiple"
          allowClear
          maxTagCount={VISIBLE_TAGS}
          placeholder={t('segments.builder.placeholders.choose')}
          value={asList(value)}
          onChange={(next) => onChange(next)}
        />
      );
    }
    if (op === 'equals' || op === 'not_equals') {
      return (
        <Select<string>
          {...common}
          placeholder={t('segments.builder.placeholders.chooseOne')}
          value={typeof value === 'string' && value !== '' ? value : undefined}
          onChange={(next) => onChange(next ?? '')}
        />
      );
    }
  }

  if (shape === 'list' && definition.values) {
    return (
      <Select<string[]>
        data-testid="condition-value"
        aria-label={ariaLabel}
        className="condition-value"
        status={status}
        mode="multiple"
        allowClear
        maxTagCount={VISIBLE_TAGS}
        placeholder={t('segments.builder.placeholders.choose')}
        options={labels.enumOptions(field)}
        showSearch={{ optionFilterProp: 'label' }}
        value={asList(value)}
        onChange={(next) => onChange(next)}
      />
    );
  }

  if (shape === 'list') {
    return (
      <Select<string[]>
        data-testid="condition-value"
        aria-label={ariaLabel}
        className="condition-value"
        status={status}
        mode="tags"
        allowClear
        maxTagCount={VISIBLE_TAGS}
        tokenSeparators={TOKEN_SEPARATORS}
        placeholder={t(definition.type === 'tags' ? 'segments.builder.placeholders.tags' : 'segments.builder.placeholders.list')}
        suffixIcon={null}
        notFoundContent={null}
        value={asList(value)}
        onChange={(next) => onChange(cleanList(next))}
      />
    );
  }

  if (shape === 'range') {
    const [from, to] = Array.isArray(value) ? value : [];
    const set = (index: 0 | 1, next: number | null) => {
      const pair: (string | number)[] = [from ?? '', to ?? ''];
      pair[index] = next ?? '';
      onChange(pair);
    };
    return (
      <Space.Compact className="condition-value condition-range" data-testid="condition-value">
        <InputNumber<number>
          aria-label={t('segments.builder.placeholders.from')}
          placeholder={t('segments.builder.placeholders.from')}
          status={typeof from === 'number' ? undefined : status}
          value={asNumber(from)}
          onChange={(next) => set(0, next)}
        />
        <InputNumber<number>
          aria-label={t('segments.builder.placeholders.to')}
          placeholder={t('segments.builder.placeholders.to')}
          status={typeof to === 'number' ? undefined : status}
          value={asNumber(to)}
          onChange={(next) => set(1, next)}
        />
      </Space.Compact>
    );
  }

  if (shape === 'number') {
    return (
      <InputNumber<number>
        data-testid="condition-value"
        aria-label={ariaLabel}
        className="condition-value"
        status={status}
        placeholder={t('segments.builder.placeholders.number')}
        value={typeof value === 'number' ? value : null}
        onChange={(next) => onChange(next ?? undefined)}
      />
    );
  }

  return (
    <Input
      data-testid="condition-value"
      aria-label={ariaLabel}
      className="condition-value"
      status={status}
      maxLength={SEGMENT_LIMITS.textLength}
      placeholder={t('segments.builder.placeholders.text')}
      value={typeof value === 'string' ? value : ''}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}
