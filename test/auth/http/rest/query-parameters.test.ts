import { expect } from 'chai';
import { BadRequestError } from '../../../../src/auth/http/json-body.js';
import { QueryParameters } from '../../../../src/auth/http/rest/query-parameters.js';

function refusal(read: () => unknown): BadRequestError {
  try {
    read();
  } catch (error) {
    expect(error).to.be.instanceOf(BadRequestError);
    return error as BadRequestError;
  }
  throw new Error('expected a BadRequestError');
}

describe('auth/http/rest/QueryParameters', () => {
  it('reads strings and whole numbers, undefined when absent', () => {
    const query = QueryParameters.of('/x?author=ad%20min&limit=10&from=-5#limit=2');
    expect(query.string('author')).to.equal('ad min');
    expect(query.integer('limit', 0, 100)).to.equal(10);
    expect(query.integer('from', -10, 10)).to.equal(-5);
    expect(query.string('text')).to.equal(undefined);
    expect(QueryParameters.of('/x').integer('limit', 0, 1)).to.equal(undefined);
  });

  it('refuses a malformed or out-of-range number with a 400 naming the parameter, not echoing the value', () => {
    for (const value of ['ten', '', '1.5', '1e3', '0x10', ' 1', '101', '-1', '12345678901234567']) {
      const error = refusal(() => QueryParameters.of(`/x?limit=${encodeURIComponent(value)}`).integer('limit', 0, 100));
      expect(error.status).to.equal(400);
      expect(error.message).to.equal('Query parameter "limit" must be a whole number from 0 to 100');
    }
  });

  it('reads a repeatable parameter as every value in order, none when absent', () => {
    const query = QueryParameters.of('/x?userFilter=alice&limit=1&userFilter=b%20b');
    expect(query.strings('userFilter')).to.deep.equal(['alice', 'b b']);
    expect(query.strings('descriptionFilter')).to.deep.equal([]);
  });

  it('refuses a parameter given twice', () => {
    const error = refusal(() => QueryParameters.of('/x?text=a&text=b').string('text'));
    expect(error.message).to.equal('Query parameter "text" is given 2 times; give it once');
  });
});
