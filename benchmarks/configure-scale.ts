/**
 * How configuration work grows with the file (issue 13, item 3): configuring and
 * reloading many loggers from .properties and YAML, a `${}` substitution that doubles
 * itself 26 times, and one rollover with a huge MaxBackupIndex. Each case runs on
 * its own hierarchy, off the process-wide one.
 *
 * Run: node dist/benchmarks/configure-scale.js [loggers] [cases]
 *   loggers: default 100000; cases: comma list of properties,yaml,substitution,rollover (default all).
 * Takes about 8 s (building and writing the files included). Prints wall and CPU time
 * per case; CPU time counts V8's concurrent GC threads too, so it can exceed wall time.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Configurator } from '../src/config/configurator.js';
import { ConfigurationError } from '../src/config/configuration-error.js';
import { Hierarchy } from '../src/hierarchy.js';
import { NumberedBackups } from '../appenders/file/numbered-backups.js';

const loggers = Number(process.argv[2] ?? 100_000);
const cases = new Set((process.argv[3] ?? 'properties,yaml,substitution,rollover').split(','));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'logwarden-configure-scale-'));
const environment = {};

interface Timing {
  wall: number;
  /** CPU time of this process: on a machine shared with other jobs, wall time also counts their turns. */
  cpu: number;
}

function millis(run: () => void): Timing {
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  run();
  const used = process.cpuUsage(cpu);
  return { wall: Number(process.hrtime.bigint() - started) / 1e6, cpu: (used.user + used.system) / 1000 };
}

function report(what: string, { wall, cpu }: Timing, note = ''): void {
  process.stdout.write(`${what.padEnd(58)} ${wall.toFixed(0).padStart(6)} ms wall ${cpu.toFixed(0).padStart(6)} ms cpu${note ? `  ${note}` : ''}\n`);
}

/** Loggers spread over packages as an application's classes are; every tenth has an appender of its own. */
function loggerName(i: number): string {
  return `com.example.module${i % 50}.pkg${i % 1000}.Class${i}`;
}

function propertiesText(count: number, level: string): string {
  const lines = [
    'log4j.rootLogger=INFO, main',
    'log4j.appender.main=org.apache.log4j.varia.NullAppender',
    'log4j.appender.audit=org.apache.log4j.varia.NullAppender',
    'log4j.logger.com.example=WARN',
  ];
  for (let i = 0; i < count; i++) lines.push(`log4j.logger.${loggerName(i)}=${level}${i % 10 === 0 ? ', audit' : ''}`);
  for (let i = 0; i < count; i += 100) lines.push(`log4j.additivity.${loggerName(i)}=false`);
  return lines.join('\n') + '\n';
}

function yamlText(count: number, level: string): string {
  const lines = [
    'root: INFO, main',
    'appenders:',
    '  main: { class: org.apache.log4j.varia.NullAppender }',
    '  audit: { class: org.apache.log4j.varia.NullAppender }',
    'loggers:',
    '  com.example: WARN',
  ];
  for (let i = 0; i < count; i++) lines.push(`  ${loggerName(i)}: ${level}${i % 10 === 0 ? ', audit' : ''}`);
  return lines.join('\n') + '\n';
}

function configureAndReload(format: 'properties' | 'yaml', text: (count: number, level: string) => string): void {
  const file = path.join(dir, `scale.${format}`);
  const hierarchy = new Hierarchy();
  const configurator = new Configurator(hierarchy);
  fs.writeFileSync(file, text(loggers, 'DEBUG'));
  const size = `${(fs.statSync(file).size / 1024 / 1024).toFixed(1)} MB file`;
  report(`${format}: configure ${loggers} loggers (first time)`, millis(() => configurator.configure(file, { environment })), size);
  fs.writeFileSync(file, text(loggers, 'INFO'));
  report(`${format}: reload ${loggers} loggers (every level changed)`, millis(() => configurator.configure(file, { environment })));
  for (let i = 0; i < 1000; i++) hierarchy.getLogger(`${loggerName(i)}.inner`);
  fs.writeFileSync(file, text(loggers, 'ERROR'));
  report(`${format}: reload again, with 1000 more loggers in code`, millis(() => configurator.configure(file, { environment })));
  const check = hierarchy.getLogger(loggerName(7));
  if (check.getEffectiveLevel().toString() !== 'ERROR') throw new Error(`expected ERROR on ${check.name}, got ${check.getEffectiveLevel().toString()}`);
}

function doublingSubstitution(): void {
  const lines = ['a0=xx'];
  for (let i = 1; i <= 26; i++) lines.push(`a${i}=\${a${i - 1}}\${a${i - 1}}`);
  lines.push('log4j.rootLogger=INFO, A', 'log4j.appender.A=org.apache.log4j.varia.NullAppender', 'log4j.appender.A.Threshold=${a26}');
  const file = path.join(dir, 'doubling.properties');
  fs.writeFileSync(file, lines.join('\n'));
  let outcome = 'accepted (!)';
  const ms = millis(() => {
    try {
      new Configurator(new Hierarchy()).configure(file, { environment });
    } catch (cause) {
      outcome = cause instanceof ConfigurationError ? `refused: ${cause.reason}` : `crashed: ${String(cause)}`;
    }
  });
  report('26 doubling ${} lines (would be 128 MB)', ms, outcome);
}

function hugeBackupIndex(): void {
  const file = path.join(dir, 'rolling.log');
  for (const name of [file, `${file}.1`, `${file}.2`, `${file}.3`]) fs.writeFileSync(name, 'x\n');
  const backups = new NumberedBackups(file, 10_000_000, false, 0o644, (cause) => { throw cause; });
  report('one rollover, MaxBackupIndex=10000000, 3 backups', millis(() => backups.rollOver()), fs.readdirSync(dir).filter((n) => n.startsWith('rolling.log')).sort().join(' '));
}

try {
  if (cases.has('properties')) configureAndReload('properties', propertiesText);
  if (cases.has('yaml')) configureAndReload('yaml', yamlText);
  if (cases.has('substitution')) doublingSubstitution();
  if (cases.has('rollover')) hugeBackupIndex();
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
