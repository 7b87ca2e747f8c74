import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildConfiguration, type BuiltConfiguration } from '../../src/config/build.js';
import { ConfigurationError } from '../../src/config/configuration-error.js';
import { propertiesToModel } from '../../src/config/log4j-properties.js';
import { PropertiesDocument } from '../../src/config/properties/properties-document.js';
import { objectToModel, parseStructuredText } from '../../src/config/yaml-json.js';
import { Configurator } from '../../src/config/configurator.js';
import { Hierarchy } from '../../src/hierarchy.js';
import { MemoryAppender } from '../../appenders/memory-appender.js';

const variables = { environment: {}, supplied: {} };

function buildProperties(lines: string[]): BuiltConfiguration {
  return buildConfiguration(propertiesToModel(PropertiesDocument.parse(lines.join('\n'), 'b.properties'), variables));
}

function buildYaml(lines: string[]): BuiltConfiguration {
  const text = lines.join('\n');
  return buildConfiguration(objectToModel(parseStructuredText(text, 'yaml', 'b.yaml'), { origin: 'b.yaml', text, format: 'yaml', ...variables }));
}

function failure(build: () => BuiltConfiguration): ConfigurationError {
  try {
    const built = build();
    for (const appender of built.created) void appender.close?.();
  } catch (e) {
    expect(e).to.be.instanceOf(ConfigurationError);
    return e as ConfigurationError;
  }
  return expect.fail('expected a ConfigurationError');
}

