import { Button, Empty, Flex, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** One filter of a list: "all" (no value) or one of `options`. */
export function FilterSelect<V extends string>({
  value,
  onChange,
  label,
  allLabel,
  options,
  'data-testid': testId,
}: {
  value: V | undefined;
  onChange: (value: V | null) => void;
  label: string;
  allLabel: string;
  options: Array<{ value: V; label: string }>;
  'data-testid': string;
}) {
  return (
    <Select<V | 'all'>
      value={value ?? 'all'}
      onChange={(next) => onChange(next === 'all' ? null : next)}
      aria-label={label}
      className="toolbar-select"
      data-testid={testId}
      options={[{ value: 'all', label: allLabel }, ...options]}
    />
  );
}

/** What a list shows when its search and filters match nothing, with a way to clear them. */
export function NoMatch({ title, body, onClear }: { title: string; body: string; onClear: () => void }) {
  const { t } = useTranslation();
  return (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={
        <Flex vertical gap={2} align="center">
          <Typography.Text strong>{title}</Typography.Text>
          <Typography.Text type="secondary">{body}</Typography.Text>
        </Flex>
      }
    >
      <Button onClick={onClear}>{t('accounts.noMatch.clear')}</Button>
    </Empty>
  );
}
