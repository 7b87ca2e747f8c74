import type { TimeZone } from '../../layouts/date/time-zone.js';
import type { SyslogFormat } from './syslog-format.js';
import { headerField } from './header-field.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export interface Rfc3164Options {
  /** log4j's Header: put `MMM dd HH:mm:ss hostname ` before the message. */
  header: boolean;
  hostname: string;
  /** Written as the TAG `appName[pid]: ` when set; log4j sends no TAG. */
  appName?: string;
  pid: number;
  timeZone: TimeZone;
  /** FacilityPrinting's `user:` prefix, or ''. */
  facilityPrefix: string;
}

/**
 * The BSD syslog format (RFC 3164) as log4j's SyslogAppender writes it:
 * `<PRI>` [`Mmm dd HH:mm:ss host `] [`tag[pid]: `] [`facility:`] MSG. The day of
 * month is padded with a space, not a zero (RFC 3164 section 4.1.2); the time is local
 * to the configured zone, since the format has no room for an offset.
 */
export class Rfc3164Format implements SyslogFormat {
  private readonly afterTime: string;
  private readonly tail: string;
  private readonly timeZone: TimeZone;
  private readonly header: boolean;
  private cachedSecond = NaN;
  private cachedTime = '';

  constructor(options: Rfc3164Options) {
    this.header = options.header;
    this.timeZone = options.timeZone;
    this.afterTime = ` ${headerField(options.hostname, 255)} `;
    const tag = options.appName === undefined || options.appName === ''
      ? ''
      : `${headerField(options.appName, 48)}[${options.pid}]: `;
    this.tail = tag + options.facilityPrefix;
  }

  head(pri: number, timestamp: number): string {
    if (!this.header) return `<${pri}>${this.tail}`;
    return `<${pri}>${this.time(timestamp)}${this.afterTime}${this.tail}`;
  }

  private time(timestamp: number): string {
    const second = Math.floor(timestamp / 1000);
    if (second !== this.cachedSecond) {
      const local = new Date(second * 1000 + this.timeZone.offsetAt(timestamp));
      const day = local.getUTCDate();
      this.cachedTime = `${MONTHS[local.getUTCMonth()]} ${day < 10 ? ' ' : ''}${day} `
        + `${two(local.getUTCHours())}:${two(local.getUTCMinutes())}:${two(local.getUTCSeconds())}`;
      this.cachedSecond = second;
    }
    return this.cachedTime;
  }
}
