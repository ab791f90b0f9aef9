import { useCallback, useRef, useState } from 'react';
import { Alert, Button, Card, Empty, Flex, Input, Space, Tag, Tooltip, Typography } from 'antd';
import { DeleteOutlined, DownloadOutlined, SafetyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { PersonMatch, PersonSearchResult } from '@fulcrum/shared';
import { api } from '@/api/client';
import { useFormat } from '@/components/format';
import { errorMessage } from '@/i18n/error-message';
import { ConsentDialog } from '@/pages/privacy/consent-dialog';
import { EraseDialog } from '@/pages/privacy/erase-dialog';
import { CONSENT_COLORS } from '@/pages/privacy/privacy-labels';

function PersonRow({
  person,
  canErase,
  onConsent,
  onErase,
}: {
  person: PersonMatch;
  canErase: boolean;
  onConsent: (person: PersonMatch) => void;
  onErase: (person: PersonMatch) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const contact = [person.email, person.phone, person.companyName].filter(Boolean).join(' · ');
  return (
    <Flex className="privacy-person" justify="space-between" align="center" gap={12} wrap data-testid="privacy-person" data-contact-id={person.id}>
      <Flex vertical gap={2} className="privacy-person-details">
        <Space size={8} wrap>
          <Typography.Text strong>{person.name}</Typography.Text>
          <Tag color={CONSENT_COLORS[person.consent]} data-testid="privacy-person-consent">
            {t(`privacy.consent.${person.consent}`)}
          </Tag>
          {person.suppressed ? <Tag icon={<SafetyOutlined />}>{t('privacy.person.suppressed')}</Tag> : null}
        </Space>
        <Typography.Text type="secondary">{contact || t('common.none')}</Typography.Text>
        {person.consentAt ? (
          <Typography.Text type="secondary" className="cell-secondary">
            {t('privacy.person.consentSince', { date: format.dateTime(person.consentAt), source: person.consentSource ?? t('common.none') })}
          </Typography.Text>
        ) : null}
      </Flex>
      <Space size={4} wrap>
        <Button onClick={() => onConsent(person)} data-testid="privacy-person-consent-change">
          {t('privacy.person.changeConsent')}
        </Button>
        <Button icon={<DownloadOutlined />} href={api.personExportUrl(person.id)} download data-testid="privacy-person-export">
          {t('privacy.person.export')}
        </Button>
        <Tooltip title={canErase ? undefined : t('privacy.person.eraseAdminOnly')}>
          <Button danger icon={<DeleteOutlined />} disabled={!canErase} onClick={() => onErase(person)} data-testid="privacy-person-erase">
            {t('privacy.person.erase')}
          </Button>
        </Tooltip>
      </Space>
    </Flex>
  );
}

/**
 * A request from one person (PIPL / GDPR): find them, then export their data, record a consent
 * decision or erase them. `onChanged` tells the page the suppression list may have changed.
 */
export function PersonRequests({ canErase, onChanged }: { canErase: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [query, setQuery] = useState('');
  const [searched, setSearched] = useState<string | null>(null);
  const [result, setResult] = useState<PersonSearchResult | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [consentFor, setConsentFor] = useState<PersonMatch | null>(null);
  const [eraseFor, setEraseFor] = useState<PersonMatch | null>(null);
  const current = useRef<AbortController | null>(null);

  const search = useCallback(async (raw: string) => {
    const q = raw.trim();
    if (q === '') return;
    current.current?.abort();
    const controller = new AbortController();
    current.current = controller;
    setLoading(true);
    try {
      const found = await api.searchPeople(q, { signal: controller.signal });
      setResult(found);
      setSearched(q);
      setError(null);
    } catch (reason) {
      if (!controller.signal.aborted) setError(reason);
    } finally {
      if (!controller.signal.aborted) setLoading(false);
    }
  }, []);

  const replace = useCallback((person: PersonMatch) => {
    setResult((previous) => (previous ? { ...previous, matches: previous.matches.map((m) => (m.id === person.id ? person : m)) } : previous));
  }, []);

  return (
    <Card className="privacy-section" title={t('privacy.person.title')} data-testid="privacy-person-card">
      <Flex vertical gap={16}>
        <Typography.Text type="secondary">{t('privacy.person.hint')}</Typography.Text>
        <Input.Search
          className="privacy-person-search"
          placeholder={t('privacy.person.search')}
          enterButton={t('privacy.person.find')}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onSearch={(value) => void search(value)}
          loading={loading}
          allowClear
          maxLength={320}
          data-testid="privacy-person-search"
        />
        {error ? <Alert type="error" showIcon title={errorMessage(t, error)} /> : null}
        {result?.erasures.map((erasure) => (
          <Alert key={erasure.at} type="info" showIcon title={t('privacy.person.erasedBefore', { date: format.dateTime(erasure.at) })} data-testid="privacy-erased-before" />
        ))}
        {result && searched !== null ? (
          result.matches.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('privacy.person.noMatch', { q: searched })} />
          ) : (
            <div data-testid="privacy-people">
              {result.matches.map((person) => (
                <PersonRow key={person.id} person={person} canErase={canErase} onConsent={setConsentFor} onErase={setEraseFor} />
              ))}
            </div>
          )
        ) : null}
      </Flex>
      <ConsentDialog
        person={consentFor}
        onClose={() => setConsentFor(null)}
        onSaved={(person) => {
          replace(person);
          setConsentFor(null);
          onChanged();
        }}
      />
      <EraseDialog
        person={eraseFor}
        onClose={() => setEraseFor(null)}
        onErased={(person) => {
          setResult((previous) => (previous ? { ...previous, matches: previous.matches.filter((m) => m.id !== person.id) } : previous));
          setEraseFor(null);
          onChanged();
        }}
      />
    </Card>
  );
}
