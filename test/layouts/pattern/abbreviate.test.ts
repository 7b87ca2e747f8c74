import { expect } from 'chai';
import {
  abbreviateToLength,
  collapsePackages,
  collapsingAbbreviator,
  dropLeadingComponents,
  fragmentAbbreviator,
  nameAbbreviator,
  rightmostComponents,
} from '../../../layouts/pattern/abbreviate.js';

describe('name abbreviation', () => {
  it('log4j %c{n} keeps the rightmost n components', () => {
    expect(rightmostComponents('org.apache.log4j.PatternLayoutTestCase', 2)).to.equal('log4j.PatternLayoutTestCase');
    expect(rightmostComponents('org.apache.log4j.PatternLayoutTestCase', 1)).to.equal('PatternLayoutTestCase');
    expect(rightmostComponents('org.apache.log4j.PatternLayoutTestCase', 9)).to.equal('org.apache.log4j.PatternLayoutTestCase');
    expect(rightmostComponents('root', 2)).to.equal('root');
    // n = 0 keeps nothing (EnhancedPatternLayout); log4j 1.2 style never asks for it (see nameAbbreviator).
    expect(rightmostComponents('a.b.c', 0)).to.equal('');
    // A name ending in a dot keeps it: counting starts before the last character, as in log4j.
    expect(rightmostComponents('org.example.foo.', 1)).to.equal('foo.');
    expect(rightmostComponents('.', 1)).to.equal('.');
  });

  it('%c{-n} drops the leftmost n components', () => {
    expect(dropLeadingComponents('org.apache.log4j.Foo', 2)).to.equal('log4j.Foo');
    expect(dropLeadingComponents('Foo', 2)).to.equal('Foo');
  });

  it('EnhancedPatternLayout fragments: %c{1.}, %c{1.1.~.~}, %c{.}, %c{3.*}', () => {
    expect(fragmentAbbreviator('1.')('org.apache.log4j.EnhancedPatternLayoutTest')).to.equal('o.a.l.EnhancedPatternLayoutTest');
    expect(fragmentAbbreviator('1.1.~.~')('org.apache.commons.test.Foo')).to.equal('o.a.~.~.Foo');
    expect(fragmentAbbreviator('.')('org.apache.commons.test.Foo')).to.equal('....Foo');
    expect(fragmentAbbreviator('2.*')('org.apache.commons.Foo')).to.equal('or.apache.commons.Foo');
    expect(fragmentAbbreviator('3~.')('org.apache.commons.Foo')).to.equal('org.apa~.com~.Foo');
    expect(fragmentAbbreviator('1.')('root')).to.equal('root');
    // log4j's NameAbbreviator reads one digit and one ellipsis character per fragment: never an error.
    expect(fragmentAbbreviator('1xy.')('org.apache.Foo')).to.equal('ox.ax.Foo');
    expect(fragmentAbbreviator('12.')('org.apache.Foo')).to.equal('o2.a2.Foo');
  });

  it('Atlassian %q{N} collapses all but the last N package segments', () => {
    expect(collapsePackages('com.atlassian.pats.web.filter.TokenBasedAuthenticationFilter', 2)).to.equal('c.a.p.web.filter.TokenBasedAuthenticationFilter');
    expect(collapsePackages('de.resolution.apitokenauth.ApiTokenAuthenticationService', 2)).to.equal('d.resolution.apitokenauth.ApiTokenAuthenticationService');
    expect(collapsePackages('com.atlassian.pats.service.CachingTokenValidator', 2)).to.equal('c.a.pats.service.CachingTokenValidator');
    expect(collapsePackages('com.atlassian.pats.Foo', 0)).to.equal('c.a.p.Foo');
    expect(collapsePackages('a.Foo', 2)).to.equal('a.Foo');
    expect(collapsePackages('root', 2)).to.equal('root');
  });

  it('logback %logger{N} cuts packages from the left until the name fits', () => {
    expect(abbreviateToLength('de.resolution.apitokenauth.platform.auth.ApiTokenAuthSharedBase', 36)).to.equal('d.r.a.p.auth.ApiTokenAuthSharedBase');
    expect(abbreviateToLength('com.atlassian.bitbucket.internal.boot.log.BuildInfoLogger', 36)).to.equal('c.a.b.i.boot.log.BuildInfoLogger');
    expect(abbreviateToLength('mainPackage.sub.sample.Bar', 5)).to.equal('m.s.s.Bar');
    expect(abbreviateToLength('mainPackage.sub.sample.Bar', 16)).to.equal('m.sub.sample.Bar');
    expect(abbreviateToLength('mainPackage.sub.sample.Bar', 0)).to.equal('Bar');
    expect(abbreviateToLength('short.Name', 36)).to.equal('short.Name');
  });

  it('picks the abbreviator from the option and the style', () => {
    expect(nameAbbreviator(undefined, 'log4j', '%c')).to.equal(undefined);
    expect(nameAbbreviator('2', 'log4j', '%c')!('a.b.c.D')).to.equal('c.D');
    expect(nameAbbreviator('2', 'enhanced', '%c')!('a.b.c.D')).to.equal('c.D');
    expect(nameAbbreviator('5', 'logback', '%c')!('aaa.bbb.D')).to.equal('a.b.D');
    expect(nameAbbreviator('-1', 'enhanced', '%c')!('a.b.c.D')).to.equal('b.c.D');
    expect(nameAbbreviator('1.', 'log4j', '%c')!('a.bb.c.D')).to.equal('a.b.c.D');
    expect(nameAbbreviator('1.', 'enhanced', '%c')!('a.bb.c.D')).to.equal('a.b.c.D');
  });

  it('prints the whole name where the original does, and says why', () => {
    const warnings: string[] = [];
    const warn = (m: string): number => warnings.push(m);
    // log4j 1.2's PatternLayout: a precision that is not positive, or not a number, prints the whole name.
    expect(nameAbbreviator('0', 'log4j', '%c', warn)).to.equal(undefined);
    expect(nameAbbreviator('-1', 'log4j', '%c', warn)).to.equal(undefined);
    expect(nameAbbreviator('abc', 'log4j', '%c', warn)).to.equal(undefined);
    // logback's NamedConverter: a negative length is no abbreviation, text is an error.
    expect(nameAbbreviator('-1', 'logback', '%logger', warn)).to.equal(undefined);
    expect(nameAbbreviator('1.', 'logback', '%logger', warn)).to.equal(undefined);
    expect(collapsingAbbreviator('x', '%q', warn)('com.example.Cls')).to.equal('com.example.Cls');
    expect(collapsingAbbreviator(undefined, '%q')('com.example.Cls')).to.equal('c.e.Cls');
    expect(warnings).to.deep.equal([
      "option {0} for %c is not a positive precision: log4j 1.2's PatternLayout prints the whole name (EnhancedPatternLayout would not)",
      "option {-1} for %c is not a positive precision: log4j 1.2's PatternLayout prints the whole name (EnhancedPatternLayout would not)",
      'bad option {abc} for %c: log4j 1.2 expects a positive number and prints the whole name',
      'bad option {1.} for %logger: logback reads only a number there and prints the whole name',
      'bad option {x} for %q: expected a number of package segments to keep; the whole name is printed',
    ]);
  });

  it('remembers results per name', () => {
    const abbreviate = nameAbbreviator('1.', 'log4j', '%c')!;
    const first = abbreviate('org.example.deep.Name');
    expect(abbreviate('org.example.deep.Name')).to.equal(first).and.equal('o.e.d.Name');
  });
});
