import type { EventFormat, EventStatus } from '@fulcrum/shared';

export const STATUS_COLORS: Record<EventStatus, string> = {
  draft: 'default',
  scheduled: 'blue',
  live: 'red',
  ended: 'green',
  archived: 'purple',
};

export const FORMAT_COLORS: Record<EventFormat, string> = { online: 'geekblue', onsite: 'orange', hybrid: 'cyan' };

/** The button that moves an event from one status to another, by EVENT_TRANSITIONS. */
export type StatusAction = 'schedule' | 'unschedule' | 'goLive' | 'end' | 'archive' | 'restore';

const ACTIONS: Partial<Record<`${EventStatus}>${EventStatus}`, StatusAction>> = {
  'draft>scheduled': 'schedule',
  'scheduled>draft': 'unschedule',
  'scheduled>live': 'goLive',
  'live>ended': 'end',
  'ended>archived': 'archive',
  'archived>ended': 'restore',
};

export function statusAction(from: EventStatus, to: EventStatus): StatusAction | null {
  return ACTIONS[`${from}>${to}`] ?? null;
}

/** Going live and ending are seen by every registrant at once: they ask first. */
export function needsConfirm(action: StatusAction): boolean {
  return action === 'goLive' || action === 'end';
}

export type ReminderUnit = 'start' | 'minutes' | 'hours' | 'days' | 'weeks';

/** A reminder in the largest whole unit: 1440 → 1 day, 90 → 90 minutes, 0 → at the start. */
export function reminderParts(minutes: number): { unit: ReminderUnit; count: number } {
  if (minutes <= 0) return { unit: 'start', count: 0 };
  if (minutes % (7 * 24 * 60) === 0) return { unit: 'weeks', count: minutes / (7 * 24 * 60) };
  if (minutes % (24 * 60) === 0) return { unit: 'days', count: minutes / (24 * 60) };
  if (minutes % 60 === 0) return { unit: 'hours', count: minutes / 60 };
  return { unit: 'minutes', count: minutes };
}

/** The reminder times offered in the picker; any other time can be added as a custom one. */
export const REMINDER_PRESETS: readonly number[] = [7 * 24 * 60, 2 * 24 * 60, 24 * 60, 3 * 60, 60, 30, 15, 0];
