import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';

type AccountsView = 'companies' | 'contacts' | 'imports';
const VIEW_PATHS: Record<AccountsView, string> = { companies: '/accounts', contacts: '/accounts/contacts', imports: '/accounts/imports' };

/** Switches between the lists of the target database and its imports. */
export function AccountsNav({ current }: { current: AccountsView }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Segmented<AccountsView>
      value={current}
      onChange={(value) => navigate(VIEW_PATHS[value])}
      options={[
        { value: 'companies', label: t('accountsBrowse.tabs.companies') },
        { value: 'contacts', label: t('accountsBrowse.tabs.contacts') },
        { value: 'imports', label: t('imports.title') },
      ]}
      data-testid="accounts-nav"
    />
  );
}
