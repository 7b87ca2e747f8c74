import { expect } from 'chai';
import { fuzzConfigurations } from '../config-fuzz.js';

// Memory and null appenders only: a mutated file name must not scatter files over the disk.
const SEEDS = [
  `<?xml version="1.0" encoding="UTF-8"?>
<Configuration status="WARN" monitorInterval="0">
  <Properties><Property name="p">%d{ISO8601} %-5p [%t] %c{2} - %m%n</Property></Properties>
  <ThresholdFilter level="ALL"/>
  <Appenders>
    <Memory name="M"><PatternLayout pattern="\${p}"/><ThresholdFilter level="DEBUG" onMatch="NEUTRAL" onMismatch="DENY"/></Memory>
    <Appender type="Null" name="N"/>
    <Async name="A"><AppenderRef ref="M"/></Async>
    <Memory name="R"><Filters><RegexFilter regex=".*x.*" onMatch="DENY" onMismatch="NEUTRAL"/><BurstFilter level="INFO" rate="5"/></Filters></Memory>
  </Appenders>
  <Loggers>
    <Root level="INFO"><AppenderRef ref="A"/></Root>
    <Logger name="com.example" level="DEBUG" additivity="false"><AppenderRef ref="N"/><AppenderRef ref="R"/></Logger>
    <AsyncLogger name="quiet" level="ERROR"/>
  </Loggers>
</Configuration>
`,
  `<configuration scan="false" debug="false">
  <property name="pattern" value="%date %level [%thread] %logger{36} %msg%n"/>
  <appender name="M" class="logwarden.MemoryAppender">
    <filter class="ch.qos.logback.classic.filter.ThresholdFilter"><level>INFO</level></filter>
    <encoder><pattern>\${pattern:-%msg}</pattern></encoder>
  </appender>
  <appender name="N" class="org.apache.log4j.varia.NullAppender"/>
  <springProfile name="dev"><logger name="dev" level="DEBUG"/></springProfile>
  <logger name="com.example" level="DEBUG" additivity="false"><appender-ref ref="N"/></logger>
  <logger name="nested"><level value="WARN"/></logger>
  <root level="INFO"><appender-ref ref="M"/></root>
</configuration>
`,
];

const PIECES = ['<', '>', '/>', '</', '&', '&amp;', '&lol;', '"', "'", '=', '${', '}', ':-', '<!--', '-->', '<![CDATA[', ']]>', '<!DOCTYPE c [<!ENTITY a "b">]>', '\n', ' ', 'a', 'DEBUG', 'é', '\u0000', '😀'];

function mutate(text: string, next: () => number): string {
  let out = text;
  for (let edits = 1 + Math.floor(next() * 5); edits > 0; edits--) {
    const at = Math.floor(next() * (out.length + 1));
    const kind = Math.floor(next() * 4);
    if (kind === 0) out = out.slice(0, at) + PIECES[Math.floor(next() * PIECES.length)] + out.slice(at);
    else if (kind === 1) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(next() * 12));
    else if (kind === 2) out = out.slice(0, at);
    else {
      const lines = out.split('\n');
      const i = Math.floor(next() * lines.length);
      lines.splice(Math.floor(next() * lines.length), 0, lines[i]!);
      out = lines.join('\n');
    }
  }
  return out;
}

describe('XML configuration fuzzing', function () {
  this.timeout(60000);

  it('2,000 mutated Log4j 2 and logback files: a configuration, or a ConfigurationError with a line', () => {
    const { applied, refused } = fuzzConfigurations({ format: 'xml', seeds: SEEDS, count: 2000, seed: 9501, mutate });
    // Most mutations break well-formedness; enough survive to reach the readers' own checks.
    expect(applied).to.be.greaterThan(100);
    expect(refused).to.be.greaterThan(1000);
  });
});