describe('buildConfiguration: a rejected option is reported on its own line', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'logwarden-build-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const rolling = (...options: string[]): string[] => [
    'log4j.rootLogger=INFO, R',
    'log4j.appender.R=org.apache.log4j.RollingFileAppender',
    `log4j.appender.R.File=${path.join(dir, 'r.log')}`,
    'log4j.appender.R.layout=org.apache.log4j.PatternLayout',
    ...options,
  ];

  it('a ConversionPattern log4j prints anyway: a warning on the line of the pattern, not of .layout', () => {
    const built = buildProperties(rolling('log4j.appender.R.layout.ConversionPattern=%d{yyyy-MM-dd qq} %m%n'));
    for (const appender of built.created) void appender.close?.();
    expect(built.warnings).to.have.length(1);
    expect(built.warnings[0]).to.match(
      /^b\.properties:5: log4j\.appender\.R\.layout\.ConversionPattern: layout of appender "R": pattern "%d\{yyyy-MM-dd qq\} %m%n": bad date pattern .*Illegal letter 'q' .*printed as ISO8601/,
    );
  });

  it('a pattern logback refuses: the error names the line of the pattern, not of .layout', () => {
    const error = failure(() => buildProperties([
      'log4j.rootLogger=INFO, R',
      'log4j.appender.R=org.apache.log4j.RollingFileAppender',
      `log4j.appender.R.File=${path.join(dir, 'r.log')}`,
      'log4j.appender.R.layout=ch.qos.logback.classic.PatternLayout',
      'log4j.appender.R.layout.Pattern=%d{yyyy-MM-dd %m%n',
    ]));
    expect([error.line, error.key]).to.deep.equal([5, 'log4j.appender.R.layout.Pattern']);
    expect(error.reason).to.match(/Unclosed "\{" at position 2/);
  });

  it('MaxFileSize=lots: the line of MaxFileSize, not of the declaration', () => {
    const error = failure(() => buildProperties(rolling('log4j.appender.R.MaxBackupIndex=3', 'log4j.appender.R.MaxFileSize=lots')));
    expect([error.line, error.key]).to.deep.equal([6, 'log4j.appender.R.MaxFileSize']);
    expect(error.message).to.match(/b\.properties:6: log4j\.appender\.R\.MaxFileSize: .*"lots" is not a size/);
  });

  it('every other option an appender or layout refuses: the line of that option, whatever its case', () => {
    const cases: Array<[string[], string]> = [
      [rolling('log4j.appender.R.mode=rwx'), 'log4j.appender.R.mode'],
      [rolling('log4j.appender.R.Encoding=EBCDIC'), 'log4j.appender.R.Encoding'],
      [rolling('log4j.appender.R.Overflow=sometimes'), 'log4j.appender.R.Overflow'],
      [rolling('log4j.appender.R.BufferSize=big'), 'log4j.appender.R.BufferSize'],
      [rolling('log4j.appender.R.layout.TimeZone=Mars/Olympus'), 'log4j.appender.R.layout.TimeZone'],
      [rolling('log4j.appender.R.layout.Colour=red'), 'log4j.appender.R.layout.Colour'],
      [['log4j.rootLogger=INFO, C', 'log4j.appender.C=console', 'log4j.appender.C.Target=System.nowhere', 'log4j.appender.C.layout=simple'], 'log4j.appender.C.Target'],
      [['log4j.rootLogger=INFO, C', 'log4j.appender.C=console', 'log4j.appender.C.layout=newLineIndenting', 'log4j.appender.C.layout.Preset=nonesuch'], 'log4j.appender.C.layout.Preset'],
      [['log4j.rootLogger=INFO, D', 'log4j.appender.D=dailyRollingFile', `log4j.appender.D.File=${path.join(dir, 'd.log')}`, "log4j.appender.D.DatePattern='.'", 'log4j.appender.D.layout=simple'], 'log4j.appender.D.DatePattern'],
      [['log4j.rootLogger=INFO, S', 'log4j.appender.S=syslog', 'log4j.appender.S.SyslogHost=localhost:99999', 'log4j.appender.S.layout=simple'], 'log4j.appender.S.SyslogHost'],
    ];
    for (const [lines, key] of cases) {
      const error = failure(() => buildProperties(lines));
      expect({ key: error.key, line: error.line }, error.message).to.deep.equal({ key, line: lines.findIndex((l) => l.startsWith(`${key}=`)) + 1 });
    }
  });

  it('an appender named like one of its options: the option the message names after "option"', () => {
    const error = failure(() => buildProperties([
      'log4j.rootLogger=INFO, File',
      'log4j.appender.File=org.apache.log4j.FileAppender',
      `log4j.appender.File.File=${path.join(dir, 'f.log')}`,
      'log4j.appender.File.Mode=rwx',
      'log4j.appender.File.layout=simple',
    ]));
    expect([error.line, error.key]).to.deep.equal([4, 'log4j.appender.File.Mode']);
  });

  it('YAML: the line of the option', () => {
    const error = failure(() => buildYaml([
      'root: INFO, R',
      'appenders:',
      '  R:',
      '    class: rollingFile',
      `    File: ${path.join(dir, 'r.log')}`,
      '    MaxFileSize: lots',
      '    layout:',
      '      class: PatternLayout',
      '      ConversionPattern: "%d %m%n"',
    ]));
    expect([error.line, error.key]).to.deep.equal([6, 'appenders.R.MaxFileSize']);
    const pattern = failure(() => buildYaml([
      'root: INFO, R',
      'appenders:',
      '  R:',
      '    class: console',
      '    layout:',
      '      class: ch.qos.logback.classic.PatternLayout',
      '      Pattern: "%d{yyyy-MM-dd %m%n"',
    ]));
    expect([pattern.line, pattern.key]).to.deep.equal([7, 'appenders.R.layout.Pattern']);
    const warned = buildYaml([
      'root: INFO, R',
      'appenders:',
      '  R:',
      '    class: console',
      '    layout:',
      '      class: PatternLayout',
      '      ConversionPattern: "%d{yyyy-MM-dd qq} %m%n"',
    ]);
    for (const appender of warned.created) void appender.close?.();
    expect(warned.warnings[0]).to.match(/^b\.yaml:7: appenders\.R\.layout\.ConversionPattern: layout of appender "R": pattern /);
  });
});

