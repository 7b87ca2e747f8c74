import { expect } from 'chai';
import { DEFAULT_DATE_PATTERN, resolveDatePattern, SimpleDateFormat } from '../../../layouts/date/simple-date-format.js';

// Tuesday 2020-09-22 15:20:50.922 UTC (day 266 of a leap year, fourth Tuesday).
const T = Date.UTC(2020, 8, 22, 15, 20, 50, 922);
const utc = (pattern: string, ts = T): string => new SimpleDateFormat(pattern, 'UTC').format(ts);

describe('SimpleDateFormat', () => {
  it('formats every supported letter', () => {
    expect(utc('G')).to.equal('AD');
    expect(utc('y')).to.equal('2020');
    expect(utc('yy')).to.equal('20');
    expect(utc('yyyy')).to.equal('2020');
    expect(utc('yyyyy')).to.equal('02020');
    expect(utc('M')).to.equal('9');
    expect(utc('MM')).to.equal('09');
    expect(utc('MMM')).to.equal('Sep');
    expect(utc('MMMM')).to.equal('September');
    expect(utc('LLL')).to.equal('Sep');
    expect(utc('d')).to.equal('22');
    expect(utc('d', Date.UTC(2020, 0, 5))).to.equal('5');
    expect(utc('dd', Date.UTC(2020, 0, 5))).to.equal('05');
    expect(utc('D')).to.equal('266');
    expect(utc('DDD', Date.UTC(2020, 0, 5))).to.equal('005');
    expect(utc('F')).to.equal('4');
    expect(utc('E')).to.equal('Tue');
    expect(utc('EEE')).to.equal('Tue');
    expect(utc('EEEE')).to.equal('Tuesday');
    expect(utc('u')).to.equal('2');
    expect(utc('u', Date.UTC(2020, 8, 20))).to.equal('7');
    expect(utc('a')).to.equal('PM');
    expect(utc('a', Date.UTC(2020, 8, 22, 0, 5))).to.equal('AM');
    expect(utc('H')).to.equal('15');
    expect(utc('HH', Date.UTC(2020, 8, 22, 3))).to.equal('03');
    expect(utc('k', Date.UTC(2020, 8, 22, 0))).to.equal('24');
    expect(utc('k')).to.equal('15');
    expect(utc('K')).to.equal('3');
    expect(utc('K', Date.UTC(2020, 8, 22, 12))).to.equal('0');
    expect(utc('h')).to.equal('3');
    expect(utc('hh', Date.UTC(2020, 8, 22, 0))).to.equal('12');
    expect(utc('h', Date.UTC(2020, 8, 22, 12))).to.equal('12');
    expect(utc('m')).to.equal('20');
    expect(utc('mm', Date.UTC(2020, 8, 22, 15, 7))).to.equal('07');
    expect(utc('s')).to.equal('50');
    expect(utc('ss', Date.UTC(2020, 8, 22, 15, 7, 3))).to.equal('03');
    expect(utc('S')).to.equal('922');
    expect(utc('S', T - 917)).to.equal('5');
    expect(utc('SS', T - 917)).to.equal('05');
    expect(utc('SSS', T - 917)).to.equal('005');
    expect(utc('SSSS')).to.equal('0922');
    expect(utc('z')).to.equal('UTC');
    expect(utc('zzzz')).to.equal('Coordinated Universal Time');
    expect(utc('Z')).to.equal('+0000');
    expect(utc('X')).to.equal('Z');
    expect(utc('XX')).to.equal('Z');
    expect(utc('XXX')).to.equal('Z');
  });

  it('computes week fields with en-US rules (Sunday first, week 1 holds January 1st)', () => {
    expect(utc('w W Y')).to.equal('39 4 2020');
    expect(utc('ww YY', Date.UTC(2020, 0, 1))).to.equal('01 20'); // Wednesday
    expect(utc('w Y', Date.UTC(2020, 0, 4))).to.equal('1 2020'); // Saturday
    expect(utc('w Y', Date.UTC(2020, 0, 5))).to.equal('2 2020'); // Sunday
    expect(utc('w Y yyyy', Date.UTC(2019, 11, 29))).to.equal('1 2020 2019'); // Sunday of the week holding 2020-01-01
    expect(utc('w Y', Date.UTC(2019, 11, 28))).to.equal('52 2019');
    expect(utc('w Y', Date.UTC(2016, 11, 31))).to.equal('53 2016'); // leap year ending on Saturday
    expect(utc('W', Date.UTC(2020, 8, 5))).to.equal('1'); // Saturday 5 Sept 2020
    expect(utc('W', Date.UTC(2020, 8, 6))).to.equal('2');
    expect(utc('W', Date.UTC(2020, 8, 30))).to.equal('5');
  });

  it('prints quoted text literally and two quotes as one', () => {
    expect(utc("yyyy-MM-dd'T'HH:mm")).to.equal('2020-09-22T15:20');
    expect(utc("h 'o''clock' a")).to.equal("3 o'clock PM");
    expect(utc("''yy''")).to.equal("'20'");
    expect(utc("'at' HH 'and, then' mm")).to.equal('at 15 and, then 20');
    expect(utc('yyyy/MM/dd [HH] #-_')).to.equal('2020/09/22 [15] #-_');
  });

  it('handles years before 1000 and the BC era', () => {
    expect(utc('yyyy-MM-dd', Date.UTC(999, 0, 1) - 0)).to.equal('0999-01-01');
    const bc = new Date(0);
    bc.setUTCFullYear(-1, 0, 1); // astronomical year -1 is 2 BC
    expect(utc('G yyyy', bc.getTime())).to.equal('BC 0002');
  });

  it('formats instants before the epoch with positive milliseconds, and fractional ones whole', () => {
    expect(utc(DEFAULT_DATE_PATTERN, -1)).to.equal('1969-12-31 23:59:59,999');
    expect(utc(DEFAULT_DATE_PATTERN, T + 0.75)).to.equal('2020-09-22 15:20:50,922');
  });

  it('splices milliseconds into a cached second, anywhere in the pattern', () => {
    const f = new SimpleDateFormat('SSS|HH:mm:ss|S', 'UTC');
    expect(f.format(T)).to.equal('922|15:20:50|922');
    expect(f.format(T - 900)).to.equal('022|15:20:50|22');
    expect(f.format(T + 78)).to.equal('000|15:20:51|0');
    expect(f.format(T)).to.equal('922|15:20:50|922');
  });

  it('resolves the log4j names case-insensitively', () => {
    expect(resolveDatePattern('ISO8601')).to.equal('yyyy-MM-dd HH:mm:ss,SSS');
    expect(resolveDatePattern('iso8601')).to.equal('yyyy-MM-dd HH:mm:ss,SSS');
    expect(resolveDatePattern('ABSOLUTE')).to.equal('HH:mm:ss,SSS');
    expect(resolveDatePattern('Date')).to.equal('dd MMM yyyy HH:mm:ss,SSS');
    expect(resolveDatePattern('HH:mm')).to.equal('HH:mm');
    expect(utc(resolveDatePattern('DATE'))).to.equal('22 Sep 2020 15:20:50,922');
  });

  it('applies fixed offsets: GMT+H, GMT-HH:MM, GMT+HHMM', () => {
    expect(new SimpleDateFormat('HH:mm Z XXX X XX z', 'GMT+2').format(T)).to.equal('17:20 +0200 +02:00 +02 +0200 GMT+02:00');
    expect(new SimpleDateFormat('dd HH:mm Z XXX', 'GMT-05:30').format(T)).to.equal('22 09:50 -0530 -05:30');
    expect(new SimpleDateFormat('HH:mm Z', 'GMT+0545').format(T)).to.equal('21:05 +0545');
    expect(new SimpleDateFormat('HH:mm Z z', 'GMT').format(T)).to.equal('15:20 +0000 GMT');
  });

  it('applies IANA zones with daylight saving time and their names', () => {
    const summer = new SimpleDateFormat('yyyy-MM-dd HH:mm:ss Z XXX z', 'Europe/Berlin');
    expect(summer.format(T)).to.equal('2020-09-22 17:20:50 +0200 +02:00 CEST');
    expect(summer.format(Date.UTC(2020, 11, 24, 12))).to.equal('2020-12-24 13:00:00 +0100 +01:00 CET');
    const ny = new SimpleDateFormat('HH:mm Z z zzzz', 'America/New_York');
    expect(ny.format(T)).to.equal('11:20 -0400 EDT Eastern Daylight Time');
    const kolkata = new SimpleDateFormat('HH:mm Z XXX X z', 'Asia/Kolkata');
    expect(kolkata.format(T)).to.equal('20:50 +0530 +05:30 +05 IST');
    expect(new SimpleDateFormat('z', 'Australia/Sydney').format(Date.UTC(2021, 5, 1))).to.equal('AEST');
    expect(new SimpleDateFormat('z', 'Australia/Sydney').format(Date.UTC(2021, 0, 1))).to.equal('AEDT');
    expect(new SimpleDateFormat('z', 'Europe/London').format(Date.UTC(2021, 5, 1))).to.equal('BST');
    expect(new SimpleDateFormat('z', 'Europe/London').format(Date.UTC(2021, 0, 1))).to.equal('GMT');
    // Where no English locale has an abbreviation, Java's GMT+hh:mm form.
    expect(new SimpleDateFormat('z', 'America/Sao_Paulo').format(T)).to.equal('GMT-03:00');
  });

  it('follows a daylight saving transition inside an hour-aligned zone', () => {
    // Europe/Berlin: 2021-03-28 01:00 UTC clocks go from 02:00 CET to 03:00 CEST.
    const f = new SimpleDateFormat('HH:mm:ss,SSS Z', 'Europe/Berlin');
    expect(f.format(Date.UTC(2021, 2, 28, 0, 59, 59, 999))).to.equal('01:59:59,999 +0100');
    expect(f.format(Date.UTC(2021, 2, 28, 1, 0, 0, 0))).to.equal('03:00:00,000 +0200');
    // Australia/Lord_Howe shifts by 30 minutes at 02:00 local (15:00 UTC).
    const lh = new SimpleDateFormat('HH:mm Z', 'Australia/Lord_Howe');
    expect(lh.format(Date.UTC(2021, 3, 3, 14, 59))).to.equal('01:59 +1100');
    expect(lh.format(Date.UTC(2021, 3, 3, 15, 0))).to.equal('01:30 +1030');
    // ... and back at 02:00 local standard time (15:30 UTC), in the middle of a UTC hour.
    expect(lh.format(Date.UTC(2021, 9, 2, 15, 29))).to.equal('01:59 +1030');
    expect(lh.format(Date.UTC(2021, 9, 2, 15, 30))).to.equal('02:30 +1100');
    expect(lh.format(Date.UTC(2021, 9, 2, 15, 10))).to.equal('01:40 +1030');
  });

  it('asks Intl at most a few times per hour of log time, not per event or per second', () => {
    const original = Intl.DateTimeFormat.prototype.formatToParts;
    let calls = 0;
    Intl.DateTimeFormat.prototype.formatToParts = function (this: Intl.DateTimeFormat, date?: Date | number) {
      calls++;
      return original.call(this, date);
    };
    try {
      const f = new SimpleDateFormat('yyyy-MM-dd HH:mm:ss,SSS Z z', 'Pacific/Auckland');
      const start = Date.UTC(2021, 5, 1, 10, 0, 0, 0);
      expect(f.format(start)).to.equal('2021-06-01 22:00:00,000 +1200 NZST');
      calls = 0;
      let last = '';
      for (let i = 0; i < 72_000; i++) last = f.format(start + i * 100); // two hours, 10 events a second
      expect(last).to.equal('2021-06-01 23:59:59,900 +1200 NZST');
      expect(calls).to.be.at.most(2); // the second hour's offset check
    } finally {
      Intl.DateTimeFormat.prototype.formatToParts = original;
    }
  });

  it('uses the process zone when none is given', () => {
    const f = new SimpleDateFormat('yyyy-MM-dd HH:mm:ss');
    const d = new Date(T);
    const pad = (n: number): string => String(n).padStart(2, '0');
    const local = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
    expect(f.format(T)).to.equal(local);
  });

  it('rejects bad patterns and zones with clear errors', () => {
    expect(() => new SimpleDateFormat('yyyy-MM-dd b', 'UTC')).to.throw(/Illegal letter 'b'.*"yyyy-MM-dd b"/);
    expect(() => new SimpleDateFormat("yyyy 'open", 'UTC')).to.throw(/Unterminated quote/);
    expect(() => new SimpleDateFormat('XXXX', 'UTC')).to.throw(/at most three 'X'/);
    expect(() => new SimpleDateFormat('HH', 'Mars/Olympus')).to.throw(/Unknown time zone "Mars\/Olympus"/);
    expect(() => new SimpleDateFormat('HH', 'GMT+25')).to.throw(/Unknown time zone "GMT\+25"/);
  });
});
