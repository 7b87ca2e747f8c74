import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

function logwarden(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const CONFIG = [
  '# logging of the tracker',
  'log4j.rootLogger=INFO, console',
  'log4j.appender.console=org.apache.log4j.ConsoleAppender',
  'log4j.appender.console.layout=org.apache.log4j.PatternLayout',
  '',
  'log4j.logger.com.atlassian.jira = WARN ,console',
  'log4j.additivity.com.atlassian.jira=false',
  'log4j.logger.com.atlassian.pats=INFO',
  '! trailing comment',
  '',
].join('\n');

describe('cli/level-command (logwarden level, run as the bin)', function () {
  this.timeout(20_000);
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'level-cli-'));
    file = path.join(dir, 'log4j.properties');
    fs.writeFileSync(file, CONFIG);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("changes only the logger's level token, keeping its appender list, spacing and every other byte; prints the changed line", () => {
    const run = logwarden('level', 'com.atlassian.jira', 'debug', '--config', file);
    expect([run.code, run.stderr]).to.deep.equal([0, '']);
    expect(fs.readFileSync(file, 'utf8')).to.equal(CONFIG.replace('jira = WARN ,console', 'jira = DEBUG ,console'));
    expect(run.stdout).to.equal(`${file}:\n  6: -log4j.logger.com.atlassian.jira = WARN ,console\n  6: +log4j.logger.com.atlassian.jira = DEBUG ,console\n`);
  });

  it('adds a logger the file does not name after the last logger entry; INHERITED and root work as in setLevel', () => {
    expect(logwarden('level', 'com.atlassian.pats.service', 'TRACE', '--config', file).code).to.equal(0);
    expect(logwarden('level', 'com.atlassian.pats', 'inherited', '--config', file).code).to.equal(0);
    expect(logwarden('level', 'root', 'WARN', '--config', file).code).to.equal(0);
    expect(fs.readFileSync(file, 'utf8')).to.equal(CONFIG
      .replace('log4j.rootLogger=INFO, console', 'log4j.rootLogger=WARN, console')
      .replace('log4j.logger.com.atlassian.pats=INFO\n', 'log4j.logger.com.atlassian.pats=INHERITED\nlog4j.logger.com.atlassian.pats.service=TRACE\n'));
    const again = logwarden('level', 'root', 'warn', '--config', file);
    expect([again.code, again.stdout]).to.deep.equal([0, `${file}: root is already at WARN; unchanged\n`]);
  });

  it('writes into a Log4j 2 XML file with the XML editor persist uses: only the level attribute changes', () => {
    const xml = path.join(dir, 'log4j2.xml');
    const text = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<Configuration status="warn">',
      '  <Appenders><Console name="out"><PatternLayout pattern="%m%n"/></Console></Appenders>',
      '  <Loggers>',
      '    <Root level="WARN"><AppenderRef ref="out"/></Root>',
      '    <Logger name="com.atlassian.pats"   level="INFO" additivity="false"/>',
      '  </Loggers>',
      '</Configuration>',
      '',
    ].join('\n');
    fs.writeFileSync(xml, text);
    const run = logwarden('level', 'com.atlassian.pats', 'TRACE', '--config', xml);
    expect([run.code, run.stderr]).to.deep.equal([0, '']);
    expect(fs.readFileSync(xml, 'utf8')).to.equal(text.replace('level="INFO"', 'level="TRACE"'));
  });

  it("writes into Log4j 2's properties form with its own keys, never adding a log4j.logger key", () => {
    const log4j2 = [
      'appender.console.type = Console',
      'appender.console.name = STDOUT',
      'rootLogger = INFO, STDOUT',
      'logger.pats.name = com.atlassian.pats',
      'logger.pats.level = info',
      '',
    ].join('\n');
    fs.writeFileSync(file, log4j2);
    expect(logwarden('level', 'com.atlassian.pats', 'TRACE', '--config', file).code).to.equal(0);
    expect(logwarden('level', 'root', 'warn', '--config', file).code).to.equal(0);
    expect(fs.readFileSync(file, 'utf8')).to.equal(log4j2.replace('pats.level = info', 'pats.level = TRACE').replace('rootLogger = INFO', 'rootLogger = WARN'));
  });

  it('writes the level into a YAML file, only that line changing', () => {
    const yaml = path.join(dir, 'log4j.yaml');
    fs.writeFileSync(yaml, 'loggers:\n  x:\n    level: INFO   # kept\n  y: WARN\n');
    const run = logwarden('level', 'x', 'DEBUG', '--config', yaml);
    expect([run.code, run.stdout]).to.deep.equal([0, `${yaml}:\n  3: -    level: INFO   # kept\n  3: +    level: DEBUG   # kept\n`]);
    expect(fs.readFileSync(yaml, 'utf8')).to.equal('loggers:\n  x:\n    level: DEBUG   # kept\n  y: WARN\n');
  });

  it('writes the level into a JSON file, in logwarden\'s form or Log4j 2\'s, only that value changing', () => {
    const json = path.join(dir, 'log4j.json');
    fs.writeFileSync(json, '{\n  "loggers": {\n    "x": "INFO, console",\n    "y": "WARN"\n  }\n}\n');
    const run = logwarden('level', 'x', 'DEBUG', '--config', json);
    expect([run.code, run.stdout]).to.deep.equal([0, `${json}:\n  3: -    "x": "INFO, console",\n  3: +    "x": "DEBUG, console",\n`]);
    expect(fs.readFileSync(json, 'utf8')).to.equal('{\n  "loggers": {\n    "x": "DEBUG, console",\n    "y": "WARN"\n  }\n}\n');

    const log4j2 = path.join(dir, 'log4j2.json');
    const text = '{ "Configuration": { "Loggers": { "Root": { "level": "warn" }, "Logger": [ { "name": "com.atlassian.pats", "level": "info" } ] } } }\n';
    fs.writeFileSync(log4j2, text);
    expect(logwarden('level', 'com.atlassian.pats', 'TRACE', '--config', log4j2).code).to.equal(0);
    expect(logwarden('level', 'root', 'error', '--config', log4j2).code).to.equal(0);
    expect(fs.readFileSync(log4j2, 'utf8')).to.equal(text.replace('"level": "info"', '"level": "TRACE"').replace('"level": "warn"', '"level": "ERROR"'));
  });

  it('refuses, exit 2 and the file unchanged: an unknown level, root INHERITED, no --config, JSON and properties files that are no logging configuration, a missing file', () => {
    const unknown = logwarden('level', 'x', 'DEBG', '--config', file);
    expect([unknown.code, unknown.stderr.split('\n')[0]]).to.deep.equal([2, 'logwarden level: unknown level "DEBG" (known: ALL, TRACE, DEBUG, INFO, WARN, ERROR, FATAL, OFF, INHERITED)']);
    expect(logwarden('level', 'root', 'INHERITED', '--config', file).stderr).to.include('the root logger must have a level');
    expect(logwarden('level', 'x', 'DEBUG').stderr).to.include('--config <file> is required');
    expect(fs.readFileSync(file, 'utf8')).to.equal(CONFIG);

    const json = path.join(dir, 'package.json');
    fs.writeFileSync(json, '{"name": "app"}\n');
    const onJson = logwarden('level', 'x', 'DEBUG', '--config', json);
    expect([onJson.code, onJson.stderr]).to.deep.equal([2, `logwarden level: Cannot write the level of "x" into ${json}: it has none of the keys debug, reset, threshold, properties, root, loggers, appenders, nor Log4j 2's Configuration: not a logging configuration\n`]);
    expect(fs.readFileSync(json, 'utf8')).to.equal('{"name": "app"}\n');

    const other = path.join(dir, 'app.properties');
    fs.writeFileSync(other, 'server.port=8080\n');
    const onOther = logwarden('level', 'x', 'DEBUG', '--config', other);
    expect(onOther.code).to.equal(2);
    expect(onOther.stderr).to.include('has no log4j.* entry');
    expect(fs.readFileSync(other, 'utf8')).to.equal('server.port=8080\n');

    const missing = logwarden('level', 'x', 'DEBUG', '--config', path.join(dir, 'nope.properties'));
    expect(missing.code).to.equal(2);
    expect(missing.stderr).to.match(/nope\.properties: cannot read the configuration file \(ENOENT\)/);
  });

  it('--help prints the usage with the exit codes, exit 0', () => {
    const help = logwarden('level', '--help');
    expect(help.code).to.equal(0);
    expect(help.stdout).to.match(/^Usage: logwarden level <logger> <LEVEL> --config <file>/);
    expect(help.stdout).to.include('Exit codes: 0');
  });
});
