import { expect } from 'chai';
import { Rfc3164Format } from '../../../appenders/syslog/rfc3164.js';
import { resolveTimeZone } from '../../../layouts/date/time-zone.js';

const WINTER = Date.UTC(2026, 0, 5, 3, 4, 5, 67);
const SUMMER = Date.UTC(2026, 6, 15, 22, 30, 0, 5);

describe('RFC 3164 header', () => {
  const base = { hostname: 'web-1', pid: 4242, facilityPrefix: '', timeZone: resolveTimeZone('Europe/Berlin') };

  it('is only <PRI> without Header, as log4j sends it', () => {
    expect(new Rfc3164Format({ ...base, header: false }).head(156, WINTER)).to.equal('<156>');
  });

  it('has a space-padded day and local time with Header', () => {
    const format = new Rfc3164Format({ ...base, header: true });
    expect(format.head(14, WINTER)).to.equal('<14>Jan  5 04:04:05 web-1 ');
    expect(format.head(14, SUMMER)).to.equal('<14>Jul 16 00:30:00 web-1 ');
    expect(format.head(14, WINTER + 932)).to.equal('<14>Jan  5 04:04:05 web-1 ');
    expect(format.head(14, WINTER + 933)).to.equal('<14>Jan  5 04:04:06 web-1 ');
  });

  it('adds the TAG and FacilityPrinting prefix after the header', () => {
    const format = new Rfc3164Format({ ...base, header: true, appName: 'shop', facilityPrefix: 'local3:' });
    expect(format.head(158, WINTER)).to.equal('<158>Jan  5 04:04:05 web-1 shop[4242]: local3:');
    const bare = new Rfc3164Format({ ...base, header: false, appName: 'shop', facilityPrefix: 'user:' });
    expect(bare.head(11, WINTER)).to.equal('<11>shop[4242]: user:');
  });

  it('keeps spaces and control characters out of header fields', () => {
    const format = new Rfc3164Format({ ...base, header: true, hostname: 'my host\n', appName: 'my app' });
    expect(format.head(14, WINTER)).to.equal('<14>Jan  5 04:04:05 my_host_ my_app[4242]: ');
  });
});
