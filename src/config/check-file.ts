import { resolve } from 'node:path';
import { checkConfiguration } from './build.js';
import { ConfigurationError } from './configuration-error.js';
import { formatOf, parseConfigText, readConfigText, type Variables } from './load.js';

export interface ConfigProblem {
  readonly severity: 'error' | 'warning';
  readonly file: string;
  /** 1-based; 0 when the file as a whole is meant. */
  readonly line: number;
  readonly column?: number;
  readonly key?: string;
  readonly message: string;
}

export interface ConfigCheck {
  readonly file: string;
  /** False when the file could not be read at all: there is nothing to judge. */
  readonly readable: boolean;
  readonly problems: readonly ConfigProblem[];
}

/** `file:line[:column]: key: message`, as warnings are written; the key is one word ending in a colon. */
const WARNING = /^(.+?):(\d+)(?::(\d+))?: (?:([^\s:]+): )?(.*)$/s;

/**
 * A dry run of `configure(file)`: reads and parses the file as configure does
 * (`${}` from `variables`), then checks every appender a logger uses without
 * creating or opening a file or socket (see checkConfiguration). A parse error stops
 * the reading, so it is the only problem listed with it; appender errors are listed
 * one per appender, with all warnings.
 */
export function checkConfigFile(source: string, variables: Variables): ConfigCheck {
  const file = resolve(source);
  let text: string;
  try {
    text = readConfigText(file);
  } catch (cause) {
    if (!(cause instanceof ConfigurationError)) throw cause;
    return { file, readable: false, problems: [problemOf(cause)] };
  }
  try {
    const model = parseConfigText(text, file, formatOf(file), variables);
    const { warnings, errors } = checkConfiguration(model);
    return { file, readable: true, problems: [...errors.map(problemOf), ...warnings.map(warningOf)].sort(byPlace) };
  } catch (cause) {
    if (!(cause instanceof ConfigurationError)) throw cause;
    return { file, readable: true, problems: [problemOf(cause)] };
  }
}

function problemOf(error: ConfigurationError): ConfigProblem {
  const column = (error as { column?: number }).column;
  return {
    severity: 'error', file: error.file, line: error.line,
    ...(column !== undefined && column > 0 ? { column } : {}),
    ...(error.key ? { key: error.key } : {}),
    message: error.reason,
  };
}

/** Warnings are lines of text (InternalLog prints them); their place is read back from their head. */
function warningOf(warning: string): ConfigProblem {
  const m = WARNING.exec(warning);
  if (!m) return { severity: 'warning', file: '', line: 0, message: warning };
  return {
    severity: 'warning', file: m[1]!, line: Number(m[2]),
    ...(m[3] !== undefined && Number(m[3]) > 0 ? { column: Number(m[3]) } : {}),
    ...(m[4] !== undefined ? { key: m[4] } : {}),
    message: m[5]!,
  };
}

function byPlace(a: ConfigProblem, b: ConfigProblem): number {
  return a.line - b.line || (a.column ?? 0) - (b.column ?? 0) || (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1);
}

/** One line per problem: `file:line[:column]: key: error|warning: message`. */
export function formatProblem(problem: ConfigProblem): string {
  const place = `${problem.file}${problem.line > 0 ? `:${problem.line}${problem.column !== undefined ? `:${problem.column}` : ''}` : ''}`;
  return `${place}: ${problem.key !== undefined ? `${problem.key}: ` : ''}${problem.severity}: ${problem.message}`;
}
