import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import { AREA_ICONS } from '@/components/area-icons';
import { canAccess } from '@/session/access';
import type { Area } from '@/session/access';
import type { UserRole } from '@fulcrum/shared';

type MenuItem = NonNullable<MenuProps['items']>[number];

/** The console follows the event lifecycle: plan, run, follow up; then the workspace itself. */
const NAV_GROUPS: { key: 'plan' | 'run' | 'followUp' | 'workspace'; areas: Area[] }[] = [
  { key: 'plan', areas: ['accounts', 'segments', 'events', 'campaigns'] },
  { key: 'run', areas: ['live'] },
  { key: 'followUp', areas: ['leads', 'lookalikes', 'reports'] },
  { key: 'workspace', areas: ['privacy', 'outbox', 'users', 'settings'] },
];

/** Grouped under lifecycle headings; a collapsed sider has no room for headings, so groups get dividers instead. */
export function navItems(t: TFunction, role: UserRole, grouped: boolean): MenuItem[] {
  const groups = NAV_GROUPS.map(({ key, areas }) => ({
    key,
    children: areas
      .filter((area) => canAccess(role, area))
      .map((area) => {
        const Icon = AREA_ICONS[area];
        // Extra props on an item reach its <li>, which is where browser tests find it.
        const item: MenuItem & { 'data-testid': string } = {
          key: `/${area}`,
          icon: <Icon />,
          label: t(`nav.${area}`),
          'data-testid': `nav-${area}`,
        };
        return item;
      }),
  })).filter((group) => group.children.length > 0);

  if (grouped) return groups.map(({ key, children }) => ({ type: 'group' as const, key, label: t(`nav.groups.${key}`), children }));
  return groups.flatMap(({ key, children }, index) => (index === 0 ? children : [{ type: 'divider' as const, key: `${key}-divider` }, ...children]));
}

/** The menu key (the area's root path) that the current location belongs to. */
export function selectedNavKey(pathname: string): string {
  const first = pathname.split('/')[1] ?? '';
  return `/${first}`;
}
