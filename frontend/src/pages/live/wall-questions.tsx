import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QaQuestionFull } from '@fulcrum/shared';
import { trackArrivals, wallQuestions } from '@/pages/live/moderation-queue';

/** More would not be readable from the back of a room; the oldest drop off the bottom. */
const WALL_QUESTIONS_MAX = 12;

/**
 * The wall's questions column: approved questions, pinned first, then the latest approved on top. The
 * venue screen is public: an anonymous question shows no name, and nothing of the asker's company.
 */
export function WallQuestions({ questions }: { questions: readonly QaQuestionFull[] }) {
  const { t } = useTranslation();
  const [arrivals, setArrivals] = useState<ReadonlyMap<string, number>>(() => new Map());
  useEffect(() => setArrivals((seen) => trackArrivals(seen, questions)), [questions]);
  const shown = useMemo(() => wallQuestions(questions, arrivals).slice(0, WALL_QUESTIONS_MAX), [questions, arrivals]);

  return (
    <section className="live-wall-column" data-testid="wall-questions">
      <h2 className="live-wall-column-title">{t('liveConsole.wall.questions')}</h2>
      {shown.length === 0 ? (
        <p className="live-wall-empty" data-testid="wall-questions-empty">
          {t('liveConsole.wall.noQuestions')}
        </p>
      ) : (
        <ol className="live-wall-questions">
          {shown.map((question) => (
            <li
              key={question.id}
              className={`live-wall-question${question.pinned ? ' live-wall-question--pinned' : ''}`}
              data-testid="wall-question"
              data-id={question.id}
              data-pinned={question.pinned}
            >
              {question.pinned ? <span className="live-wall-pin">{t('liveConsole.wall.pinned')}</span> : null}
              {/* Typed by an attendee: a text node, never HTML. */}
              <p className="live-wall-question-text" data-testid="wall-question-text">
                {question.text}
              </p>
              <p className="live-wall-question-meta">
                <span data-testid="wall-question-asker">{question.anonymous ? t('liveConsole.wall.anonymous') : question.asker.name}</span>
                <span className="live-wall-votes">{t('liveConsole.wall.votes', { count: question.upvotes })}</span>
                {question.answeredAt ? <span className="live-wall-answered">{t('liveConsole.wall.answered')}</span> : null}
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
