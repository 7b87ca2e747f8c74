import { resolve } from 'node:path';
import { LogInputError } from '../token-report/log-file-order.js';
import { formatCsv, formatJson, formatTable } from '../token-report/report-formats.js';
import { runTokenReport } from '../token-report/run-token-report.js';
import type { TokenReportFilter } from '../token-report/token-usage-report.js';
import { commandArguments, EXIT_FINDING, EXIT_OK, EXIT_USAGE, usageError, type CommandIo } from './command.js';
import { progressLine } from './progress-line.js';

const USAGE = `Usage: logwarden tokens <file or folder>... [options]

Which token each client used: reads Jira, Confluence and Bitbucket main logs (the
com.atlassian.pats TRACE/DEBUG lines, resolution's "Found a matching token" and
"Token verification ... failed" lines) and logwarden's audit log, plain, rotated
(.1, .2024-05-01) or gzipped, oldest first, and prints one row per token: id, name,
owner, authentications, failures, first and last seen, client addresses, the most
used endpoints and the last request id.

Options:
  --json            one JSON document {"tokens": [...]}
  --csv             RFC 4180 CSV with a header line
  --since <time>    only events at or after <time> (ISO 8601: 2024-05-01 is midnight UTC,
                    2024-05-01T10:00:00Z; a date-time without an offset is local time)
  --until <time>    only events before <time>
  --user <name>     only tokens of this owner
  --token <id|name> only this token
  -h, --help        this text

A folder is read with its subfolders. Time stamps without an offset (Confluence,
Bitbucket) are read in the local time zone (set TZ to the server's).
Exit codes: 0 report printed, 1 report printed but some file could only be read in
part (said on stderr), 2 usage error or an input that cannot be read.
`;

export async function run(args: readonly string[], io: CommandIo): Promise<number> {
  const parsed = commandArguments('tokens', USAGE, args, io, {
    json: { type: 'boolean' }, csv: { type: 'boolean' },
    since: { type: 'string' }, until: { type: 'string' }, user: { type: 'string' }, token: { type: 'string' },
  } as const);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length === 0) return usageError(io, 'tokens', 'name at least one log file or folder');
  if (values.json && values.csv) return usageError(io, 'tokens', '--json and --csv exclude each other');
  const filter: { -readonly [K in keyof TokenReportFilter]: TokenReportFilter[K] } = {};
  for (const option of ['since', 'until'] as const) {
    const text = values[option];
    if (text === undefined) continue;
    const time = /^\d{4}-\d\d-\d\d/.test(text) ? Date.parse(text) : NaN;
    if (Number.isNaN(time)) return usageError(io, 'tokens', `--${option} "${text}" is not an ISO 8601 date or date-time (e.g. 2024-05-01 or 2024-05-01T10:00:00Z)`);
    filter[option] = time;
  }
  if (values.user !== undefined) filter.user = values.user;
  if (values.token !== undefined) filter.token = values.token;

  const progress = progressLine(io);
  let result;
  try {
    result = await runTokenReport(positionals.map((input) => resolve(io.cwd, input)), filter, progress.update);
  } catch (cause) {
    progress.clear();
    if (cause instanceof LogInputError) {
      io.stderr.write(`logwarden tokens: ${cause.message}\n`);
      return EXIT_USAGE;
    }
    throw cause;
  }
  progress.clear();
  const output = values.json
    ? formatJson(result.rows, { files: result.files.length, bytes: result.bytes, untrackedEvents: result.untrackedEvents, problems: result.problems })
    : values.csv ? formatCsv(result.rows) : formatTable(result.rows);
  io.stdout.write(output);
  for (const problem of result.problems) io.stderr.write(`logwarden tokens: ${problem}\n`);
  if (result.untrackedEvents > 0) io.stderr.write(`logwarden tokens: ${result.untrackedEvents} event(s) of tokens beyond the first 100000 were not counted\n`);
  return result.problems.length > 0 ? EXIT_FINDING : EXIT_OK;
}

