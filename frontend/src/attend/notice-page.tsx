import { useLocale } from '@/attend/locale';

/** A whole-page message: an unknown event, a link that is not valid. */
export function NoticePage({ title, text, testId }: { title: string; text: string; testId: string }) {
  return (
    <section className="attend-card attend-notice-page" data-testid={testId}>
      <h1 className="attend-title">{title}</h1>
      <p>{text}</p>
    </section>
  );
}

export function Loading() {
  const { t } = useLocale();
  return (
    <p className="attend-loading" role="status" data-testid="loading">
      {t('app.loading')}
    </p>
  );
}

/** The page's data did not come (a dropped connection, a server error): say so and offer to try again. */
export function LoadFailed({ onRetry }: { onRetry: () => void }) {
  const { t } = useLocale();
  return (
    <section className="attend-card attend-notice-page" data-testid="load-failed">
      <p>{t('app.loadFailed')}</p>
      <button type="button" className="attend-button" onClick={onRetry}>
        {t('app.retry')}
      </button>
    </section>
  );
}
