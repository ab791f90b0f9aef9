import { Col, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/page-header';
import { DemoDataCard } from '@/pages/settings/demo-data-card';
import { ProfileCard } from '@/pages/settings/profile-card';
import { canManageDemo } from '@/session/access';
import { useUser } from '@/session/session-context';

export function SettingsPage() {
  const { t } = useTranslation();
  const user = useUser();
  return (
    <>
      <PageHeader title={t('settings.title')} subtitle={t('settings.subtitle')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <ProfileCard />
        </Col>
        {canManageDemo(user.role) ? (
          <Col xs={24} lg={12}>
            <DemoDataCard />
          </Col>
        ) : null}
      </Row>
    </>
  );
}
