import { expect } from 'chai';
import type { ConfigFormat } from '../../src/config/load.js';
import { fuzzConfigurations } from './config-fuzz.js';

// Seeds use appenders that touch nothing outside the process (memory, null): a
// mutated File option must not scatter files over the disk.
const PROPERTIES_SEEDS = [
  [
    '# comment',
    'log4j.rootLogger=INFO, M, N',
    'log4j.threshold=ALL',
    'log4j.debug=false',
    'dir=${HOME}/x',
    'log4j.appender.M=memory',
    'log4j.appender.M.Threshold=DEBUG',
    'log4j.appender.M.MaxEvents=10',
    'log4j.appender.M.layout=org.apache.log4j.PatternLayout',
    'log4j.appender.M.layout.ConversionPattern=%d{ISO8601} %-5p [%t] %c{2} %X{user} - %m%n',
    'log4j.appender.M.filter.1=org.apache.log4j.varia.LevelRangeFilter',
    'log4j.appender.M.filter.1.LevelMin=INFO',
    'log4j.appender.M.filter.2=org.apache.log4j.varia.DenyAllFilter',
    'log4j.appender.N=org.apache.log4j.varia.NullAppender',
    'log4j.logger.com.example=DEBUG#org.x.Level, N',
    'log4j.additivity.com.example=false',
    'log4j.category.old=INHERITED',
    'key\\ with\\:escapes = value \\u0041\\t\\',
    '   continued',
  ].join('\n'),
  'log4j.rootCategory=, M\r\nlog4j.appender.M=memory\r\nlog4j.appender.M.layout=simple\r\n! bang comment\r\nlog4j.logger.a.b.c=warn\r\n',
];

const YAML_SEEDS = [
  [
    'debug: false',
    'threshold: ALL',
    'properties:',
    '  pattern: "%d %p %c - %m%n"',
    'root: INFO, M',
    'loggers:',
    '  com.example: { level: DEBUG, additivity: false, appenders: [M, N] }',
    '  quiet: ERROR',
    'appenders:',
    '  M:',
    '    class: memory',
    '    MaxEvents: 5',
    '    layout: { class: PatternLayout, ConversionPattern: "${pattern}" }',
    '    filters:',
    '      - { class: LevelRangeFilter, LevelMin: INFO, AcceptOnMatch: true }',
    '  N: { class: org.apache.log4j.varia.NullAppender }',
  ].join('\n'),
];

const ALPHABET = ['\\', '=', ':', '#', '!', '$', '{', '}', ',', '\n', '\r', '\t', ' ', 'u', '0', 'a', 'Z', '.', '-', '[', ']', '"', "'", '&', '*', '|', '>', '%', 'é', '\u0000'];

function mutate(text: string, next: () => number): string {
  let out = text;
  const edits = 1 + Math.floor(next() * 6);
  for (let k = 0; k < edits; k++) {
    const at = Math.floor(next() * (out.length + 1));
    const kind = Math.floor(next() * 6);
    if (kind === 0) out = out.slice(0, at) + ALPHABET[Math.floor(next() * ALPHABET.length)] + out.slice(at);
    else if (kind === 1) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(next() * 8));
    else if (kind === 2) out = out.slice(0, at);
    else if (kind === 3) {
      const lines = out.split('\n');
      const i = Math.floor(next() * lines.length);
      lines.splice(Math.floor(next() * lines.length), 0, lines[i]!);
      out = lines.join('\n');
    } else if (kind === 4) {
      const lines = out.split('\n');
      const i = Math.floor(next() * lines.length);
      const j = Math.floor(next() * lines.length);
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      out = lines.join('\n');
    } else {
      let noise = '';
      for (let n = Math.floor(next() * 20); n > 0; n--) noise += ALPHABET[Math.floor(next() * ALPHABET.length)];
      out = out.slice(0, at) + noise + out.slice(at);
    }
  }
  return out;
}

describe('configuration fuzzing', function () {
  this.timeout(60000);

  const run = (format: ConfigFormat, seeds: string[], count: number, seed: number) =>
    fuzzConfigurations({ format, seeds, count, seed, mutate, environment: { HOME: '/home/x' } });

  it('2,000 mutated log4j properties files: a configuration or an error with a line', () => {
    const { applied, refused } = run('properties', PROPERTIES_SEEDS, 2000, 20201);
    expect(applied).to.be.greaterThan(200);
    expect(refused).to.be.greaterThan(50);
  });

  it('1,500 mutated YAML files: a configuration or an error with a line', () => {
    const { applied, refused } = run('yaml', YAML_SEEDS, 1500, 4242);
    expect(applied).to.be.greaterThan(50);
    expect(refused).to.be.greaterThan(100);
  });

  it('500 mutated JSON files: a configuration or an error with a line', () => {
    const json = JSON.stringify({
      threshold: 'ALL',
      root: { level: 'INFO', appenders: ['M'] },
      loggers: { 'com.example': { level: 'DEBUG', additivity: false, appenders: ['M'] } },
      appenders: { M: { class: 'memory', layout: { class: 'PatternLayout', ConversionPattern: '%p %m%n' } } },
    }, null, 2);
    const { applied, refused } = run('json', [json], 500, 777);
    expect(applied + refused).to.equal(500);
    expect(refused).to.be.greaterThan(100);
  });
});
