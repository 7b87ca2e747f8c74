import { connect } from 'node:net';
import type { StreamConnector } from './stream-transport.js';
import type { SyslogAddress } from './syslog-host.js';

/** Plain TCP connections to the collector (RFC 6587). */
export function tcpConnector(address: SyslogAddress): StreamConnector {
  return {
    destination: `tcp://${formatAddress(address)}`,
    connect: () => ({ socket: connect({ host: address.host, port: address.port }), ready: 'connect' }),
  };
}

/** `host:port`, with IPv6 addresses in brackets. */
export function formatAddress(address: SyslogAddress): string {
  return address.host.includes(':') ? `[${address.host}]:${address.port}` : `${address.host}:${address.port}`;
}
