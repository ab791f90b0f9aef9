import type { ReactNode } from 'react';
import { Alert, Button, Card, Spin, Typography } from 'antd';
import { DownloadOutlined, WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { SegmentTarget } from '@fulcrum/shared';
import { useFormat } from '@/components/format';
import { errorMessage } from '@/i18n/error-message';
import type { SegmentPreviewState } from '@/pages/segments/use-segment-preview';

/** The live count: big, always in view (sticky), and honest about being stale or still counting. */
export function SegmentCountPanel({
  target,
  state,
  blocked,
  exportHint,
}: {
  target: SegmentTarget;
  state: SegmentPreviewState;
  blocked: boolean;
  exportHint: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const { preview, previewTarget, loading, error } = state;
  const stale = blocked || loading || previewTarget !== target;
  const countedTarget = previewTarget ?? target;

  let status: ReactNode = null;
  if (blocked) {
    status = (
      <Typography.Text type="warning" className="segment-count-status">
        <WarningOutlined /> {t('segments.count.stale')}
      </Typography.Text>
    );
  } else if (error && !loading) {
    status = (
      <Alert
        type="error"
        showIcon
        className="segment-count-error"
        title={t('segments.count.failed', { error: errorMessage(t, error) })}
        action={
          <Button size="small" onClick={state.retry}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  } else if (loading) {
    status = (
      <Typography.Text type="secondary" className="segment-count-status">
        {t('segments.count.counting')}
      </Typography.Text>
    );
  } else if (preview) {
    status = (
      <Typography.Text type="secondary" className="segment-count-status">
        {t('segments.count.took', { ms: format.integer(preview.tookMs) })}
      </Typography.Text>
    );
  }

  return (
    <Card size="small" className="segment-count-card" title={t('segments.count.title')} extra={loading ? <Spin size="small" /> : null}>
      <div className={`segment-count-figure${stale ? ' is-stale' : ''}`} aria-live="polite" aria-busy={loading}>
        {preview ? (
          <span className="segment-count-number" data-testid="segment-count" data-count={preview.count} data-stale={stale}>
            {format.integer(preview.count)}
          </span>
        ) : (
          <span className="segment-count-number is-empty">{loading ? <Spin size="small" /> : t('common.none')}</span>
        )}
        <span className="segment-count-label">
          {t(countedTarget === 'companies' ? 'segments.count.companies' : 'segments.count.contacts', { count: preview?.count ?? 0 })}
        </span>
      </div>
      {status}
      <Typography.Text type="secondary" className="segment-count-export-hint">
        <DownloadOutlined /> {exportHint}
      </Typography.Text>
    </Card>
  );
}
