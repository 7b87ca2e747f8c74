import { expect } from 'chai';
import { timeBasedUuid } from '../../../../layouts/pattern/converters/time-based-uuid.js';

/** The 100 ns count of a version 1 UUID, as RFC 4122 lays it out. */
function uuidTime(uuid: string): bigint {
  const [low, mid, high] = uuid.split('-') as [string, string, string];
  return ((BigInt(`0x${high}`) & 0x0fffn) << 48n) | (BigInt(`0x${mid}`) << 32n) | BigInt(`0x${low}`);
}

describe('timeBasedUuid', () => {
  const at = Date.UTC(2012, 10, 2, 14, 34, 2, 781);

  it('is a version 1, RFC 4122 variant UUID whose time is the given millisecond (100 ns since 1582-10-15)', () => {
    const uuid = timeBasedUuid(at);
    expect(uuid).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // 0x01b21dd213814000: 100 ns intervals from 1582-10-15 to 1970-01-01 (RFC 4122, Log4j 2's UuidUtil).
    expect(Number((uuidTime(uuid) - 0x01b21dd213814000n) / 10_000n)).to.equal(at);
  });

  it('differs for UUIDs of the same millisecond (a counter in the sub-millisecond digits), same clock sequence and node', () => {
    const uuids = Array.from({ length: 1000 }, () => timeBasedUuid(at));
    expect(new Set(uuids).size).to.equal(1000);
    expect(new Set(uuids.map((u) => u.slice(19))).size).to.equal(1);
  });

  it('has a node id with the multicast bit set, as RFC 4122 asks of one that is not a MAC address', () => {
    const node = timeBasedUuid(at).slice(24);
    expect(parseInt(node.slice(0, 2), 16) & 0x01).to.equal(1);
  });
});
