import { expect } from 'chai';
import { MediumDateFormat } from '../../../src/auth/messages/medium-date-format.js';

describe('auth/messages/MediumDateFormat', () => {
  it("prints Java's en-US medium date-time as the seed lines show it", () => {
    const utc = new MediumDateFormat('UTC');
    expect(utc.format(Date.UTC(2020, 8, 22, 14, 43, 30))).to.equal('Sep 22, 2020 2:43:30 PM');
    expect(utc.format(Date.UTC(2021, 0, 6, 14, 14, 46))).to.equal('Jan 6, 2021 2:14:46 PM');
  });

  it('uses 12 for midnight and noon hours', () => {
    const utc = new MediumDateFormat('UTC');
    expect(utc.format(Date.UTC(2020, 0, 1, 0, 5, 9))).to.equal('Jan 1, 2020 12:05:09 AM');
    expect(utc.format(Date.UTC(2020, 11, 31, 12, 0, 0))).to.equal('Dec 31, 2020 12:00:00 PM');
  });

  it('converts into the configured time zone, daylight saving included', () => {
    expect(new MediumDateFormat('Europe/Berlin').format(Date.UTC(2020, 8, 22, 14, 43, 30))).to.equal('Sep 22, 2020 4:43:30 PM');
    expect(new MediumDateFormat('Europe/Berlin').format(Date.UTC(2020, 11, 22, 14, 43, 30))).to.equal('Dec 22, 2020 3:43:30 PM');
    expect(new MediumDateFormat('America/New_York').format(Date.UTC(2020, 8, 22, 2, 0, 0))).to.equal('Sep 21, 2020 10:00:00 PM');
  });

  it('prints an instant formatted before from memory, the same text without asking Intl again', () => {
    const utc = new MediumDateFormat('UTC');
    const formatToParts = Intl.DateTimeFormat.prototype.formatToParts;
    let asked = 0;
    Intl.DateTimeFormat.prototype.formatToParts = function (date) {
      asked++;
      return formatToParts.call(this, date);
    };
    try {
      const created = Date.UTC(2020, 8, 22, 14, 43, 30);
      for (let i = 0; i < 3; i++) {
        expect(utc.format(created)).to.equal('Sep 22, 2020 2:43:30 PM');
        expect(utc.format(created + 1000)).to.equal('Sep 22, 2020 2:43:31 PM');
      }
      expect(asked).to.equal(2);
      for (let i = 0; i < 1500; i++) utc.format(created + i * 60_000);
      expect(utc.format(created)).to.equal('Sep 22, 2020 2:43:30 PM');
    } finally {
      Intl.DateTimeFormat.prototype.formatToParts = formatToParts;
    }
  });

  it('names an unknown zone', () => {
    expect(() => new MediumDateFormat('Mars/Olympus')).to.throw(/Mars\/Olympus/);
  });
});
