import { parseIp } from './ip-address.js';
import type { IpMatcher } from './ip-matcher.js';

export interface ClientAddress {
  /** The address the decision is made on. */
  readonly address: string;
  /**
   * The believed chain, client first, as Jira prints it in `jira.request.ipaddr`
   * (`87.173.216.109,100.120.0.11`).
   */
  readonly chain: readonly string[];
}

const MAX_HOPS = 32;

const MAPPED_IPV4 = /^::ffff:(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})$/i;

/** A dual-stack server reports IPv4 clients as ::ffff:a.b.c.d; logs and rules want a.b.c.d. */
function normalize(address: string): string {
  const trimmed = address.trim();
  return MAPPED_IPV4.exec(trimmed)?.[1] ?? trimmed;
}

/**
 * Finds the real client behind proxies. X-Forwarded-For is written by whoever sent
 * the request, so it is read from the right, and only while the hop that handed us
 * the request is a configured trusted proxy: a client cannot claim an address by
 * sending the header itself.
 */
export function resolveClientAddress(
  remoteAddress: string,
  forwardedFor: string | readonly string[] | undefined,
  trustedProxies: IpMatcher,
): ClientAddress {
  const peer = normalize(remoteAddress ?? '');
  const chain = [peer];
  if (forwardedFor === undefined || trustedProxies.isEmpty) return { address: peer, chain };
  const hops = (typeof forwardedFor === 'string' ? [forwardedFor] : forwardedFor)
    .join(',')
    .split(',')
    .map((hop) => hop.trim())
    .filter((hop) => hop !== '');

  let current = peer;
  for (let i = hops.length - 1; i >= 0 && chain.length <= MAX_HOPS; i--) {
    if (!trustedProxies.matches(current)) break;
    const hop = hops[i]!;
    if (!parseIp(hop)) break;
    current = normalize(hop);
    chain.unshift(current);
  }
  return { address: current, chain };
}
