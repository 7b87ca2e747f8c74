import { SimpleDateFormat } from '../../layouts/date/simple-date-format.js';
import type { TimeZone } from '../../layouts/date/time-zone.js';

/** How often a DailyRollingFileAppender rolls, as log4j infers it from the DatePattern. */
export type RollPeriod = 'minute' | 'hour' | 'half-day' | 'day' | 'week' | 'month';

const SHORTEST_FIRST: readonly RollPeriod[] = ['minute', 'hour', 'half-day', 'day', 'week', 'month'];

/**
 * Start of the period after the one holding `wallClock` (a wall-clock time written
 * as if it were UTC, so the UTC getters read local fields). Weeks start on Sunday,
 * as in log4j's default (US) calendar.
 */
function nextBoundary(wallClock: number, period: RollPeriod): number {
  const d = new Date(wallClock);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth();
  const day = d.getUTCDate();
  const hour = d.getUTCHours();
  switch (period) {
    case 'minute':
      return Date.UTC(year, month, day, hour, d.getUTCMinutes() + 1);
    case 'hour':
      return Date.UTC(year, month, day, hour + 1);
    case 'half-day':
      return hour < 12 ? Date.UTC(year, month, day, 12) : Date.UTC(year, month, day + 1);
    case 'day':
      return Date.UTC(year, month, day + 1);
    case 'week':
      return Date.UTC(year, month, day + 7 - d.getUTCDay());
    case 'month':
      return Date.UTC(year, month + 1, 1);
  }
}

/**
 * log4j's computeCheckPeriod: the shortest period whose boundary changes the text
 * the pattern prints (checked in UTC from the epoch). `'.'yyyy-MM-dd` rolls daily,
 * `'.'yyyy-MM-dd-HH` hourly, `'.'yyyy-MM-dd-a` twice a day, `'.'yyyy-MM` monthly.
 */
export function inferRollPeriod(datePattern: string): RollPeriod {
  const format = new SimpleDateFormat(datePattern, 'UTC');
  const atEpoch = format.format(0);
  for (const period of SHORTEST_FIRST) {
    if (format.format(nextBoundary(0, period)) !== atEpoch) return period;
  }
  throw new Error(`DatePattern "${datePattern}" prints no field that changes over time, so the file would never roll`);
}

/** The instant the period after the one holding `timestamp` begins, in `zone`. */
export function nextRollTime(timestamp: number, period: RollPeriod, zone: TimeZone): number {
  const wallClock = nextBoundary(timestamp + zone.offsetAt(timestamp), period);
  // The offset at the boundary may differ from now's (daylight saving): take it there.
  const roughly = wallClock - zone.offsetAt(timestamp);
  const next = wallClock - zone.offsetAt(roughly);
  return next > timestamp ? next : roughly;
}
