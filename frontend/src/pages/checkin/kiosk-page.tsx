import { useEffect, useMemo, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { Button, Spin } from 'antd';
import { ExpandOutlined, LogoutOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useDocumentTitle } from '@/components/page-header';
import { LoadErrorAlert } from '@/components/load-error-alert';
import { useQrCamera } from '@/pages/checkin/qr-camera';
import { feedTone } from '@/pages/checkin/scan-queue';
import type { FeedItem } from '@/pages/checkin/scan-queue';
import { useCheckInEvent } from '@/pages/checkin/use-check-in-event';
import { useCheckInQueue } from '@/pages/checkin/use-check-in-queue';
import '@/pages/checkin/checkin.css';

/** How long an attendee's welcome stays before the kiosk is ready for the next one. */
const SHOW_RESULT_MS = 6_000;

/**
 * Self check-in on a tablet at the entrance, full screen and without the console around it: the
 * attendee shows the QR code of their confirmation to the camera (or to a scanner), or types their
 * email or phone number, and is welcomed by name. It shows nobody else's data: no list, no feed, and
 * the server tells a kiosk the name alone. Staff open it signed in, and leave it with the exit link.
 */
export function KioskPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const { overview, event, onCounts } = useCheckInEvent(id);
  const queue = useCheckInQueue(id, onCounts);
  const [code, setCode] = useState('');
  const [shownId, setShownId] = useState<string | null>(null);
  const input = useRef<HTMLInputElement | null>(null);
  const clock = useMemo(() => new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit', hour12: false }), [i18n.language]);
  useDocumentTitle(event ? t('checkin.kiosk.title', { event: event.title }) : t('checkin.kioskLink'));

  const submit = (text: string) => {
    if (!text.trim()) return;
    const result = queue.add(text, 'kiosk');
    setShownId(result.item.clientScanId);
  };
  const cam = useQrCamera(event !== null && shownId === null, 'user', submit);

  useEffect(() => {
    if (!shownId) return;
    const timer = setTimeout(() => setShownId(null), SHOW_RESULT_MS);
    return () => clearTimeout(timer);
  }, [shownId]);

  useEffect(() => {
    if (shownId === null) input.current?.focus({ preventScroll: true });
  }, [shownId, event]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    submit(code);
    setCode('');
  };

  if (overview.error) {
    return (
      <div className="kiosk-shell">
        <LoadErrorAlert error={overview.error} onRetry={overview.reload} />
      </div>
    );
  }
  if (!event) {
    return (
      <div className="kiosk-shell checkin-loading">
        <Spin />
      </div>
    );
  }

  const shown = shownId ? (queue.state.feed.find((item) => item.clientScanId === shownId) ?? null) : null;

  return (
    <div className="kiosk-shell" data-testid="kiosk-page">
      <div className="kiosk-tools">
        <Button type="text" icon={<ExpandOutlined />} onClick={() => void document.documentElement.requestFullscreen?.().catch(() => undefined)}>
          {t('checkin.kiosk.fullScreen')}
        </Button>
        <Link to={`/events/${event.id}/check-in`} className="kiosk-exit" data-testid="kiosk-exit">
          <LogoutOutlined /> {t('checkin.kiosk.exit')}
        </Link>
      </div>
      <h1 className="kiosk-title">{t('checkin.kiosk.title', { event: event.title })}</h1>

      {shown ? (
        <KioskResult item={shown} time={(at) => clock.format(new Date(at))} onNext={() => setShownId(null)} />
      ) : (
        <div className="kiosk-ready">
          <p className="kiosk-prompt">{t('checkin.kiosk.prompt')}</p>
          <div className={cam.state === 'on' || cam.state === 'starting' ? 'kiosk-video-frame' : 'kiosk-video-hidden'}>
            <video ref={cam.attach} className="checkin-video kiosk-video" data-testid="kiosk-camera" data-camera={cam.state} muted playsInline />
          </div>
          <form onSubmit={onSubmit} className="kiosk-form">
            <label htmlFor="kiosk-input" className="kiosk-type-prompt">
              {t('checkin.kiosk.typePrompt')}
            </label>
            <div className="kiosk-form-row">
              <input
                id="kiosk-input"
                ref={input}
                className="kiosk-input"
                data-testid="kiosk-input"
                value={code}
                onChange={(e) => setCode(e.target.value)}
                placeholder={t('checkin.kiosk.typePlaceholder')}
                autoComplete="off"
                autoCapitalize="off"
                spellCheck={false}
                maxLength={200}
                enterKeyHint="go"
              />
              <Button htmlType="submit" type="primary" size="large" data-testid="kiosk-submit">
                {t('checkin.kiosk.submit')}
              </Button>
            </div>
          </form>
        </div>
      )}
    </div>
  );
}

function KioskResult({ item, time, onNext }: { item: FeedItem; time: (at: string) => string; onNext: () => void }) {
  const { t } = useTranslation();
  const name = item.attendee?.name ?? '';
  let title: string;
  let body: string;
  switch (item.status) {
    case 'checked_in':
      title = t('checkin.kiosk.welcome', { name });
      body = t('checkin.kiosk.checkedIn');
      break;
    case 'already_checked_in':
      title = t('checkin.kiosk.welcomeBack', { name });
      body = item.attendee?.checkedInAt ? t('checkin.kiosk.alreadyCheckedIn', { time: time(item.attendee.checkedInAt) }) : t('checkin.kiosk.checkedIn');
      break;
    case 'queued':
      title = t('checkin.kiosk.queued');
      body = t('checkin.kiosk.queuedNote');
      break;
    case 'wrong_event':
      title = t('checkin.kiosk.wrongEvent');
      body = t('checkin.kiosk.seeDesk');
      break;
    case 'not_registered':
      title = t('checkin.kiosk.notRegistered');
      body = t('checkin.kiosk.seeDesk');
      break;
    case 'ambiguous':
      title = t('checkin.kiosk.ambiguous');
      body = t('checkin.kiosk.seeDesk');
      break;
    default:
      title = t('checkin.kiosk.notFound');
      body = t('checkin.kiosk.seeDesk');
  }
  return (
    <div className={`kiosk-result checkin-tone-${feedTone(item)}`} data-testid="kiosk-result" data-status={item.status} aria-live="assertive">
      <div className="kiosk-result-title" data-testid="kiosk-result-title">
        {title}
      </div>
      <div className="kiosk-result-body">{body}</div>
      <Button size="large" onClick={onNext} data-testid="kiosk-next">
        {t('checkin.kiosk.next')}
      </Button>
    </div>
  );
}
