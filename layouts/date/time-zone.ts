/**
 * A time zone as the date formatter needs it: the offset from UTC at an instant and
 * the zone's short and long display names (`z`, `zzzz`).
 *
 * Fixed zones (`UTC`, `GMT`, Java's `GMT+H`, `GMT+HH:MM`, `GMT+HHMM`) are computed
 * directly. IANA zones go through Intl, but the offset is cached per UTC hour: an
 * hour whose first and last millisecond have the same offset has no transition in
 * it (zones never switch there and back within an hour), so formatting a new second
 * costs no Intl call except right after the hour turns.
 */
export interface TimeZone {
  /** The name as configured, e.g. `Europe/Berlin`, `UTC`, `GMT+2`. */
  readonly id: string;
  /** Milliseconds to add to a UTC instant to get local wall-clock time. */
  offsetAt(timestamp: number): number;
  /** `z`: e.g. `UTC`, `CEST`, `EDT`, `GMT+05:30`. */
  shortName(timestamp: number): string;
  /** `zzzz`: e.g. `Coordinated Universal Time`, `Central European Summer Time`. */
  longName(timestamp: number): string;
}

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** `GMT+05:30` style text for an offset in milliseconds, as Java names custom zones. */
export function gmtOffsetName(offsetMs: number): string {
  if (offsetMs === 0) return 'GMT';
  const sign = offsetMs < 0 ? '-' : '+';
  const minutes = Math.floor(Math.abs(offsetMs) / MINUTE);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `GMT${sign}${h < 10 ? '0' : ''}${h}:${m < 10 ? '0' : ''}${m}`;
}

class FixedTimeZone implements TimeZone {
  constructor(
    readonly id: string,
    private readonly offset: number,
    private readonly short: string,
    private readonly long: string,
  ) {}
  offsetAt(): number {
    return this.offset;
  }
  shortName(): string {
    return this.short;
  }
  longName(): string {
    return this.long;
  }
}

/**
 * English locales tried in turn for a zone's abbreviation: CLDR gives each region's
 * abbreviations only to its own locale (CET in en-GB, NZST in en-AU, IST in en-IN).
 */
const SHORT_NAME_LOCALES = ['en-US', 'en-GB', 'en-AU', 'en-NZ', 'en-IN', 'en-IE', 'en-ZA', 'en-SG', 'en-HK', 'en-CA'];

function isGmtOffsetText(name: string): boolean {
  return name.startsWith('GMT') && name.length > 3;
}

class IntlTimeZone implements TimeZone {
  private readonly fields: Intl.DateTimeFormat;
  /** The formatter that knows this zone's abbreviations; null when no locale does. */
  private shortFormat: Intl.DateTimeFormat | null | undefined;
  private longFormat: Intl.DateTimeFormat | undefined;
  private hourKey = NaN;
  private hourOffset = 0;
  private hourIsUniform = false;
  private minuteKey = NaN;
  private minuteOffset = 0;
  // A zone's name follows its offset (CET at +1, CEST at +2): remember names per offset.
  private readonly shortNames = new Map<number, string>();
  private readonly longNames = new Map<number, string>();

