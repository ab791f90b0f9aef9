import { useState } from 'react';
import { AttendRequestError, attendApi } from '@/attend/api';
import { useLocale } from '@/attend/locale';
import type { MessageKey } from '@/attend/messages';
import { LoadFailed, Loading, NoticePage } from '@/attend/notice-page';
import { useDocumentTitle, useLoad } from '@/attend/use-load';

/**
 * `/u/:token`, the unsubscribe link of an invitation email. Opening it only shows the address: link
 * scanners of mail servers open every link, so only the button (a POST) unsubscribes.
 */
export function UnsubscribePage({ token }: { token: string }) {
  const { t } = useLocale();
  const { loaded, reload, replace } = useLoad((signal) => attendApi.unsubscribeState(token, signal), [token]);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<MessageKey | null>(null);
  useDocumentTitle(t('unsubscribe.pageTitle'));

  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'failed') {
    if (loaded.error instanceof AttendRequestError && loaded.error.status === 404) {
      return <NoticePage testId="unsubscribe-invalid" title={t('badToken.title')} text={t('unsubscribe.invalidText')} />;
    }
    return <LoadFailed onRetry={reload} />;
  }
  const { email, unsubscribed } = loaded.data;

  const unsubscribe = async () => {
    setBusy(true);
    setProblem(null);
    try {
      replace(await attendApi.unsubscribe(token));
    } catch (error) {
      setProblem(error instanceof AttendRequestError && error.code === 'invitations.not_found' ? 'error.invitationNotFound' : 'unsubscribe.failed');
    } finally {
      setBusy(false);
    }
  };

  if (unsubscribed) {
    return (
      <section className="attend-card attend-notice-page" data-testid="unsubscribe-done">
        <h1 className="attend-title">{t('unsubscribe.done')}</h1>
        <p className="attend-muted">{t('unsubscribe.doneText')}</p>
        <p className="attend-address" data-testid="unsubscribe-email">
          {email}
        </p>
      </section>
    );
  }
  return (
    <section className="attend-card attend-notice-page" data-testid="unsubscribe">
      <h1 className="attend-title">{t('unsubscribe.title')}</h1>
      <p className="attend-muted">{t('unsubscribe.text')}</p>
      <p className="attend-address" data-testid="unsubscribe-email">
        {email}
      </p>
      {problem && (
        <p className="attend-banner" role="alert" data-testid="unsubscribe-problem">
          {t(problem)}
        </p>
      )}
      <button type="button" className="attend-button attend-button--wide" disabled={busy} onClick={unsubscribe} data-testid="unsubscribe-submit">
        {t(busy ? 'unsubscribe.submitting' : 'unsubscribe.submit')}
      </button>
    </section>
  );
}
