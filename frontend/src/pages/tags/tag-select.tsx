import { useMemo } from 'react';
import { Tag as AntTag, Select } from 'antd';
import type { SelectProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TagColor } from '@fulcrum/shared';
import { useTagCatalog } from '@/pages/tags/use-tag-catalog';

export interface TagOptionData {
  value: string;
  label: string;
  color: TagColor;
  /** Tag and category names, for the search box. */
  search: string;
}

/**
 * What every tag select shares: the catalog's tags as options grouped by category (less `exclude`),
 * each shown in its colour, and typing searches tag and category names.
 */
export function useTagOptions(exclude?: ReadonlySet<string>) {
  const catalog = useTagCatalog();
  const options = useMemo(
    () =>
      (catalog.categories ?? [])
        .map((category) => ({
          label: category.name,
          title: category.name,
          options: category.tags
            .filter((tag) => !exclude?.has(tag.id))
            .map((tag): TagOptionData => ({ value: tag.id, label: tag.name, color: tag.color ?? category.color, search: `${tag.name} ${category.name}`.toLowerCase() })),
        }))
        .filter((group) => group.options.length > 0),
    [catalog.categories, exclude],
  );
  const selectProps = {
    // Groups of options: antd takes them in `options`, though its type names only the options themselves.
    options: options as unknown as TagOptionData[],
    loading: catalog.loading,
    popupMatchSelectWidth: false,
    // Also asked about each group, which has no `search`: a group matches through its tags only.
    showSearch: { filterOption: (input: string, option?: TagOptionData) => Boolean(option?.search?.includes(input.trim().toLowerCase())) },
    optionRender: (option: { data: TagOptionData }) => (
      <AntTag color={option.data.color} variant="filled" className="tag-option">
        {option.data.label}
      </AntTag>
    ),
  };
  return { catalog, selectProps };
}

type PassThrough = Pick<SelectProps, 'status' | 'className' | 'placeholder' | 'disabled' | 'autoFocus' | 'open' | 'onOpenChange' | 'onBlur' | 'size'> & {
  'data-testid'?: string;
  'aria-label'?: string;
};

/**
 * Picks tags from the catalog, grouped by category and shown in their colours; typing searches tag
 * and category names. A chosen id that no longer exists (the tag was deleted) shows as such.
 */
export function TagSelect({
  value,
  onChange,
  exclude,
  ...rest
}: PassThrough & {
  value: string[];
  onChange: (tagIds: string[]) => void;
  /** Tags not offered (say, those a record already has). */
  exclude?: ReadonlySet<string>;
}) {
  const { t } = useTranslation();
  const { catalog, selectProps } = useTagOptions(exclude);

  const empty = catalog.categories !== null && catalog.categories.every((category) => category.tags.length === 0);

  return (
    <Select<string[], TagOptionData>
      {...rest}
      {...selectProps}
      mode="multiple"
      allowClear
      value={value}
      onChange={(next) => onChange(next)}
      notFoundContent={empty ? t('tags.select.noTags') : t('tags.select.noMatch')}
      tagRender={({ value: id, closable, onClose }) => {
        const known = catalog.byId.get(String(id));
        return (
          <AntTag
            color={known?.color}
            closable={closable}
            onClose={onClose}
            onMouseDown={(event) => event.stopPropagation()}
            className="tag-chosen"
            data-testid="tag-chosen"
          >
            {known ? known.tag.name : catalog.loading ? '…' : t('tags.deletedTag')}
          </AntTag>
        );
      }}
    />
  );
}
