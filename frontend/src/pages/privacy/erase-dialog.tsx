import { useEffect, useState } from 'react';
import { Alert, App, Checkbox, Flex, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PersonMatch } from '@fulcrum/shared';
import { api } from '@/api/client';
import { errorMessage } from '@/i18n/error-message';

/**
 * Erasing is irreversible, so the admin types the person's e-mail address (or id when there is
 * none) before the button enables; the API checks the same.
 */
export function EraseDialog({ person, onClose, onErased }: { person: PersonMatch | null; onClose: () => void; onErased: (person: PersonMatch) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [typed, setTyped] = useState('');
  const [keep, setKeep] = useState(true);
  const [erasing, setErasing] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const expected = person ? (person.email ?? person.id) : '';
  const confirmed = person !== null && typed.trim().toLowerCase() === expected.toLowerCase();

  useEffect(() => {
    setTyped('');
    setKeep(true);
    setFailure(null);
  }, [person]);

  const erase = async () => {
    if (!person || !confirmed) return;
    setErasing(true);
    setFailure(null);
    try {
      const result = await api.eraseContact(person.id, { confirm: typed.trim(), keepSuppressed: keep });
      const count = Object.values(result.removed).reduce((sum, n) => sum + n, 0);
      void message.success(t('privacy.erase.done', { name: person.name, count }));
      onErased(person);
    } catch (error) {
      setFailure(errorMessage(t, error));
    } finally {
      setErasing(false);
    }
  };

  return (
    <Modal
      open={person !== null}
      title={person ? t('privacy.erase.title', { name: person.name }) : null}
      okText={t('privacy.erase.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, disabled: !confirmed, 'data-testid': 'privacy-erase-submit' }}
      onOk={() => void erase()}
      onCancel={onClose}
      confirmLoading={erasing}
      destroyOnHidden
    >
      <Flex vertical gap={16}>
        {failure ? <Alert type="error" showIcon title={failure} role="alert" /> : null}
        <Typography.Paragraph>{t('privacy.erase.body')}</Typography.Paragraph>
        <Flex vertical gap={4}>
          <Checkbox checked={keep} onChange={(event) => setKeep(event.target.checked)} data-testid="privacy-erase-keep">
            {t('privacy.erase.keep')}
          </Checkbox>
          <Typography.Text type="secondary">{keep ? t('privacy.erase.keepHelp') : t('privacy.erase.dropHelp')}</Typography.Text>
        </Flex>
        <Flex vertical gap={4}>
          <label htmlFor="privacy-erase-confirm">
            {t('privacy.erase.confirmLabel')} <Typography.Text code>{expected}</Typography.Text>
          </label>
          <Input
            id="privacy-erase-confirm"
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            onPressEnter={() => void erase()}
            autoComplete="off"
            status={typed !== '' && !confirmed ? 'warning' : undefined}
            data-testid="privacy-erase-confirm"
          />
        </Flex>
      </Flex>
    </Modal>
  );
}
