import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Segmented, Tooltip, Typography } from 'antd';
import { ArrowLeftOutlined, DeleteOutlined, DownloadOutlined, SaveOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { saveSegmentRequestSchema, SEGMENT_TARGETS, validateSegmentFilter } from '@fulcrum/shared';
import type { Segment, SegmentGroup, SegmentTarget } from '@fulcrum/shared';
import { api, isApiRequestError } from '@/api/client';
import { ContentSpin } from '@/components/full-page-spin';
import { PageHeader } from '@/components/page-header';
import { errorMessage } from '@/i18n/error-message';
import { FilterGroupEditor } from '@/pages/segments/filter-group-editor';
import type { FilterTreeEditor } from '@/pages/segments/filter-group-editor';
import {
  addChild,
  countConditions,
  emptyGroup,
  getNode,
  nodePathKey,
  parsePathKey,
  problemsByPath,
  removeNode,
  setCombinator,
  updateNode,
} from '@/pages/segments/filter-tree';
import { SegmentCountPanel } from '@/pages/segments/segment-count-panel';
import type { BuilderProblem } from '@/pages/segments/segment-labels';
import { SegmentSampleTable } from '@/pages/segments/segment-sample-table';
import { useSegmentPreview } from '@/pages/segments/use-segment-preview';
import { TagSegmentButton } from '@/pages/tags/bulk-tag-modal';
import '@/pages/segments/segments.css';
import { useHeldRecord } from '@/components/use-held-record';
import { RecordNotFound } from '@/components/record-not-found';
import { useUnsavedGuard } from '@/components/use-unsaved-guard';

const NAME_MAX = saveSegmentRequestSchema.shape.name.maxLength ?? 120;
const LIST_PATH = '/segments';

function sameFilter(a: SegmentGroup, b: SegmentGroup): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** The builder at /segments/new and /segments/:id: name, target, filter tree, live count and sample. */
export function SegmentEditorPage() {
  const { id } = useParams<{ id: string }>();
  const navigate = useNavigate();
  const { t } = useTranslation();
  const { message, modal } = App.useApp();

  const [saved, setSaved] = useState<Segment | null>(null);
  const [name, setName] = useState('');
  const [target, setTarget] = useState<SegmentTarget>('contacts');
  const [filter, setFilter] = useState<SegmentGroup>(emptyGroup);
  const [nameError, setNameError] = useState<string | null>(null);
  const [serverProblems, setServerProblems] = useState<BuilderProblem[]>([]);
  const [saving, setSaving] = useState(false);

  const show = useCallback((segment: Segment | null) => {
    setSaved(segment);
    setName(segment?.name ?? '');
    setTarget(segment?.target ?? 'contacts');
    setFilter((current) => {
      const next = segment?.filter ?? emptyGroup();
      return sameFilter(current, next) ? current : next;
    });
    setNameError(null);
    setServerProblems([]);
  }, []);
  const { hold, loading, loadError, retry } = useHeldRecord(id, api.getSegment, show);

  // Problems the server reported are about the filter it was sent; an edit makes them stale.
  useEffect(() => setServerProblems([]), [filter]);

  const localProblems = useMemo(() => validateSegmentFilter(filter), [filter]);
  const problems = useMemo(() => {
    const localPaths = new Set(localProblems.map((problem) => problem.path));
    return problemsByPath<BuilderProblem>([...localProblems, ...serverProblems.filter((problem) => !localPaths.has(problem.path))]);
  }, [localProblems, serverProblems]);
  const conditionCount = useMemo(() => countConditions(filter), [filter]);

  const ready = !loading && !loadError;
  const preview = useSegmentPreview(target, filter, ready && localProblems.length === 0);

  const dirty =
    ready &&
    (saved
      ? name.trim() !== saved.name || target !== saved.target || !sameFilter(filter, saved.filter)
      : name.trim() !== '' || filter.children.length > 0);

  const leaveTo = useUnsavedGuard(dirty, { title: t('segments.builder.leaveTitle'), body: t('segments.builder.leaveBody'), leave: t('segments.builder.leave'), stay: t('segments.builder.stay') });

  const editor = useMemo<FilterTreeEditor>(
    () => ({
      update: (path, update) => setFilter((root) => updateNode(root, path, update)),
      add: (path, child) => setFilter((root) => addChild(root, path, child)),
      remove: (path) => setFilter((root) => removeNode(root, path)),
      setCombinator: (path, combinator) => setFilter((root) => setCombinator(root, path, combinator)),
    }),
    [],
  );

  const showSaveError = (reason: unknown) => {
    if (isApiRequestError(reason)) {
      if (reason.code === 'segments.name_taken') {
        setNameError(t('errors.segments.name_taken'));
        return;
      }
      const details = reason.error.details ?? [];
      if (details.some((detail) => detail.path === 'name')) setNameError(t('segments.builder.nameRequired', { max: NAME_MAX }));
      const onFilter = details.flatMap((detail) => {
        const key = nodePathKey(detail.path);
        if (key === null) return [];
        // A path into a node this tree does not have still deserves to be seen: on the root.
        const path = parsePathKey(key);
        const known = path !== null && getNode(filter, path) !== undefined;
        return [{ path: known ? key : 'filter', code: 'server' as const, message: detail.message }];
      });
      setServerProblems(onFilter);
    }
    void message.error(errorMessage(t, reason));
  };

  const save = async () => {
    const request = saveSegmentRequestSchema.safeParse({ name, target, filter });
    const nameOk = request.success || !request.error.issues.some((issue) => issue.path[0] === 'name');
    if (!nameOk) setNameError(t('segments.builder.nameRequired', { max: NAME_MAX }));
    if (localProblems.length > 0) {
      void message.warning(t('segments.builder.fixFirst'));
      return;
    }
    if (!request.success) {
      if (nameOk) void message.error(t('errors.segments.bad_filter'));
      return;
    }
    setSaving(true);
    try {
      const result = saved ? await api.updateSegment(saved.id, request.data) : await api.createSegment(request.data);
      hold(result);
      void message.success(t(saved ? 'segments.builder.saved' : 'segments.builder.created', { name: result.name }));
      if (!saved) navigate(`${LIST_PATH}/${result.id}`, { replace: true });
    } catch (reason) {
      showSaveError(reason);
    } finally {
      setSaving(false);
    }
  };

  const backToList = () => leaveTo(LIST_PATH);

  const confirmDelete = (segment: Segment) => {
    modal.confirm({
      title: t('segments.confirmDelete.title', { name: segment.name }),
      content: t('segments.confirmDelete.body'),
      okText: t('segments.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await api.deleteSegment(segment.id);
          void message.success(t('segments.deleted', { name: segment.name }));
          navigate(LIST_PATH);
        } catch (reason) {
          void message.error(errorMessage(t, reason));
          if (isApiRequestError(reason) && reason.code === 'segments.not_found') navigate(LIST_PATH);
        }
      },
    });
  };

  const notFound = isApiRequestError(loadError) && (loadError.code === 'segments.not_found' || loadError.statusCode === 404);
  if (notFound) {
    return <RecordNotFound title={t('segments.builder.notFoundTitle')} body={t('segments.builder.notFoundBody')} backLabel={t('segments.builder.back')} onBack={() => navigate(LIST_PATH)} />;
  }

  const exportHint = !saved ? t('segments.exportNeedsSave') : dirty ? t('segments.exportSavedOnly') : t('segments.exportHint');
  const title = saved?.name ?? (id ? t('common.loading') : t('segments.builder.newTitle'));

  return (
    <>
      <PageHeader
        title={title}
        subtitle={t('segments.builder.subtitle')}
        extra={
          <>
            <Button icon={<ArrowLeftOutlined />} onClick={backToList} data-testid="segment-back">
              {t('segments.builder.back')}
            </Button>
            <Tooltip title={exportHint}>
              <Button
                icon={<DownloadOutlined />}
                href={saved ? api.segmentExportUrl(saved.id) : undefined}
                download={saved ? true : undefined}
                disabled={!saved}
                data-testid="segment-export"
              >
                {t('segments.export')}
              </Button>
            </Tooltip>
            <TagSegmentButton
              target={target}
              filter={filter}
              savedSegmentId={saved && !dirty ? saved.id : null}
              count={preview.preview && preview.previewTarget === target && !preview.loading ? preview.preview.count : null}
              disabled={!ready || localProblems.length > 0}
            />
            {saved ? (
              <Button danger icon={<DeleteOutlined />} onClick={() => confirmDelete(saved)} data-testid={`segment-delete-${saved.id}`}>
                {t('segments.delete')}
              </Button>
            ) : null}
            <Button type="primary" icon={<SaveOutlined />} loading={saving} disabled={!ready} onClick={() => void save()} data-testid="segment-save">
              {t('segments.builder.save')}
            </Button>
          </>
        }
      />
      {loadError ? (
        <Alert
          type="error"
          showIcon
          title={errorMessage(t, loadError)}
          className="page-alert"
          action={
            <Button size="small" onClick={retry}>
              {t('common.retry')}
            </Button>
          }
        />
      ) : null}
      {loading ? (
        <ContentSpin />
      ) : loadError ? null : (
        <>
          <div className="segment-editor">
            <div className="segment-count-slot">
              <SegmentCountPanel target={target} state={preview} blocked={localProblems.length > 0} exportHint={exportHint} />
            </div>
            <Card className="segment-builder-card">
              <Form layout="vertical" component={false}>
                <div className="segment-meta">
                  <Form.Item
                    label={t('segments.builder.name')}
                    htmlFor="segment-name"
                    required
                    validateStatus={nameError ? 'error' : undefined}
                    help={nameError ?? undefined}
                    className="segment-name-item"
                  >
                    <Input
                      id="segment-name"
                      data-testid="segment-name"
                      value={name}
                      maxLength={NAME_MAX}
                      placeholder={t('segments.builder.namePlaceholder')}
                      onChange={(event) => {
                        setName(event.target.value);
                        setNameError(null);
                      }}
                    />
                  </Form.Item>
                  <Form.Item label={t('segments.builder.target')} extra={t(`segments.builder.targetHint.${target}`)} className="segment-target-item">
                    <Segmented<SegmentTarget>
                      data-testid="segment-target"
                      value={target}
                      options={SEGMENT_TARGETS.map((value) => ({ value, label: t(`segments.targets.${value}`) }))}
                      onChange={setTarget}
                    />
                  </Form.Item>
                </div>
              </Form>
              <Typography.Title level={5} className="segment-conditions-title">
                {t('segments.builder.conditions')}
                {saved && dirty ? (
                  <Typography.Text type="warning" className="segment-unsaved">
                    {t('segments.builder.unsaved')}
                  </Typography.Text>
                ) : null}
              </Typography.Title>
              <FilterGroupEditor root={filter} editor={editor} problems={problems} conditionCount={conditionCount} />
            </Card>
          </div>
          <SegmentSampleTable
            target={preview.previewTarget ?? target}
            sample={preview.preview?.sample ?? []}
            loading={preview.loading}
            emptyText={
              preview.preview ? t('segments.sample.empty') : localProblems.length > 0 ? t('segments.count.stale') : t('segments.count.counting')
            }
          />
        </>
      )}
    </>
  );
}
