import { isIPv4, isIPv6 } from 'node:net';

/**
 * IP addresses as 16 bytes: IPv4 is held in its IPv4-mapped IPv6 form
 * (::ffff:a.b.c.d), so one comparison covers IPv4, IPv6 and mapped addresses.
 */
export type IpBytes = Uint8Array;

function parseV4Into(text: string, out: Uint8Array, at: number): void {
  const parts = text.split('.');
  for (let i = 0; i < 4; i++) out[at + i] = Number(parts[i]);
}

/** RFC 6874's characters of a zone id (`%eth0`, `%25`), at least one. */
const ZONE_ID = /^[A-Za-z0-9._~-]+$/;

/** fe80::/10, the only client addresses that carry a zone id. */
function isLinkLocal(bytes: IpBytes): boolean {
  return bytes[0] === 0xfe && (bytes[1]! & 0xc0) === 0x80;
}

/**
 * The 16 bytes of an address, or null when `text` is not an IPv4/IPv6 address.
 * A zone id (`fe80::1%eth0`) is accepted on link-local IPv6 addresses only and is
 * ignored there: on anything else (`10.0.0.1%x`, `::ffff:10.0.0.1%x`) it makes the
 * text something other than an address, which an IP restriction must not take for one.
 */
export function parseIp(text: string): IpBytes | null {
  if (typeof text !== 'string') return null;
  let address = text.trim();
  if (address.startsWith('[') && address.endsWith(']')) address = address.slice(1, -1);
  const zone = address.indexOf('%');
  if (zone < 0) return parseUnscoped(address);
  if (!ZONE_ID.test(address.slice(zone + 1))) return null;
  const bytes = parseUnscoped(address.slice(0, zone));
  return bytes && isLinkLocal(bytes) ? bytes : null;
}

function parseUnscoped(address: string): IpBytes | null {
  const out = new Uint8Array(16);
  if (isIPv4(address)) {
    out[10] = 0xff;
    out[11] = 0xff;
    parseV4Into(address, out, 12);
    return out;
  }
  if (!isIPv6(address)) return null;

  let tail: string[] = [];
  let head: string[];
  const gap = address.indexOf('::');
  if (gap >= 0) {
    head = address.slice(0, gap) === '' ? [] : address.slice(0, gap).split(':');
    tail = address.slice(gap + 2) === '' ? [] : address.slice(gap + 2).split(':');
  } else {
    head = address.split(':');
  }
  const groups: number[] = [];
  const pushGroups = (parts: string[], into: number[]): void => {
    for (const part of parts) {
      if (part.includes('.')) {
        const v4 = new Uint8Array(4);
        parseV4Into(part, v4, 0);
        into.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      } else {
        into.push(parseInt(part, 16));
      }
    }
  };
  const headGroups: number[] = [];
  const tailGroups: number[] = [];
  pushGroups(head, headGroups);
  pushGroups(tail, tailGroups);
  groups.push(...headGroups);
  for (let i = headGroups.length + tailGroups.length; i < 8; i++) groups.push(0);
  groups.push(...tailGroups);
  for (let i = 0; i < 8; i++) {
    out[i * 2] = groups[i]! >> 8;
    out[i * 2 + 1] = groups[i]! & 0xff;
  }
  return out;
}
