import { expect } from 'chai';
import { BadRequestError } from '../../../src/auth/http/json-body.js';
import { JsonFields } from '../../../src/auth/http/json-fields.js';

function refusal(read: () => unknown): string {
  try {
    read();
  } catch (error) {
    expect(error).to.be.instanceOf(BadRequestError);
    expect((error as BadRequestError).status).to.equal(400);
    return (error as BadRequestError).message;
  }
  throw new Error('expected a BadRequestError');
}

describe('auth/http/JsonFields', () => {
  const fields = new JsonFields(JSON.parse('{"text":"a","months":6.0,"flag":false,"nothing":null,"list":[1],"object":{},"long":"' + 'x'.repeat(60) + '"}'));

  it('reads typed fields, null and missing ones as absent', () => {
    expect(fields.string('text')).to.equal('a');
    expect(fields.wholeNumber('months', 1, 12)).to.equal(6);
    expect(fields.boolean('flag')).to.equal(false);
    expect(fields.string('nothing')).to.equal(undefined);
    expect(fields.wholeNumber('missing', 0, 1)).to.equal(undefined);
    expect([fields.has('flag'), fields.has('nothing'), fields.has('missing')]).to.deep.equal([true, false, false]);
  });

  it('names the field and what it got, shortened, when the type is wrong', () => {
    expect(refusal(() => fields.wholeNumber('text', 1, 12))).to.equal('Field "text" must be a whole number from 1 to 12, got "a"');
    expect(refusal(() => fields.wholeNumber('months', 7, 12))).to.equal('Field "months" must be a whole number from 7 to 12, got 6');
    expect(refusal(() => fields.string('list'))).to.equal('Field "list" must be a string, got an array');
    expect(refusal(() => fields.boolean('object'))).to.equal('Field "object" must be true or false, got an object');
    expect(refusal(() => fields.boolean('long'))).to.equal(`Field "long" must be true or false, got "${'x'.repeat(36)}...`);
  });

  it('gives the one of several names that is present, and refuses two', () => {
    expect(fields.oneOf('missing', 'text')).to.equal('text');
    expect(fields.oneOf('missing', 'nothing')).to.equal(undefined);
    expect(refusal(() => fields.oneOf('text', 'months', 'nothing'))).to.equal('Give only one of "text", "months"');
  });
});
