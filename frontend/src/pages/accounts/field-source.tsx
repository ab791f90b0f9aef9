import type { ReactNode } from 'react';
import { Tooltip } from 'antd';
import type { FieldSource } from '@fulcrum/shared';
import { useAccountLabels } from '@/pages/accounts/account-labels';

/** A field's value with where it came from (import, person, merge) on hover or focus. */
export function FieldSourceHint({ field, source, children }: { field: string; source: FieldSource | undefined; children: ReactNode }) {
  const labels = useAccountLabels();
  return (
    <Tooltip title={labels.source(source)} placement="topLeft">
      <span className="field-source" tabIndex={0} data-testid={`field-${field}`} data-source={source?.source ?? 'unknown'}>
        {children}
      </span>
    </Tooltip>
  );
}
