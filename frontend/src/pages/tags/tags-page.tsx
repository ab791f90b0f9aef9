import { useMemo, useState } from 'react';
import { App, Tag as AntTag, Button, Card, Empty, Flex, Table, theme, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ArrowDownOutlined, ArrowLeftOutlined, ArrowUpOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { tagColor } from '@fulcrum/shared';
import type { Tag, TagCategory } from '@fulcrum/shared';
import { api } from '@/api/client';
import { ContentSpin } from '@/components/full-page-spin';
import { LoadErrorAlert } from '@/components/load-error-alert';
import { PageHeader } from '@/components/page-header';
import { useApiData } from '@/components/use-api-data';
import { useFormat } from '@/components/format';
import { errorMessage } from '@/i18n/error-message';
import { canManageTags, HOME_PATH } from '@/session/access';
import { useUser } from '@/session/session-context';
import { CategoryModal } from '@/pages/tags/category-modal';
import { TagModal } from '@/pages/tags/tag-modal';
import { invalidateTagCatalog } from '@/pages/tags/use-tag-catalog';
import '@/pages/tags/tags.css';

type TagDialog = { tag: Tag | null; categoryId: string | null } | null;
type CategoryDialog = { category: TagCategory | null } | null;

function CategoryCard({
  category,
  index,
  count,
  canManage,
  onEditCategory,
  onDeleteCategory,
  onMove,
  onAddTag,
  onEditTag,
  onDeleteTag,
}: {
  category: TagCategory;
  index: number;
  count: number;
  canManage: boolean;
  onEditCategory: () => void;
  onDeleteCategory: () => void;
  onMove: (by: -1 | 1) => void;
  onAddTag: () => void;
  onEditTag: (tag: Tag) => void;
  onDeleteTag: (tag: Tag) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const { token } = theme.useToken();
  const columns = useMemo<TableColumnsType<Tag>>(
    () => [
      {
        key: 'tag',
        title: t('tags.columns.tag'),
        render: (_value, tag) => (
          <AntTag color={tagColor(tag, category)} data-testid="tag-label">
            {tag.name}
          </AntTag>
        ),
      },
      {
        key: 'description',
        title: t('tags.columns.description'),
        responsive: ['md'],
        render: (_value, tag) => tag.description ?? <Typography.Text type="secondary">{t('common.none')}</Typography.Text>,
      },
      ...(['companies', 'contacts', 'segments'] as const).map((key) => ({
        key,
        title: t(`tags.columns.${key}`),
        align: 'right' as const,
        render: (_value: unknown, tag: Tag) => (
          <span data-testid={`tag-usage-${key}`}>{tag.usage ? format.integer(tag.usage[key]) : t('common.none')}</span>
        ),
      })),
      ...(canManage
        ? [
            {
              key: 'actions',
              title: t('tags.columns.actions'),
              align: 'right' as const,
              render: (_value: unknown, tag: Tag) => (
                <Flex gap={4} justify="flex-end">
                  <Tooltip title={t('tags.edit')}>
                    <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('tags.edit')} onClick={() => onEditTag(tag)} data-testid="tag-edit" />
                  </Tooltip>
                  <Tooltip title={t('tags.delete')}>
                    <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('tags.delete')} onClick={() => onDeleteTag(tag)} data-testid="tag-delete" />
                  </Tooltip>
                </Flex>
              ),
            },
          ]
        : []),
    ],
    [t, format, category, canManage, onEditTag, onDeleteTag],
  );

  const hasTags = category.tags.length > 0;
  return (
    <Card
      className="tag-category-card"
      data-testid="tag-category"
      data-name={category.name}
      title={
        <Flex align="center" gap={8}>
          <span className="tag-category-dot" style={{ background: token[category.color] }} aria-hidden />
          <span>{category.name}</span>
          <Typography.Text type="secondary" className="tag-category-count">
            {t('tags.category.tags', { count: category.tags.length })}
          </Typography.Text>
        </Flex>
      }
      extra={
        canManage ? (
          <Flex gap={4} wrap>
            <Tooltip title={t('tags.category.moveUp')}>
              <Button type="text" size="small" icon={<ArrowUpOutlined />} aria-label={t('tags.category.moveUp')} disabled={index === 0} onClick={() => onMove(-1)} />
            </Tooltip>
            <Tooltip title={t('tags.category.moveDown')}>
              <Button
                type="text"
                size="small"
                icon={<ArrowDownOutlined />}
                aria-label={t('tags.category.moveDown')}
                disabled={index === count - 1}
                onClick={() => onMove(1)}
              />
            </Tooltip>
            <Tooltip title={t('tags.category.edit')}>
              <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('tags.category.edit')} onClick={onEditCategory} data-testid="category-edit" />
            </Tooltip>
            <Tooltip title={hasTags ? t('tags.category.deleteNotEmpty') : t('tags.category.delete')}>
              <Button
                type="text"
                size="small"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('tags.category.delete')}
                disabled={hasTags}
                onClick={onDeleteCategory}
                data-testid="category-delete"
              />
            </Tooltip>
            <Button size="small" icon={<PlusOutlined />} onClick={onAddTag} data-testid="category-add-tag">
              {t('tags.category.addTag')}
            </Button>
          </Flex>
        ) : null
      }
    >
      {hasTags ? (
        <Table<Tag> rowKey="id" size="small" columns={columns} dataSource={category.tags} pagination={false} data-testid="tag-table" />
      ) : (
        <Typography.Text type="secondary">{t('tags.category.empty')}</Typography.Text>
      )}
    </Card>
  );
}

