import { useState } from 'react';
import type { RegistrantCta } from '@fulcrum/shared';
import { attendApi } from '@/attend/api';
import { useLocale } from '@/attend/locale';
import type { MessageKey } from '@/attend/messages';
import { ctaFailure, ctaLabelKey } from '@/attend/survey';

type Outcome = { ctaId: string; url: string; label: string; opened: boolean } | { ctaId: string; error: MessageKey };

/**
 * The organizer's buttons (book a meeting, request a demo, a custom link). A tap is recorded first; the
 * server answers with the button's configured address, which opens in a new tab. The tab is opened
 * within the tap (popup blockers allow that) and pointed at the address once it arrives; where no tab
 * could be opened (some in-app browsers), a link to tap is shown instead.
 */
export function CtaPanel({ ctas, token }: { ctas: readonly RegistrantCta[]; token: string }) {
  const { t } = useLocale();
  const [busy, setBusy] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  if (ctas.length === 0) return null;

  const labelOf = (cta: RegistrantCta) => cta.label ?? t(ctaLabelKey(cta.kind));

  const click = async (cta: RegistrantCta) => {
    if (busy) return;
    const tab = window.open('', '_blank');
    setBusy(cta.id);
    setOutcome(null);
    try {
      const { url } = await attendApi.clickCta(token, cta.id);
      let opened = false;
      if (tab && !tab.closed) {
        tab.opener = null;
        tab.location.href = url;
        opened = true;
      }
      setOutcome({ ctaId: cta.id, url, label: labelOf(cta), opened });
    } catch (error) {
      tab?.close();
      setOutcome({ ctaId: cta.id, error: ctaFailure(error) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="attend-card attend-ctas" data-testid="ctas">
      <h2>{t('cta.title')}</h2>
      <div className="attend-cta-list">
        {ctas.map((cta) => (
          <button
            key={cta.id}
            type="button"
            className={`attend-button attend-cta attend-cta--${cta.kind}`}
            disabled={busy !== null}
            onClick={() => void click(cta)}
            data-testid="cta"
            data-id={cta.id}
          >
            {busy === cta.id ? t('cta.opening') : labelOf(cta)}
          </button>
        ))}
      </div>
      {outcome && 'url' in outcome && (
        <p className="attend-notice attend-notice--ok" role="status" data-testid="cta-opened">
          {outcome.opened && <>{t('cta.opened')} </>}
          <a className="attend-link" href={outcome.url} target="_blank" rel="noopener noreferrer" data-testid="cta-link">
            {t('cta.openManually', { label: outcome.label })}
          </a>
        </p>
      )}
      {outcome && 'error' in outcome && (
        <p className="attend-banner" role="alert" data-testid="cta-error">
          {t(outcome.error)}
        </p>
      )}
    </section>
  );
}
