import { useMemo, useState } from 'react';
import { App, Button, Card, Empty, Flex, Form, Input, Modal, Segmented, Tabs, Tag, Typography } from 'antd';
import { CheckOutlined, EditOutlined, EyeInvisibleOutlined, LikeOutlined, PushpinOutlined, SoundOutlined, UndoOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { COMPANY_TIERS, QA_LIMITS } from '@fulcrum/shared';
import type { CompanyTier, QaModerateAction, QaModerateRequest, QaQuestionFull, QaReply, QaSort, QuestionStatus } from '@fulcrum/shared';
import { moderationActions, queueCounts, queueOf, QUEUE_TABS } from '@/pages/live/moderation-queue';
import { useLiveErrorMessage } from '@/pages/live/live-error';
import { useTimeOfDay } from '@/pages/live/use-time-of-day';

const isTier = (tier: string | null): tier is CompanyTier => tier !== null && (COMPANY_TIERS as readonly string[]).includes(tier);
const TIER_COLORS: Record<CompanyTier, string> = { ka: 'gold', growth: 'cyan', standard: 'default' };

const ACTION_ICONS: Record<QaModerateAction, React.ReactNode> = {
  approve: <CheckOutlined />,
  hide: <EyeInvisibleOutlined />,
  pin: <PushpinOutlined />,
  unpin: <PushpinOutlined />,
  answer: <SoundOutlined />,
};

type Moderate = (request: QaModerateRequest) => Promise<QaReply>;

function QuestionItem({
  question,
  canModerate,
  busy,
  onAction,
  onAnswer,
}: {
  question: QaQuestionFull;
  canModerate: boolean;
  busy: QaModerateAction | null;
  onAction: (action: QaModerateAction) => void;
  onAnswer: () => void;
}) {
  const { t } = useTranslation();
  const timeOfDay = useTimeOfDay();
  const { asker } = question;
  const about = [asker.title, asker.company].filter((part): part is string => Boolean(part)).join(' · ');
  const actions = canModerate ? moderationActions(question) : [];

  return (
    <li className={`live-question${question.pinned ? ' live-question--pinned' : ''}`} data-testid="qa-item" data-id={question.id} data-status={question.status}>
      <Flex justify="space-between" align="flex-start" gap={8} wrap>
        <div className="live-question-asker">
          <Typography.Text strong data-testid="qa-item-name">
            {asker.name}
          </Typography.Text>
          {about ? (
            <Typography.Text type="secondary" className="live-question-about" data-testid="qa-item-about">
              {' '}
              {about}
            </Typography.Text>
          ) : null}
        </div>
        <Flex gap={4} wrap>
          {isTier(asker.tier) ? (
            <Tag color={TIER_COLORS[asker.tier]} data-testid="qa-item-tier">
              {t(`tiers.${asker.tier}`)}
            </Tag>
          ) : null}
          {question.anonymous ? <Tag>{t('liveConsole.qa.anonymous')}</Tag> : null}
          {question.pinned ? (
            <Tag color="blue" icon={<PushpinOutlined />} data-testid="qa-item-pinned">
              {t('liveConsole.qa.pinned')}
            </Tag>
          ) : null}
          {question.answeredAt ? (
            <Tag color="green" data-testid="qa-item-answered">
              {t(question.answerText ? 'liveConsole.qa.answeredWritten' : 'liveConsole.qa.answeredLive')}
            </Tag>
          ) : null}
        </Flex>
      </Flex>
      {/* Typed by an attendee: a text node, never HTML. */}
      <p className="live-question-text" data-testid="qa-item-text">
        {question.text}
      </p>
      {question.answerText ? (
        <p className="live-question-answer" data-testid="qa-item-answer">
          <Typography.Text type="secondary">{t('liveConsole.qa.answerLabel')} </Typography.Text>
          {question.answerText}
        </p>
      ) : null}
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Text type="secondary" className="live-question-meta">
          <LikeOutlined /> <span data-testid="qa-item-votes">{question.upvotes}</span> · {timeOfDay(question.createdAt)}
        </Typography.Text>
        {canModerate ? (
          <Flex gap={4} wrap>
            {actions.map((action) => (
              <Button
                key={action}
                size="small"
                type={action === 'approve' ? 'primary' : 'default'}
                danger={action === 'hide'}
                icon={question.status === 'hidden' && action === 'approve' ? <UndoOutlined /> : ACTION_ICONS[action]}
                loading={busy === action}
                disabled={busy !== null && busy !== action}
                onClick={() => onAction(action)}
                data-testid={`qa-action-${action}`}
              >
                {t(question.status === 'hidden' && action === 'approve' ? 'liveConsole.qa.actions.restore' : `liveConsole.qa.actions.${action}`)}
              </Button>
            ))}
            {question.status === 'approved' ? (
              <Button size="small" icon={<EditOutlined />} disabled={busy !== null} onClick={onAnswer} data-testid="qa-action-write">
                {t(question.answerText ? 'liveConsole.qa.actions.editAnswer' : 'liveConsole.qa.actions.write')}
              </Button>
            ) : null}
          </Flex>
        ) : null}
      </Flex>
    </li>
  );
}

function AnswerModal({ question, onClose, onSubmit }: { question: QaQuestionFull | null; onClose: () => void; onSubmit: (answer: string) => Promise<boolean> }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ answer: string }>();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const { answer } = await form.validateFields();
    setSaving(true);
    try {
      if (await onSubmit(answer.trim())) onClose();
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={question !== null}
      title={t('liveConsole.qa.answerTitle')}
      okText={t('liveConsole.qa.answerSubmit')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'qa-answer-submit' }}
      destroyOnHidden
    >
      {question ? (
        <Typography.Paragraph className="live-question-text" type="secondary">
          {question.text}
        </Typography.Paragraph>
      ) : null}
      <Form form={form} layout="vertical" key={question?.id} initialValues={{ answer: question?.answerText ?? '' }}>
        <Form.Item
          name="answer"
          label={t('liveConsole.qa.answerLabel')}
          rules={[{ required: true, whitespace: true, message: t('liveConsole.qa.answerRequired') }]}
        >
          <Input.TextArea rows={5} maxLength={QA_LIMITS.answerMax} showCount data-testid="qa-answer-text" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * The Q&A moderation queue: questions waiting, shown and hidden, each with who asked (name, title,
 * company and tier, even when the attendees see it as anonymous) and the moves its status allows.
 */
export function QaModeration({ questions, canModerate, moderate }: { questions: readonly QaQuestionFull[]; canModerate: boolean; moderate: Moderate }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const liveErrorMessage = useLiveErrorMessage();
  const [tab, setTab] = useState<QuestionStatus>('pending');
  const [sort, setSort] = useState<QaSort>('time');
  const [busy, setBusy] = useState<{ id: string; action: QaModerateAction } | null>(null);
  const [answering, setAnswering] = useState<QaQuestionFull | null>(null);
  const counts = useMemo(() => queueCounts(questions), [questions]);
  const shown = useMemo(() => queueOf(questions, tab, sort), [questions, tab, sort]);

  const run = async (request: QaModerateRequest): Promise<boolean> => {
    setBusy({ id: request.questionId, action: request.action });
    try {
      const reply = await moderate(request);
      if (!reply.ok) void message.error(liveErrorMessage(reply.error));
      return reply.ok;
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card
      size="small"
      title={t('liveConsole.qa.title')}
      className="live-card"
      data-testid="qa-moderation"
      extra={
        <Segmented<QaSort>
          size="small"
          value={sort}
          onChange={setSort}
          options={[
            { value: 'time', label: t('liveConsole.qa.sortTime') },
            { value: 'votes', label: t('liveConsole.qa.sortVotes') },
          ]}
          data-testid="qa-sort"
        />
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(key) => setTab(key as QuestionStatus)}
        items={QUEUE_TABS.map((key) => ({
          key,
          label: (
            <span data-testid={`qa-tab-${key}`} data-count={counts[key]}>
              {t(`liveConsole.qa.tabs.${key}`, { count: counts[key] })}
            </span>
          ),
        }))}
      />
      {shown.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(`liveConsole.qa.empty.${tab}`)} data-testid="qa-queue-empty" />
      ) : (
        <ol className="live-questions" data-testid={`qa-queue-${tab}`}>
          {shown.map((question) => (
            <QuestionItem
              key={question.id}
              question={question}
              canModerate={canModerate}
              busy={busy?.id === question.id ? busy.action : null}
              onAction={(action) => void run({ questionId: question.id, action })}
              onAnswer={() => setAnswering(question)}
            />
          ))}
        </ol>
      )}
      <AnswerModal question={answering} onClose={() => setAnswering(null)} onSubmit={(answer) => (answering ? run({ questionId: answering.id, action: 'answer', answer }) : Promise.resolve(false))} />
    </Card>
  );
}
