import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/page-header';
import { PersonRequests } from '@/pages/privacy/person-requests';
import { SuppressionList } from '@/pages/privacy/suppression-list';
import { canErasePeople } from '@/session/access';
import { useUser } from '@/session/session-context';
import '@/pages/privacy/privacy.css';

/** PIPL / GDPR basics: requests from one person (export, consent, erasure) and the suppression list. */
export function PrivacyPage() {
  const { t } = useTranslation();
  const user = useUser();
  // A consent change or an erasure can put addresses on (or take them off) the list below.
  const [version, setVersion] = useState(0);
  const changed = useCallback(() => setVersion((n) => n + 1), []);

  return (
    <>
      <PageHeader title={t('privacy.title')} subtitle={t('privacy.subtitle')} />
      <PersonRequests canErase={canErasePeople(user.role)} onChanged={changed} />
      <SuppressionList version={version} />
    </>
  );
}
