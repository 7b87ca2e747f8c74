import { expect } from 'chai';
import { parseOffsetDateTime } from '../../../src/auth/http/offset-date-time.js';

describe('auth/http/parseOffsetDateTime', () => {
  it('reads an ISO 8601 date and time with its offset as epoch milliseconds', () => {
    const instant = Date.UTC(2020, 9, 19, 8, 29);
    expect(parseOffsetDateTime('2020-10-19T10:29:00.000+02:00')).to.equal(instant);
    expect(parseOffsetDateTime('2020-10-19T10:29:00+0200')).to.equal(instant);
    expect(parseOffsetDateTime('2020-10-19T10:29+02')).to.equal(instant);
    expect(parseOffsetDateTime('2020-10-19T08:29:00Z')).to.equal(instant);
    expect(parseOffsetDateTime('2020-10-19T03:29:00-05:00')).to.equal(instant);
    expect(parseOffsetDateTime('2020-10-19T13:59:00.000+05:30')).to.equal(instant);
    expect(parseOffsetDateTime('2020-10-19T08:29:00.123456789Z'), 'digits beyond milliseconds dropped').to.equal(instant + 123);
    expect(parseOffsetDateTime('2020-10-19T08:29:00.5Z')).to.equal(instant + 500);
    expect(parseOffsetDateTime('2024-02-29T00:00:00Z'), 'a leap day').to.equal(Date.UTC(2024, 1, 29));
  });

  it('refuses a time without an offset, an impossible date or time, and anything else', () => {
    for (const text of [
      '2020-10-19T10:29:00', '2020-10-19', '2023-02-29T00:00:00Z', '2020-13-01T00:00:00Z', '2020-04-31T00:00:00Z',
      '2020-10-19T24:00:00Z', '2020-10-19T10:60:00Z', '2020-10-19T10:29:60Z', '2020-10-19T10:29:00+19:00', '2020-10-19 10:29:00Z',
      ' 2020-10-19T10:29:00Z', '2020-10-19T10:29:00z', '1603096140000', '',
    ]) {
      expect(parseOffsetDateTime(text), text).to.equal(null);
    }
  });
});
