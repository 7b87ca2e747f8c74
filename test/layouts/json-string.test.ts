import { expect } from 'chai';
import { escapeLineSeparators, jsonString } from '../../layouts/json-string.js';

describe('jsonString', () => {
  it('is JSON.stringify\'s text for what it escapes: quotes, backslashes, control characters, lone surrogates', () => {
    for (const text of ['plain', 'say "hi"', 'back\\slash', 'tab\there', '\u0000\u001f', 'lone \ud800 surrogate', 'pair \ud83d\ude00', '']) {
      expect(jsonString(text), JSON.stringify(text)).to.equal(JSON.stringify(text));
    }
  });

  it('is JSON.stringify\'s text for any number of quotes and backslashes, alone or mixed, at either end', () => {
    for (let n = 0; n <= 12; n++) {
      for (const text of ['"'.repeat(n), '\\'.repeat(n), 'a"\\'.repeat(n) + 'z', '\\"x'.repeat(n), `"${'b'.repeat(n)}\\`]) {
        expect(jsonString(text), JSON.stringify(text)).to.equal(JSON.stringify(text));
      }
    }
  });

  it('also escapes U+2028, U+2029 and U+0085, which JSON allows raw but JavaScript reads as line ends', () => {
    expect(jsonString('a\u2028b\u2029c\u0085d')).to.equal('"a\\u2028b\\u2029c\\u0085d"');
    expect(JSON.parse(jsonString('a\u2028b\u2029c\u0085d\n"'))).to.equal('a\u2028b\u2029c\u0085d\n"');
    expect(escapeLineSeparators('{"k":"\u2028"}')).to.equal('{"k":"\\u2028"}');
  });
});
