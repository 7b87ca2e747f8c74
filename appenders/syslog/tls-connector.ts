import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { connect, type ConnectionOptions } from 'node:tls';
import type { StreamConnector } from './stream-transport.js';
import type { SyslogAddress } from './syslog-host.js';
import { formatAddress } from './tcp-connector.js';

export interface TlsFiles {
  /** PEM file with the CA certificates that sign the collector's certificate; default: Node's trusted roots. */
  caFile?: string;
  /** PEM certificate and key for collectors that require client authentication. */
  certFile?: string;
  keyFile?: string;
}

function readPem(option: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (cause) {
    throw new Error(`SyslogAppender ${option} "${path}" cannot be read: ${(cause as Error).message}`);
  }
}

/**
 * TLS connections to the collector (RFC 5425). The certificate must match the host
 * as configured: a name against its DNS names, an address against its IP addresses.
 * Certificate files are read once, here, so that a wrong path is a configuration error
 * rather than a failure at the first message.
 */
export function tlsConnector(address: SyslogAddress, files: TlsFiles): StreamConnector {
  if ((files.certFile === undefined) !== (files.keyFile === undefined)) {
    throw new Error('SyslogAppender TlsCertFile and TlsKeyFile go together: set both or neither');
  }
  const options: ConnectionOptions = { host: address.host, port: address.port };
  // SNI carries host names only (RFC 6066 section 3).
  if (isIP(address.host) === 0) options.servername = address.host;
  if (files.caFile !== undefined) options.ca = readPem('TlsCaFile', files.caFile);
  if (files.certFile !== undefined) options.cert = readPem('TlsCertFile', files.certFile);
  if (files.keyFile !== undefined) options.key = readPem('TlsKeyFile', files.keyFile);
  return {
    destination: `tls://${formatAddress(address)}`,
    connect: () => ({ socket: connect(options), ready: 'secureConnect' }),
  };
}
