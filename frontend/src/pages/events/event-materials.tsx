import { useRef, useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Form, Input, Modal, Progress, Tooltip, Typography, Upload } from 'antd';
import { DeleteOutlined, DownloadOutlined, EditOutlined, FileOutlined, FilePdfOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { MATERIAL_LIMITS } from '@fulcrum/shared';
import type { EventMaterial } from '@fulcrum/shared';
import { api, isApiRequestError } from '@/api/client';
import { useFormat } from '@/components/format';
import { LoadErrorAlert } from '@/components/load-error-alert';
import { useApiData } from '@/components/use-api-data';
import { errorMessage } from '@/i18n/error-message';
import { sectionId } from '@/pages/events/event-form-sections';

interface UploadState {
  name: string;
  fraction: number;
}

function MaterialIcon({ material }: { material: EventMaterial }) {
  const pdf = material.contentType === 'application/pdf' || /\.pdf$/i.test(material.fileName);
  return pdf ? <FilePdfOutlined className="material-icon" /> : <FileOutlined className="material-icon" />;
}

/** Asks for a material's new title; shown only while one is being renamed. */
function RenameModal({ material, onClose, onSave }: { material: EventMaterial; onClose: () => void; onSave: (title: string) => Promise<boolean> }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ title: string }>();
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    let title: string;
    try {
      ({ title } = await form.validateFields());
    } catch {
      return;
    }
    setSaving(true);
    try {
      if (await onSave(title.trim())) onClose();
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('events.materials.renameTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: saving, 'data-testid': 'material-rename-save' }}
      onOk={() => void submit()}
      onCancel={onClose}
    >
      <Form form={form} layout="vertical" initialValues={{ title: material.title }} onFinish={() => void submit()}>
        <Form.Item name="title" label={t('events.materials.titleLabel')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input maxLength={MATERIAL_LIMITS.titleLength} autoFocus data-testid="material-rename-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * The files attendees download (slides, whitepapers, recordings). Not part of the event form: each
 * upload, rename and delete is saved at once. Sales see the list and download links only.
 */
export function EventMaterials({ eventId, readOnly }: { eventId: string | null; readOnly: boolean }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const format = useFormat();
  const materials = useApiData((signal) => (eventId ? api.listMaterials(eventId, { signal }) : Promise.resolve([])), [eventId]);
  const [uploading, setUploading] = useState<UploadState | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<EventMaterial | null>(null);
  const abort = useRef<AbortController | null>(null);

  const list = materials.data ?? [];
  const full = list.length >= MATERIAL_LIMITS.perEvent;

  /** A material someone else removed meanwhile: say so, and show what is left. */
  const failed = (error: unknown) => {
    void message.error(errorMessage(t, error));
    if (isApiRequestError(error) && error.code === 'events.material_not_found') materials.reload();
  };

  const upload = async (file: File) => {
    if (!eventId) return;
    setUploadError(null);
    // Refused here, before 200 MB cross the network only for the server to refuse them.
    if (file.size > MATERIAL_LIMITS.fileBytes) {
      setUploadError(t('events.materials.tooLarge', { name: file.name }));
      return;
    }
    abort.current = new AbortController();
    setUploading({ name: file.name, fraction: 0 });
    try {
      const material = await api.uploadMaterial(eventId, file, (fraction) => setUploading({ name: file.name, fraction }), abort.current.signal);
      materials.setData((current) => [...(current ?? []), material]);
      void message.success(t('events.materials.uploaded', { name: material.title }));
    } catch (reason) {
      if (!(reason instanceof DOMException && reason.name === 'AbortError')) setUploadError(errorMessage(t, reason));
    } finally {
      abort.current = null;
      setUploading(null);
    }
  };

  const rename = async (title: string): Promise<boolean> => {
    if (!eventId || !renaming) return false;
    try {
      const updated = await api.updateMaterial(eventId, renaming.id, { title });
      materials.setData((current) => (current ?? []).map((m) => (m.id === updated.id ? updated : m)));
      void message.success(t('events.materials.renamed'));
      return true;
    } catch (reason) {
      failed(reason);
      return isApiRequestError(reason) && reason.code === 'events.material_not_found';
    }
  };

  const confirmDelete = (material: EventMaterial) => {
    if (!eventId) return;
    modal.confirm({
      title: t('events.materials.confirmDelete.title', { title: material.title }),
      content: t('events.materials.confirmDelete.body'),
      okText: t('events.materials.remove'),
      okButtonProps: { danger: true, 'data-testid': 'material-delete-confirm' },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await api.deleteMaterial(eventId, material.id);
          materials.setData((current) => (current ?? []).filter((m) => m.id !== material.id));
          void message.success(t('events.materials.deleted', { title: material.title }));
        } catch (reason) {
          failed(reason);
        }
      },
    });
  };

  const uploadButton =
    eventId && !readOnly ? (
      <span data-testid="material-upload">
        <Upload
          showUploadList={false}
          disabled={uploading !== null || full}
          beforeUpload={(file) => {
            void upload(file);
            return Upload.LIST_IGNORE;
          }}
        >
          <Button icon={<UploadOutlined />} disabled={uploading !== null || full} data-testid="material-upload-button">
            {t('events.materials.upload')}
          </Button>
        </Upload>
      </span>
    ) : null;

  return (
    <Card
      id={sectionId('materials')}
      title={t('events.sections.materials')}
      extra={uploadButton}
      className="event-section"
      data-testid="event-section-materials"
    >
      {!eventId ? (
        <Typography.Text type="secondary" data-testid="materials-save-first">
          {t('events.materials.saveFirst')}
        </Typography.Text>
      ) : (
        <>
          {readOnly ? null : (
            <Typography.Paragraph type="secondary" className="materials-help">
              {full ? t('events.materials.full', { count: MATERIAL_LIMITS.perEvent }) : t('events.materials.help', { count: MATERIAL_LIMITS.perEvent })}
            </Typography.Paragraph>
          )}
          {uploading ? (
            <Flex align="center" gap={12} className="material-progress" data-testid="material-upload-progress">
              <Typography.Text ellipsis className="material-progress-name">
                {t('events.materials.uploading', { name: uploading.name })}
              </Typography.Text>
              <Progress percent={Math.round(uploading.fraction * 100)} status="active" className="material-progress-bar" />
              <Button size="small" onClick={() => abort.current?.abort()}>
                {t('events.materials.cancelUpload')}
              </Button>
            </Flex>
          ) : null}
          {uploadError ? (
            <Alert type="error" showIcon title={uploadError} className="page-alert" closable={{ onClose: () => setUploadError(null) }} data-testid="material-error" />
          ) : null}
          {materials.error ? <LoadErrorAlert error={materials.error} onRetry={materials.reload} /> : null}
          {materials.loading && !materials.data ? null : list.length === 0 && !materials.error ? (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={readOnly ? t('events.materials.empty') : t('events.materials.emptyEditable')}
              className="event-list-empty"
              data-testid="materials-empty"
            />
          ) : (
            <ul className="material-list" data-testid="material-list">
              {list.map((material) => (
                <li key={material.id} className="material-row" data-testid="material-row" data-id={material.id}>
                  <MaterialIcon material={material} />
                  <div className="material-main">
                    <Typography.Text strong ellipsis data-testid="material-title">
                      {material.title}
                    </Typography.Text>
                    <Typography.Text type="secondary" className="material-meta">
                      <span data-testid="material-file">{material.fileName}</span>
                      {' · '}
                      <span data-testid="material-size">{format.fileSize(material.sizeBytes)}</span>
                      {' · '}
                      {t('events.materials.addedBy', { name: material.createdByName ?? t('common.none'), time: format.dateTime(material.createdAt) })}
                    </Typography.Text>
                  </div>
                  <Flex gap={4} className="material-actions">
                    <Button type="link" size="small" icon={<DownloadOutlined />} href={api.materialFileUrl(material)} download={material.fileName} data-testid="material-download">
                      {t('events.materials.download')}
                    </Button>
                    {readOnly ? null : (
                      <>
                        <Tooltip title={t('events.materials.rename')}>
                          <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('events.materials.rename')} onClick={() => setRenaming(material)} data-testid="material-rename" />
                        </Tooltip>
                        <Tooltip title={t('events.materials.remove')}>
                          <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('events.materials.remove')} onClick={() => confirmDelete(material)} data-testid="material-delete" />
                        </Tooltip>
                      </>
                    )}
                  </Flex>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {renaming && !readOnly ? <RenameModal key={renaming.id} material={renaming} onClose={() => setRenaming(null)} onSave={rename} /> : null}
    </Card>
  );
}
