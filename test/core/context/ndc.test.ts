import { expect } from 'chai';
import { NDC } from '../../../src/context/ndc.js';
import { resetProcessFrame } from '../../../src/context/context-frame.js';

describe('NDC', () => {
  afterEach(() => resetProcessFrame());

  it('is a stack joined by spaces', () => {
    NDC.push('a');
    NDC.push('b c');
    expect(NDC.get()).to.equal('a b c');
    expect(NDC.getDepth()).to.equal(2);
    expect(NDC.peek()).to.equal('b c');
    expect(NDC.pop()).to.equal('b c');
    expect(NDC.get()).to.equal('a');
    expect(NDC.pop()).to.equal('a');
    expect(NDC.pop()).to.equal(undefined);
    expect(NDC.get()).to.equal('');
  });

  it('can be cut to a maximum depth and cleared', () => {
    ['1', '2', '3', '4'].forEach((m) => NDC.push(m));
    NDC.setMaxDepth(2);
    expect(NDC.get()).to.equal('1 2');
    NDC.clear();
    expect(NDC.getDepth()).to.equal(0);
  });

  it('scopes a pushed entry to run() and its async continuations', async () => {
    NDC.push('outer');
    await NDC.run('request', async () => {
      await new Promise((r) => setTimeout(r, 1));
      expect(NDC.get()).to.equal('outer request');
      NDC.push('step');
      expect(NDC.get()).to.equal('outer request step');
    });
    expect(NDC.get()).to.equal('outer');
  });
});