  constructor(readonly id: string) {
    this.fields = new Intl.DateTimeFormat('en-US', {
      timeZone: id,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
  }

  offsetAt(timestamp: number): number {
    const hour = Math.floor(timestamp / HOUR);
    if (hour !== this.hourKey) {
      const first = this.intlOffset(hour * HOUR);
      const last = this.intlOffset(hour * HOUR + HOUR - 1);
      this.hourKey = hour;
      this.hourOffset = first;
      this.hourIsUniform = first === last;
      this.minuteKey = NaN;
    }
    if (this.hourIsUniform) return this.hourOffset;
    const minute = Math.floor(timestamp / MINUTE);
    if (minute !== this.minuteKey) {
      this.minuteKey = minute;
      this.minuteOffset = this.intlOffset(minute * MINUTE);
    }
    return this.minuteOffset;
  }

  shortName(timestamp: number): string {
    const offset = this.offsetAt(timestamp);
    let name = this.shortNames.get(offset);
    if (name === undefined) {
      name = this.findShortName(timestamp) ?? gmtOffsetName(offset);
      this.shortNames.set(offset, name);
    }
    return name;
  }

  longName(timestamp: number): string {
    const offset = this.offsetAt(timestamp);
    let name = this.longNames.get(offset);
    if (name === undefined) {
      this.longFormat ??= new Intl.DateTimeFormat('en-US', { timeZone: this.id, timeZoneName: 'long' });
      name = zoneNamePart(this.longFormat, timestamp);
      if (isGmtOffsetText(name)) name = gmtOffsetName(offset);
      this.longNames.set(offset, name);
    }
    return name;
  }

  private findShortName(timestamp: number): string | undefined {
    if (this.shortFormat === null) return undefined;
    if (this.shortFormat !== undefined) {
      const name = zoneNamePart(this.shortFormat, timestamp);
      if (!isGmtOffsetText(name)) return name;
    }
    for (const locale of SHORT_NAME_LOCALES) {
      const format = new Intl.DateTimeFormat(locale, { timeZone: this.id, timeZoneName: 'short' });
      const name = zoneNamePart(format, timestamp);
      if (!isGmtOffsetText(name)) {
        this.shortFormat = format;
        return name;
      }
    }
    this.shortFormat ??= null;
    return undefined;
  }

  private intlOffset(instant: number): number {
    let year = 0;
    let month = 0;
    let day = 0;
    let hour = 0;
    let minute = 0;
    let second = 0;
    let bc = false;
    for (const part of this.fields.formatToParts(instant)) {
      switch (part.type) {
        case 'year': year = Number(part.value); break;
        case 'month': month = Number(part.value); break;
        case 'day': day = Number(part.value); break;
        case 'hour': hour = Number(part.value); break;
        case 'minute': minute = Number(part.value); break;
        case 'second': second = Number(part.value); break;
        case 'era': bc = part.value === 'BC' || part.value === 'B'; break;
        default: break;
      }
    }
    const local = new Date(0);
    local.setUTCFullYear(bc ? 1 - year : year, month - 1, day);
    local.setUTCHours(hour, minute, second, 0);
    const whole = instant - (((instant % 1000) + 1000) % 1000);
    return local.getTime() - whole;
  }
}

function zoneNamePart(format: Intl.DateTimeFormat, timestamp: number): string {
  for (const part of format.formatToParts(timestamp)) {
    if (part.type === 'timeZoneName') return part.value;
  }
  return '';
}

function parseCustomOffset(id: string): number | undefined {
  // Java's custom ids: GMT+H, GMT+HH, GMT+H:MM, GMT+HH:MM, GMT+HHMM (we also accept UTC+...).
  const prefix = id.slice(0, 3).toUpperCase();
  if ((prefix !== 'GMT' && prefix !== 'UTC') || id.length < 5) return undefined;
  const sign = id[3];
  if (sign !== '+' && sign !== '-') return undefined;
  const rest = id.slice(4);
  let hours: number;
  let minutes = 0;
  const colon = rest.indexOf(':');
  const digits = (s: string): boolean => s.length > 0 && [...s].every((c) => c >= '0' && c <= '9');
  if (colon >= 0) {
    const h = rest.slice(0, colon);
    const m = rest.slice(colon + 1);
    if (!digits(h) || h.length > 2 || !digits(m) || m.length !== 2) return undefined;
    hours = Number(h);
    minutes = Number(m);
  } else if (digits(rest) && rest.length <= 2) {
    hours = Number(rest);
  } else if (digits(rest) && rest.length === 4) {
    hours = Number(rest.slice(0, 2));
    minutes = Number(rest.slice(2));
  } else {
    return undefined;
  }
  if (hours > 23 || minutes > 59) return undefined;
  const offset = (hours * 60 + minutes) * MINUTE;
  return sign === '-' ? -offset : offset;
}

const zones = new Map<string, TimeZone>();

/** The zone the process runs in (TZ environment variable or system setting). */
export function processTimeZoneId(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
}

/**
 * Resolves a zone name: `UTC`, `GMT`, `Z`, `GMT±H[:MM]` / `GMT±HHMM`, or any IANA
 * name (`Europe/Berlin`). Undefined or empty means the process's zone. Throws an
 * Error naming the zone when it is unknown.
 */
export function resolveTimeZone(id?: string): TimeZone {
  const name = id === undefined || id.trim() === '' ? processTimeZoneId() : id.trim();
  const cached = zones.get(name);
  if (cached) return cached;
  let zone: TimeZone;
  const upper = name.toUpperCase();
  if (upper === 'UTC' || upper === 'Z' || upper === 'ETC/UTC') {
    zone = new FixedTimeZone(name, 0, 'UTC', 'Coordinated Universal Time');
  } else if (upper === 'GMT' || upper === 'ETC/GMT') {
    zone = new FixedTimeZone(name, 0, 'GMT', 'Greenwich Mean Time');
  } else {
    const custom = parseCustomOffset(name);
    if (custom !== undefined) {
      const text = gmtOffsetName(custom);
      zone = new FixedTimeZone(name, custom, text, text);
    } else {
      try {
        zone = new IntlTimeZone(name);
      } catch {
        throw new Error(`Unknown time zone "${name}" (use an IANA name such as Europe/Berlin, UTC, or GMT+2)`);
      }
    }
  }
  zones.set(name, zone);
  return zone;
}
