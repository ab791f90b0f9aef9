import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Empty, Flex, Form, Input, Select, Spin, Tag, Typography } from 'antd';
import { ReloadOutlined, SendOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { ContactListItem, SaveCampaignRequest } from '@fulcrum/shared';
import { api, isApiRequestError } from '@/api/client';
import { useFormat } from '@/components/format';
import { errorMessage } from '@/i18n/error-message';
import { rejectedReason } from '@/pages/campaigns/campaign-form';
import type { CampaignPreviewState } from '@/pages/campaigns/use-campaign-preview';

const SEARCH_DEBOUNCE_MS = 300;
const REJECTED_SHOWN = 20;
const emailSchema = z.string().trim().email();

function contactLabel(contact: Pick<ContactListItem, 'name' | 'email' | 'companyName'>): string {
  return [contact.name, contact.email, contact.companyName].filter(Boolean).join(' · ');
}

/** Searches the target database for someone to preview as; empty: the audience's first recipient. */
function ContactPicker({ value, onChange }: { value: string | undefined; onChange: (contactId: string | undefined) => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [options, setOptions] = useState<Array<{ value: string; label: string }>>([]);
  // The chosen contact keeps its label when the next search brings other people.
  const [picked, setPicked] = useState<{ value: string; label: string } | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    const q = search.trim();
    if (!q) {
      setLoading(false);
      return;
    }
    const controller = new AbortController();
    setLoading(true);
    const timer = setTimeout(() => {
      api
        .listContacts({ q, pageSize: 10 }, { signal: controller.signal })
        .then((page) => setOptions(page.items.map((contact) => ({ value: contact.id, label: contactLabel(contact) }))))
        .catch(() => {
          if (!controller.signal.aborted) setOptions([]);
        })
        .finally(() => {
          if (!controller.signal.aborted) setLoading(false);
        });
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [search]);

  return (
    <Select<string>
      value={value}
      onChange={(next) => {
        setPicked(options.find((option) => option.value === next) ?? null);
        onChange(next ?? undefined);
      }}
      allowClear
      showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
      placeholder={t('campaigns.preview.firstRecipient')}
      options={picked && !options.some((option) => option.value === picked.value) ? [picked, ...options] : options}
      loading={loading}
      notFoundContent={loading ? <Spin size="small" /> : search.trim() ? t('campaigns.preview.noContacts') : t('campaigns.preview.typeToSearch')}
      className="campaign-preview-as"
      aria-label={t('campaigns.preview.as')}
      data-testid="campaign-preview-as"
    />
  );
}

/**
 * What one recipient will get, rendered by the server from the unsaved editor content: which variant
 * they match, the subject, the whole email in a sandboxed frame; how many people the audience holds
 * and which pasted lines are not addresses. Below it, a test send to the organizer's own inbox.
 */
export function CampaignPreviewPanel({
  state,
  request,
  contactId,
  onContactChange,
  defaultTestTo,
}: {
  state: CampaignPreviewState;
  /** Null while the form is not complete enough to render. */
  request: SaveCampaignRequest | null;
  contactId: string | undefined;
  onContactChange: (contactId: string | undefined) => void;
  defaultTestTo: string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useFormat();
  const [testTo, setTestTo] = useState(defaultTestTo);
  const [testError, setTestError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const { preview, loading, error } = state;

  const sendTest = async () => {
    if (!request) return;
    const to = emailSchema.safeParse(testTo);
    if (!to.success) {
      setTestError(t('validation.email'));
      return;
    }
    setTestError(null);
    setSending(true);
    try {
      const result = await api.testSendCampaign({ ...request, contactId, to: to.data });
      void message.success(t('campaigns.test.sent', { to: result.to }));
    } catch (reason) {
      void message.error(errorMessage(t, reason));
    } finally {
      setSending(false);
    }
  };

  const badTemplate = isApiRequestError(error) && error.code === 'campaigns.bad_template';
  const rejected = preview?.rejectedLines ?? [];

  return (
    <>
      <Card
        title={t('campaigns.preview.title')}
        className="campaign-preview-card"
        data-testid="campaign-preview"
        extra={
          <Button size="small" icon={<ReloadOutlined />} loading={loading} disabled={!request} onClick={state.refresh} data-testid="campaign-preview-refresh">
            {t('campaigns.preview.refresh')}
          </Button>
        }
      >
        <Flex vertical gap={12}>
          <Form.Item label={t('campaigns.preview.as')} layout="vertical" className="campaign-preview-as-item">
            <ContactPicker value={contactId} onChange={onContactChange} />
          </Form.Item>
          {!request ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('campaigns.preview.incomplete')} data-testid="campaign-preview-incomplete" />
          ) : null}
          {request && error ? (
            <Alert type={badTemplate ? 'warning' : 'error'} showIcon title={badTemplate ? t('campaigns.preview.badTemplate') : errorMessage(t, error)} data-testid="campaign-preview-error" />
          ) : null}
          {request && preview ? (
            <div className={loading ? 'campaign-preview-body is-stale' : 'campaign-preview-body'}>
              <Descriptions size="small" column={1} className="campaign-preview-facts">
                <Descriptions.Item label={t('campaigns.preview.to')}>
                  <span data-testid="campaign-preview-recipient">
                    {preview.recipient.name} &lt;{preview.recipient.email}&gt;
                  </span>
                  <Typography.Text type="secondary" className="cell-secondary">
                    {' · '}
                    {t(`language.name.${preview.recipient.locale}`)}
                  </Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label={t('campaigns.preview.variant')}>
                  {preview.variant ? (
                    <Tag color="purple" data-testid="campaign-preview-variant">
                      {preview.variant}
                    </Tag>
                  ) : (
                    <Typography.Text type="secondary" data-testid="campaign-preview-variant">
                      {t('campaigns.preview.defaultText')}
                    </Typography.Text>
                  )}
                </Descriptions.Item>
                <Descriptions.Item label={t('campaigns.preview.subject')}>
                  <Typography.Text strong data-testid="campaign-preview-subject">
                    {preview.subject}
                  </Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label={t('campaigns.preview.audience')}>
                  <span data-testid="campaign-preview-audience">{t('campaigns.preview.people', { count: preview.audienceSize, formatted: format.integer(preview.audienceSize) })}</span>
                </Descriptions.Item>
              </Descriptions>
              <Typography.Text type="secondary" className="cell-secondary">
                {t('campaigns.preview.suppressionHint')}
              </Typography.Text>
              {rejected.length > 0 ? (
                <Alert
                  type="warning"
                  showIcon
                  className="campaign-rejected"
                  data-testid="campaign-rejected"
                  title={t('campaigns.preview.rejected', { count: rejected.length, formatted: format.integer(rejected.length) })}
                  description={
                    <ul className="campaign-rejected-list">
                      {rejected.slice(0, REJECTED_SHOWN).map((line) => {
                        const reason = rejectedReason(line.reason);
                        const why =
                          reason.kind === 'invalid'
                            ? t('campaigns.preview.rejectedInvalid')
                            : reason.kind === 'duplicate'
                              ? t('campaigns.preview.rejectedDuplicate', { line: reason.line })
                              : reason.text;
                        return (
                          <li key={line.line} data-testid="campaign-rejected-line">
                            <Typography.Text type="secondary">{t('campaigns.preview.line', { line: line.line })}</Typography.Text> <Typography.Text code>{line.text}</Typography.Text> {why}
                          </li>
                        );
                      })}
                      {rejected.length > REJECTED_SHOWN ? <li>{t('campaigns.preview.rejectedMore', { count: rejected.length - REJECTED_SHOWN })}</li> : null}
                    </ul>
                  }
                />
              ) : null}
              {/* An empty sandbox: nothing in the email can run or reach the console. */}
              <iframe sandbox="" srcDoc={preview.html} title={t('campaigns.preview.frameTitle')} className="campaign-preview-frame" data-testid="campaign-preview-frame" />
            </div>
          ) : request && loading ? (
            <Flex justify="center" className="campaign-preview-loading">
              <Spin />
            </Flex>
          ) : null}
        </Flex>
      </Card>

      <Card title={t('campaigns.test.title')} size="small" className="campaign-test-card" data-testid="campaign-test">
        <Typography.Paragraph type="secondary" className="campaign-test-help">
          {t('campaigns.test.help')}
        </Typography.Paragraph>
        <Flex gap={8}>
          <Input
            type="email"
            value={testTo}
            onChange={(event) => {
              setTestTo(event.target.value);
              setTestError(null);
            }}
            onPressEnter={() => void sendTest()}
            status={testError ? 'error' : undefined}
            aria-label={t('campaigns.test.to')}
            placeholder={t('campaigns.test.to')}
            data-testid="campaign-test-to"
          />
          <Button icon={<SendOutlined />} loading={sending} disabled={!request} onClick={() => void sendTest()} data-testid="campaign-test-send">
            {t('campaigns.test.send')}
          </Button>
        </Flex>
        {testError ? (
          <Typography.Text type="danger" className="cell-secondary">
            {testError}
          </Typography.Text>
        ) : null}
      </Card>
    </>
  );
}
