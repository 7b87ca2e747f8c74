import { parseIp, type IpBytes } from './ip-address.js';

interface Range {
  network: IpBytes;
  prefixBits: number;
}

function inRange(address: IpBytes, range: Range): boolean {
  const full = range.prefixBits >> 3;
  for (let i = 0; i < full; i++) if (address[i] !== range.network[i]) return false;
  const rest = range.prefixBits & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return (address[full]! & mask) === (range.network[full]! & mask);
}

function compileEntry(entry: string): Range {
  const text = entry.trim();
  const slash = text.indexOf('/');
  const addressText = slash < 0 ? text : text.slice(0, slash);
  const network = parseIp(addressText);
  if (!network) throw new TypeError(`IP restriction "${entry}": "${addressText}" is not an IPv4 or IPv6 address`);
  // An IPv4 rule is written with IPv4 prefix lengths; it is stored in the mapped IPv6 space.
  const v4Rule = !addressText.includes(':');
  const maxBits = v4Rule ? 32 : 128;
  let prefixBits = maxBits;
  if (slash >= 0) {
    const bitsText = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(bitsText) || Number(bitsText) > maxBits) {
      throw new TypeError(`IP restriction "${entry}": prefix length must be 0 to ${maxBits}, got "${bitsText}"`);
    }
    prefixBits = Number(bitsText);
  }
  return { network, prefixBits: v4Rule ? prefixBits + 96 : prefixBits };
}

/**
 * Matches client addresses against single addresses and CIDR ranges, IPv4 and
 * IPv6 alike. IPv4 rules also match IPv4-mapped IPv6 addresses (::ffff:10.0.0.1),
 * which is how a dual-stack server reports IPv4 clients.
 */
export class IpMatcher {
  private readonly ranges: Range[];
  readonly entries: readonly string[];

  /** Throws a TypeError naming the first entry that is not an address or CIDR range. */
  constructor(entries: Iterable<string>) {
    this.entries = Object.freeze([...entries]);
    this.ranges = this.entries.map(compileEntry);
  }

  get isEmpty(): boolean {
    return this.ranges.length === 0;
  }

  matches(address: string | IpBytes): boolean {
    const bytes = typeof address === 'string' ? parseIp(address) : address;
    if (!bytes) return false;
    for (const range of this.ranges) {
      if (inRange(bytes, range)) return true;
    }
    return false;
  }
}
