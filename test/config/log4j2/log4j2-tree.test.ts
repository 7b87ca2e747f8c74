import { expect } from 'chai';
import { ConfigurationError } from '../../../src/config/configuration-error.js';
import { parseConfigText } from '../../../src/config/load.js';
import { Level } from '../../../src/level.js';

const NO_VARIABLES = { environment: {}, supplied: {} };

// The YAML and JSON examples of Log4j 2's configuration manual, in the shape they have there.
const YAML = `Configuration:
  status: warn
  name: YAMLConfigTest
  properties:
    property:
      name: filename
      value: target/test-yaml.log
  thresholdFilter:
    level: debug
  appenders:
    Console:
      name: STDOUT
      target: SYSTEM_OUT
      PatternLayout:
        Pattern: "%m%n"
    File:
      name: File
      fileName: \${filename}
      PatternLayout:
        Pattern: "%d %p %C{1.} [%t] %m%n"
      Filters:
        ThresholdFilter:
          level: error

  Loggers:
    logger:
      -
        name: org.apache.logging.log4j.test1
        level: debug
        additivity: false
        AppenderRef:
          ref: STDOUT
      -
        name: org.apache.logging.log4j.test2
        level: debug
        additivity: false
        AppenderRef:
          ref: File
    Root:
      level: error
      AppenderRef:
        ref: STDOUT
`;

const JSON_FORM = JSON.stringify({
  configuration: {
    status: 'error',
    name: 'RoutingTest',
    packages: 'org.apache.logging.log4j.test',
    properties: { property: { name: 'filename', value: 'target/rolling1/rollingtest-$${sd:type}.log' } },
    ThresholdFilter: { level: 'debug' },
    appenders: {
      appender: [
        { type: 'Console', name: 'STDOUT', PatternLayout: { pattern: '%m%n' }, ThresholdFilter: { level: 'debug' } },
        { type: 'RollingFile', name: 'Rolling', fileName: '/l/rolling.log', filePattern: '/l/rolling.log.%i.gz', PatternLayout: { pattern: '%d %p %m%n' }, SizeBasedTriggeringPolicy: { size: '500' } },
      ],
    },
    loggers: {
      logger: { name: 'EventLogger', level: 'info', additivity: 'false', AppenderRef: { ref: 'Rolling' } },
      root: { level: 'error', AppenderRef: { ref: 'STDOUT' } },
    },
  },
}, null, 2);

describe('Log4j 2 JSON and YAML forms', () => {
  it('reads the YAML form into the same model as the XML one', () => {
    const m = parseConfigText(YAML, '/conf/log4j2.yaml', 'yaml', NO_VARIABLES);
    expect(m.threshold).to.equal(Level.DEBUG);
    expect(m.root!.level).to.equal(Level.ERROR);
    expect(m.root!.appenderRefs).to.deep.equal(['STDOUT']);
    expect(m.loggers.map((l) => [l.name, l.level, l.additivity, l.appenderRefs])).to.deep.equal([
      ['org.apache.logging.log4j.test1', Level.DEBUG, false, ['STDOUT']],
      ['org.apache.logging.log4j.test2', Level.DEBUG, false, ['File']],
    ]);
    const file = m.appenders.get('File')!;
    expect([file.className, file.options.get('File')!.value]).to.deep.equal(['org.apache.log4j.FileAppender', 'target/test-yaml.log']);
    expect(file.layout!.options.get('ConversionPattern')!.value).to.equal('%d %p %C{1.} [%t] %m%n');
    expect(file.filters.map((f) => [f.className, f.options.get('LevelMin')!.value])).to.deep.equal([['org.apache.log4j.varia.LevelRangeFilter', 'ERROR']]);
    expect(m.warnings).to.deep.equal([]);
  });

  it('reads the JSON form, strict <Appender type> entries and single objects for lists', () => {
    const m = parseConfigText(JSON_FORM, '/conf/log4j2.json', 'json', NO_VARIABLES);
    expect([...m.appenders.keys()].sort()).to.deep.equal(['Rolling', 'STDOUT']);
    const rolling = m.appenders.get('Rolling')!;
    expect(rolling.className).to.equal('org.apache.log4j.RollingFileAppender');
    expect(Object.fromEntries([...rolling.options].map(([k, v]) => [k, v.value]))).to.deep.equal({ File: '/l/rolling.log', Compress: 'true', MaxFileSize: '500' });
    expect(m.loggers.map((l) => [l.name, l.level, l.additivity])).to.deep.equal([['EventLogger', Level.INFO, false]]);
  });

  it('names the line of a bad value in the YAML text', () => {
    try {
      parseConfigText(YAML.replace('level: error\n      AppenderRef', 'level: LOUDEST\n      AppenderRef'), '/conf/log4j2.yaml', 'yaml', NO_VARIABLES);
      expect.fail('refused');
    } catch (error) {
      expect(error).to.be.instanceOf(ConfigurationError);
      expect((error as Error).message).to.equal('/conf/log4j2.yaml:40: Configuration[@name="YAMLConfigTest"]/Loggers/Root/@level: unknown level "LOUDEST"');
    }
  });

  it('leaves logwarden\'s own YAML shape alone', () => {
    const m = parseConfigText('root: INFO\nloggers:\n  a: DEBUG\n', '/conf/app.yaml', 'yaml', NO_VARIABLES);
    expect(m.loggers.map((l) => [l.name, l.level])).to.deep.equal([['a', Level.DEBUG]]);
  });
});
