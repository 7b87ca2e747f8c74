import { expect } from 'chai';
import { FilterDecision } from '../../../src/filter/filter.js';
import { RegexFilter } from '../../../src/filter/regex-filter.js';
import { fixedEvent } from '../../layouts/fixed-event.js';

describe('RegexFilter (Log4j 2)', () => {
  const message = (text: string) => fixedEvent({ message: text });

  it('matches the whole message: onMatch (default NEUTRAL) or onMismatch (default DENY)', () => {
    const filter = new RegexFilter({ regex: '.*password.*' });
    expect(filter.decide(message('user password reset'))).to.equal(FilterDecision.NEUTRAL);
    expect(filter.decide(message('login'))).to.equal(FilterDecision.DENY);
    // Whole message, as Java's Matcher.matches(): a part is not enough.
    expect(new RegexFilter({ regex: 'password' }).decide(message('user password reset'))).to.equal(FilterDecision.DENY);
    expect(new RegexFilter({ regex: '.*secret.*', onMatch: 'DENY', onMismatch: 'NEUTRAL' }).decide(message('a\nsecret\nb'))).to.equal(FilterDecision.DENY);
  });

  it('refuses a missing or broken expression and one that can backtrack exponentially', () => {
    expect(() => new RegexFilter({})).to.throw(/option regex: a regular expression is needed/);
    expect(() => new RegexFilter({ regex: '(' })).to.throw(/option regex: "\(" is not a regular expression/);
    expect(() => new RegexFilter({ regex: '(a+)+b' })).to.throw(/repeats a group that repeats/);
    expect(() => new RegexFilter({ regex: '(\\w*)*$' })).to.throw(/repeats a group that repeats/);
    expect(() => new RegexFilter({ regex: 'x', onMatch: 'MAYBE' })).to.throw(/option onMatch: must be ACCEPT, NEUTRAL or DENY, got "MAYBE"/);
  });
});
