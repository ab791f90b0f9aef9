import { Input } from 'antd';
import { SearchOutlined } from '@ant-design/icons';

/** The search box at the head of a list page: its label is also its placeholder. */
export function ToolbarSearch({ label, value, onChange, testId }: { label: string; value: string; onChange: (value: string) => void; testId: string }) {
  return (
    <Input
      allowClear
      prefix={<SearchOutlined />}
      placeholder={label}
      aria-label={label}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      className="toolbar-search"
      data-testid={testId}
    />
  );
}
