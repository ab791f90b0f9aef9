import { Flex, Select, Typography } from 'antd';
import type { SelectProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { USER_ROLES } from '@fulcrum/shared';
import type { UserRole } from '@fulcrum/shared';

/** Roles with one line each on what the role may do. */
export function RoleSelect(props: Omit<SelectProps<UserRole>, 'options'>) {
  const { t } = useTranslation();
  return (
    <Select<UserRole>
      {...props}
      optionLabelProp="title"
      options={USER_ROLES.map((role) => ({
        value: role,
        title: t(`roles.${role}`),
        label: (
          <Flex vertical>
            <span>{t(`roles.${role}`)}</span>
            <Typography.Text type="secondary" className="option-help">
              {t(`roleHelp.${role}`)}
            </Typography.Text>
          </Flex>
        ),
      }))}
    />
  );
}
