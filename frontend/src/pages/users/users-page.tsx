import { useCallback, useMemo, useState } from 'react';
import { App, Badge, Button, Card, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { User } from '@fulcrum/shared';
import { api } from '@/api/client';
import { useFormat } from '@/components/format';
import { LoadErrorAlert } from '@/components/load-error-alert';
import { useApiData } from '@/components/use-api-data';
import { PageHeader } from '@/components/page-header';
import { applyLocale } from '@/i18n';
import { errorMessage } from '@/i18n/error-message';
import { CreateUserModal } from '@/pages/users/create-user-modal';
import { EditUserModal } from '@/pages/users/edit-user-modal';
import { useSession, useUser } from '@/session/session-context';

const ROLE_COLORS: Record<User['role'], string> = { admin: 'purple', organizer: 'blue', sales: 'cyan' };

export function UsersPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const format = useFormat();
  const me = useUser();
  const { updateUser } = useSession();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);

  const { data: users, setData: setUsers, loading, error, reload } = useApiData((signal) => api.listUsers({ signal }), []);

  const replace = useCallback(
    (user: User) => {
      setUsers((current) => current?.map((existing) => (existing.id === user.id ? user : existing)) ?? current);
      if (user.id === me.id) {
        updateUser({ id: user.id, email: user.email, name: user.name, role: user.role, locale: user.locale });
        void applyLocale(user.locale);
      }
    },
    [me.id, updateUser],
  );

  const confirmToggle = useCallback(
    (user: User) => {
      const disabling = !user.disabled;
      modal.confirm({
        title: t(disabling ? 'users.confirmDisable.title' : 'users.confirmEnable.title', { name: user.name }),
        content: t(disabling ? 'users.confirmDisable.body' : 'users.confirmEnable.body', { name: user.name }),
        okText: t(disabling ? 'users.disable' : 'users.enable'),
        okButtonProps: { danger: disabling },
        cancelText: t('common.cancel'),
        onOk: async () => {
          try {
            replace(await api.updateUser(user.id, { disabled: disabling }));
            void message.success(t(disabling ? 'users.disabledDone' : 'users.enabledDone', { name: user.name }));
          } catch (reason) {
            void message.error(errorMessage(t, reason));
          }
        },
      });
    },
    [modal, message, t, replace],
  );

  const columns = useMemo<TableColumnsType<User>>(
    () => [
      {
        key: 'name',
        dataIndex: 'name',
        title: t('users.columns.name'),
        sorter: (a, b) => a.name.localeCompare(b.name),
        render: (_value, user) => (
          <Space size={6}>
            <Typography.Text strong>{user.name}</Typography.Text>
            {user.id === me.id ? <Tag>{t('users.you')}</Tag> : null}
          </Space>
        ),
      },
      { key: 'email', dataIndex: 'email', title: t('users.columns.email'), responsive: ['md'] },
      {
        key: 'role',
        dataIndex: 'role',
        title: t('users.columns.role'),
        render: (_value, user) => <Tag color={ROLE_COLORS[user.role]}>{t(`roles.${user.role}`)}</Tag>,
      },
      {
        key: 'status',
        dataIndex: 'disabled',
        title: t('users.columns.status'),
        render: (_value, user) =>
          user.disabled ? (
            <Badge status="default" text={t('users.status.disabled')} />
          ) : (
            <Badge status="success" text={t('users.status.active')} />
          ),
      },
      {
        key: 'lastSignIn',
        dataIndex: 'lastSignInAt',
        title: t('users.columns.lastSignIn'),
        responsive: ['lg'],
        render: (_value, user) =>
          user.lastSignInAt ? format.dateTime(user.lastSignInAt) : <Typography.Text type="secondary">{t('users.never')}</Typography.Text>,
      },
      {
        key: 'actions',
        title: t('users.columns.actions'),
        align: 'right',
        render: (_value, user) => (
          <Space size={0} wrap>
            <Button type="link" size="small" onClick={() => setEditing(user)} data-testid={`user-edit-${user.email}`}>
              {t('common.edit')}
            </Button>
            {user.id !== me.id ? (
              <Button
                type="link"
                size="small"
                danger={!user.disabled}
                onClick={() => confirmToggle(user)}
                data-testid={`user-toggle-${user.email}`}
              >
                {user.disabled ? t('users.enable') : t('users.disable')}
              </Button>
            ) : null}
          </Space>
        ),
      },
    ],
    [t, format, me.id, confirmToggle],
  );

  return (
    <>
      <PageHeader
        title={t('users.title')}
        subtitle={t('users.subtitle')}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={reload} loading={loading && users !== null}>
              {t('common.refresh')}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="user-add">
              {t('users.add')}
            </Button>
          </>
        }
      />
      {error ? <LoadErrorAlert error={error} onRetry={reload} /> : null}
      <Card className="table-card">
        <Table<User>
          data-testid="users-table"
          rowKey="id"
          columns={columns}
          dataSource={users ?? []}
          loading={loading}
          pagination={false}
          scroll={{ x: 'max-content' }}
          rowClassName={(user) => (user.disabled ? 'row-muted' : '')}
        />
      </Card>
      <CreateUserModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(user, withPassword) => {
          setCreating(false);
          setUsers((current) => (current ? [...current, user] : [user]));
          void message.success(t(withPassword ? 'users.create.doneWithPassword' : 'users.create.doneWithLink', { name: user.name }));
        }}
      />
      <EditUserModal
        user={editing}
        isSelf={editing?.id === me.id}
        onClose={() => setEditing(null)}
        onSaved={(user) => {
          setEditing(null);
          replace(user);
          void message.success(t('users.edit.saved', { name: user.name }));
        }}
      />
    </>
  );
}
