import { resolveTimeZone, type TimeZone } from './time-zone.js';

/**
 * Java's SimpleDateFormat (English names, en-US week rules), compiled once. Letters:
 * G y Y M L w W d D F E u a H k K h m s S z Z X; text in single quotes is literal and
 * `''` is a quote. Everything except milliseconds is formatted once per second and
 * cached; the milliseconds are spliced in, so most calls are two concatenations.
 */

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTHS_SHORT = MONTHS.map((m) => m.slice(0, 3));
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const DAYS_SHORT = DAYS.map((d) => d.slice(0, 3));

/** The local wall-clock fields of one second, what every letter except `S` reads. */
interface SecondFields {
  readonly local: Date; // UTC getters give local wall-clock values
  readonly offset: number;
  readonly timestamp: number;
  readonly zone: TimeZone;
}

type FieldFormatter = (f: SecondFields) => string;

export function zeroPad(value: number, width: number): string {
  const text = String(value);
  if (text.length >= width) return text;
  return '0'.repeat(width - text.length) + text;
}

function offsetText(offset: number, withColon: boolean, hoursOnly: boolean): string {
  const sign = offset < 0 ? '-' : '+';
  const minutes = Math.floor(Math.abs(offset) / 60_000);
  const hh = zeroPad(Math.floor(minutes / 60), 2);
  if (hoursOnly) return sign + hh;
  return sign + hh + (withColon ? ':' : '') + zeroPad(minutes % 60, 2);
}

function dayOfYear(local: Date): number {
  const start = Date.UTC(local.getUTCFullYear(), 0, 1);
  const today = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  return (today - start) / 86_400_000 + 1;
}

/*
 * Week fields follow java.util's en-US rules: weeks start on Sunday and week 1 is
 * the week that contains January 1st, so the last days of December can belong to
 * week 1 of the next week-year.
 */
function weekOfYearAndYear(local: Date): [week: number, weekYear: number] {
  const year = local.getUTCFullYear();
  const daysInYear = Date.UTC(year + 1, 0, 1) / 86_400_000 - Date.UTC(year, 0, 1) / 86_400_000;
  const day = dayOfYear(local);
  const weekday = local.getUTCDay();
  // The Saturday ending this week falls in the next year: it is that year's week 1.
  if (day + (6 - weekday) > daysInYear) return [1, year + 1];
  const jan1Weekday = (weekday - ((day - 1) % 7) + 7) % 7;
  return [Math.floor((day - 1 + jan1Weekday) / 7) + 1, year];
}

function weekOfMonth(local: Date): number {
  const date = local.getUTCDate();
  const firstWeekday = (local.getUTCDay() - ((date - 1) % 7) + 7) % 7;
  return Math.floor((date - 1 + firstWeekday) / 7) + 1;
}

function fieldFormatter(letter: string, count: number, pattern: string): FieldFormatter {
  switch (letter) {
    case 'G':
      return (f) => (f.local.getUTCFullYear() > 0 ? 'AD' : 'BC');
    case 'y':
      return (f) => {
        const year = f.local.getUTCFullYear();
        const eraYear = year > 0 ? year : 1 - year;
        return count === 2 ? zeroPad(eraYear % 100, 2) : zeroPad(eraYear, count);
      };
    case 'M':
    case 'L':
      if (count >= 4) return (f) => MONTHS[f.local.getUTCMonth()]!;
      if (count === 3) return (f) => MONTHS_SHORT[f.local.getUTCMonth()]!;
      return (f) => zeroPad(f.local.getUTCMonth() + 1, count);
    case 'd':
      return (f) => zeroPad(f.local.getUTCDate(), count);
    case 'D':
      return (f) => zeroPad(dayOfYear(f.local), count);
    case 'F':
      return (f) => zeroPad(Math.floor((f.local.getUTCDate() - 1) / 7) + 1, count);
    case 'E':
      return count >= 4 ? (f) => DAYS[f.local.getUTCDay()]! : (f) => DAYS_SHORT[f.local.getUTCDay()]!;
    case 'u':
      return (f) => zeroPad(f.local.getUTCDay() === 0 ? 7 : f.local.getUTCDay(), count);
    case 'a':
      return (f) => (f.local.getUTCHours() < 12 ? 'AM' : 'PM');
    case 'H':
      return (f) => zeroPad(f.local.getUTCHours(), count);
    case 'k':
      return (f) => zeroPad(f.local.getUTCHours() === 0 ? 24 : f.local.getUTCHours(), count);
    case 'K':
      return (f) => zeroPad(f.local.getUTCHours() % 12, count);
    case 'h':
      return (f) => zeroPad(f.local.getUTCHours() % 12 === 0 ? 12 : f.local.getUTCHours() % 12, count);
    case 'm':
      return (f) => zeroPad(f.local.getUTCMinutes(), count);
    case 's':
      return (f) => zeroPad(f.local.getUTCSeconds(), count);
    case 'z':
      return count >= 4 ? (f) => f.zone.longName(f.timestamp) : (f) => f.zone.shortName(f.timestamp);
    case 'Z':
      return (f) => offsetText(f.offset, false, false);
    case 'X':
      if (count > 3) throw new Error(`Invalid date pattern "${pattern}": at most three 'X' letters are allowed`);
      return (f) => (f.offset === 0 ? 'Z' : offsetText(f.offset, count === 3, count === 1));
    case 'Y':
      return (f) => {
        const weekYear = weekOfYearAndYear(f.local)[1];
        return count === 2 ? zeroPad(weekYear % 100, 2) : zeroPad(weekYear, count);
      };
    case 'w':
      return (f) => zeroPad(weekOfYearAndYear(f.local)[0], count);
    case 'W':
      return (f) => zeroPad(weekOfMonth(f.local), count);
    default:
      throw new Error(`Illegal letter '${letter}' in date pattern "${pattern}"`);
  }
}

