import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Flex, Form, Input, Modal, Progress, Select, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { MAX_SUPPRESSIONS_PER_REQUEST, splitSuppressionList, SUPPRESSION_KINDS, SUPPRESSION_REASONS } from '@fulcrum/shared';
import type { AddSuppressionsResult, SuppressionKind, SuppressionReason } from '@fulcrum/shared';
import { api } from '@/api/client';
import { useFormat } from '@/components/format';
import { errorMessage } from '@/i18n/error-message';

/** A pasted or uploaded list is sent in batches; this many values at most in one go from the console. */
const MAX_VALUES = 200_000;
const MAX_FILE_MB = 20;

/** Which family a normalizer's reason code belongs to (email.*, phone.*, suppression.*). */
function problemKind(reason: string): 'email' | 'phone' | 'domain' | 'empty' {
  if (reason.startsWith('email.')) return 'email';
  if (reason.startsWith('phone.')) return 'phone';
  return reason === 'suppression.invalid_domain' ? 'domain' : 'empty';
}

type Totals = Omit<AddSuppressionsResult, 'invalid'> & { invalid: AddSuppressionsResult['invalid'] };

function addUp(total: Totals | null, next: AddSuppressionsResult): Totals {
  if (!total) return { ...next };
  return {
    added: total.added + next.added,
    strengthened: total.strengthened + next.strengthened,
    unchanged: total.unchanged + next.unchanged,
    invalidCount: total.invalidCount + next.invalidCount,
    invalid: [...total.invalid, ...next.invalid].slice(0, 100),
    contactsUpdated: total.contactsUpdated + next.contactsUpdated,
  };
}

