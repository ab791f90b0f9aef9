import { useState } from 'react';
import { App, Button, Card, Empty, Flex, Form, Input, Modal, Popconfirm, Progress, Segmented, Switch, Tag, Typography } from 'antd';
import { DeleteOutlined, MinusCircleOutlined, PlayCircleOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { POLL_LIMITS } from '@fulcrum/shared';
import type { LiveError, Poll, PollCreateRequest, PollKind, PollReply, PollStatus } from '@fulcrum/shared';
import { useFormat } from '@/components/format';
import { useLiveErrorMessage } from '@/pages/live/live-error';
import { pollBars } from '@/pages/live/live-numbers';
import { newPollValues, pollOptionsProblem, pollRequestOf } from '@/pages/live/poll-form';
import type { PollFormValues } from '@/pages/live/poll-form';

const STATUS_COLORS: Record<PollStatus, string> = { draft: 'default', open: 'red', closed: 'green' };

export interface PollActions {
  createPoll(request: Omit<PollCreateRequest, 'eventId'>): Promise<PollReply>;
  launchPoll(pollId: string): Promise<PollReply>;
  closePoll(pollId: string): Promise<PollReply>;
  showResults(pollId: string, show: boolean): Promise<PollReply>;
  deletePoll(pollId: string): Promise<{ ok: true } | { ok: false; error: LiveError }>;
}

/** Live result bars: votes per option, as a share of who answered. */
export function PollBars({ poll }: { poll: Poll }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <ol className="live-poll-bars">
      {pollBars(poll).map((bar) => (
        <li key={bar.optionId} className="live-poll-bar" data-testid="poll-bar" data-option={bar.optionId}>
          <Flex justify="space-between" gap={8}>
            <Typography.Text strong={bar.leading} className="live-poll-option">
              {bar.text}
            </Typography.Text>
            <Typography.Text type="secondary" data-testid="poll-bar-votes" data-votes={bar.votes}>
              {t('liveConsole.polls.votes', { count: bar.votes, formatted: format.integer(bar.votes) })}
            </Typography.Text>
          </Flex>
          <Progress percent={bar.percent} size="small" status={bar.leading ? 'success' : 'normal'} format={(percent) => `${percent ?? 0}%`} />
        </li>
      ))}
    </ol>
  );
}

function PollItem({ poll, canModerate, actions }: { poll: Poll; canModerate: boolean; actions: PollActions }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { message } = App.useApp();
  const liveErrorMessage = useLiveErrorMessage();
  const [busy, setBusy] = useState<string | null>(null);

  const run = async (what: string, send: () => Promise<{ ok: true } | { ok: false; error: LiveError }>) => {
    setBusy(what);
    try {
      const reply = await send();
      if (!reply.ok) void message.error(liveErrorMessage(reply.error));
    } finally {
      setBusy(null);
    }
  };
  const results = poll.results;

  return (
    <li className="live-poll" data-testid="poll-item" data-id={poll.id} data-status={poll.status}>
      <Flex justify="space-between" align="flex-start" gap={8}>
        <Typography.Text strong className="live-poll-question" data-testid="poll-item-question">
          {poll.question}
        </Typography.Text>
        <Flex gap={4}>
          <Tag>{t(`liveConsole.polls.kinds.${poll.kind}`)}</Tag>
          <Tag color={STATUS_COLORS[poll.status]} data-testid="poll-item-status">
            {t(`liveConsole.polls.statuses.${poll.status}`)}
          </Tag>
        </Flex>
      </Flex>
      <PollBars poll={poll} />
      {results ? (
        <Typography.Text type="secondary" className="live-poll-turnout" data-testid="poll-respondents" data-respondents={results.respondents}>
          {t('liveConsole.polls.turnout', { respondents: format.integer(results.respondents), audience: format.integer(results.audience) })}
        </Typography.Text>
      ) : null}
      {canModerate ? (
        <Flex justify="space-between" align="center" gap={8} wrap className="live-poll-actions">
          <label className="live-poll-switch">
            <Switch
              size="small"
              checked={poll.showResults}
              loading={busy === 'results'}
              disabled={busy !== null && busy !== 'results'}
              onChange={(show) => void run('results', () => actions.showResults(poll.id, show))}
              data-testid="poll-show-results"
            />
            {t('liveConsole.polls.showResults')}
          </label>
          <Flex gap={4}>
            {poll.status === 'open' ? (
              <Button size="small" danger icon={<StopOutlined />} loading={busy === 'close'} disabled={busy !== null} onClick={() => void run('close', () => actions.closePoll(poll.id))} data-testid="poll-close">
                {t('liveConsole.polls.close')}
              </Button>
            ) : (
              <Button
                size="small"
                type={poll.status === 'draft' ? 'primary' : 'default'}
                icon={<PlayCircleOutlined />}
                loading={busy === 'launch'}
                disabled={busy !== null}
                onClick={() => void run('launch', () => actions.launchPoll(poll.id))}
                data-testid="poll-launch"
              >
                {t(poll.status === 'draft' ? 'liveConsole.polls.launch' : 'liveConsole.polls.reopen')}
              </Button>
            )}
            {poll.status === 'draft' ? (
              <Popconfirm
                title={t('liveConsole.polls.deleteConfirm')}
                okText={t('liveConsole.polls.delete')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: true }}
                onConfirm={() => run('delete', () => actions.deletePoll(poll.id))}
              >
                <Button size="small" type="text" danger icon={<DeleteOutlined />} disabled={busy !== null} data-testid="poll-delete">
                  {t('liveConsole.polls.delete')}
                </Button>
              </Popconfirm>
            ) : null}
          </Flex>
        </Flex>
      ) : null}
    </li>
  );
}

