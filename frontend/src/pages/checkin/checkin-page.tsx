import { useEffect, useMemo, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { Alert, Button, Input, Segmented, Spin } from 'antd';
import { ArrowLeftOutlined, CameraOutlined, DesktopOutlined, SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { CheckInPerson, CheckInSearchResult } from '@fulcrum/shared';
import { useDocumentTitle } from '@/components/page-header';
import { LoadErrorAlert } from '@/components/load-error-alert';
import { codeMessage } from '@/i18n/error-message';
import { checkInApi } from '@/pages/checkin/checkin-api';
import { useQrCamera } from '@/pages/checkin/qr-camera';
import { feedTone } from '@/pages/checkin/scan-queue';
import type { FeedItem } from '@/pages/checkin/scan-queue';
import { useCheckInEvent } from '@/pages/checkin/use-check-in-event';
import { useCheckInQueue } from '@/pages/checkin/use-check-in-queue';
import type { QueueSync } from '@/pages/checkin/use-check-in-queue';
import '@/pages/checkin/checkin.css';

type Mode = 'scan' | 'search';

function useClock() {
  const { i18n } = useTranslation();
  return useMemo(() => new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit', hour12: false }), [i18n.language]);
}

function QueueBadge({ sync, pending, online }: { sync: QueueSync; pending: number; online: boolean }) {
  const { t } = useTranslation();
  const state = pending === 0 ? 'synced' : sync === 'stopped' ? 'stopped' : sync === 'sending' ? 'sending' : online ? 'retrying' : 'offline';
  const text =
    state === 'synced'
      ? t('checkin.queue.synced')
      : state === 'stopped'
        ? t('checkin.queue.stopped', { count: pending })
        : state === 'sending'
          ? t('checkin.queue.sending', { count: pending })
          : state === 'retrying'
            ? t('checkin.queue.retrying', { count: pending })
            : t('checkin.queue.waiting', { count: pending });
  return (
    <div className={`checkin-queue checkin-queue-${state}`} data-testid="checkin-queue" data-state={state} data-pending={pending} role="status">
      {text}
    </div>
  );
}

/**
 * The staff check-in page, phone first: scan the QR code of a confirmation with the camera or a
 * USB/2D scanner (it types into the scanner field and presses Enter), or search by name, email or
 * phone. Every scan goes through the device's queue, so it survives a dropped network and a reload.
 */
export function CheckInPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { overview, event, open, counts, onCounts } = useCheckInEvent(id);
  const queue = useCheckInQueue(id, onCounts);
  const clock = useClock();
  const [mode, setMode] = useState<Mode>('scan');
  const [code, setCode] = useState('');
  const [keyboard, setKeyboard] = useState(false);
  const [camera, setCamera] = useState(false);
  const [latestId, setLatestId] = useState<string | null>(null);
  const [duplicate, setDuplicate] = useState(false);
  const scanner = useRef<HTMLInputElement | null>(null);
  useDocumentTitle(event ? `${t('checkin.title')} · ${event.title}` : t('checkin.title'));
  const loaded = event !== null;

  const submit = (text: string, source: 'scan' | 'search') => {
    if (!text.trim()) return;
    const result = queue.add(text, source);
    setLatestId(result.item.clientScanId);
    setDuplicate(result.kind === 'duplicate');
    if (result.kind !== 'duplicate') navigator.vibrate?.(60);
  };
  const cam = useQrCamera(camera && mode === 'scan', 'environment', (text) => submit(text, 'scan'));

  // The scanner field keeps the focus (a USB scanner types wherever the focus is) unless staff moved it elsewhere on purpose.
  useEffect(() => {
    if (mode !== 'scan') return;
    const refocus = () => {
      setTimeout(() => {
        const active = document.activeElement;
        const typing = active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement;
        if (!typing) scanner.current?.focus({ preventScroll: true });
      }, 150);
    };
    refocus();
    document.addEventListener('focusout', refocus);
    return () => document.removeEventListener('focusout', refocus);
  }, [mode, loaded]);

  const onScan = (e: FormEvent) => {
    e.preventDefault();
    submit(code, 'scan');
    setCode('');
  };

  const latest = queue.state.feed.find((item) => item.clientScanId === latestId) ?? null;
  const outcome = (item: FeedItem) => {
    switch (item.status) {
      case 'already_checked_in':
        return t('checkin.outcomes.already_checked_in', { time: item.attendee?.checkedInAt ? clock.format(new Date(item.attendee.checkedInAt)) : '—' });
      case 'not_registered':
        return t('checkin.outcomes.not_registered', { status: item.attendee ? t(`checkin.statuses.${item.attendee.status}`) : '' });
      case 'failed':
        return t('checkin.outcomes.failed', { error: codeMessage(t, item.error ?? '', item.error ?? '') });
      default:
        return t(`checkin.outcomes.${item.status}`);
    }
  };

  if (overview.error) {
    return (
      <div className="checkin-shell">
        <LoadErrorAlert error={overview.error} onRetry={overview.reload} />
      </div>
    );
  }
  if (!event) {
    return (
      <div className="checkin-shell checkin-loading">
        <Spin />
      </div>
    );
  }

  return (
    <div className="checkin-shell" data-testid="checkin-page">
      <header className="checkin-header">
        <Link to={`/events/${event.id}`} className="checkin-back" aria-label={t('checkin.back')}>
          <ArrowLeftOutlined />
        </Link>
        <div className="checkin-heading">
          <div className="checkin-kicker">{t('checkin.title')}</div>
          <h1 className="checkin-title" data-testid="checkin-title">
            {event.title}
          </h1>
          {event.venueName ? <div className="checkin-venue">{event.venueName}</div> : null}
        </div>
        {counts ? (
          <div className="checkin-count" data-testid="checkin-count" data-checked-in={counts.checkedIn} data-registered={counts.registered}>
            <strong>{counts.checkedIn}</strong>
            <span>/ {counts.registered}</span>
          </div>
        ) : null}
      </header>

      <QueueBadge sync={queue.sync} pending={queue.pending} online={queue.online} />
      {open ? null : <Alert type="warning" showIcon title={t('checkin.unavailable')} data-testid="checkin-unavailable" />}

      {latest ? (
        <div className={`checkin-latest checkin-tone-${feedTone(latest)}`} data-testid="checkin-latest" data-status={latest.status} aria-live="assertive">
          <div className="checkin-latest-name">{latest.attendee?.name ?? (latest.status === 'queued' ? t('checkin.feed.pendingPerson') : t('checkin.feed.unknownPerson'))}</div>
          <div className="checkin-latest-outcome">{duplicate ? t('checkin.duplicate') : outcome(latest)}</div>
          {latest.attendee?.company ? <div className="checkin-latest-company">{latest.attendee.company}</div> : null}
        </div>
      ) : null}

      <Segmented<Mode>
        block
        value={mode}
        onChange={setMode}
        options={[
          { value: 'scan', label: t('checkin.modes.scan'), icon: <CameraOutlined /> },
          { value: 'search', label: t('checkin.modes.search'), icon: <SearchOutlined /> },
        ]}
        data-testid="checkin-mode"
      />

      {mode === 'scan' ? (
        <section className="checkin-scan">
          <form onSubmit={onScan} className="checkin-scanner">
            <label htmlFor="checkin-scanner-input" className="checkin-label">
              {t('checkin.scanner.label')}
            </label>
            <div className="checkin-scanner-row">
              <input
                id="checkin-scanner-input"
                ref={scanner}
                className="checkin-scanner-input"
                data-testid="checkin-scanner-input"
                value={code}
                onChange={(e) => setCode(e.target.value)}
                placeholder={t('checkin.scanner.placeholder')}
                // Scanners type like a keyboard; a phone need not pop its on-screen keyboard for them.
                inputMode={keyboard ? 'text' : 'none'}
                autoComplete="off"
                autoCapitalize="off"
                spellCheck={false}
                enterKeyHint="go"
              />
              <Button htmlType="submit" type="primary" data-testid="checkin-scanner-submit">
                {t('checkin.scanner.submit')}
              </Button>
            </div>
            <Button type="link" size="small" onClick={() => setKeyboard((on) => !on)} className="checkin-keyboard" aria-pressed={keyboard}>
              {t('checkin.scanner.keyboard')}
            </Button>
          </form>

          <div className="checkin-camera">
            <Button block icon={<CameraOutlined />} onClick={() => setCamera((on) => !on)} data-testid="checkin-camera-toggle" data-camera={cam.state}>
              {camera ? t('checkin.camera.stop') : t('checkin.camera.start')}
            </Button>
            {camera ? (
              <>
                <div className="checkin-video-frame">
                  <video ref={cam.attach} className="checkin-video" data-testid="checkin-camera" muted playsInline />
                </div>
                <div className="checkin-camera-note">
                  {cam.state === 'starting'
                    ? t('checkin.camera.starting')
                    : cam.state === 'denied'
                      ? t('checkin.camera.denied')
                      : cam.state === 'unavailable'
                        ? t('checkin.camera.unavailable')
                        : t('checkin.camera.hint')}
                </div>
              </>
            ) : null}
          </div>
        </section>
      ) : (
        <SearchPanel eventId={event.id} onCheckIn={(person) => submit(person.registrationId, 'search')} feed={queue.state.feed} clock={clock} />
      )}

      <section className="checkin-feed">
        <h2>{t('checkin.feed.title')}</h2>
        {queue.state.feed.length === 0 ? <p className="checkin-muted">{t('checkin.feed.empty')}</p> : null}
        <ul data-testid="checkin-feed">
          {queue.state.feed.slice(0, 20).map((item) => (
            <li key={item.clientScanId} className={`checkin-feed-item checkin-tone-${feedTone(item)}`} data-testid="checkin-feed-item" data-status={item.status}>
              <span className="checkin-feed-time">{clock.format(new Date(item.scannedAt))}</span>
              <span className="checkin-feed-name">{item.attendee?.name ?? (item.status === 'queued' ? t('checkin.feed.pendingPerson') : t('checkin.feed.unknownPerson'))}</span>
              <span className="checkin-feed-outcome">{outcome(item)}</span>
            </li>
          ))}
        </ul>
      </section>

      <footer className="checkin-footer">
        <Link to={`/events/${event.id}/kiosk`} data-testid="checkin-kiosk-link">
          <DesktopOutlined /> {t('checkin.kioskLink')}
        </Link>
      </footer>
    </div>
  );
}

function SearchPanel({ eventId, onCheckIn, feed, clock }: { eventId: string; onCheckIn: (person: CheckInPerson) => void; feed: FeedItem[]; clock: Intl.DateTimeFormat }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [result, setResult] = useState<CheckInSearchResult | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const text = q.trim();
    if (!text) {
      setResult(null);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      checkInApi
        .search(eventId, text, controller.signal)
        .then((found) => {
          setResult(found);
          setError(null);
        })
        .catch((reason: unknown) => {
          if (!controller.signal.aborted) setError(reason);
        });
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [eventId, q]);

  // What this device did since the search: a person checked in here shows as such before the server says so.
  const local = (person: CheckInPerson) => feed.find((item) => item.attendee?.registrationId === person.registrationId || item.key === `registration:${person.registrationId}`);

  return (
    <section className="checkin-search">
      <Input.Search
        value={q}
        onChange={(e) => setQ(e.target.value)}
        placeholder={t('checkin.search.placeholder')}
        allowClear
        autoFocus
        data-testid="checkin-search-input"
        maxLength={100}
      />
      {error ? <LoadErrorAlert error={error} onRetry={() => setQ((text) => `${text}`)} /> : null}
      {!q.trim() ? <p className="checkin-muted">{t('checkin.search.hint')}</p> : null}
      {result && result.people.length === 0 ? <p className="checkin-muted">{t('checkin.search.empty')}</p> : null}
      <ul className="checkin-people">
        {result?.people.map((person) => {
          const mine = local(person);
          const checkedInAt = person.checkedInAt ?? (mine && mine.status !== 'queued' ? mine.attendee?.checkedInAt : null) ?? null;
          const waiting = mine?.status === 'queued';
          return (
            <li key={person.registrationId} className="checkin-person" data-testid="checkin-person">
              <div className="checkin-person-main">
                <div className="checkin-person-name">{person.name}</div>
                <div className="checkin-person-meta">{[person.company, person.email, person.phone].filter(Boolean).join(' · ')}</div>
                {person.status !== 'registered' ? <div className="checkin-person-status">{t(`checkin.statuses.${person.status}`)}</div> : null}
              </div>
              {checkedInAt ? (
                <span className="checkin-person-done" data-testid="checkin-person-done">
                  {t('checkin.search.checkedInAt', { time: clock.format(new Date(checkedInAt)) })}
                </span>
              ) : (
                <Button
                  type="primary"
                  disabled={person.status !== 'registered' || waiting}
                  loading={waiting}
                  onClick={() => onCheckIn(person)}
                  data-testid="checkin-person-checkin"
                >
                  {t('checkin.search.checkIn')}
                </Button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
