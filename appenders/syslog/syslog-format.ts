/**
 * The part of a syslog message before MSG, as one wire format writes it. `pri` is
 * facility code | severity; the result ends where the message text starts.
 */
export interface SyslogFormat {
  head(pri: number, timestamp: number): string;
}
