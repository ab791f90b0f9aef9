import { useEffect, useState } from 'react';
import { Alert, Descriptions, Drawer, Empty, Grid, Skeleton, Table, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OutboxMessage } from '@fulcrum/shared';
import { api } from '@/api/client';
import { useFormat } from '@/components/format';
import { errorMessage } from '@/i18n/error-message';

function MessageBody({ message }: { message: OutboxMessage }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <>
      <Descriptions
        column={1}
        size="small"
        bordered
        className="outbox-meta"
        items={[
          { key: 'from', label: t('outbox.message.from'), children: message.from },
          { key: 'to', label: t('outbox.message.to'), children: message.to },
          { key: 'subject', label: t('outbox.message.subject'), children: message.subject },
          { key: 'date', label: t('outbox.message.date'), children: format.dateTime(message.date) },
        ]}
      />
      <Tabs
        defaultActiveKey={message.html ? 'html' : 'text'}
        items={[
          {
            key: 'html',
            label: t('outbox.message.html'),
            children: message.html ? (
              // An empty sandbox: the email's scripts, forms and links cannot touch the console.
              <iframe
                sandbox=""
                srcDoc={message.html}
                title={t('outbox.message.previewLabel')}
                className="outbox-preview"
                data-testid="outbox-preview"
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('outbox.message.noHtml')} />
            ),
          },
          {
            key: 'text',
            label: t('outbox.message.text'),
            children: message.text ? (
              <pre className="outbox-text" data-testid="outbox-text">
                {message.text}
              </pre>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('outbox.message.noText')} />
            ),
          },
          {
            key: 'headers',
            label: t('outbox.message.headers'),
            children: (
              <Table
                size="small"
                pagination={false}
                rowKey={(_header, index) => String(index)}
                dataSource={message.headers}
                scroll={{ x: 'max-content' }}
                columns={[
                  { key: 'key', dataIndex: 'key', title: t('outbox.message.header'), className: 'outbox-header-key' },
                  { key: 'value', dataIndex: 'value', title: t('outbox.message.value'), className: 'outbox-header-value' },
                ]}
              />
            ),
          },
        ]}
      />
    </>
  );
}

/** One email from the outbox, rendered as the recipient would see it. */
export function OutboxMessageDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const [message, setMessage] = useState<OutboxMessage | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    setMessage(null);
    setError(null);
    if (!id) return;
    const controller = new AbortController();
    api
      .getOutboxMessage(id, { signal: controller.signal })
      .then(setMessage)
      .catch((reason: unknown) => {
        if (!controller.signal.aborted) setError(reason);
      });
    return () => controller.abort();
  }, [id]);

  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={screens.md === false ? '100%' : 'large'}
      title={message?.subject ?? t('outbox.message.title')}
      destroyOnHidden
      data-testid="outbox-message"
    >
      {error ? <Alert type="error" showIcon title={errorMessage(t, error)} /> : null}
      {!error && !message ? <Skeleton active paragraph={{ rows: 8 }} /> : null}
      {message ? <MessageBody message={message} /> : null}
    </Drawer>
  );
}
