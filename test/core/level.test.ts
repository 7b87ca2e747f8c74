import { expect } from 'chai';
import { Level } from '../../src/level.js';

describe('Level', () => {
  it('orders the standard levels as log4j 1.2 does', () => {
    const order = [Level.ALL, Level.TRACE, Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR, Level.FATAL, Level.OFF];
    for (let i = 1; i < order.length; i++) expect(order[i]!.value).to.be.greaterThan(order[i - 1]!.value);
  });

  it('resolves names case-insensitively and accepts LEVEL#class', () => {
    expect(Level.toLevel('info')).to.equal(Level.INFO);
    expect(Level.toLevel(' Warn ')).to.equal(Level.WARN);
    expect(Level.toLevel('TRACE#org.apache.log4j.xml.XLevel')).to.equal(Level.TRACE);
  });

  it('returns the default for an unknown name', () => {
    expect(Level.toLevel('LOUD', Level.DEBUG)).to.equal(Level.DEBUG);
    expect(Level.toLevel('LOUD')).to.equal(undefined);
  });

  it('registers custom levels that sort between the standard ones', () => {
    const notice = Level.forName('NOTICE', 25000);
    expect(Level.toLevel('notice')).to.equal(notice);
    expect(notice.isGreaterOrEqual(Level.INFO)).to.equal(true);
    expect(notice.isGreaterOrEqual(Level.WARN)).to.equal(false);
    expect(Level.forName('NOTICE', 25000)).to.equal(notice);
    expect(() => Level.forName('NOTICE', 26000)).to.throw(/already registered/);
  });
});
