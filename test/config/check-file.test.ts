import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkConfigFile, formatProblem } from '../../src/config/check-file.js';

const variables = { environment: {}, supplied: {} };

describe('config/checkConfigFile (a dry run of configure)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-file-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function write(name: string, lines: readonly string[]): string {
    const file = path.join(dir, name);
    fs.writeFileSync(file, lines.join('\n') + '\n');
    return file;
  }

  it('lists every appender error on its option line, with the warnings, in line order; opens and creates nothing', () => {
    const file = write('log4j.properties', [
      'log4j.rootLogger=INFO, R, D, X, F',
      'log4j.appender.R=org.apache.log4j.RollingFileAppender',
      `log4j.appender.R.File=${path.join(dir, 'logs', 'new', 'app.log')}`,
      'log4j.appender.R.MaxFileSize=10XB',
      'log4j.appender.R.layout=org.apache.log4j.PatternLayout',
      'log4j.appender.D=org.apache.log4j.DailyRollingFileAppender',
      `log4j.appender.D.File=${path.join(dir, 'daily.log')}`,
      "log4j.appender.D.DatePattern='.'yyyy-MM-dd-HH-mm-ss-SSS-'x",
      'log4j.appender.D.layout=org.apache.log4j.PatternLayout',
      'log4j.appender.X=com.example.FancyAppender',
      'log4j.appender.F=org.apache.log4j.FileAppender',
      `log4j.appender.F.File=${path.join(dir, 'ok.log')}`,
      'log4j.appender.F.Colour=blue',
      'log4j.appender.F.layout=org.apache.log4j.PatternLayout',
    ]);
    const check = checkConfigFile(file, variables);
    expect(check.readable).to.equal(true);
    expect(check.problems.map((p) => [p.severity, p.line, p.key])).to.deep.equal([
      ['error', 4, 'log4j.appender.R.MaxFileSize'],
      ['error', 8, 'log4j.appender.D.DatePattern'],
      ['warning', 10, 'log4j.appender.X'],
      ['warning', 13, 'log4j.appender.F.Colour'],
    ]);
    expect(check.problems[0]!.message).to.include('"10XB" is not a size');
    expect(check.problems[2]!.message).to.equal('unknown appender class "com.example.FancyAppender" for appender "X"; appender skipped');
    expect(fs.readdirSync(dir), 'no log directory or file created').to.deep.equal(['log4j.properties']);
  });

  it('a File that cannot be written is an error on its File line; the directory is not created', () => {
    fs.writeFileSync(path.join(dir, 'plain'), '');
    const file = write('log4j.properties', [
      'log4j.rootLogger=INFO, F',
      'log4j.appender.F=org.apache.log4j.FileAppender',
      'log4j.appender.F.layout=org.apache.log4j.PatternLayout',
      `log4j.appender.F.File=${path.join(dir, 'plain', 'sub', 'app.log')}`,
    ]);
    const [problem, ...rest] = checkConfigFile(file, variables).problems;
    expect(rest).to.deep.equal([]);
    expect(problem).to.deep.include({ severity: 'error', line: 4, key: 'log4j.appender.F.File' });
    expect(problem!.message).to.match(/cannot write .*app\.log: .* is not a directory/);
  });

  it('a parse error is the one problem: an unknown level on its line', () => {
    const file = write('log4j.properties', ['log4j.rootLogger=INFO', 'log4j.logger.x=DEBG']);
    const check = checkConfigFile(file, variables);
    expect(check.problems.map(formatProblem)).to.deep.equal([`${file}:2: log4j.logger.x: error: unknown level "DEBG"`]);
  });

  it('YAML warnings carry their key path', () => {
    const file = write('log4j.yaml', ['rootLogger: INFO', 'loggers:', '  root:', '    level: INFO', '  x:', '    level: DEBUG', '    colour: blue']);
    expect(checkConfigFile(file, variables).problems.map(formatProblem)).to.deep.equal([
      `${file}:1: rootLogger: warning: unknown top-level key "rootLogger"; ignored`,
      `${file}:7: loggers.x.colour: warning: logger "x" has no setting "colour"; ignored`,
    ]);
  });

  it('a file that cannot be read is not readable, with the reason', () => {
    const check = checkConfigFile(path.join(dir, 'missing.properties'), variables);
    expect(check.readable).to.equal(false);
    expect(check.problems).to.have.length(1);
    expect(check.problems[0]).to.deep.include({ severity: 'error', line: 0 });
    expect(check.problems[0]!.message).to.match(/^cannot read the configuration file \(ENOENT\)/);
  });
});
