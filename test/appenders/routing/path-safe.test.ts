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

  it('keeps a value to 128 characters, so any value fits a file name: a longer one is cut and ends with ~ and a hash of the whole', () => {
    const long = 'é'.repeat(300);
    const cut = pathSafe(long);
    expect(cut).to.have.length(128);
    expect(cut).to.match(/^(%C3%A9)+%?[0-9A-F]*~[0-9a-f]{16}$/);
    expect(pathSafe(`${long}x`)).not.to.equal(cut);
    expect(pathSafe(long)).to.equal(cut);
    expect(pathSafe('a'.repeat(128))).to.equal('a'.repeat(128));
    expect(pathSafe('a'.repeat(129))).to.have.length(128).and.include('~');
  });

  it('encodes a value of only dots whole, so it cannot name the folder or its parent', () => {
    expect(pathSafe('.')).to.equal('%2E');
    expect(pathSafe('..')).to.equal('%2E%2E');
    expect(pathSafe('a..b')).to.equal('a..b');
    expect(pathSafe('')).to.equal('');
  });
});
