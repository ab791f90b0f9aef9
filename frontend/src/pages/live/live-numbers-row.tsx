import { Card, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from '@/components/format';
import type { LiveNumbers } from '@/pages/live/live-numbers';

function Figure({ id, title, value, value2, note }: { id: string; title: string; value: string; value2?: string; note?: string }) {
  return (
    <Card size="small" className="live-figure" data-testid={`live-number-${id}`} data-value={value}>
      <Statistic title={title} value={value} suffix={value2 ? <span className="live-figure-of">/ {value2}</span> : undefined} />
      {note ? (
        <Typography.Text type="secondary" className="live-figure-note">
          {note}
        </Typography.Text>
      ) : null}
    </Card>
  );
}

/** The live numbers: who is in the room now, who checked in, the questions, the current poll's turnout. */
export function LiveNumbersRow({ numbers }: { numbers: LiveNumbers }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { poll } = numbers;
  return (
    <div className="live-figures" data-testid="live-numbers">
      <Figure id="in-room" title={t('liveConsole.numbers.inRoom')} value={format.integer(numbers.inRoom)} note={t('liveConsole.numbers.inRoomNote')} />
      <Figure
        id="checked-in"
        title={t('liveConsole.numbers.checkedIn')}
        value={format.integer(numbers.checkedIn)}
        value2={format.integer(numbers.registered)}
        note={t('liveConsole.numbers.checkedInNote')}
      />
      <Figure
        id="questions"
        title={t('liveConsole.numbers.questions')}
        value={format.integer(numbers.pending)}
        note={t('liveConsole.numbers.questionsNote', { approved: format.integer(numbers.approved), answered: format.integer(numbers.answered) })}
      />
      {poll ? (
        <Figure
          id="poll-turnout"
          title={t(poll.open ? 'liveConsole.numbers.pollOpen' : 'liveConsole.numbers.pollLast')}
          value={format.integer(poll.respondents)}
          value2={format.integer(poll.audience)}
          note={poll.percent === null ? poll.question : t('liveConsole.numbers.pollNote', { percent: format.integer(poll.percent), question: poll.question })}
        />
      ) : (
        <Figure id="poll-turnout" title={t('liveConsole.numbers.pollTurnout')} value="—" note={t('liveConsole.numbers.noPoll')} />
      )}
    </div>
  );
}
