import type { ReactNode } from 'react';
import type { PublicEvent } from '@fulcrum/shared';
import { eventWhen, visitorTimeZone, zoneLabel } from '@/attend/event-time';
import { useLocale } from '@/attend/locale';

/** Title, format, when (the event's zone, and the visitor's when the clock differs there) and where. */
export function EventHero({ event, children }: { event: PublicEvent; children?: ReactNode }) {
  const { t, locale } = useLocale();
  const visitorZone = visitorTimeZone();
  const when = eventWhen(event.startsAt, event.endsAt, event.timeZone, visitorZone, locale);
  return (
    <header className="attend-hero">
      <span className={`attend-chip attend-chip--${event.format}`} data-testid="event-format">
        {t(`format.${event.format}`)}
      </span>
      <h1 className="attend-title" data-testid="event-title">
        {event.title}
      </h1>
      <dl className="attend-when">
        <div data-testid="event-time">
          <dt>{t('when.eventZone', { zone: zoneLabel(event.timeZone, event.startsAt, locale) })}</dt>
          <dd>{when.event}</dd>
        </div>
        {when.visitor && (
          <div data-testid="visitor-time">
            <dt>{t('when.visitorZone', { zone: zoneLabel(visitorZone, event.startsAt, locale) })}</dt>
            <dd>{when.visitor}</dd>
          </div>
        )}
        {event.venue && (
          <div data-testid="event-venue">
            <dt>{t('venue.title')}</dt>
            <dd>
              {event.venue.name}
              {event.venue.address && <span className="attend-muted"> · {event.venue.address}</span>}
            </dd>
          </div>
        )}
      </dl>
      {children}
    </header>
  );
}

/** What the landing page tells beyond the hero: description, agenda, speakers, how to get to the venue. */
export function EventDetails({ event }: { event: PublicEvent }) {
  const { t } = useLocale();
  return (
    <>
      {event.description.trim() && (
        <section className="attend-card">
          <h2>{t('about.title')}</h2>
          {/* The one server field rendered as HTML: the server keeps only safe markup when the organizer saves it. */}
          <div className="attend-description" data-testid="event-description" dangerouslySetInnerHTML={{ __html: event.description }} />
        </section>
      )}
      {event.agenda.length > 0 && (
        <section className="attend-card">
          <h2>{t('agenda.title')}</h2>
          <ol className="attend-agenda" data-testid="event-agenda">
            {event.agenda.map((item, index) => (
              <li key={index}>
                <time className="attend-agenda-time">{item.time}</time>
                <div>
                  <div>{item.title}</div>
                  {item.speaker && <div className="attend-muted">{item.speaker}</div>}
                </div>
              </li>
            ))}
          </ol>
        </section>
      )}
      {event.speakers.length > 0 && (
        <section className="attend-card">
          <h2>{t('speakers.title')}</h2>
          <ul className="attend-speakers" data-testid="event-speakers">
            {event.speakers.map((speaker, index) => (
              <li key={index}>
                {speaker.photoUrl ? (
                  <img className="attend-avatar" src={speaker.photoUrl} alt="" loading="lazy" referrerPolicy="no-referrer" width={56} height={56} />
                ) : (
                  <span className="attend-avatar attend-avatar--initial" aria-hidden="true">
                    {speaker.name.trim().charAt(0)}
                  </span>
                )}
                <div>
                  <div className="attend-speaker-name">{speaker.name}</div>
                  {(speaker.title || speaker.company) && <div className="attend-muted">{[speaker.title, speaker.company].filter(Boolean).join(' · ')}</div>}
                  {speaker.bio && <p className="attend-speaker-bio">{speaker.bio}</p>}
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
      {event.venue && (event.venue.address || event.venue.directions) && (
        <section className="attend-card">
          <h2>{t('venue.title')}</h2>
          <p className="attend-venue-name">{event.venue.name}</p>
          {event.venue.address && <p className="attend-muted">{event.venue.address}</p>}
          {event.venue.directions && (
            <>
              <h3>{t('venue.directions')}</h3>
              <p className="attend-pre">{event.venue.directions}</p>
            </>
          )}
        </section>
      )}
    </>
  );
}
