import { expect } from 'chai';
import { parseFacility, FACILITY_NAMES } from '../../../appenders/syslog/facility.js';

describe('syslog facility', () => {
  it('maps every log4j facility name to its RFC 5424 number, shifted for PRI', () => {
    const expected: Record<string, number> = {
      KERN: 0, USER: 1, MAIL: 2, DAEMON: 3, AUTH: 4, SYSLOG: 5, LPR: 6, NEWS: 7, UUCP: 8, CRON: 9,
      AUTHPRIV: 10, FTP: 11, LOCAL0: 16, LOCAL1: 17, LOCAL2: 18, LOCAL3: 19, LOCAL4: 20, LOCAL5: 21,
      LOCAL6: 22, LOCAL7: 23,
    };
    expect(FACILITY_NAMES).to.deep.equal(Object.keys(expected));
    for (const [name, number] of Object.entries(expected)) {
      expect(parseFacility(name).code, name).to.equal(number * 8);
    }
  });

  it('accepts any case and surrounding blanks, and prints the lower-case name as log4j does', () => {
    const facility = parseFacility('  local3 ');
    expect(facility).to.deep.equal({ name: 'LOCAL3', code: 19 * 8, prefix: 'local3:' });
    expect(parseFacility('Daemon').prefix).to.equal('daemon:');
  });

  it('rejects an unknown name, naming it and the choices', () => {
    expect(() => parseFacility('LOCAL8')).to.throw('unknown syslog Facility "LOCAL8"; expected one of KERN, USER');
    expect(() => parseFacility('')).to.throw('unknown syslog Facility ""');
  });
});
