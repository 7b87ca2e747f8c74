import { expect } from 'chai';
import { Rfc5424Format } from '../../../appenders/syslog/rfc5424.js';
import { resolveTimeZone } from '../../../layouts/date/time-zone.js';

const WINTER = Date.UTC(2026, 0, 5, 3, 4, 5, 67);
const SUMMER = Date.UTC(2026, 6, 15, 22, 30, 0, 5);

describe('RFC 5424 header', () => {
  const base = { hostname: 'web-1', appName: 'shop', pid: 4242, facilityPrefix: '' };

  it('writes version, time with milliseconds and offset, host, app, procid and NILVALUE msgid and SD', () => {
    const berlin = new Rfc5424Format({ ...base, timeZone: resolveTimeZone('Europe/Berlin') });
    expect(berlin.head(156, WINTER)).to.equal('<156>1 2026-01-05T04:04:05.067+01:00 web-1 shop 4242 - - ');
    expect(berlin.head(156, SUMMER)).to.equal('<156>1 2026-07-16T00:30:00.005+02:00 web-1 shop 4242 - - ');
    expect(berlin.head(156, WINTER + 933)).to.equal('<156>1 2026-01-05T04:04:06.000+01:00 web-1 shop 4242 - - ');
  });

  it('writes Z for UTC and negative offsets with minutes', () => {
    const utc = new Rfc5424Format({ ...base, timeZone: resolveTimeZone('UTC') });
    expect(utc.head(0, WINTER)).to.equal('<0>1 2026-01-05T03:04:05.067Z web-1 shop 4242 - - ');
    const stJohns = new Rfc5424Format({ ...base, timeZone: resolveTimeZone('America/St_Johns') });
    expect(stJohns.head(191, WINTER)).to.equal('<191>1 2026-01-04T23:34:05.067-03:30 web-1 shop 4242 - - ');
  });

  it('puts the FacilityPrinting prefix at the start of MSG', () => {
    const format = new Rfc5424Format({ ...base, facilityPrefix: 'daemon:', timeZone: resolveTimeZone('UTC') });
    expect(format.head(27, WINTER)).to.equal('<27>1 2026-01-05T03:04:05.067Z web-1 shop 4242 - - daemon:');
  });

  it('keeps header fields within RFC 5424 limits: printable ASCII, APP-NAME at most 48, empty as NILVALUE', () => {
    const format = new Rfc5424Format({ ...base, hostname: '', appName: `${'a'.repeat(40)} ${'b'.repeat(20)}`, timeZone: resolveTimeZone('UTC') });
    expect(format.head(14, WINTER)).to.equal(`<14>1 2026-01-05T03:04:05.067Z - ${'a'.repeat(40)}_${'b'.repeat(7)} 4242 - - `);
  });
});
