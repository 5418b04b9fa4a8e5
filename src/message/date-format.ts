// Writes RFC 5322 section 3.3 dates in the form every receiver reads:
// "Tue, 24 Nov 2026 10:00:00 +0000" (day name, 2-digit day, numeric zone, single spaces).

export const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
export const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

export interface LocalDateTime {
  year: number;
  /** 1–12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second?: number;
  /** Offset from UTC in minutes, east positive. */
  zoneOffsetMinutes: number;
  /** Write the zone as "-0000": the local zone is unknown (RFC 5322 3.3). */
  zoneUnknown?: boolean;
}

export function formatZone(offsetMinutes: number, unknown = false): string {
  if (unknown && offsetMinutes === 0) return '-0000';
  const sign = offsetMinutes < 0 ? '-' : '+';
  const absolute = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(absolute / 60))}${pad(absolute % 60)}`;
}

/** The current-syntax form of a date and time as written (local time kept, zone made numeric). */
export function formatLocalDateTime(local: LocalDateTime): string {
  const weekday = new Date(Date.UTC(local.year, local.month - 1, local.day)).getUTCDay();
  return (
    `${DAY_NAMES[weekday]}, ${pad(local.day)} ${MONTH_NAMES[local.month - 1]} ${pad(local.year, 4)} ` +
    `${pad(local.hour)}:${pad(local.minute)}:${pad(local.second ?? 0)} ${formatZone(local.zoneOffsetMinutes, local.zoneUnknown)}`
  );
}

/** An instant as an RFC 5322 date in the given zone (default +0000). */
export function formatInstant(instant: Date, zoneOffsetMinutes = 0): string {
  const shifted = new Date(instant.getTime() + zoneOffsetMinutes * 60_000);
  return formatLocalDateTime({
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
    zoneOffsetMinutes,
  });
}
