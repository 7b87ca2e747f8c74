/** Where the collector listens. */
export interface SyslogAddress {
  /** Host name or IP address, IPv6 without brackets. */
  readonly host: string;
  readonly port: number;
}

/** The IANA port for syslog over UDP and TCP (RFC 5426, RFC 6587). */
export const DEFAULT_SYSLOG_PORT = 514;
/** The IANA port for syslog over TLS (RFC 5425). */
export const DEFAULT_SYSLOG_TLS_PORT = 6514;

function parsePort(text: string, value: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) < 1 || Number(text) > 65535) {
    throw new Error(`SyslogHost "${value}": port must be a number from 1 to 65535, got "${text}"`);
  }
  return Number(text);
}

/**
 * Parses log4j's SyslogHost: `host`, `host:port`, `[v6 address]`, `[v6 address]:port`.
 * An address with more than one colon and no brackets is taken as a bare IPv6 address
 * without a port, as log4j does.
 */
export function parseSyslogHost(value: string, defaultPort = DEFAULT_SYSLOG_PORT): SyslogAddress {
  const text = value.trim();
  if (text === '') throw new Error('SyslogHost is empty; expected host[:port]');
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0) throw new Error(`SyslogHost "${value}": "[" without a closing "]"`);
    const host = text.slice(1, close);
    if (host === '') throw new Error(`SyslogHost "${value}": empty address between brackets`);
    const rest = text.slice(close + 1);
    if (rest === '') return { host, port: defaultPort };
    if (!rest.startsWith(':')) throw new Error(`SyslogHost "${value}": expected ":port" after "]", got "${rest}"`);
    return { host, port: parsePort(rest.slice(1), value) };
  }
  const colon = text.indexOf(':');
  if (colon < 0) return { host: text, port: defaultPort };
  if (colon !== text.lastIndexOf(':')) return { host: text, port: defaultPort };
  const host = text.slice(0, colon);
  if (host === '') throw new Error(`SyslogHost "${value}": no host before ":"`);
  return { host, port: parsePort(text.slice(colon + 1), value) };
}
