import { expect } from 'chai';
import { NewLineIndentingFilteringPatternLayout } from '../../layouts/atlassian/new-line-indenting-layout.js';
import { JsonLayout } from '../../layouts/json/json-layout.js';
import { EnhancedPatternLayout, PatternLayout } from '../../layouts/pattern/pattern-layout.js';
import { createLayout, isKnownLayout } from '../../layouts/registry.js';
import { SimpleLayout } from '../../layouts/simple-layout.js';
import { TTCCLayout } from '../../layouts/ttcc-layout.js';
import { Level } from '../../src/level.js';
import { fixedError, fixedEvent } from './fixed-event.js';

describe('createLayout', () => {
  it('maps log4j, Atlassian, logback and short names', () => {
    const pattern = { ConversionPattern: '%p %m%n' };
    for (const name of ['org.apache.log4j.PatternLayout', 'org.apache.log4j.EnhancedPatternLayout', 'com.atlassian.confluence.util.PatternLayoutWithContext', 'pattern', 'PatternLayout']) {
      const layout = createLayout(name, pattern);
      expect(layout, name).to.be.instanceOf(PatternLayout);
      expect(layout.format(fixedEvent()), name).to.equal('INFO Message 0\n');
    }
    expect(createLayout('com.atlassian.logging.log4j.NewLineIndentingFilteringPatternLayout', pattern)).to.be.instanceOf(NewLineIndentingFilteringPatternLayout);
    expect(createLayout('org.apache.log4j.SimpleLayout')).to.be.instanceOf(SimpleLayout);
    expect(createLayout('org.apache.log4j.TTCCLayout')).to.be.instanceOf(TTCCLayout);
    expect(createLayout('json')).to.be.instanceOf(JsonLayout);
    expect(createLayout('logwarden.JsonLayout')).to.be.instanceOf(JsonLayout);
    expect(isKnownLayout(' ORG.APACHE.LOG4J.PATTERNLAYOUT ')).to.equal(true);
    expect(isKnownLayout('org.apache.log4j.HTMLLayout')).to.equal(false);
  });

  it('matches option names case-insensitively and converts values', () => {
    const layout = createLayout('org.apache.log4j.PatternLayout', { conversionpattern: '%d{HH:mm} %m', TIMEZONE: 'Europe/Berlin' });
    expect(layout.format(fixedEvent())).to.equal('17:20 Message 0');
    const nli = createLayout('com.atlassian.logging.log4j.NewLineIndentingFilteringPatternLayout', {
      ConversionPattern: '%m%n',
      FilteredFrames: 'node_modules/express/',
      FilteringApplied: 'TRUE',
      MinimumLines: '0',
      ShowEludedSummary: 'true',
      StackTracePackagingExamined: 'false',
      FilteringAppliedToDebugLevel: 'false',
    });
    const error = fixedError('x', ['    at a (/app/node_modules/express/a.js:1:1)']);
    expect(nli.format(fixedEvent({ level: Level.ERROR, message: 'm', error }))).to.equal('m\n    Error: x\n        ... 1 filtered (/app/node_modules/express/a.js:1:1)\n');
    const ttcc = createLayout('TTCCLayout', { DateFormat: 'ISO8601', TimeZone: 'UTC', ThreadPrinting: 'false', CategoryPrefixing: 'false', ContextPrinting: 'true' });
    expect(ttcc.format(fixedEvent())).to.equal('2020-09-22 15:20:50,922 INFO - Message 0\n');
  });

  it('builds logback layouts in logback style', () => {
    const layout = createLayout('ch.qos.logback.classic.encoder.PatternLayoutEncoder', { Pattern: '%-5level %logger{10} %msg%n' });
    expect(layout.format(fixedEvent({ loggerName: 'com.example.auth.Service' }))).to.equal('INFO  c.e.a.Service Message 0\n');
  });

  it('accepts a pattern log4j accepts and tells context.warn, with the key of the option as given', () => {
    const warnings: Array<[string, string | undefined]> = [];
    const warn = (message: string, key: string | undefined): number => warnings.push([message, key]);
    const layout = createLayout('org.apache.log4j.PatternLayout', { conversionpattern: '%d{HH} %k %m' }, { warn });
    expect(layout.format(fixedEvent())).to.match(/^\d\d %k Message 0$/);
    createLayout('ch.qos.logback.classic.PatternLayout', { Pattern: '%msg %bogus' }, { warn });
    createLayout('com.atlassian.logging.log4j.NewLineIndentingFilteringPatternLayout', { Preset: 'jira', FilteredFrames: '@missing.properties' }, { warn, resourceDirectory: '/nonexistent' });
    expect(warnings.map(([message, key]) => [message.replace(/ \(looked for .*\)/, ''), key])).to.deep.equal([
      ['pattern "%d{HH} %k %m": unknown conversion "%k" at position 7, printed as written as log4j does', 'conversionpattern'],
      ['pattern "%msg %bogus": unknown conversion "%bogus" at position 5, printed as %PARSER_ERROR[bogus] as logback does', 'Pattern'],
      ['cannot find the filtered frames file "missing.properties"; its frames are not filtered', 'FilteredFrames'],
    ]);
  });

  it('EnhancedPatternLayout names build an EnhancedPatternLayout', () => {
    expect(createLayout('org.apache.log4j.EnhancedPatternLayout', { ConversionPattern: '%m' })).to.be.instanceOf(EnhancedPatternLayout);
    expect(createLayout('org.apache.log4j.PatternLayout', { ConversionPattern: '%m' })).to.not.be.instanceOf(EnhancedPatternLayout);
  });

  it('applies a preset, with explicit options winning', () => {
    const jira = createLayout('com.atlassian.logging.log4j.NewLineIndentingFilteringPatternLayout', { Preset: 'jira', TimeZone: 'UTC' });
    expect(jira.format(fixedEvent({ loggerName: 'com.atlassian.pats.Filter', threadName: 'main' }))).to.equal('2020-09-22 15:20:50,922+0000 main INFO      [c.atlassian.pats.Filter] Message 0\n');
    const custom = createLayout('pattern', { Preset: 'jira', ConversionPattern: '%m' });
    expect(custom.format(fixedEvent())).to.equal('Message 0');
    const diagnostics = createLayout('json', { Preset: 'kantega-diagnostics', TimeZone: 'UTC' });
    expect(diagnostics.format(fixedEvent({ mdc: { context: 'SAML' } }))).to.equal('{"timestamp":"2020-09-22 15:20:50,922","context":"SAML","message":"Message 0"}\n');
    expect(() => createLayout('json', { Preset: 'jira' })).to.throw('Layout json: Layout preset "jira" is not a JSON layout preset');
  });

  it('names the class for an unknown class, and option and class for an unknown option', () => {
    expect(() => createLayout('org.apache.log4j.HTMLLayout')).to.throw('Unknown layout class "org.apache.log4j.HTMLLayout"');
    expect(() => createLayout('org.apache.log4j.PatternLayout', { ConversionPatern: '%m' })).to.throw(
      'Unknown option ConversionPatern for layout org.apache.log4j.PatternLayout (known: ConversionPattern, TimeZone, Style, Preset)',
    );
    expect(() => createLayout('org.apache.log4j.SimpleLayout', { Foo: '1' })).to.throw('Unknown option Foo for layout org.apache.log4j.SimpleLayout (it takes no options)');
  });

  it('names class, option and value for bad values, and passes pattern errors on', () => {
    expect(() => createLayout('TTCCLayout', { ThreadPrinting: 'yes' })).to.throw('Layout TTCCLayout: option ThreadPrinting must be true or false, got "yes"');
    expect(() => createLayout('com.atlassian.logging.log4j.NewLineIndentingFilteringPatternLayout', { MinimumLines: 'six' })).to.throw(/option MinimumLines must be a whole number, got "six"/);
    expect(() => createLayout('ch.qos.logback.classic.PatternLayout', { Pattern: '%d{HH %m' })).to.throw(
      'Layout ch.qos.logback.classic.PatternLayout: Unclosed "{" at position 2 in pattern "%d{HH %m" (logback refuses it too)',
    );
    expect(() => createLayout('pattern', { TimeZone: 'Moon/Base' })).to.throw(/Layout pattern: Unknown time zone "Moon\/Base"/);
  });
});
