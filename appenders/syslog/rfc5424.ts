import type { TimeZone } from '../../layouts/date/time-zone.js';
import type { SyslogFormat } from './syslog-format.js';
import { headerField } from './header-field.js';

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export interface Rfc5424Options {
  hostname: string;
  appName: string;
  pid: number;
  timeZone: TimeZone;
  /** FacilityPrinting's `user:` prefix, or ''. */
  facilityPrefix: string;
}

/**
 * The syslog protocol (RFC 5424): `<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID
 * STRUCTURED-DATA MSG`. The timestamp has milliseconds and the zone's offset (`Z` in
 * UTC); MSGID and STRUCTURED-DATA are NILVALUE. MSG is sent without the optional BOM:
 * RFC 5424 allows any octets there, and a BOM would end up inside the stored message
 * with collectors that keep MSG verbatim.
 */
export class Rfc5424Format implements SyslogFormat {
  private readonly afterTime: string;
  private readonly timeZone: TimeZone;
  private cachedSecond = NaN;
  private cachedDateTime = '';
  private cachedOffset = '';

  constructor(options: Rfc5424Options) {
    this.timeZone = options.timeZone;
    this.afterTime = ` ${headerField(options.hostname, 255)} ${headerField(options.appName, 48)} `
      + `${options.pid} - - ${options.facilityPrefix}`;
  }

  head(pri: number, timestamp: number): string {
    const second = Math.floor(timestamp / 1000);
    if (second !== this.cachedSecond) this.cacheSecond(second, timestamp);
    const millis = timestamp - second * 1000;
    return `<${pri}>1 ${this.cachedDateTime}.${pad(millis, 3)}${this.cachedOffset}${this.afterTime}`;
  }

  private cacheSecond(second: number, timestamp: number): void {
    const offset = this.timeZone.offsetAt(timestamp);
    const local = new Date(second * 1000 + offset);
    this.cachedDateTime = `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1, 2)}-${pad(local.getUTCDate(), 2)}`
      + `T${pad(local.getUTCHours(), 2)}:${pad(local.getUTCMinutes(), 2)}:${pad(local.getUTCSeconds(), 2)}`;
    if (offset === 0) {
      this.cachedOffset = 'Z';
    } else {
      const minutes = Math.round(Math.abs(offset) / 60_000);
      this.cachedOffset = `${offset < 0 ? '-' : '+'}${pad(Math.floor(minutes / 60), 2)}:${pad(minutes % 60, 2)}`;
    }
    this.cachedSecond = second;
  }
}
