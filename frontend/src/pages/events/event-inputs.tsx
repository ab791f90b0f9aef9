import { useMemo, useState } from 'react';
import { Button, InputNumber, Select, Space, Typography } from 'antd';
import type { FormItemProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
// The date picker names months and weekdays with dayjs's locale, which antd's zh_CN switches to.
import 'dayjs/locale/zh-cn';
import { EVENT_LIMITS } from '@fulcrum/shared';
import { REMINDER_PRESETS, reminderParts } from '@/pages/events/event-labels';
import { zoneOffsetLabel, timeZoneNames } from '@/pages/events/event-time';
import type { WallTime } from '@/pages/events/event-time';

/** How the pickers show a time, and how the form holds it. */
export const WALL_TIME_FORMAT = 'YYYY-MM-DD HH:mm';
export const WALL_VALUE_FORMAT = 'YYYY-MM-DDTHH:mm';

/**
 * A DatePicker's Form.Item props that keep the form's value as wall-clock text ("2026-05-21T14:00"):
 * the picker shows that clock whatever the browser's zone, and the event's zone says what instant it is.
 */
export const wallTimeItemProps: Pick<FormItemProps, 'getValueProps' | 'normalize'> = {
  getValueProps: (value: WallTime | null | undefined) => ({ value: value ? dayjs(value) : null }),
  normalize: (value: Dayjs | null | undefined) => (value ? value.format(WALL_VALUE_FORMAT) : null),
};

/** A searchable select of every IANA zone the browser knows, each with its current GMT offset. */
export function TimeZoneSelect({ value, onChange, extraZones, ...rest }: { value?: string; onChange?: (zone: string) => void; extraZones: string[]; 'data-testid'?: string; disabled?: boolean }) {
  const { t } = useTranslation();
  const options = useMemo(() => {
    const now = Date.now();
    return timeZoneNames(...extraZones).map((zone) => ({ value: zone, label: t('events.zoneWithOffset', { zone, offset: zoneOffsetLabel(zone, now) }) }));
  }, [extraZones, t]);
  return (
    <Select
      {...rest}
      value={value}
      onChange={onChange}
      options={options}
      showSearch={{ optionFilterProp: 'label' }}
      popupMatchSelectWidth={false}
      aria-label={t('events.editor.timeZone')}
    />
  );
}

/** "1 day before", "1 hour before", "At the start". */
export function useReminderLabel(): (minutes: number) => string {
  const { t } = useTranslation();
  return (minutes) => {
    const { unit, count } = reminderParts(minutes);
    return unit === 'start' ? t('events.reminders.start') : t(`events.reminders.${unit}`, { count });
  };
}

type CustomUnit = 'minutes' | 'hours' | 'days';
const UNIT_MINUTES: Record<CustomUnit, number> = { minutes: 1, hours: 60, days: 24 * 60 };

/**
 * When the reminders go out, as minutes before the start: common times to pick, and any other time
 * (say 45 minutes) added as a custom one.
 */
export function RemindersInput({ value = [], onChange, disabled }: { value?: number[]; onChange?: (minutes: number[]) => void; disabled?: boolean }) {
  const { t } = useTranslation();
  const label = useReminderLabel();
  const [amount, setAmount] = useState<number | null>(null);
  const [unit, setUnit] = useState<CustomUnit>('minutes');

  const options = [...new Set([...REMINDER_PRESETS, ...value])].sort((a, b) => b - a).map((minutes) => ({ value: minutes, label: label(minutes) }));
  const custom = amount === null ? null : amount * UNIT_MINUTES[unit];
  const customProblem =
    custom === null ? null : custom > EVENT_LIMITS.reminderMinutes ? t('events.reminders.tooEarly') : value.includes(custom) ? t('events.reminders.already') : null;
  const full = value.length >= EVENT_LIMITS.reminders;

  const addCustom = () => {
    if (custom === null || customProblem || full) return;
    onChange?.([...value, custom].sort((a, b) => b - a));
    setAmount(null);
  };

  return (
    <div className="reminders-input">
      <Select<number[]>
        mode="multiple"
        value={[...value].sort((a, b) => b - a)}
        onChange={(next) => onChange?.([...next].sort((a, b) => b - a))}
        options={options}
        maxCount={EVENT_LIMITS.reminders}
        disabled={disabled}
        placeholder={t('events.reminders.none')}
        aria-label={t('events.editor.reminders')}
        data-testid="event-reminders"
      />
      {disabled ? null : (
        <Space.Compact className="reminders-custom">
          <InputNumber<number>
            min={1}
            precision={0}
            value={amount}
            onChange={setAmount}
            onPressEnter={(event) => {
              event.preventDefault();
              addCustom();
            }}
            placeholder={t('events.reminders.customPlaceholder')}
            aria-label={t('events.reminders.customAmount')}
            status={customProblem ? 'error' : undefined}
            data-testid="reminder-custom-amount"
          />
          <Select<CustomUnit>
            value={unit}
            onChange={setUnit}
            aria-label={t('events.reminders.customUnit')}
            options={(['minutes', 'hours', 'days'] as const).map((value) => ({ value, label: t(`events.reminders.units.${value}`) }))}
            className="reminders-unit"
          />
          <Button icon={<PlusOutlined />} onClick={addCustom} disabled={custom === null || Boolean(customProblem) || full} data-testid="reminder-custom-add">
            {t('events.reminders.add')}
          </Button>
        </Space.Compact>
      )}
      {customProblem ? (
        <Typography.Text type="danger" className="reminders-problem">
          {customProblem}
        </Typography.Text>
      ) : null}
    </div>
  );
}
