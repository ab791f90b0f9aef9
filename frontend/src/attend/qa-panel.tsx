import { useId, useMemo, useState, type FormEvent } from 'react';
import { QA_LIMITS, sortQuestions } from '@fulcrum/shared';
import type { LiveError, QaSort } from '@fulcrum/shared';
import { useLocale } from '@/attend/locale';
import { askErrorKey, myStatusOf } from '@/attend/live-qa';
import type { MessageKey } from '@/attend/messages';
import type { AttendeeQa } from '@/attend/use-attendee-live';

interface QaPanelProps {
  qa: AttendeeQa;
  /** False while (re)connecting: nothing can be sent. */
  connected: boolean;
  ask(text: string, anonymous: boolean): Promise<{ ok: true } | { ok: false; error: LiveError }>;
  upvote(questionId: string): Promise<{ ok: true } | { ok: false; error: LiveError }>;
}

/**
 * Q&A on the join page: ask (moderated before others see it), one's own questions with their status,
 * and the approved questions to upvote. Question text is plain text: rendered as React text nodes only.
 */
export function QaPanel({ qa, connected, ask, upvote }: QaPanelProps) {
  const { t } = useLocale();
  const id = useId();
  const [text, setText] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: true } | { ok: false; key: MessageKey } | null>(null);
  const [sort, setSort] = useState<QaSort>('votes');
  const [voteFailed, setVoteFailed] = useState(false);
  const [voting, setVoting] = useState<string[]>([]);

  const questions = useMemo(() => sortQuestions(qa.questions, sort), [qa.questions, sort]);
  const mine = useMemo(() => [...qa.mine].sort((a, b) => b.createdAt.localeCompare(a.createdAt)), [qa.mine]);
  const mineIds = useMemo(() => new Set(qa.mine.map((q) => q.id)), [qa.mine]);
  const trimmed = text.trim();
  const votesText = (count: number) => (count === 1 ? t('qa.vote1') : t('qa.votes', { count }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!trimmed || sending) return;
    setSending(true);
    setOutcome(null);
    const reply = await ask(trimmed, anonymous);
    setSending(false);
    if (reply.ok) {
      setText('');
      setOutcome({ ok: true });
    } else {
      // The typed text stays, to be sent again.
      setOutcome({ ok: false, key: askErrorKey(reply.error) });
    }
  };

  const vote = async (questionId: string) => {
    setVoting((current) => [...current, questionId]);
    setVoteFailed(false);
    const reply = await upvote(questionId);
    setVoting((current) => current.filter((q) => q !== questionId));
    if (!reply.ok) setVoteFailed(true);
  };

  return (
    <section className="attend-card attend-qa" data-testid="qa">
      <h2>{t('qa.title')}</h2>
      <form className="attend-qa-form" onSubmit={(e) => void submit(e)} data-testid="qa-form">
        <label className="attend-label" htmlFor={`${id}-text`}>
          {t('qa.label')}
        </label>
        <textarea
          id={`${id}-text`}
          className="attend-input attend-textarea attend-qa-text"
          value={text}
          maxLength={QA_LIMITS.textMax}
          rows={3}
          placeholder={t('qa.placeholder')}
          onChange={(e) => setText(e.target.value)}
          aria-describedby={`${id}-counter`}
          data-testid="qa-text"
        />
        <div className="attend-qa-row">
          <label className="attend-choice attend-choice--single">
            <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} data-testid="qa-anonymous" />
            <span>{t('qa.anonymous')}</span>
          </label>
          <span className="attend-qa-counter" id={`${id}-counter`} data-testid="qa-counter">
            {t('qa.counter', { count: text.length, max: QA_LIMITS.textMax })}
          </span>
        </div>
        <button type="submit" className="attend-button" disabled={!trimmed || sending || !connected} data-testid="qa-submit">
          {t(sending ? 'qa.sending' : 'qa.submit')}
        </button>
        {outcome?.ok && (
          <p className="attend-notice attend-notice--ok" role="status" data-testid="qa-sent">
            {t('qa.sent')}
          </p>
        )}
        {outcome && !outcome.ok && (
          <p className="attend-banner" role="alert" data-testid="qa-error" data-key={outcome.key}>
            {t(outcome.key, { seconds: QA_LIMITS.askEveryMs / 1000, max: QA_LIMITS.textMax })}
          </p>
        )}
      </form>

      {mine.length > 0 && (
        <div className="attend-qa-mine" data-testid="qa-mine">
          <h3>{t('qa.mine')}</h3>
          <ul className="attend-qa-list">
            {mine.map((question) => {
              const status = myStatusOf(question);
              return (
                <li key={question.id} className="attend-qa-item" data-testid="qa-mine-item" data-id={question.id} data-status={status}>
                  <p className="attend-qa-question">{question.text}</p>
                  <p className="attend-qa-meta">
                    <span className={`attend-qa-status attend-qa-status--${status}`} data-testid="qa-mine-status">
                      {t(`qa.status.${status}`)}
                    </span>
                    {question.status === 'approved' && <span>{votesText(question.upvotes)}</span>}
                  </p>
                  {question.answerText && question.status !== 'hidden' && (
                    <p className="attend-qa-answer">
                      <strong>{t('qa.answer')}: </strong>
                      {question.answerText}
                    </p>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      )}

      <div className="attend-qa-public">
        <div className="attend-qa-head">
          <h3>{t('qa.list')}</h3>
          <div className="attend-qa-sort" role="group" aria-label={t('qa.sort.label')}>
            {(['votes', 'time'] as const).map((by) => (
              <button key={by} type="button" className="attend-qa-sort-button" aria-pressed={sort === by} onClick={() => setSort(by)} data-testid={`qa-sort-${by}`}>
                {t(by === 'votes' ? 'qa.sort.votes' : 'qa.sort.time')}
              </button>
            ))}
          </div>
        </div>
        {voteFailed && (
          <p className="attend-banner" role="alert" data-testid="qa-vote-error">
            {t('qa.vote.error')}
          </p>
        )}
        {questions.length === 0 ? (
          <p className="attend-muted" data-testid="qa-empty">
            {t('qa.empty')}
          </p>
        ) : (
          <ul className="attend-qa-list" data-testid="qa-list">
            {questions.map((question) => {
              const voted = qa.votes.includes(question.id);
              const disabled = voted || qa.voteRefused.includes(question.id) || voting.includes(question.id) || !connected;
              return (
                <li key={question.id} className={`attend-qa-item${question.pinned ? ' attend-qa-item--pinned' : ''}`} data-testid="qa-question" data-id={question.id}>
                  <div className="attend-qa-body">
                    <p className="attend-qa-meta">
                      {question.pinned && <span className="attend-qa-tag attend-qa-tag--pinned">{t('qa.pinned')}</span>}
                      {question.answeredAt && (
                        <span className="attend-qa-tag attend-qa-tag--answered" data-testid="qa-answered">
                          {t('qa.answered')}
                        </span>
                      )}
                      <span className="attend-qa-asker" data-testid="qa-asker">
                        {question.anonymous || !question.askerName ? t('qa.anonymousAsker') : question.askerName}
                      </span>
                    </p>
                    <p className="attend-qa-question" data-testid="qa-text-shown">
                      {question.text}
                    </p>
                    {question.answerText && (
                      <p className="attend-qa-answer" data-testid="qa-answer">
                        <strong>{t('qa.answer')}: </strong>
                        {question.answerText}
                      </p>
                    )}
                  </div>
                  <button
                    type="button"
                    className="attend-qa-vote"
                    disabled={disabled}
                    aria-pressed={voted}
                    aria-label={`${t(voted ? 'qa.upvoted' : 'qa.upvote')} (${votesText(question.upvotes)})`}
                    onClick={() => void vote(question.id)}
                    data-testid="qa-upvote"
                    data-mine={mineIds.has(question.id) ? 'true' : undefined}
                  >
                    <span aria-hidden="true">▲</span>
                    <span data-testid="qa-votes">{question.upvotes}</span>
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </section>
  );
}
