import { useMemo, useRef, useState } from 'react';
import { Alert, Button, Card, Descriptions, Flex, Input, Progress, Select, Space, Steps, Table, Tag, Typography, Upload } from 'antd';
import type { TableColumnsType } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { IMPORT_FIELDS, IMPORT_FIELDS_NOT_YET, MAX_IMPORT_FILE_BYTES, type ImportField, type ImportPreview } from '@fulcrum/shared';
import { api, isApiRequestError } from '@/api/client';
import { useFormat } from '@/components/format';
import { PageHeader } from '@/components/page-header';
import { errorMessage } from '@/i18n/error-message';
import '@/pages/imports/imports.css';

const IDENTITY_FIELDS: ReadonlyArray<ImportField> = ['contact.email', 'contact.phone', 'contact.landline'];
const SKIP = '__skip__';

/** The server's own advice for a refused file (which program wrote it, what to save it as) when it adds something. */
function FileProblem({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const detail = isApiRequestError(error) && error.code.startsWith('imports.') ? error.error.message : null;
  return (
    <Alert
      type="error"
      showIcon
      data-testid="import-upload-error"
      title={errorMessage(t, error)}
      description={detail ? <Typography.Text type="secondary">{detail}</Typography.Text> : undefined}
      className="page-alert"
    />
  );
}

/** Upload a file, check how it reads and which column is what, then start the import. */
export function ImportWizardPage() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const zh = i18n.language !== 'en';
  const [uploadFraction, setUploadFraction] = useState<number | null>(null);
  const [uploadError, setUploadError] = useState<unknown>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<Array<ImportField | null>>([]);
  const [source, setSource] = useState('');
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<unknown>(null);
  const [sheetLoading, setSheetLoading] = useState(false);
  const abort = useRef<AbortController | null>(null);

  const fieldLabel = (field: ImportField) => {
    const entry = IMPORT_FIELDS.find((f) => f.field === field)!;
    return zh ? entry.zh : entry.en;
  };
  const fieldOptions = useMemo(
    () => [
      { value: SKIP, label: t('imports.wizard.skipColumn') },
      ...(['company', 'contact'] as const).map((group) => ({
        label: t(`imports.wizard.fieldGroups.${group}`),
        options: IMPORT_FIELDS.filter((f) => f.field.startsWith(`${group}.`)).map((f) => {
          const notYet = IMPORT_FIELDS_NOT_YET.includes(f.field);
          const label = zh ? f.zh : f.en;
          return { value: f.field, label: notYet ? `${label} (${t('imports.wizard.notYet')})` : label, disabled: notYet };
        }),
      })),
    ],
    [t, zh],
  );

  const accept = (next: ImportPreview) => {
    setPreview(next);
    // A column recognised as a field this version does not import yet starts as "do not import" (named in a notice).
    setMapping(next.suggested.map((s) => (s.field !== null && IMPORT_FIELDS_NOT_YET.includes(s.field) ? null : s.field)));
    setSource((current) => current || next.import.fileName.replace(/\.[^.]+$/, ''));
  };

  const upload = async (file: File) => {
    setUploadError(null);
    setPreview(null);
    if (file.size > MAX_IMPORT_FILE_BYTES) {
      setUploadError(new Error('too large'));
      return;
    }
    abort.current = new AbortController();
    setUploadFraction(0);
    try {
      accept(await api.uploadImport(file, setUploadFraction, abort.current.signal));
    } catch (reason) {
      if (!(reason instanceof DOMException && reason.name === 'AbortError')) setUploadError(reason);
    } finally {
      setUploadFraction(null);
    }
  };

  const changeSheet = async (sheet: string) => {
    if (!preview) return;
    setSheetLoading(true);
    try {
      accept(await api.previewImport(preview.import.id, sheet));
    } catch (reason) {
      setUploadError(reason);
    } finally {
      setSheetLoading(false);
    }
  };

  const start = async () => {
    if (!preview) return;
    setStarting(true);
    setStartError(null);
    try {
      await api.startImport(preview.import.id, { mapping, source: source.trim() || preview.import.fileName, sheet: preview.import.sheet ?? undefined });
      navigate(`/accounts/imports/${preview.import.id}`);
    } catch (reason) {
      setStartError(reason);
      setStarting(false);
    }
  };

  const notYetColumns = (preview?.suggested ?? [])
    .map((s, column) => (s.field !== null && IMPORT_FIELDS_NOT_YET.includes(s.field) ? preview!.headers[column] || String(column + 1) : null))
    .filter((header): header is string => header !== null);
  const hasIdentity = mapping.some((field) => field !== null && IDENTITY_FIELDS.includes(field));
  const duplicates = mapping.filter((field, k) => field !== null && mapping.indexOf(field) !== k);

  const mappingColumns = useMemo<TableColumnsType<{ column: number; header: string }>>(
    () => [
      {
        key: 'header',
        title: t('imports.wizard.fileColumn'),
        width: '28%',
        render: (_value, row) => (
          <Typography.Text strong>{row.header || t('imports.wizard.unnamedColumn', { n: row.column + 1 })}</Typography.Text>
        ),
      },
      {
        key: 'samples',
        title: t('imports.wizard.samples'),
        responsive: ['md'],
        render: (_value, row) => (
          <Typography.Text type="secondary" ellipsis className="import-samples">
            {(preview?.rows ?? [])
              .map((r) => r.cells[row.column] ?? '')
              .filter((cell) => cell.trim() !== '')
              .slice(0, 3)
              .join(' · ')}
          </Typography.Text>
        ),
      },
      {
        key: 'field',
        title: t('imports.wizard.field'),
        width: 300,
        render: (_value, row) => {
          const field = mapping[row.column] ?? null;
          const guessed = preview?.suggested[row.column];
          return (
            <Space>
              <Select
                data-testid={`import-map-${row.column}`}
                className="import-field-select"
                showSearch={{ optionFilterProp: 'label' }}
                value={field ?? SKIP}
                options={fieldOptions}
                onChange={(value: string) =>
                  setMapping((current) => current.map((f, k) => (k === row.column ? (value === SKIP ? null : (value as ImportField)) : f)))
                }
              />
              {guessed?.field && guessed.field === field ? (
                <Tag color={guessed.confidence >= 0.9 ? 'green' : 'gold'}>{t('imports.wizard.auto')}</Tag>
              ) : null}
            </Space>
          );
        },
      },
    ],
    [t, preview, mapping, fieldOptions],
  );

  const previewColumns = useMemo<TableColumnsType<ImportPreview['rows'][number]>>(
    () => [
      { key: 'line', title: t('imports.wizard.line'), dataIndex: 'line', width: 64, fixed: 'left' },
      ...(preview?.headers ?? []).map((header, column) => ({
        key: String(column),
        title: (
          <Flex vertical>
            <span>{header || t('imports.wizard.unnamedColumn', { n: column + 1 })}</span>
            <Typography.Text type={mapping[column] ? 'success' : 'secondary'} className="cell-secondary">
              {mapping[column] ? `→ ${fieldLabel(mapping[column])}` : t('imports.wizard.skipped')}
            </Typography.Text>
          </Flex>
        ),
        render: (_value: unknown, row: ImportPreview['rows'][number]) => (
          <Typography.Text type={mapping[column] ? undefined : 'secondary'} className="import-cell">
            {row.cells[column] ?? ''}
          </Typography.Text>
        ),
      })),
    ],
    [t, preview, mapping, zh],
  );

  const step = preview ? 1 : 0;
  return (
    <>
      <PageHeader title={t('imports.wizard.title')} subtitle={t('imports.wizard.subtitle')} />
      <Steps
        className="import-steps"
        current={step}
        items={[{ title: t('imports.wizard.steps.upload') }, { title: t('imports.wizard.steps.map') }, { title: t('imports.wizard.steps.run') }]}
      />
      {preview === null ? (
        <Card>
          <Upload.Dragger
            data-testid="import-dropzone"
            accept=".csv,.txt,.tsv,.xlsx,.xls,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            multiple={false}
            showUploadList={false}
            disabled={uploadFraction !== null}
            beforeUpload={(file) => {
              void upload(file);
              return Upload.LIST_IGNORE;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('imports.wizard.drop')}</p>
            <p className="ant-upload-hint">{t('imports.wizard.dropHint')}</p>
          </Upload.Dragger>
          {uploadFraction !== null ? (
            <Flex align="center" gap={12} className="import-upload-progress">
              <Progress percent={Math.round(uploadFraction * 100)} status="active" data-testid="import-upload-progress" />
              <Button onClick={() => abort.current?.abort()}>{t('common.cancel')}</Button>
            </Flex>
          ) : null}
          {uploadError ? (
            uploadError instanceof Error && !isApiRequestError(uploadError) ? (
              <Alert type="error" showIcon className="page-alert" title={t('errors.imports.file_too_large')} data-testid="import-upload-error" />
            ) : (
              <FileProblem error={uploadError} />
            )
          ) : null}
        </Card>
      ) : (
        <Flex vertical gap={16}>
          <Card>
            <Descriptions
              size="small"
              column={{ xs: 1, md: 4 }}
              items={[
                { key: 'file', label: t('imports.wizard.file'), children: <span data-testid="import-file-name">{preview.import.fileName}</span> },
                {
                  key: 'format',
                  label: t('imports.wizard.format'),
                  children: (
                    <span data-testid="import-format">
                      {preview.import.format === 'xlsx' ? 'Excel (.xlsx)' : `CSV · ${(preview.import.encoding ?? '').toUpperCase()}`}
                    </span>
                  ),
                },
                { key: 'size', label: t('imports.wizard.size'), children: format.integer(Math.ceil((preview.import.fileSize ?? 0) / 1024)) + ' KB' },
                {
                  key: 'sheet',
                  label: t('imports.wizard.sheet'),
                  children:
                    preview.sheets && preview.sheets.length > 1 ? (
                      <Select
                        size="small"
                        loading={sheetLoading}
                        value={preview.import.sheet}
                        options={preview.sheets.map((name) => ({ value: name, label: name }))}
                        onChange={(sheet: string) => void changeSheet(sheet)}
                        data-testid="import-sheet"
                      />
                    ) : (
                      (preview.import.sheet ?? '—')
                    ),
                },
              ]}
            />
          </Card>
          <Card title={t('imports.wizard.mappingTitle')} extra={<Typography.Text type="secondary">{t('imports.wizard.mappingHint')}</Typography.Text>}>
            <Table
              data-testid="import-mapping"
              size="small"
              rowKey="column"
              pagination={false}
              columns={mappingColumns}
              dataSource={preview.headers.map((header, column) => ({ column, header }))}
            />
          </Card>
          <Card title={t('imports.wizard.previewTitle', { rows: preview.rows.length })}>
            <Table
              data-testid="import-preview"
              size="small"
              rowKey="line"
              pagination={false}
              scroll={{ x: 'max-content' }}
              columns={previewColumns}
              dataSource={preview.rows}
            />
          </Card>
          <Card>
            <Flex vertical gap={12}>
              {notYetColumns.length > 0 ? (
                <Alert type="info" showIcon title={t('imports.wizard.notYetColumns', { columns: notYetColumns.join(', ') })} data-testid="import-not-yet" />
              ) : null}
              {!hasIdentity ? <Alert type="warning" showIcon title={t('imports.wizard.needIdentity')} data-testid="import-need-identity" /> : null}
              {duplicates.length > 0 ? (
                <Alert type="info" showIcon title={t('imports.wizard.duplicateFields', { fields: [...new Set(duplicates)].map((f) => fieldLabel(f!)).join(', ') })} />
              ) : null}
              {startError ? <Alert type="error" showIcon title={errorMessage(t, startError)} /> : null}
              <Flex gap={12} align="end" wrap>
                <div className="import-source">
                  <Typography.Text>{t('imports.wizard.source')}</Typography.Text>
                  <Input value={source} maxLength={100} onChange={(event) => setSource(event.target.value)} data-testid="import-source" />
                  <Typography.Text type="secondary" className="cell-secondary">
                    {t('imports.wizard.sourceHint')}
                  </Typography.Text>
                </div>
                <Flex gap={8} className="import-actions">
                  <Button
                    onClick={() => {
                      if (preview) void api.cancelImport(preview.import.id).catch(() => undefined);
                      setPreview(null);
                    }}
                  >
                    {t('imports.wizard.otherFile')}
                  </Button>
                  <Button type="primary" disabled={!hasIdentity} loading={starting} onClick={() => void start()} data-testid="import-start">
                    {t('imports.wizard.start')}
                  </Button>
                </Flex>
              </Flex>
            </Flex>
          </Card>
        </Flex>
      )}
    </>
  );
}
