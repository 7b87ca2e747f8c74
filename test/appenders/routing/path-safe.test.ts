import { expect } from 'chai';
import { pathSafe } from '../../../appenders/routing/path-safe.js';

describe('pathSafe', () => {
  it('keeps letters, digits and _ - . @ + = ,', () => {
    expect(pathSafe('jdoe.admin@acme-1_x+y=z,w')).to.equal('jdoe.admin@acme-1_x+y=z,w');
  });

  it('percent-encodes separators, line breaks, NUL, % and anything else, as UTF-8', () => {
    expect(pathSafe('a/b\\c')).to.equal('a%2Fb%5Cc');
    expect(pathSafe('x\ny\r\0')).to.equal('x%0Ay%0D%00');
    expect(pathSafe('100%')).to.equal('100%25');
    expect(pathSafe('é 😀')).to.equal('%C3%A9%20%F0%9F%98%80');
  });

  it('encodes a value of only dots whole, so it cannot name the folder or its parent', () => {
    expect(pathSafe('.')).to.equal('%2E');
    expect(pathSafe('..')).to.equal('%2E%2E');
    expect(pathSafe('a..b')).to.equal('a..b');
    expect(pathSafe('')).to.equal('');
  });
});
