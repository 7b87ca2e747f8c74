import { parseIp } from './ip-address.js';
import type { IpMatcher } from './ip-matcher.js';

export interface ClientAddress {
  /** The address the decision is made on; `UNKNOWN_CLIENT_ADDRESS` when it cannot be determined. */
  readonly address: string;
  /**
   * The believed chain, client first, as Jira prints it in `jira.request.ipaddr`
   * (`87.173.216.109,100.120.0.11`).
   */
  readonly chain: readonly string[];
}

/**
 * Stands for an address that cannot be determined (what Tomcat and nginx write
 * for it). It is no IP address, so it matches no IP restriction, not even `0.0.0.0/0`.
 */
export const UNKNOWN_CLIENT_ADDRESS = 'unknown';

const MAX_HOPS = 32;

const MAPPED_IPV4 = /^::ffff:(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})$/i;

/**
 * A dual-stack server reports IPv4 clients as ::ffff:a.b.c.d; logs and rules want
 * a.b.c.d. Anything that is not an address becomes `UNKNOWN_CLIENT_ADDRESS`.
 */
function normalize(address: string): string {
  const trimmed = address.trim();
  if (!parseIp(trimmed)) return UNKNOWN_CLIENT_ADDRESS;
  return MAPPED_IPV4.exec(trimmed)?.[1] ?? trimmed;
}

/**
 * Finds the real client behind proxies. X-Forwarded-For is written by whoever sent
 * the request, so it is read from the right, and only while the hop that handed us
 * the request is a configured trusted proxy: a client cannot claim an address by
 * sending the header itself.
 *
 * Fails closed: when a trusted proxy names a sender that is not an address (empty,
 * `unknown`, a host name, an IPv4 with a zone id), or the chain of trusted proxies
 * is longer than we follow, the client is `UNKNOWN_CLIENT_ADDRESS`, never the
 * proxy's own address, which an IP restriction would let through.
 */
export function resolveClientAddress(
  remoteAddress: string,
  forwardedFor: string | readonly string[] | undefined,
  trustedProxies: IpMatcher,
): ClientAddress {
  const peer = normalize(String(remoteAddress ?? ''));
  const chain = [peer];
  const header = typeof forwardedFor === 'string' ? forwardedFor : (forwardedFor ?? []).join(',');
  // An empty header names no sender at all: the same as none.
  if (header.trim() === '' || trustedProxies.isEmpty) return { address: peer, chain };
  const hops = header.split(',');

  let current = peer;
  for (let i = hops.length - 1; i >= 0 && trustedProxies.matches(current); i--) {
    if (chain.length > MAX_HOPS) {
      current = UNKNOWN_CLIENT_ADDRESS;
      chain.unshift(current);
      break;
    }
    current = normalize(hops[i]!);
    chain.unshift(current);
  }
  return { address: current, chain };
}
