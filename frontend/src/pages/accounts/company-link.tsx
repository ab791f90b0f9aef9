import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

/** A company's name linking to its page, or a dash when there is none. */
export function CompanyLink({ id, name }: { id: string | null; name: string | null }) {
  const { t } = useTranslation();
  if (!id || !name) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  return (
    <Link to={`/accounts/companies/${id}`} data-testid="company-link">
      {name}
    </Link>
  );
}
