import { resolve } from 'node:path';
import { ConfigurationError } from '../config/configuration-error.js';
import { formatOf, readConfigText } from '../config/load.js';
import { isLog4j2Properties } from '../config/log4j2/log4j2-properties.js';
import { PropertiesDocument } from '../config/properties/properties-document.js';
import { writeLevelToFile } from '../config/level-file.js';
import { Level } from '../level.js';
import { commandArguments, EXIT_OK, EXIT_USAGE, usageError, type CommandIo } from './command.js';

const USAGE = `Usage: logwarden level <logger> <LEVEL> --config <file>

Writes a logger's level into a log4j .properties file (or a Log4j 2 properties,
XML or JSON file, a logback XML file, or a YAML or JSON file in logwarden's form)
without a running process, with the editor LogManager.setLevel(..., { persist:
true }) uses: only the level token of that logger's entry changes (its appender
list, spacing, comments and every other byte stay); a logger the file does not name
gets log4j.logger.<logger>=<LEVEL> after the last logger entry (in XML, a logger
element; in YAML and JSON, an entry at the end of the loggers). The file is replaced
atomically, so a process watching it sees the old text or the new one.

  <logger>   a logger name, or root
  <LEVEL>    ${Level.values().map((level) => level.name).join(', ')} (any case), or INHERITED
             (the logger takes its parent's level; not for root)

Options:
  --config <file>  the .properties, .xml, .yaml or .json file to change
  -h, --help       this text

Exit codes: 0 written (or already at that level), 2 usage error, or a file that
cannot be read or written, or is not a logging configuration.
`;

export async function run(args: readonly string[], io: CommandIo): Promise<number> {
  const parsed = commandArguments('level', USAGE, args, io, { config: { type: 'string' } } as const);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 2) return usageError(io, 'level', `expected a logger and a level, got ${positionals.length} argument(s)`);
  if (values.config === undefined) return usageError(io, 'level', '--config <file> is required');
  const [loggerName, levelName] = positionals as [string, string];
  if (loggerName.trim() === '' || /[\s=:]/.test(loggerName)) return usageError(io, 'level', `logger name "${loggerName}" is empty or holds a blank, '=' or ':'`);
  const inherit = /^(inherited|null)$/i.test(levelName);
  const level = inherit ? null : Level.toLevel(levelName);
  if (level === undefined) return usageError(io, 'level', `unknown level "${levelName}" (known: ${Level.values().map((l) => l.name).join(', ')}, INHERITED)`);
  if (level === null && loggerName === 'root') return usageError(io, 'level', 'the root logger must have a level; it cannot inherit');

  const file = resolve(io.cwd, values.config);
  const format = formatOf(file);
  try {
    if (format === 'properties') {
      const doc = PropertiesDocument.parse(readConfigText(file), file);
      if (!isLog4j2Properties(doc) && !doc.keys().some((key) => key.startsWith('log4j.'))) {
        throw new ConfigurationError('has no log4j.* entry and is not in Log4j 2\'s properties form: not a logging configuration, left unchanged', file, 0);
      }
    }
    const { before, after } = writeLevelToFile(file, format, loggerName, level);
    io.stdout.write(after === before ? `${values.config}: ${loggerName} is already at ${level?.name ?? 'INHERITED'}; unchanged\n` : `${values.config}:\n${changedLines(before, after)}`);
    return EXIT_OK;
  } catch (cause) {
    io.stderr.write(`logwarden level: ${cause instanceof Error ? cause.message : String(cause)}\n`);
    return EXIT_USAGE;
  }
}

/** The lines that differ, as `-old` / `+new` with their line numbers. */
function changedLines(before: string, after: string): string {
  const old = before.split('\n');
  const now = after.split('\n');
  let head = 0;
  while (head < old.length && head < now.length && old[head] === now[head]) head++;
  let tail = 0;
  while (tail < old.length - head && tail < now.length - head && old[old.length - 1 - tail] === now[now.length - 1 - tail]) tail++;
  const removed = old.slice(head, old.length - tail).map((line, i) => `  ${head + i + 1}: -${line}\n`);
  const added = now.slice(head, now.length - tail).map((line, i) => `  ${head + i + 1}: +${line}\n`);
  return removed.join('') + added.join('');
}

