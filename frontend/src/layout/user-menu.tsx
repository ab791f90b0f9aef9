import { App, Avatar, Button, Dropdown, Flex, Grid, Tag, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { DownOutlined, LogoutOutlined, SettingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '@/i18n/error-message';
import { useSession, useUser } from '@/session/session-context';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return '?';
  if (parts.length === 1) return Array.from(parts[0] ?? '').slice(0, 2).join('').toUpperCase();
  return `${Array.from(parts[0] ?? '')[0] ?? ''}${Array.from(parts[parts.length - 1] ?? '')[0] ?? ''}`.toUpperCase();
}

export function UserMenu() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { signOut } = useSession();
  const user = useUser();
  const screens = Grid.useBreakpoint();

  const signOutItem: NonNullable<MenuProps['items']>[number] & { 'data-testid': string } = {
    key: 'sign-out',
    icon: <LogoutOutlined />,
    label: t('userMenu.signOut'),
    danger: true,
    'data-testid': 'sign-out',
  };

  const items: MenuProps['items'] = [
    {
      key: 'who',
      type: 'group',
      label: (
        <Flex vertical gap={2} className="user-menu-who">
          <Typography.Text strong>{user.name}</Typography.Text>
          <Typography.Text type="secondary" className="user-menu-email">
            {user.email}
          </Typography.Text>
          <span>
            <Tag color="blue">{t(`roles.${user.role}`)}</Tag>
          </span>
        </Flex>
      ),
    },
    { type: 'divider' },
    { key: 'settings', icon: <SettingOutlined />, label: t('userMenu.settings') },
    { type: 'divider' },
    signOutItem,
  ];

  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'settings') navigate('/settings');
    if (key === 'sign-out') {
      signOut().then(
        () => navigate('/sign-in', { replace: true }),
        (error: unknown) => {
          void message.error(t('userMenu.signOutFailed', { error: errorMessage(t, error) }));
        },
      );
    }
  };

  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
      <Button type="text" data-testid="user-menu" aria-label={t('userMenu.label', { name: user.name })} className="user-menu-button">
        <Flex align="center" gap={8}>
          <Avatar size={28} className="user-avatar">
            {initials(user.name)}
          </Avatar>
          {screens.sm ? (
            <Flex vertical align="flex-start" className="user-menu-text">
              <span className="user-menu-name">{user.name}</span>
              <span className="user-menu-role">{t(`roles.${user.role}`)}</span>
            </Flex>
          ) : null}
          <DownOutlined className="user-menu-caret" />
        </Flex>
      </Button>
    </Dropdown>
  );
}