describe('buildConfiguration: a file that cannot be written is refused at configure time', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'logwarden-build-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const fileAppender = (file: string, className = 'org.apache.log4j.FileAppender'): string[] => [
    'log4j.rootLogger=INFO, F',
    `log4j.appender.F=${className}`,
    'log4j.appender.F.layout=simple',
    `log4j.appender.F.File=${file}`,
  ];

  it('a directory: ConfigurationError naming file, line and key File', () => {
    for (const className of ['org.apache.log4j.FileAppender', 'org.apache.log4j.RollingFileAppender', 'org.apache.log4j.DailyRollingFileAppender', 'com.atlassian.jira.logging.JiraHomeAppender']) {
      const error = failure(() => buildProperties(fileAppender(dir, className)));
      expect(error.message).to.equal(`b.properties:4: log4j.appender.F.File: appender "F" (${className}) cannot write ${dir}: it is a directory`);
    }
  });

  it('a path under a regular file', () => {
    const regular = path.join(dir, 'plain.txt');
    fs.writeFileSync(regular, 'x');
    const error = failure(() => buildProperties(fileAppender(path.join(regular, 'sub', 'app.log'))));
    expect([error.line, error.key]).to.deep.equal([4, 'log4j.appender.F.File']);
    expect(error.reason).to.match(/is not a directory/);
  });

  it('a file without write permission', function () {
    const locked = path.join(dir, 'locked.log');
    fs.writeFileSync(locked, '');
    fs.chmodSync(locked, 0o444);
    if (process.getuid?.() !== 0) {
      expect(failure(() => buildProperties(fileAppender(locked))).reason).to.match(/EACCES/);
      return;
    }
    // Root may write anything: the same configuration is built by an unprivileged user.
    fs.chmodSync(dir, 0o755);
    const build = new URL('../../src/config/build.js', import.meta.url).href;
    const model = new URL('../../src/config/log4j-properties.js', import.meta.url).href;
    const document = new URL('../../src/config/properties/properties-document.js', import.meta.url).href;
    const child = spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, '--input-type=module', '-e', `
      const { buildConfiguration } = await import(${JSON.stringify(build)});
      const { propertiesToModel } = await import(${JSON.stringify(model)});
      const { PropertiesDocument } = await import(${JSON.stringify(document)});
      try {
        buildConfiguration(propertiesToModel(PropertiesDocument.parse(${JSON.stringify(fileAppender(locked).join('\n'))}, 'b.properties'), { environment: {}, supplied: {} }));
        console.log('accepted');
      } catch (e) {
        console.log(e.message);
      }`], { encoding: 'utf8' });
    if (child.error) this.skip(); // no runuser on this system
    expect(child.stdout.trim(), child.stderr).to.match(/^b\.properties:4: log4j\.appender\.F\.File: .*cannot be opened for writing: EACCES/);
  });

  it('creates missing parent directories, as opening the file does, but not the file', () => {
    const file = path.join(dir, 'a', 'b', 'app.log');
    const built = buildProperties(fileAppender(file));
    expect(fs.statSync(path.join(dir, 'a', 'b')).isDirectory()).to.equal(true);
    for (const appender of built.created) void appender.close?.();
  });

  it('keeps the running configuration and its appender working', async () => {
    const hierarchy = new Hierarchy();
    const configurator = new Configurator(hierarchy);
    const conf = path.join(dir, 'log4j.properties');
    fs.writeFileSync(conf, ['log4j.rootLogger=INFO, M', 'log4j.appender.M=memory', 'log4j.appender.M.layout=simple'].join('\n'));
    configurator.configure(conf, { environment: {} });
    const working = hierarchy.root.appenders[0] as MemoryAppender;
    fs.writeFileSync(conf, ['log4j.rootLogger=INFO, F', 'log4j.appender.F=file', 'log4j.appender.F.layout=simple', `log4j.appender.F.File=${dir}`].join('\n'));
    expect(() => configurator.configure(conf, { environment: {} })).to.throw(ConfigurationError, /log4j\.properties:4: log4j\.appender\.F\.File: .*it is a directory/);
    await configurator.settled();
    hierarchy.getLogger('x').info('still delivered');
    expect(hierarchy.root.appenders).to.deep.equal([working]);
    expect(working.isClosed).to.equal(false);
    expect(working.messages).to.deep.equal(['still delivered']);
  });
});