/** Paste a list or read a CSV/TXT file, choose the reason, and add it all (in batches, with progress). */
export function AddSuppressionsDialog({ open, onClose, onAdded }: { open: boolean; onClose: () => void; onAdded: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [text, setText] = useState('');
  const [reason, setReason] = useState<SuppressionReason>('unsubscribed');
  const [kind, setKind] = useState<'auto' | SuppressionKind>('auto');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [result, setResult] = useState<Totals | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const values = useMemo(() => splitSuppressionList(text), [text]);
  const busy = progress !== null && result === null && failure === null;

  useEffect(() => {
    if (!open) return;
    setText('');
    setReason('unsubscribed');
    setKind('auto');
    setProgress(null);
    setResult(null);
    setFailure(null);
  }, [open]);

  const submit = async () => {
    setFailure(null);
    setResult(null);
    let total: Totals | null = null;
    setProgress({ done: 0, total: values.length });
    try {
      for (let start = 0; start < values.length; start += MAX_SUPPRESSIONS_PER_REQUEST) {
        const batch = values.slice(start, start + MAX_SUPPRESSIONS_PER_REQUEST);
        total = addUp(total, await api.addSuppressions({ kind, reason, values: batch }));
        setProgress({ done: start + batch.length, total: values.length });
      }
      setResult(total);
      onAdded();
    } catch (error) {
      setFailure(errorMessage(t, error));
      // Batches already sent are on the list: show them.
      if (total) {
        setResult(total);
        onAdded();
      }
    }
  };

  const readFile = async (file: File) => {
    if (file.size > MAX_FILE_MB * 1024 * 1024) {
      setFailure(t('privacy.addDialog.fileTooLarge', { size: MAX_FILE_MB }));
      return;
    }
    setFailure(null);
    const content = await file.text();
    setText((current) => (current.trim() === '' ? content : `${current.replace(/\s*$/, '')}\n${content}`));
  };

  const tooMany = values.length > MAX_VALUES;
  const done = result !== null && failure === null;

  return (
    <Modal
      open={open}
      title={t('privacy.addDialog.title')}
      onCancel={busy ? undefined : onClose}
      closable={!busy}
      maskClosable={false}
      width={640}
      destroyOnHidden
      footer={
        done ? (
          <Button type="primary" onClick={onClose} data-testid="privacy-add-close">
            {t('privacy.addDialog.close')}
          </Button>
        ) : (
          <Flex justify="flex-end" gap={8}>
            <Button onClick={onClose} disabled={busy}>
              {t('common.cancel')}
            </Button>
            <Button type="primary" onClick={() => void submit()} loading={busy} disabled={values.length === 0 || tooMany} data-testid="privacy-add-submit">
              {t('privacy.addDialog.submit')}
            </Button>
          </Flex>
        )
      }
    >
      <Form layout="vertical" requiredMark={false} disabled={busy || done}>
        <Flex gap={12} wrap>
          <Form.Item label={t('privacy.addDialog.reason')} style={{ flex: '1 1 200px' }}>
            <Select<SuppressionReason>
              value={reason}
              onChange={setReason}
              options={SUPPRESSION_REASONS.map((value) => ({ value, label: t(`privacy.reasons.${value}`) }))}
              data-testid="privacy-add-reason"
            />
          </Form.Item>
          <Form.Item label={t('privacy.addDialog.kind')} style={{ flex: '1 1 240px' }}>
            <Select<'auto' | SuppressionKind>
              value={kind}
              onChange={setKind}
              options={[
                { value: 'auto', label: t('privacy.addDialog.auto') },
                ...SUPPRESSION_KINDS.map((value) => ({ value, label: t(`privacy.kinds.${value}`) })),
              ]}
            />
          </Form.Item>
        </Flex>
        <Form.Item
          label={t('privacy.addDialog.values')}
          extra={
            <Flex justify="space-between" gap={8} wrap>
              <span data-testid="privacy-add-count">{t('privacy.addDialog.count', { count: format.integer(values.length) })}</span>
              {tooMany ? <Typography.Text type="danger">{t('privacy.addDialog.tooMany', { max: format.integer(MAX_VALUES) })}</Typography.Text> : null}
            </Flex>
          }
        >
          <Input.TextArea
            value={text}
            onChange={(event) => setText(event.target.value)}
            autoSize={{ minRows: 5, maxRows: 12 }}
            placeholder={t('privacy.addDialog.valuesPlaceholder')}
            data-testid="privacy-add-values"
          />
        </Form.Item>
        <Flex vertical gap={4}>
          <Upload
            accept=".csv,.txt,text/csv,text/plain"
            showUploadList={false}
            beforeUpload={(file) => {
              void readFile(file);
              return Upload.LIST_IGNORE;
            }}
          >
            <Button icon={<UploadOutlined />} data-testid="privacy-add-upload">
              {t('privacy.addDialog.upload')}
            </Button>
          </Upload>
          <Typography.Text type="secondary" className="cell-secondary">
            {t('privacy.addDialog.uploadHint')}
          </Typography.Text>
        </Flex>
      </Form>
      {progress && !done ? (
        <Flex vertical gap={4} style={{ marginTop: 16 }}>
          <Progress percent={progress.total === 0 ? 100 : Math.round((progress.done / progress.total) * 100)} />
          <Typography.Text type="secondary">
            {t('privacy.addDialog.progress', { done: format.integer(progress.done), total: format.integer(progress.total) })}
          </Typography.Text>
        </Flex>
      ) : null}
      {failure ? <Alert type="error" showIcon title={failure} style={{ marginTop: 16 }} role="alert" /> : null}
      {result ? (
        <Alert
          style={{ marginTop: 16 }}
          type={result.invalidCount > 0 ? 'warning' : 'success'}
          showIcon
          data-testid="privacy-add-result"
          title={t('privacy.addDialog.result', {
            added: format.integer(result.added),
            strengthened: format.integer(result.strengthened),
            unchanged: format.integer(result.unchanged),
            contacts: format.integer(result.contactsUpdated),
          })}
          description={
            result.invalidCount > 0 ? (
              <>
                {t('privacy.addDialog.invalid', { count: format.integer(result.invalidCount) })}
                <ul className="privacy-invalid-list">
                  {result.invalid.map((item, index) => (
                    <li key={`${index}-${item.value}`}>
                      <Typography.Text code>{item.value}</Typography.Text> {t(`privacy.problems.${problemKind(item.reason)}`)}
                    </li>
                  ))}
                </ul>
              </>
            ) : undefined
          }
        />
      ) : null}
    </Modal>
  );
}
