import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Level } from '../../../src/level.js';
import { NewLineIndentingFilteringPatternLayout } from '../../../layouts/atlassian/new-line-indenting-layout.js';
import { indentBlock, indentLineBreaks } from '../../../layouts/atlassian/indent-line-breaks.js';
import { PatternLayout } from '../../../layouts/pattern/pattern-layout.js';
import { fixedError, fixedEvent } from '../fixed-event.js';

const BREAKS = ['\r\n', '\n', '\r', '\u2028', '\u2029', '\u0085'];

/** Splits on every kind of line break, `\r\n` counting as one. */
function physicalLines(text: string): string[] {
  return text.split(/\r\n|[\n\r\u2028\u2029\u0085]/);
}

/** Deterministic pseudo-random numbers (LCG), so a failing case can be reproduced. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('indentLineBreaks', () => {
  it('puts four spaces after every kind of line break', () => {
    for (const br of BREAKS) {
      expect(indentLineBreaks(`a${br}b`), JSON.stringify(br)).to.equal(`a${br}    b`);
    }
    expect(indentLineBreaks('a\r\n\r\nb')).to.equal('a\r\n    \r\n    b');
    expect(indentLineBreaks('a\n\nb\n')).to.equal('a\n    \n    b\n    ');
    expect(indentLineBreaks('a\r')).to.equal('a\r    ');
    expect(indentLineBreaks('\n\r')).to.equal('\n    \r    ');
    expect(indentLineBreaks('plain')).to.equal('plain');
    expect(indentLineBreaks('')).to.equal('');
  });

  it('indentBlock indents every line of a block and keeps its terminator', () => {
    expect(indentBlock('Error: x\n    at a\n')).to.equal('    Error: x\n        at a\n');
    expect(indentBlock('Error: x')).to.equal('    Error: x\n');
    expect(indentBlock('')).to.equal('');
  });
});

describe('NewLineIndentingFilteringPatternLayout', () => {
  const layout = new NewLineIndentingFilteringPatternLayout('%d %p [%c] %m%n', { timeZone: 'UTC' });

  it('prints a one-line message like a PatternLayout', () => {
    expect(layout.format(fixedEvent())).to.equal('2020-09-22 15:20:50,922 INFO [org.apache.log4j.PatternLayoutTestCase] Message 0\n');
  });

  it('cannot be made to forge a record through the message', () => {
    const forged = 'ok\n2020-09-22 15:20:51,000 ERROR [admin] password reset for root\r\nagain\rand\u2028more\u2029and\u0085end';
    const record = layout.format(fixedEvent({ message: forged }));
    const lines = physicalLines(record);
    expect(lines.pop()).to.equal('');
    expect(lines[0]).to.equal('2020-09-22 15:20:50,922 INFO [org.apache.log4j.PatternLayoutTestCase] ok');
    expect(lines.slice(1)).to.deep.equal([
      '    2020-09-22 15:20:51,000 ERROR [admin] password reset for root',
      '    again',
      '    and',
      '    more',
      '    and',
      '    end',
    ]);
  });

  it('keeps the one-record invariant for random hostile messages', () => {
    const next = random(20240601);
    const alphabet = ['a', 'Z', ' ', '\t', '-', '2', ...BREAKS, '\u0000', '\ud800'];
    const plain = new PatternLayout('%p %m%n');
    const indenting = new NewLineIndentingFilteringPatternLayout('%p %m%n');
    for (let round = 0; round < 500; round++) {
      let message = '';
      const length = Math.floor(next() * 40);
      for (let i = 0; i < length; i++) message += alphabet[Math.floor(next() * alphabet.length)];
      const event = fixedEvent({ message });
      const record = indenting.format(event);
      expect(record.endsWith('\n'), JSON.stringify(message)).to.equal(true);
      const lines = physicalLines(record.slice(0, -1));
      for (const line of lines.slice(1)) expect(line.startsWith('    '), JSON.stringify(message)).to.equal(true);
      // Nothing but the indents was added.
      const stripped = plain.format(event).slice(0, -1);
      expect(lines.map((l, i) => (i === 0 ? l : l.slice(4))).join('|'), JSON.stringify(message)).to.equal(physicalLines(stripped).join('|'));
    }
  });

  it('indents the appended stack trace and the line break before it', () => {
    const record = layout.format(fixedEvent({ message: 'failed', error: fixedError() }));
    expect(record).to.equal(
      '2020-09-22 15:20:50,922 INFO [org.apache.log4j.PatternLayoutTestCase] failed\n' +
        '    Error: Just testing\n' +
        '        at common (/app/test.js:10:5)\n' +
        '        at run (/app/test.js:20:3)\n',
    );
  });

  it('indents a stack printed by %throwable and line breaks inside the error message', () => {
    const l = new NewLineIndentingFilteringPatternLayout('%p %m%n%throwable');
    const error = fixedError('multi\nline');
    expect(l.format(fixedEvent({ message: 'm', error }))).to.equal('INFO m\n    Error: multi\n    line\n        at common (/app/test.js:10:5)\n        at run (/app/test.js:20:3)\n');
  });

  it('indents line breaks in MDC values and thread names as well', () => {
    const l = new NewLineIndentingFilteringPatternLayout('%t %X{user} %m%n');
    expect(l.format(fixedEvent({ threadName: 't\n1', mdc: { user: 'eve\r\nINFO fake' } }))).to.equal('t\n    1 eve\r\n    INFO fake Message 0\n');
  });

  it('filters each event\'s own values when they change from event to event', () => {
    const l = new NewLineIndentingFilteringPatternLayout('%X{u}|%m%n');
    const values = ['a\nb', 'c', 'a\nb', 'a\nb', '', 'x\ry'];
    const out = values.map((v) => l.format(fixedEvent({ mdc: { u: v }, message: v })));
    expect(out).to.deep.equal(['a\n    b|a\n    b\n', 'c|c\n', 'a\n    b|a\n    b\n', 'a\n    b|a\n    b\n', '|\n', 'x\r    y|x\r    y\n']);
  });

  it('indents after truncation, so a cut cannot leave a bare line break', () => {
    const l = new NewLineIndentingFilteringPatternLayout('%.-4m|%.4X{u}|%n');
    expect(l.format(fixedEvent({ message: 'abc\ndefg', mdc: { u: 'xyz\nINFO' } }))).to.equal('abc\n    |INFO|\n');
    expect(l.format(fixedEvent({ message: 'ab', mdc: { u: 'q\nrst' } }))).to.equal('ab|\n    rst|\n');
  });

  it('does not indent the pattern\'s own %n or the date', () => {
    const l = new NewLineIndentingFilteringPatternLayout('%d{HH}%n%m%n', { timeZone: 'UTC' });
    expect(l.format(fixedEvent({ message: 'a\nb' }))).to.equal('15\na\n    b\n');
  });

  describe('stack frame filtering', () => {
    const frames = [
      '    at handler (/app/routes/token.js:12:5)',
      '    at Layer.handle [as handle_request] (/app/node_modules/express/lib/router/layer.js:95:5)',
      '    at next (/app/node_modules/express/lib/router/route.js:149:13)',
      '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
      '    at authenticate (/app/auth.js:40:9)',
      '    at Layer.handle (/app/node_modules/express/lib/router/layer.js:95:5)',
    ];
    const error = fixedError('boom', frames);
    const pattern = '%p %m%n';

    it('drops frames from configured packages after the minimum lines, each run becoming "... N filtered" as in Jira\'s logs', () => {
      const l = new NewLineIndentingFilteringPatternLayout(pattern, { filteredFrames: 'node_modules/express/, node:internal', minimumLines: 2 });
      expect(l.format(fixedEvent({ level: Level.ERROR, message: 'x', error }))).to.equal(
        'ERROR x\n    Error: boom\n        at handler (/app/routes/token.js:12:5)\n        ... 3 filtered\n        at authenticate (/app/auth.js:40:9)\n        ... 1 filtered\n',
      );
    });

    it('keeps the first minimumLines lines (default 6)', () => {
      const l = new NewLineIndentingFilteringPatternLayout(pattern, { filteredFrames: ['node_modules/express/'] });
      const record = l.format(fixedEvent({ level: Level.ERROR, message: 'x', error }));
      expect(record).to.contain('route.js:149:13');
      expect(record).to.not.contain('at Layer.handle (/app/node_modules');
    });

    it('showEludedSummary appends the call sites of the filtered frames (Atlassian StackTraceCompressor)', () => {
      const l = new NewLineIndentingFilteringPatternLayout(pattern, { filteredFrames: 'node_modules/express/,node:internal', minimumLines: 0, showEludedSummary: true });
      expect(l.format(fixedEvent({ level: Level.ERROR, message: 'x', error }))).to.equal(
        'ERROR x\n    Error: boom\n        at handler (/app/routes/token.js:12:5)\n' +
          '        ... 3 filtered (/app/node_modules/express/lib/router/layer.js:95:5) (/app/node_modules/express/lib/router/route.js:149:13) (node:internal/process/task_queues:95:5)\n' +
          '        at authenticate (/app/auth.js:40:9)\n        ... 1 filtered (/app/node_modules/express/lib/router/layer.js:95:5)\n',
      );
    });

    it('keeps the first minimumLines lines of every Caused by: section too', () => {
      const outer = fixedError('outer', ['    at a (/app/node_modules/express/x.js:1:1)', '    at b (/app/node_modules/express/y.js:1:1)']);
      (outer as Error & { cause?: unknown }).cause = fixedError('inner', ['    at c (/app/node_modules/express/z.js:1:1)', '    at d (/app/node_modules/express/w.js:1:1)']);
      const l = new NewLineIndentingFilteringPatternLayout('%m%n', { filteredFrames: 'node_modules/express/', minimumLines: 2 });
      expect(l.format(fixedEvent({ level: Level.ERROR, message: 'x', error: outer }))).to.equal(
        'x\n    Error: outer\n        at a (/app/node_modules/express/x.js:1:1)\n        ... 1 filtered\n' +
          '    Caused by: Error: inner\n        at c (/app/node_modules/express/z.js:1:1)\n        ... 1 filtered\n',
      );
    });

    it('filterEverythingAfterFrames, markerAtFrames and filterReplacementToken (Atlassian\'s other options)', () => {
      const l = new NewLineIndentingFilteringPatternLayout(pattern, {
        filteredFrames: 'node:internal',
        filterEverythingAfterFrames: 'node_modules/express/lib/router/route.js',
        markerAtFrames: 'routes/token.js',
        markerAtMessage: '--- request handled above ---',
        filterReplacementToken: '>> ',
        minimumLines: 0,
      });
      expect(l.format(fixedEvent({ level: Level.ERROR, message: 'x', error }))).to.equal(
        'ERROR x\n    Error: boom\n        at handler (/app/routes/token.js:12:5)\n    --- request handled above ---\n' +
          '        at Layer.handle [as handle_request] (/app/node_modules/express/lib/router/layer.js:95:5)\n' +
          '    \t\t(The rest of the stack trace has been filtered ...)\n',
      );
      const counted = new NewLineIndentingFilteringPatternLayout(pattern, { filteredFrames: 'express', filterReplacementToken: '>> ', minimumLines: 0 });
      expect(counted.format(fixedEvent({ level: Level.ERROR, message: 'x', error }))).to.contain('        >> 2 filtered\n');
    });

    it('leaves DEBUG stacks whole unless filteringAppliedToDebugLevel, and obeys filteringApplied', () => {
      const options = { filteredFrames: 'node_modules/express/', minimumLines: 0 };
      const debug = fixedEvent({ level: Level.DEBUG, message: 'x', error });
      expect(new NewLineIndentingFilteringPatternLayout(pattern, options).format(debug)).to.contain('express/lib/router/layer.js');
      expect(new NewLineIndentingFilteringPatternLayout(pattern, { ...options, filteringAppliedToDebugLevel: true }).format(debug)).to.not.contain('express/lib');
      const error500 = fixedEvent({ level: Level.ERROR, message: 'x', error });
      expect(new NewLineIndentingFilteringPatternLayout(pattern, { ...options, filteringApplied: false }).format(error500)).to.contain('express/lib');
    });

    it('filters inside cause chains and keeps every header line', () => {
      const outer = fixedError('outer', ['    at a (/app/node_modules/express/x.js:1:1)']);
      (outer as Error & { cause?: unknown }).cause = fixedError('inner', ['    at b (/app/node_modules/express/y.js:1:1)', '    at c (/app/c.js:1:1)']);
      const l = new NewLineIndentingFilteringPatternLayout('%m%n', { filteredFrames: 'node_modules/express/', minimumLines: 0 });
      expect(l.format(fixedEvent({ level: Level.ERROR, message: 'x', error: outer }))).to.equal(
        'x\n    Error: outer\n        ... 1 filtered\n    Caused by: Error: inner\n        ... 1 filtered\n        at c (/app/c.js:1:1)\n',
      );
    });

    it('reads @file as a properties file (Jira\'s jira-filtered-frames.properties): every value a comma list, continued with backslashes', () => {
      const dir = mkdtempSync(join(tmpdir(), 'logwarden-frames-'));
      try {
        const file = join(dir, 'filtered-frames.properties');
        writeFileSync(file, '# frames Jira hides\nFilteredStackFrames = \\\n  node_modules/express/, \\\n  node:internal\n');
        const l = new NewLineIndentingFilteringPatternLayout(pattern, { filteredFrames: `@${file}`, minimumLines: 0 });
        const record = l.format(fixedEvent({ level: Level.ERROR, message: 'x', error }));
        expect(record).to.not.contain('express').and.not.contain('node:internal');
        expect(record).to.contain('... 3 filtered');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('looks for @name in resourceDirectory (the configuration file\'s folder), then in the working directory', () => {
      const dir = mkdtempSync(join(tmpdir(), 'logwarden-frames-'));
      try {
        writeFileSync(join(dir, 'jira-filtered-frames.properties'), 'FilteredStackFrames=node_modules/express/\n');
        const l = new NewLineIndentingFilteringPatternLayout(pattern, { filteredFrames: '@jira-filtered-frames.properties', resourceDirectory: dir, minimumLines: 0 });
        expect(l.format(fixedEvent({ level: Level.ERROR, message: 'x', error }))).to.not.contain('express');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('a frames file that cannot be found is a warning (as in Atlassian\'s layout), not an error: nothing is filtered', () => {
      const warnings: Array<[string, string | undefined]> = [];
      const l = new NewLineIndentingFilteringPatternLayout(pattern, {
        filteredFrames: '@no-such-frames.properties, node:internal',
        resourceDirectory: '/nonexistent',
        minimumLines: 0,
        onWarning: (message, option) => warnings.push([message, option]),
      });
      expect(warnings).to.have.length(1);
      expect(warnings[0]![0]).to.match(/^cannot find the filtered frames file "no-such-frames.properties" \(looked for \/nonexistent\/no-such-frames.properties and .*\); its frames are not filtered$/);
      expect(warnings[0]![1]).to.equal('filteredFrames');
      const record = l.format(fixedEvent({ level: Level.ERROR, message: 'x', error }));
      expect(record).to.contain('express').and.not.contain('node:internal');
    });

    it('rejects a bad minimumLines', () => {
      expect(() => new NewLineIndentingFilteringPatternLayout(pattern, { filteredFrames: 'x', minimumLines: -1 })).to.throw(/Bad minimumLines -1/);
    });
  });
});
