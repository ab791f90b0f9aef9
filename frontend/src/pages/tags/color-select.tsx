import { Tag as AntTag, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { TAG_COLORS } from '@fulcrum/shared';
import type { TagColor } from '@fulcrum/shared';

/** '' stands for "no colour of its own" (a tag then shows in its category's colour). */
export type ColorChoice = TagColor | '';

/** The preset colours, each shown as a tag in that colour; `inheritFrom` adds "same as the category". */
export function ColorSelect({
  value,
  onChange,
  inheritFrom,
  id,
  'data-testid': testId,
}: {
  value?: ColorChoice;
  onChange?: (value: ColorChoice) => void;
  inheritFrom?: TagColor;
  id?: string;
  'data-testid'?: string;
}) {
  const { t } = useTranslation();
  const options = [
    ...(inheritFrom ? [{ value: '' as ColorChoice, label: t('tags.colors.inherit'), color: inheritFrom }] : []),
    ...TAG_COLORS.map((color) => ({ value: color as ColorChoice, label: t(`tags.colors.${color}`), color })),
  ];
  const render = (color: TagColor, label: string) => (
    <AntTag color={color} variant="filled" className="color-choice">
      {label}
    </AntTag>
  );
  return (
    <Select<ColorChoice, (typeof options)[number]>
      id={id}
      data-testid={testId}
      value={value ?? (inheritFrom ? '' : undefined)}
      onChange={(next) => onChange?.(next)}
      options={options}
      optionRender={(option) => render(option.data.color, option.data.label)}
      labelRender={({ value: chosen }) => {
        const option = options.find((candidate) => candidate.value === chosen);
        return option ? render(option.color, option.label) : null;
      }}
    />
  );
}
