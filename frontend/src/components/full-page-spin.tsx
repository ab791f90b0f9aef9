import { Flex, Spin } from 'antd';
import { useTranslation } from 'react-i18next';

export function FullPageSpin() {
  const { t } = useTranslation();
  return (
    <Flex align="center" justify="center" className="full-page-spin" role="status" aria-label={t('common.loading')}>
      <Spin size="large" />
    </Flex>
  );
}

/** Shown in the content area while a page's code loads, so the layout stays put. */
export function ContentSpin() {
  const { t } = useTranslation();
  return (
    <Flex align="center" justify="center" className="content-spin" role="status" aria-label={t('common.loading')}>
      <Spin />
    </Flex>
  );
}