function NewPollModal({ open, onClose, actions }: { open: boolean; onClose: () => void; actions: PollActions }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const liveErrorMessage = useLiveErrorMessage();
  const [form] = Form.useForm<PollFormValues>();
  const [saving, setSaving] = useState<'draft' | 'launch' | null>(null);

  const submit = async (launch: boolean) => {
    const values = await form.validateFields().catch(() => null);
    const request = values ? pollRequestOf(values) : null;
    if (!request) return;
    setSaving(launch ? 'launch' : 'draft');
    try {
      const created = await actions.createPoll(request);
      if (!created.ok) {
        void message.error(liveErrorMessage(created.error));
        return;
      }
      if (launch) {
        const launched = await actions.launchPoll(created.poll.id);
        // The draft is kept: it can be launched from the list once the problem is solved.
        if (!launched.ok) void message.error(liveErrorMessage(launched.error));
      }
      onClose();
    } finally {
      setSaving(null);
    }
  };

  return (
    <Modal
      open={open}
      title={t('liveConsole.polls.newTitle')}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button key="draft" loading={saving === 'draft'} disabled={saving !== null} onClick={() => void submit(false)} data-testid="poll-form-save">
          {t('liveConsole.polls.saveDraft')}
        </Button>,
        <Button key="launch" type="primary" icon={<PlayCircleOutlined />} loading={saving === 'launch'} disabled={saving !== null} onClick={() => void submit(true)} data-testid="poll-form-launch">
          {t('liveConsole.polls.saveLaunch')}
        </Button>,
      ]}
    >
      <Form<PollFormValues> form={form} layout="vertical" initialValues={newPollValues()} requiredMark={false}>
        <Form.Item name="question" label={t('liveConsole.polls.question')} rules={[{ required: true, whitespace: true, message: t('liveConsole.polls.questionRequired') }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={POLL_LIMITS.questionMax} showCount data-testid="poll-form-question" />
        </Form.Item>
        <Form.Item name="kind" label={t('liveConsole.polls.kind')}>
          <Segmented<PollKind>
            options={[
              { value: 'single', label: t('liveConsole.polls.kinds.single') },
              { value: 'multiple', label: t('liveConsole.polls.kinds.multiple') },
            ]}
            data-testid="poll-form-kind"
          />
        </Form.Item>
        <Form.List
          name="options"
          rules={[
            {
              validator: async (_rule, options: string[] | undefined) => {
                const problem = pollOptionsProblem(options ?? []);
                if (problem) throw new Error(t(`liveConsole.polls.optionsProblem.${problem}`, { min: POLL_LIMITS.optionsMin, max: POLL_LIMITS.optionsMax }));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <Form.Item label={t('liveConsole.polls.options')}>
              <Flex vertical gap={8}>
                {fields.map((field, index) => (
                  <Flex key={field.key} gap={8} align="center">
                    <Form.Item name={field.name} noStyle>
                      <Input maxLength={POLL_LIMITS.optionMax} placeholder={t('liveConsole.polls.optionPlaceholder', { n: index + 1 })} data-testid={`poll-form-option-${index}`} />
                    </Form.Item>
                    {fields.length > POLL_LIMITS.optionsMin ? (
                      <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('liveConsole.polls.removeOption')} onClick={() => remove(field.name)} />
                    ) : null}
                  </Flex>
                ))}
                {fields.length < POLL_LIMITS.optionsMax ? (
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')} data-testid="poll-form-add-option">
                    {t('liveConsole.polls.addOption')}
                  </Button>
                ) : null}
                <Form.ErrorList errors={errors} />
              </Flex>
            </Form.Item>
          )}
        </Form.List>
        <Form.Item name="showResults" valuePropName="checked" label={t('liveConsole.polls.showResults')} extra={t('liveConsole.polls.showResultsHelp')}>
          <Switch data-testid="poll-form-show-results" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Poll control: prepare polls, launch and close them, show or hide their results, watch the answers come in. */
export function PollControl({ polls, canModerate, actions }: { polls: readonly Poll[]; canModerate: boolean; actions: PollActions }) {
  const { t } = useTranslation();
  const [creating, setCreating] = useState(false);
  return (
    <Card
      size="small"
      title={t('liveConsole.polls.title')}
      className="live-card"
      data-testid="poll-control"
      extra={
        canModerate ? (
          <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="poll-new">
            {t('liveConsole.polls.new')}
          </Button>
        ) : null
      }
    >
      {polls.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('liveConsole.polls.empty')} />
      ) : (
        <ol className="live-polls">
          {polls.map((poll) => (
            <PollItem key={poll.id} poll={poll} canModerate={canModerate} actions={actions} />
          ))}
        </ol>
      )}
      <NewPollModal open={creating} onClose={() => setCreating(false)} actions={actions} />
    </Card>
  );
}