type Piece = { literal: string } | { letter: string; count: number };

function isLetter(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/** Splits a SimpleDateFormat pattern into literals and letter runs. */
function tokenize(pattern: string): Piece[] {
  const pieces: Piece[] = [];
  let literal = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        literal += "'";
        i += 2;
        continue;
      }
      let j = i + 1;
      for (;;) {
        if (j >= pattern.length) throw new Error(`Unterminated quote in date pattern "${pattern}"`);
        if (pattern[j] === "'") {
          if (pattern[j + 1] === "'") {
            literal += "'";
            j += 2;
            continue;
          }
          break;
        }
        literal += pattern[j];
        j++;
      }
      i = j + 1;
    } else if (isLetter(c)) {
      if (literal) pieces.push({ literal });
      literal = '';
      let j = i;
      while (pattern[j] === c) j++;
      pieces.push({ letter: c, count: j - i });
      i = j;
    } else {
      literal += c;
      i++;
    }
  }
  if (literal) pieces.push({ literal });
  return pieces;
}

export class SimpleDateFormat {
  readonly pattern: string;
  readonly timeZone: TimeZone;
  /** Per-second text between millisecond fields: chunks[0] ms0 chunks[1] ms1 ... */
  private readonly chunkFormatters: FieldFormatter[][];
  private readonly millisWidths: number[];
  private cachedSecond = NaN;
  private lastTimestamp = NaN;
  private lastText = '';
  private chunks: string[] = [];

  /** `timeZone`: IANA name, `UTC`, `GMT±H`; default the process's zone. */
  constructor(pattern: string, timeZone?: string | TimeZone) {
    this.pattern = pattern;
    this.timeZone = typeof timeZone === 'object' ? timeZone : resolveTimeZone(timeZone);
    this.chunkFormatters = [[]];
    this.millisWidths = [];
    for (const piece of tokenize(pattern)) {
      const current = this.chunkFormatters[this.chunkFormatters.length - 1]!;
      if ('literal' in piece) {
        const text = piece.literal;
        current.push(() => text);
      } else if (piece.letter === 'S') {
        this.millisWidths.push(piece.count);
        this.chunkFormatters.push([]);
      } else {
        current.push(fieldFormatter(piece.letter, piece.count, pattern));
      }
    }
  }

  format(timestamp: number): string {
    // Bursts log many events in one millisecond: the same text, already flat.
    if (timestamp === this.lastTimestamp) return this.lastText;
    const text = this.formatMillisecond(timestamp);
    text.charCodeAt(0);
    this.lastTimestamp = timestamp;
    this.lastText = text;
    return text;
  }

  private formatMillisecond(timestamp: number): string {
    const second = Math.floor(timestamp / 1000);
    if (second !== this.cachedSecond) this.fillSecond(second);
    const chunks = this.chunks;
    const widths = this.millisWidths;
    if (widths.length === 0) return chunks[0]!;
    const millis = (timestamp - second * 1000) | 0; // whole milliseconds even for a fractional time stamp
    if (widths.length === 1) return chunks[0]! + zeroPad(millis, widths[0]!) + chunks[1]!;
    let out = chunks[0]!;
    for (let i = 0; i < widths.length; i++) out += zeroPad(millis, widths[i]!) + chunks[i + 1]!;
    return out;
  }

  private fillSecond(second: number): void {
    const instant = second * 1000;
    const offset = this.timeZone.offsetAt(instant);
    const fields: SecondFields = { local: new Date(instant + offset), offset, timestamp: instant, zone: this.timeZone };
    this.chunks = this.chunkFormatters.map((formatters) => {
      let text = '';
      for (const f of formatters) text += f(fields);
      return text;
    });
    this.cachedSecond = second;
  }
}

/** log4j's named formats, matched case-insensitively as log4j does. */
const NAMED_PATTERNS: Record<string, string> = {
  ISO8601: 'yyyy-MM-dd HH:mm:ss,SSS',
  ABSOLUTE: 'HH:mm:ss,SSS',
  DATE: 'dd MMM yyyy HH:mm:ss,SSS',
};

/** The SimpleDateFormat pattern for `ISO8601`, `ABSOLUTE`, `DATE`, or the text itself. */
export function resolveDatePattern(nameOrPattern: string): string {
  return NAMED_PATTERNS[nameOrPattern.toUpperCase()] ?? nameOrPattern;
}

/** `yyyy-MM-dd HH:mm:ss,SSS`, what `%d` without an option prints. */
export const DEFAULT_DATE_PATTERN = NAMED_PATTERNS.ISO8601!;
