import { Button, Card, Empty, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { EngagementSummary } from '@fulcrum/shared';
import { api } from '@/api/client';
import { LoadErrorAlert } from '@/components/load-error-alert';
import { useApiData } from '@/components/use-api-data';
import { sectionId } from '@/pages/events/event-form-sections';
import '@/pages/events/engagement.css';

type SurveyQuestionSummary = EngagementSummary['survey']['questions'][number];

function Figure({ name, count, testId }: { name: string; count: string; testId: string }) {
  return (
    <li className="engagement-figure" data-testid={testId}>
      <span className="engagement-figure-name">{name}</span>
      <Typography.Text strong className="engagement-figure-count" data-testid={`${testId}-count`}>
        {count}
      </Typography.Text>
    </li>
  );
}

function QuestionSummary({ question }: { question: SurveyQuestionSummary }) {
  const { t } = useTranslation();
  const most = Math.max(1, ...question.counts.map((c) => c.count));
  return (
    <div className="engagement-question" data-testid="engagement-question" data-id={question.id}>
      <Typography.Text strong>{question.prompt}</Typography.Text>
      <div>
        <Typography.Text type="secondary" data-testid="engagement-question-answered">
          {question.kind === 'rating' && question.average !== null
            ? t('events.engagement.average', { average: question.average.toFixed(1), count: question.answered })
            : t('events.engagement.answered', { count: question.answered })}
        </Typography.Text>
      </div>
      {question.counts.length > 0 ? (
        <div className="engagement-bars">
          {question.counts.map((c) => (
            <div key={c.id} className="engagement-bar-row" data-testid="engagement-option" data-id={c.id} data-count={c.count}>
              <span>{question.kind === 'rating' ? t('events.engagement.stars', { count: Number(c.label) }) : c.label}</span>
              <span className="engagement-bar" aria-hidden="true">
                <span style={{ width: `${(c.count / most) * 100}%` }} />
              </span>
              <Typography.Text className="engagement-figure-count">{c.count}</Typography.Text>
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
}

/**
 * What attendees did with the event: downloads per material (people and total), clicks per button
 * (people), survey responses and each question's numbers. Read-only; reload to see the latest.
 */
export function EventEngagement({ eventId }: { eventId: string | null }) {
  const { t } = useTranslation();
  const summary = useApiData((signal) => (eventId ? api.eventEngagement(eventId, { signal }) : Promise.resolve(null)), [eventId]);
  const data = summary.data;
  const reload = eventId ? (
    <Button size="small" icon={<ReloadOutlined />} onClick={summary.reload} loading={summary.loading} data-testid="engagement-reload">
      {t('events.engagement.reload')}
    </Button>
  ) : null;

  return (
    <Card id={sectionId('engagement')} title={t('events.sections.engagement')} extra={reload} className="event-section" data-testid="event-section-engagement">
      {!eventId ? (
        <Typography.Text type="secondary">{t('events.engagement.saveFirst')}</Typography.Text>
      ) : summary.error ? (
        <LoadErrorAlert error={summary.error} onRetry={summary.reload} />
      ) : !data ? null : (
        <>
          <section className="engagement-block" data-testid="engagement-materials">
            <Typography.Title level={5}>{t('events.engagement.downloads')}</Typography.Title>
            {data.materials.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('events.engagement.noMaterials')} className="event-list-empty" />
            ) : (
              <ul className="engagement-figures">
                {data.materials.map((m) => (
                  <Figure key={m.id} name={m.title} count={t('events.engagement.peopleAndTotal', { people: m.people, total: m.downloads })} testId="engagement-material" />
                ))}
              </ul>
            )}
          </section>
          <section className="engagement-block" data-testid="engagement-ctas">
            <Typography.Title level={5}>{t('events.engagement.ctaClicks')}</Typography.Title>
            {data.ctas.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('events.engagement.noCtas')} className="event-list-empty" />
            ) : (
              <ul className="engagement-figures">
                {data.ctas.map((c) => (
                  <Figure
                    key={c.id}
                    name={c.label ?? t(`events.ctas.kinds.${c.kind}`)}
                    count={t('events.engagement.peopleAndTotal', { people: c.people, total: c.clicks })}
                    testId="engagement-cta"
                  />
                ))}
              </ul>
            )}
          </section>
          <section className="engagement-block" data-testid="engagement-survey">
            <Typography.Title level={5}>{t('events.engagement.survey')}</Typography.Title>
            {data.survey.questions.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('events.engagement.noSurvey')} className="event-list-empty" />
            ) : (
              <>
                <Typography.Paragraph data-testid="engagement-responses" data-count={data.survey.responses}>
                  {t('events.engagement.responses', { count: data.survey.responses })}
                </Typography.Paragraph>
                {data.survey.questions.map((question) => (
                  <QuestionSummary key={question.id} question={question} />
                ))}
              </>
            )}
          </section>
        </>
      )}
    </Card>
  );
}