/** Tag categories and their tags, with how many companies, contacts and saved segments use each. */
export function TagsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const user = useUser();
  const canManage = canManageTags(user.role);
  const { data: categories, loading, error, reload } = useApiData((signal) => api.tagCatalog(true, { signal }), []);
  const [tagDialog, setTagDialog] = useState<TagDialog>(null);
  const [categoryDialog, setCategoryDialog] = useState<CategoryDialog>(null);

  const changed = () => {
    invalidateTagCatalog();
    reload();
  };

  const deleteTag = (tag: Tag) => {
    const usage = tag.usage ?? { companies: 0, contacts: 0, segments: 0 };
    modal.confirm({
      title: t('tags.confirmDelete.title', { name: tag.name }),
      content: (
        <Flex vertical gap={8}>
          <span>{t('tags.confirmDelete.body', { companies: format.integer(usage.companies), contacts: format.integer(usage.contacts) })}</span>
          {usage.segments > 0 ? <Typography.Text type="warning">{t('tags.confirmDelete.segments', { count: usage.segments })}</Typography.Text> : null}
        </Flex>
      ),
      okText: t('tags.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await api.deleteTag(tag.id);
          void message.success(t('tags.deleted', { name: tag.name }));
        } catch (reason) {
          void message.error(errorMessage(t, reason));
        }
        changed();
      },
    });
  };

  const deleteCategory = (category: TagCategory) => {
    modal.confirm({
      title: t('tags.category.confirmDelete.title', { name: category.name }),
      content: t('tags.category.confirmDelete.body'),
      okText: t('tags.category.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await api.deleteTagCategory(category.id);
          void message.success(t('tags.category.deleted', { name: category.name }));
        } catch (reason) {
          void message.error(errorMessage(t, reason));
        }
        changed();
      },
    });
  };

  // Moving renumbers every category in steps of ten, so two equal sort values cannot block a move.
  const move = async (index: number, by: -1 | 1) => {
    if (!categories) return;
    const order = [...categories];
    const [moved] = order.splice(index, 1);
    if (!moved) return;
    order.splice(index + by, 0, moved);
    try {
      for (const [position, category] of order.entries()) {
        const sort = (position + 1) * 10;
        if (category.sort !== sort) await api.updateTagCategory(category.id, { sort });
      }
    } catch (reason) {
      void message.error(errorMessage(t, reason));
    }
    changed();
  };

  const none = categories !== null && categories.length === 0;

  return (
    <>
      <PageHeader
        title={t('tags.title')}
        subtitle={canManage ? t('tags.subtitle') : t('tags.readOnly')}
        extra={
          <>
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(HOME_PATH)}>
              {t('tags.back')}
            </Button>
            {canManage ? (
              <>
                <Button icon={<PlusOutlined />} onClick={() => setCategoryDialog({ category: null })} data-testid="category-new" type={none ? 'primary' : 'default'}>
                  {t('tags.newCategory')}
                </Button>
                <Button
                  type="primary"
                  icon={<PlusOutlined />}
                  disabled={!categories?.length}
                  onClick={() => setTagDialog({ tag: null, categoryId: null })}
                  data-testid="tag-new"
                >
                  {t('tags.newTag')}
                </Button>
              </>
            ) : null}
          </>
        }
      />
      {error ? <LoadErrorAlert error={error} onRetry={reload} /> : null}
      {loading && !categories ? <ContentSpin /> : null}
      {none ? (
        <Card>
          <Empty
            description={
              <Flex vertical gap={4} align="center">
                <Typography.Text strong>{t('tags.empty.title')}</Typography.Text>
                <Typography.Text type="secondary" className="tags-empty-body">
                  {t('tags.empty.body')}
                </Typography.Text>
              </Flex>
            }
          >
            {canManage ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCategoryDialog({ category: null })}>
                {t('tags.empty.create')}
              </Button>
            ) : null}
          </Empty>
        </Card>
      ) : null}
      <Flex vertical gap={16}>
        {(categories ?? []).map((category, index) => (
          <CategoryCard
            key={category.id}
            category={category}
            index={index}
            count={categories?.length ?? 0}
            canManage={canManage}
            onEditCategory={() => setCategoryDialog({ category })}
            onDeleteCategory={() => deleteCategory(category)}
            onMove={(by) => void move(index, by)}
            onAddTag={() => setTagDialog({ tag: null, categoryId: category.id })}
            onEditTag={(tag) => setTagDialog({ tag, categoryId: tag.categoryId })}
            onDeleteTag={deleteTag}
          />
        ))}
      </Flex>
      <CategoryModal
        open={categoryDialog !== null}
        category={categoryDialog?.category ?? null}
        onClose={() => setCategoryDialog(null)}
        onSaved={(saved) => {
          setCategoryDialog(null);
          void message.success(t('tags.category.saved', { name: saved.name }));
          changed();
        }}
      />
      <TagModal
        open={tagDialog !== null}
        tag={tagDialog?.tag ?? null}
        categoryId={tagDialog?.categoryId ?? null}
        categories={categories ?? []}
        onClose={() => setTagDialog(null)}
        onSaved={(saved) => {
          setTagDialog(null);
          void message.success(t('tags.saved', { name: saved.name }));
          changed();
        }}
      />
    </>
  );
}
