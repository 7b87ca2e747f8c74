import { isAbsolute, relative, resolve } from 'node:path';
import { checkConfigFile, formatProblem, type ConfigCheck, type ConfigProblem } from '../config/check-file.js';
import { commandArguments, EXIT_FINDING, EXIT_OK, EXIT_USAGE, usageError, type CommandIo } from './command.js';

const USAGE = `Usage: logwarden check <config>... [--json]

Checks configuration files as configure() would read them (.properties, .yaml/.yml,
.json), without applying them: a dry run that opens no log file and no socket and
creates no directory. Every appender a logger uses is checked (class, options,
layout, filters, whether its File can be written). \${name} is looked up in the
environment, as configure() does.

Each problem is one line: file:line[:column]: key: error|warning: message
  error    configure() would refuse the file (bad level, bad option value, a File
           that cannot be written, a syntax error); the running configuration would stay
  warning  the file applies, but something is ignored or skipped (unknown appender,
           layout or filter class, unknown option, an appender without a layout)
A syntax error stops the reading: it is then the only problem listed.

Options:
  --json       one JSON document: {"files": [{"file", "readable", "valid", "problems": [...]}]}
  -h, --help   this text

Exit codes: 0 valid (warnings allowed), 1 errors found, 2 a file could not be read
or a usage error.
`;

export async function run(args: readonly string[], io: CommandIo): Promise<number> {
  const parsed = commandArguments('check', USAGE, args, io, { json: { type: 'boolean' } } as const);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length === 0) return usageError(io, 'check', 'name a configuration file');
  const variables = { environment: io.env, supplied: {} };
  const checks = positionals.map((file) => checkConfigFile(resolve(io.cwd, file), variables));
  if (values.json) {
    io.stdout.write(JSON.stringify({ files: checks.map((check) => ({ file: check.file, readable: check.readable, valid: isValid(check), problems: check.problems })) }, null, 2) + '\n');
  } else {
    for (const check of checks) io.stdout.write(report(check, io.cwd));
  }
  if (checks.some((check) => !check.readable)) return EXIT_USAGE;
  return checks.every(isValid) ? EXIT_OK : EXIT_FINDING;
}

const isValid = (check: ConfigCheck): boolean => check.readable && check.problems.every((problem) => problem.severity !== 'error');

function report(check: ConfigCheck, cwd: string): string {
  const shown = (file: string): string => {
    const rel = relative(cwd, file);
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
  };
  const lines = check.problems.map((problem: ConfigProblem) => formatProblem({ ...problem, file: shown(problem.file || check.file) }));
  const errors = check.problems.filter((problem) => problem.severity === 'error').length;
  const warnings = check.problems.length - errors;
  const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;
  const verdict = !check.readable ? 'not read'
    : errors > 0 ? `invalid: ${count(errors, 'error')}, ${count(warnings, 'warning')}`
      : warnings > 0 ? `valid, ${count(warnings, 'warning')}` : 'valid';
  return [...lines, `${shown(check.file)}: ${verdict}`].join('\n') + '\n';
}

