import { useId, useMemo, useState, type FormEvent } from 'react';
import type { LiveError, Poll } from '@fulcrum/shared';
import { useLocale } from '@/attend/locale';
import { type AttendeePolls, resultBars, toggleChoice, visiblePolls, voteErrorKey } from '@/attend/live-polls';
import type { MessageKey } from '@/attend/messages';

interface PollPanelProps {
  polls: AttendeePolls;
  /** False while (re)connecting: nothing can be sent. */
  connected: boolean;
  /** The event has ended (the replay): polls take no more answers, so none shows as open. */
  replay: boolean;
  vote(pollId: string, optionIds: string[]): Promise<{ ok: true } | { ok: false; error: LiveError }>;
}

/**
 * Live polls on the join page: each launched poll with its options (one or several), the person's answer
 * once given (answers are final), and the results when the organizer shares them (after answering or
 * once closed). Nothing shows until a poll is launched. Poll texts are plain text: rendered as React
 * text nodes only.
 */
export function PollPanel({ polls, connected, replay, vote }: PollPanelProps) {
  const { t } = useLocale();
  const list = useMemo(() => visiblePolls(polls), [polls]);
  if (list.length === 0) return null;
  return (
    <section className="attend-card attend-polls" data-testid="polls">
      <h2>{t('poll.title')}</h2>
      <ul className="attend-poll-list">
        {list.map((poll) => (
          <PollCard key={poll.id} poll={poll} answer={polls.answers[poll.id] ?? null} open={poll.status === 'open' && !replay} connected={connected} vote={vote} />
        ))}
      </ul>
    </section>
  );
}

interface PollCardProps {
  poll: Poll;
  answer: string[] | null;
  /** Takes answers now. */
  open: boolean;
  connected: boolean;
  vote: PollPanelProps['vote'];
}

function PollCard({ poll, answer, open, connected, vote }: PollCardProps) {
  const { t } = useLocale();
  const id = useId();
  const [selected, setSelected] = useState<string[]>([]);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<MessageKey | null>(null);
  const textOf = (optionId: string) => poll.options.find((option) => option.id === optionId)?.text ?? '';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!selected.length || sending) return;
    setSending(true);
    setError(null);
    const reply = await vote(poll.id, selected);
    setSending(false);
    if (!reply.ok) setError(voteErrorKey(reply.error));
  };

  return (
    <li className={`attend-poll attend-poll--${open ? 'open' : 'closed'}`} data-testid="poll" data-id={poll.id} data-status={poll.status} data-answered={answer ? 'true' : 'false'}>
      <div className="attend-poll-head">
        <span className={`attend-poll-status attend-poll-status--${open ? 'open' : 'closed'}`} data-testid="poll-status">
          {t(open ? 'poll.status.open' : 'poll.status.closed')}
        </span>
        <span className="attend-muted attend-poll-kind">{t(poll.kind === 'single' ? 'poll.kind.single' : 'poll.kind.multiple')}</span>
      </div>
      <h3 className="attend-poll-question" id={`${id}-question`} data-testid="poll-question">
        {poll.question}
      </h3>

      {open && !answer && (
        <form className="attend-poll-form" onSubmit={(e) => void submit(e)} data-testid="poll-form">
          <fieldset className="attend-poll-options" aria-labelledby={`${id}-question`}>
            {poll.options.map((option) => (
              <label key={option.id} className="attend-poll-option">
                <input
                  type={poll.kind === 'single' ? 'radio' : 'checkbox'}
                  name={`${id}-choice`}
                  value={option.id}
                  checked={selected.includes(option.id)}
                  onChange={() => setSelected((current) => toggleChoice(poll.kind, poll.options, current, option.id))}
                  data-testid="poll-option"
                />
                <span>{option.text}</span>
              </label>
            ))}
          </fieldset>
          <button type="submit" className="attend-button" disabled={!selected.length || sending || !connected} data-testid="poll-submit">
            {t(sending ? 'poll.sending' : 'poll.submit')}
          </button>
          {error && (
            <p className="attend-banner" role="alert" data-testid="poll-error" data-key={error}>
              {t(error)}
            </p>
          )}
        </form>
      )}

      {answer && (
        <div className="attend-poll-answer" data-testid="poll-answer">
          <p className="attend-notice attend-notice--ok" role="status">
            {t('poll.thanks')}
          </p>
          <p>
            <strong>{t('poll.yourAnswer')}: </strong>
            <span data-testid="poll-answer-text">{answer.map(textOf).join(' · ')}</span>
          </p>
        </div>
      )}
      {!open && !answer && (
        <p className="attend-muted" data-testid="poll-missed">
          {t('poll.notAnswered')}
        </p>
      )}

      {/* Results (when shared) once the person answered or the poll closed, so the counts do not sway their choice. */}
      {poll.results && (answer || !open) ? (
        <PollResultsView poll={poll} answer={answer} />
      ) : (
        (answer || !open) && (
          <p className="attend-muted attend-poll-hidden" data-testid="poll-results-hidden">
            {t('poll.resultsHidden')}
          </p>
        )
      )}
    </li>
  );
}

function PollResultsView({ poll, answer }: { poll: Poll; answer: string[] | null }) {
  const { t } = useLocale();
  const respondents = poll.results?.respondents ?? 0;
  return (
    <div className="attend-poll-results" data-testid="poll-results">
      <p className="attend-poll-results-head">
        <strong>{t('poll.results')}</strong>
        <span className="attend-muted" data-testid="poll-respondents">
          {respondents === 1 ? t('poll.respondents1') : t('poll.respondents', { count: respondents })}
        </span>
      </p>
      <ul className="attend-poll-bars">
        {resultBars(poll).map((bar) => (
          <li key={bar.optionId} className={`attend-poll-bar${answer?.includes(bar.optionId) ? ' attend-poll-bar--mine' : ''}`} data-testid="poll-bar" data-votes={bar.votes}>
            <div className="attend-poll-bar-label">
              <span>{bar.text}</span>
              <span className="attend-poll-bar-figure">{t('poll.bar', { percent: bar.percent, votes: bar.votes })}</span>
            </div>
            <div className="attend-poll-bar-track" aria-hidden="true">
              <div className="attend-poll-bar-fill" style={{ width: `${bar.percent}%` }} />
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
