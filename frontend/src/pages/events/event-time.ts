import { isTimeZone } from '@fulcrum/shared';

/**
 * An event's times are wall-clock times in the event's own time zone, not the browser's: a Shanghai
 * event edited from Berlin still starts at 14:00 Shanghai time. The editor works with wall-clock text
 * ("2026-05-21T14:00") and converts at the edges with Intl, so no time-zone library is needed.
 */
export type WallTime = string;

const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

const partsFormats = new Map<string, Intl.DateTimeFormat>();

function partsFormat(zone: string): Intl.DateTimeFormat {
  let format = partsFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormats.set(zone, format);
  }
  return format;
}

/** The wall clock in `zone` at `instant` (ms), to the second. */
function wallParts(instant: number, zone: string): [number, number, number, number, number, number] {
  const values: Record<string, number> = {};
  for (const part of partsFormat(zone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') values[part.type] = Number(part.value);
  }
  return [values.year ?? 0, values.month ?? 1, values.day ?? 1, values.hour ?? 0, values.minute ?? 0, values.second ?? 0];
}

/** Minutes `zone` is ahead of UTC at `instant` (ms): 480 for Asia/Shanghai. */
export function zoneOffsetMinutes(instant: number, zone: string): number {
  const [year, month, day, hour, minute, second] = wallParts(instant, zone);
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

function pad(value: number, length = 2): string {
  return String(value).padStart(length, '0');
}

/** "+08:00", "-05:00", "+05:45". */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The wall-clock text of an instant in `zone`. */
export function instantToWall(iso: string, zone: string): WallTime | null {
  const instant = Date.parse(iso);
  if (Number.isNaN(instant)) return null;
  const [year, month, day, hour, minute] = wallParts(instant, zone);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}`;
}

/**
 * The instant of a wall-clock time in `zone`, as ISO 8601 with that zone's offset
 * ("2026-05-21T14:00:00+08:00"). A time the clocks skip (a daylight-saving gap) moves forward with them;
 * a time they repeat is its first occurrence.
 */
export function wallToIso(wall: WallTime, zone: string): string | null {
  const match = WALL_TIME.exec(wall);
  if (!match || !isTimeZone(zone)) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  // The zone's offset at the guess, or at the answer that offset gives: one of them is right unless the time was skipped.
  const candidates = [...new Set([zoneOffsetMinutes(asUtc, zone), zoneOffsetMinutes(asUtc - zoneOffsetMinutes(asUtc, zone) * 60_000, zone)])]
    .map((offset) => asUtc - offset * 60_000)
    .sort((a, b) => a - b);
  const instant = candidates.find((candidate) => instantToWall(new Date(candidate).toISOString(), zone) === wall) ?? candidates[candidates.length - 1] ?? asUtc;
  const local = instantToWall(new Date(instant).toISOString(), zone);
  return local === null ? null : `${local}:00${formatOffset(zoneOffsetMinutes(instant, zone))}`;
}

/** The short GMT offset of `zone` at `instant`, e.g. "GMT+8"; what people recognise next to a zone name. */
export function zoneOffsetLabel(zone: string, instant: number = Date.now()): string {
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'shortOffset' })
      .formatToParts(new Date(instant))
      .find((entry) => entry.type === 'timeZoneName');
    return part?.value ?? zone;
  } catch {
    return zone;
  }
}

/** The browser's own zone, which a new event starts with; Asia/Shanghai when the browser does not say. */
export function browserTimeZone(): string {
  const zone = new Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isTimeZone(zone) ? zone : 'Asia/Shanghai';
}

/** Every zone this browser knows, with `extra` (the event's or the browser's) in case the list lacks it. */
export function timeZoneNames(...extra: string[]): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set([...known, ...extra.filter(Boolean)])].sort();
}
