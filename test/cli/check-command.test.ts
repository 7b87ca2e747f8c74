import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

describe('cli/check-command (logwarden check, run as the bin)', function () {
  this.timeout(20_000);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-cli-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function logwarden(...args: string[]): { code: number | null; stdout: string; stderr: string } {
    const run = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: dir });
    return { code: run.status, stdout: run.stdout, stderr: run.stderr };
  }

  function write(name: string, lines: readonly string[]): void {
    fs.writeFileSync(path.join(dir, name), lines.join('\n') + '\n');
  }

  it('a valid file: exit 0, one line saying so; its log file is not created', () => {
    write('log4j.properties', [
      'log4j.rootLogger=INFO, F',
      'log4j.appender.F=org.apache.log4j.RollingFileAppender',
      'log4j.appender.F.File=logs/app.log',
      'log4j.appender.F.layout=org.apache.log4j.PatternLayout',
    ]);
    const run = logwarden('check', 'log4j.properties');
    expect([run.code, run.stdout, run.stderr]).to.deep.equal([0, 'log4j.properties: valid\n', '']);
    expect(fs.existsSync(path.join(dir, 'logs'))).to.equal(false);
  });

  it('warnings only: exit 0, each as file:line: key: warning: message', () => {
    write('log4j.properties', ['log4j.rootLogger=INFO, X', 'log4j.appender.X=com.example.FancyAppender']);
    const run = logwarden('check', 'log4j.properties');
    expect(run.code).to.equal(0);
    expect(run.stdout).to.equal([
      'log4j.properties:2: log4j.appender.X: warning: unknown appender class "com.example.FancyAppender" for appender "X"; appender skipped',
      'log4j.properties: valid, 1 warning',
      '',
    ].join('\n'));
  });

  it('errors: exit 1, each as file:line: key: error: message; --json gives the same problems to tools', () => {
    write('log4j.yaml', [
      'appenders:',
      '  out:',
      '    class: ConsoleAppender',
      '    Target: System.nowhere',
      '    layout:',
      '      class: PatternLayout',
      'loggers:',
      '  root:',
      '    level: INFO',
      '    appenders: [out]',
    ]);
    const run = logwarden('check', 'log4j.yaml');
    expect(run.code).to.equal(1);
    const [problem, verdict, end] = run.stdout.split('\n');
    expect(problem).to.match(/^log4j\.yaml:4: appenders\.out\.Target: error: .*Target must be System\.out or System\.err, got "System\.nowhere"/);
    expect([verdict, end]).to.deep.equal(['log4j.yaml: invalid: 1 error, 0 warnings', '']);

    const json = logwarden('check', '--json', 'log4j.yaml');
    expect(json.code).to.equal(1);
    const parsed = JSON.parse(json.stdout) as { files: { file: string; readable: boolean; valid: boolean; problems: { severity: string; line: number; key: string }[] }[] };
    expect(parsed.files).to.have.length(1);
    expect(parsed.files[0]).to.deep.include({ file: path.join(fs.realpathSync(dir), 'log4j.yaml'), readable: true, valid: false });
    expect(parsed.files[0]!.problems.map((p) => [p.severity, p.line, p.key])).to.deep.equal([['error', 4, 'appenders.out.Target']]);
  });

  it('a file that cannot be read: exit 2 and the reason; no file named: exit 2 and the usage hint; --help: exit 0', () => {
    const missing = logwarden('check', 'nope.properties');
    expect(missing.code).to.equal(2);
    expect(missing.stdout).to.match(/^nope\.properties: error: cannot read the configuration file \(ENOENT\)/);
    const none = logwarden('check');
    expect([none.code, none.stderr]).to.deep.equal([2, "logwarden check: name a configuration file\nRun 'logwarden check --help' for the usage.\n"]);
    const help = logwarden('check', '--help');
    expect(help.code).to.equal(0);
    expect(help.stdout).to.match(/^Usage: logwarden check <config>\.\.\. \[--json\]/);
    expect(help.stdout).to.include('Exit codes: 0 valid');
  });
});
