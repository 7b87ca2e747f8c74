import { expect } from 'chai';
import { ConfigurationError } from '../../../src/config/configuration-error.js';
import { parseConfigText } from '../../../src/config/load.js';
import { Level } from '../../../src/level.js';

const NO_VARIABLES = { environment: {}, supplied: {} };

// The properties example of Log4j 2's configuration manual, in the shape it has there.
const MANUAL = `status = error
dest = err
name = PropertiesConfig

property.filename = target/rolling/rollingtest.log

filter.threshold.type = ThresholdFilter
filter.threshold.level = debug

appender.console.type = Console
appender.console.name = STDOUT
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %m%n
appender.console.filter.threshold.type = ThresholdFilter
appender.console.filter.threshold.level = error

appender.rolling.type = RollingFile
appender.rolling.name = RollingFile
appender.rolling.fileName = \${filename}
appender.rolling.filePattern = target/rolling/rollingtest.log.%i.gz
appender.rolling.layout.type = PatternLayout
appender.rolling.layout.pattern = %d %p %C{1.} [%t] %m%n
appender.rolling.policies.type = Policies
appender.rolling.policies.size.type = SizeBasedTriggeringPolicy
appender.rolling.policies.size.size=100MB
appender.rolling.strategy.type = DefaultRolloverStrategy
appender.rolling.strategy.max = 5
appender.rolling.strategy.fileIndex = min

logger.rolling.name = com.example.my.app
logger.rolling.level = debug
logger.rolling.additivity = false
logger.rolling.appenderRef.rolling.ref = RollingFile

rootLogger.level = info
rootLogger.appenderRef.stdout.ref = STDOUT
`;

describe('Log4j 2 properties form', () => {
  it('reads the manual\'s example into the same model as the XML form', () => {
    const m = parseConfigText(MANUAL, '/conf/log4j2.properties', 'properties', NO_VARIABLES);
    expect(m.warnings).to.deep.equal([]);
    expect(m.threshold).to.equal(Level.DEBUG);
    expect([m.root!.level, m.root!.appenderRefs]).to.deep.equal([Level.INFO, ['STDOUT']]);
    expect(m.loggers.map((l) => [l.name, l.level, l.additivity, l.appenderRefs])).to.deep.equal([['com.example.my.app', Level.DEBUG, false, ['RollingFile']]]);
    const rolling = m.appenders.get('RollingFile')!;
    expect(rolling.className).to.equal('org.apache.log4j.RollingFileAppender');
    expect(Object.fromEntries([...rolling.options].map(([k, v]) => [k, v.value]))).to.deep.equal({
      File: 'target/rolling/rollingtest.log', Compress: 'true', MaxBackupIndex: '5', MaxFileSize: '100MB',
    });
    expect(rolling.layout!.options.get('ConversionPattern')!.value).to.equal('%d %p %C{1.} [%t] %m%n');
    const console = m.appenders.get('STDOUT')!;
    expect(console.filters.map((f) => [f.className, f.options.get('LevelMin')!.value])).to.deep.equal([['org.apache.log4j.varia.LevelRangeFilter', 'ERROR']]);
  });

  it('reads the short forms rootLogger = LEVEL, ref and logger.<id> = LEVEL, ref', () => {
    const m = parseConfigText([
      'appender.c.type = Console',
      'appender.c.name = C',
      'rootLogger = WARN, C',
      'logger.app = DEBUG, C',
      'logger.app.name = com.example',
    ].join('\n'), '/conf/log4j2.properties', 'properties', NO_VARIABLES);
    expect([m.root!.level, m.root!.appenderRefs]).to.deep.equal([Level.WARN, ['C']]);
    expect(m.loggers.map((l) => [l.name, l.level, l.appenderRefs])).to.deep.equal([['com.example', Level.DEBUG, ['C']]]);
  });

  it('names the line of a bad value', () => {
    try {
      parseConfigText('appender.c.type = Console\nappender.c.name = C\nrootLogger.level = LOUDEST\n', '/conf/log4j2.properties', 'properties', NO_VARIABLES);
      expect.fail('refused');
    } catch (error) {
      expect(error).to.be.instanceOf(ConfigurationError);
      expect((error as Error).message).to.equal('/conf/log4j2.properties:3: Configuration/Loggers/Root/@level: unknown level "LOUDEST"');
    }
  });
});
