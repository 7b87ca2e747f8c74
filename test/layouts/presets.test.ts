import { expect } from 'chai';
import { Level } from '../../src/level.js';
import { NewLineIndentingFilteringPatternLayout } from '../../layouts/atlassian/new-line-indenting-layout.js';
import { JsonLayout } from '../../layouts/json/json-layout.js';
import type { Layout } from '../../layouts/layout.js';
import { PatternLayout } from '../../layouts/pattern/pattern-layout.js';
import { createLayout } from '../../layouts/registry.js';
import {
  BITBUCKET_PATTERN,
  CONFLUENCE_PATTERN,
  findPreset,
  JIRA_MAIN_PATTERN,
  JIRA_SECURITY_PATTERN,
  LAYOUT_PRESETS,
  presetLayout,
} from '../../layouts/presets.js';
import { fixedEvent } from './fixed-event.js';
import { BITBUCKET_EVENT, BITBUCKET_LINE, JIRA_EVENT_1, JIRA_EVENT_2, JIRA_LINE_1, JIRA_LINE_2, jiraMdc } from './reference-lines.js';

describe('product presets', () => {
  it('Jira main log, both reference lines byte for byte', () => {
    const layout = presetLayout('jira', { timeZone: 'UTC' });
    expect(layout).to.be.instanceOf(NewLineIndentingFilteringPatternLayout);
    expect(layout.format(JIRA_EVENT_1)).to.equal(JIRA_LINE_1 + '\n');
    expect(layout.format(JIRA_EVENT_2)).to.equal(JIRA_LINE_2 + '\n');
  });

  it('Bitbucket reference line byte for byte', () => {
    const layout = presetLayout('bitbucket', { timeZone: 'UTC' });
    expect(layout.format(BITBUCKET_EVENT)).to.equal(BITBUCKET_LINE + '\n');
    expect(layout.format(fixedEvent({ timestamp: Date.UTC(2021, 0, 7), loggerName: 'com.atlassian.bitbucket.internal.boot.log.BuildInfoLogger', message: 'Starting' }))).to.equal(
      '2021-01-07 00:00:00,000 INFO [main] c.a.b.i.boot.log.BuildInfoLogger Starting\n',
    );
  });

  describe('Bitbucket\'s line through every entry point', () => {
    const inRequest = BITBUCKET_EVENT;
    // A real line of Bitbucket's log written outside any request: one blank between the thread and the logger.
    const outsideRequest = fixedEvent({
      timestamp: Date.UTC(2021, 0, 7, 8, 52, 38, 541),
      level: Level.DEBUG,
      threadName: 'clusterScheduler_Worker-8',
      loggerName: 'org.hibernate.SQL',
      message: 'select this_.id as id1_0_ from sta_shared_lob this_',
    });
    const OUTSIDE_LINE = '2021-01-07 08:52:38,541 DEBUG [clusterScheduler_Worker-8] org.hibernate.SQL select this_.id as id1_0_ from sta_shared_lob this_\n';
    const entryPoints: Array<[string, () => Layout]> = [
      ['presetLayout("bitbucket")', () => presetLayout('bitbucket', { timeZone: 'UTC' })],
      ['new PatternLayout(BITBUCKET_PATTERN)', () => new PatternLayout(BITBUCKET_PATTERN, { timeZone: 'UTC' })],
      ['new PatternLayout({ conversionPattern: BITBUCKET_PATTERN })', () => new PatternLayout({ conversionPattern: BITBUCKET_PATTERN, timeZone: 'UTC' })],
      ['a PatternLayout given the pattern later', () => {
        const layout = new PatternLayout('%m%n', { timeZone: 'UTC' });
        layout.conversionPattern = BITBUCKET_PATTERN;
        return layout;
      }],
      ['org.apache.log4j.PatternLayout with the pattern', () => createLayout('org.apache.log4j.PatternLayout', { ConversionPattern: BITBUCKET_PATTERN, TimeZone: 'UTC' })],
      ['ch.qos.logback.classic.PatternLayout with the pattern', () => createLayout('ch.qos.logback.classic.PatternLayout', { Pattern: BITBUCKET_PATTERN, TimeZone: 'UTC' })],
      ['ch.qos.logback.classic.encoder.PatternLayoutEncoder, Preset=bitbucket', () => createLayout('ch.qos.logback.classic.encoder.PatternLayoutEncoder', { Preset: 'bitbucket', TimeZone: 'UTC' })],
      ['pattern, Preset=bitbucket', () => createLayout('pattern', { Preset: 'bitbucket', TimeZone: 'UTC' })],
    ];
    for (const [name, make] of entryPoints) {
      it(name, () => {
        const layout = make();
        expect(layout.format(inRequest)).to.equal(BITBUCKET_LINE + '\n');
        expect(layout.format(outsideRequest)).to.equal(OUTSIDE_LINE);
      });
    }

    it('a style given explicitly still wins', () => {
      const layout = new PatternLayout(BITBUCKET_PATTERN, { timeZone: 'UTC', style: 'log4j' });
      expect(layout.style).to.equal('log4j');
      expect(layout.format(inRequest)).to.contain(' de.resolution.apitokenauth.platform.auth.ApiTokenAuthSharedBase Found');
    });

    it('only a blank right after an empty %request goes, and not under a width', () => {
      expect(new PatternLayout('[%request] %m', { timeZone: 'UTC' }).format(outsideRequest)).to.equal('[] select this_.id as id1_0_ from sta_shared_lob this_');
      expect(new PatternLayout('%request  %m').format(outsideRequest)).to.equal(' select this_.id as id1_0_ from sta_shared_lob this_');
      expect(new PatternLayout('%-3request %m').format(outsideRequest)).to.equal('    select this_.id as id1_0_ from sta_shared_lob this_');
    });
  });

  it('Jira security log: no level, no category', () => {
    const layout = presetLayout('jira-security', { timeZone: 'UTC' });
    const event = fixedEvent({
      timestamp: Date.UTC(2020, 8, 22, 15, 20, 50, 922),
      threadName: 'http-nio-8080-exec-11',
      mdc: { ...jiraMdc('920x447x1', '87.173.216.109', '/login.jsp'), 'jira.username': 'admin' },
      message: 'The user \'admin\' has PASSED authentication.',
    });
    expect(layout.format(event)).to.equal(
      "2020-09-22 15:20:50,922 http-nio-8080-exec-11 admin 920x447x1 - 87.173.216.109 /login.jsp The user 'admin' has PASSED authentication.\n",
    );
  });

  it('Confluence: %c{4} and the calling method', () => {
    const layout = presetLayout('confluence', { timeZone: 'UTC' });
    expect(layout.requiresLocation).to.equal(true);
    const event = fixedEvent({
      timestamp: Date.UTC(2020, 8, 22, 15, 20, 50, 922),
      threadName: 'http-nio-8090-exec-3',
      loggerName: 'com.atlassian.confluence.plugins.auth.TokenFilter',
      location: { className: 'TokenFilter', methodName: 'doFilter', fileName: 'token-filter.js', lineNumber: '12' },
      message: 'Token accepted',
    });
    expect(layout.format(event)).to.equal('2020-09-22 15:20:50,922 INFO [http-nio-8090-exec-3] [confluence.plugins.auth.TokenFilter] doFilter Token accepted\n');
  });

  it('Kantega diagnostics JSON', () => {
    const layout = presetLayout('kantega-diagnostics', { timeZone: 'UTC' });
    expect(layout).to.be.instanceOf(JsonLayout);
    const event = fixedEvent({ timestamp: Date.UTC(2019, 10, 11, 15, 23, 7, 230), mdc: { context: 'Kerberos' }, message: 'No Kerberos ticket' });
    expect(layout.format(event)).to.equal('{"timestamp":"2019-11-11 15:23:07,230","context":"Kerberos","message":"No Kerberos ticket"}\n');
  });

  it('exposes the patterns and finds presets case-insensitively', () => {
    expect(LAYOUT_PRESETS.jira.options).to.deep.include({ conversionPattern: JIRA_MAIN_PATTERN });
    expect(LAYOUT_PRESETS['jira-security'].options).to.deep.include({ conversionPattern: JIRA_SECURITY_PATTERN });
    expect(LAYOUT_PRESETS.confluence.options).to.deep.include({ conversionPattern: CONFLUENCE_PATTERN });
    expect(LAYOUT_PRESETS.bitbucket.options).to.deep.include({ conversionPattern: BITBUCKET_PATTERN, style: 'logback' });
    expect(findPreset(' JIRA ')).to.equal(LAYOUT_PRESETS.jira);
    expect(presetLayout('Bitbucket')).to.be.instanceOf(PatternLayout);
    expect(() => findPreset('bamboo')).to.throw(/Unknown layout preset "bamboo" \(known: jira, jira-security, confluence, bitbucket, kantega-diagnostics\)/);
  });
});
