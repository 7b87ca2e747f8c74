import { parseFrame } from '../../../src/location.js';
import type { LoggingEvent, LocationInfo } from '../../../src/logging-event.js';
import type { CompileContext, ConverterFactory } from './converter.js';

/** Log4j 2's `short.*` options: one part of the throwable instead of its lines. */
const SHORT_FIELDS: Readonly<Record<string, (error: Error, top: LocationInfo | undefined) => string>> = {
  'short.message': (error) => error.message,
  'short.localizedmessage': (error) => error.message,
  'short.classname': (_error, top) => (top ? top.className : ''),
  'short.methodname': (_error, top) => (top ? top.methodName : ''),
  'short.filename': (_error, top) => (top ? top.fileName : ''),
  'short.linenumber': (_error, top) => (top ? top.lineNumber : ''),
};

const FRAME = /^\s+at /;

/** The frame that threw, as Log4j 2's `getStackTrace()[0]`. */
function topFrame(error: Error): LocationInfo | undefined {
  const line = (error.stack ?? '').split('\n').find((text) => FRAME.test(text));
  return line === undefined ? undefined : parseFrame(line);
}

interface ThrowableOptions {
  lines: number;
  separator: string | undefined;
  field: ((error: Error, top: LocationInfo | undefined) => string) | undefined;
}

/** Log4j 2's ThrowableFormatOptions: `full`, `none`, `short` (2 lines), a number of lines, `short.*`, `separator(...)`. */
function readOptions(options: readonly string[], keyword: string, context: CompileContext): ThrowableOptions {
  let list = options;
  // Log4j 2 still reads the old single option "n, filters(...)" as two.
  const comma = options.length === 1 ? options[0]!.indexOf(',') : -1;
  if (comma > 0) list = [options[0]!.slice(0, comma), options[0]!.slice(comma + 1)];
  const read: ThrowableOptions = { lines: Infinity, separator: undefined, field: undefined };
  for (const raw of list) {
    const option = raw.trim();
    const lower = option.toLowerCase();
    if (option === '' || lower === 'full') continue;
    if (lower === 'none') read.lines = 0;
    else if (lower === 'short') read.lines = 2;
    else if (SHORT_FIELDS[lower]) {
      read.lines = 2;
      read.field = SHORT_FIELDS[lower];
    } else if (option.startsWith('separator(') && option.endsWith(')')) read.separator = option.slice('separator('.length, -1);
    else if (/^\d+$/.test(option)) read.lines = Number(option);
    else if (/^(filters|suffix|S|ansi)(\(.*\))?$/.test(option)) context.warn?.(`%${keyword} option {${option}} is not supported; ignored`);
    else context.warn?.(`bad option {${option}} for %${keyword}: expected full, none, short, short.message, short.className, short.methodName, short.fileName, short.lineNumber, a number of lines or separator(...); the whole stack is printed`);
  }
  return read;
}

/**
 * Log4j 2's `%ex` / `%exception` / `%throwable` (and `%xEx`, printed the same way):
 * the stack as the layout renders it, `{n}` its first n lines and `{short}` the
 * first two, joined by `separator(...)` (default the line separator) and, when cut,
 * without a separator after the last; `{short.message}` and the other `short.*`
 * options print that one part (the class, method, file and line of the frame that
 * threw). Log4j 2 puts a blank between the throwable and text before it that does
 * not end in whitespace (`%m%ex`): the converter says so (separatedFromText).
 */
export const log4j2Throwable: ConverterFactory = (options, context, keyword) => {
  const { lines, separator, field } = readOptions(options, keyword, context);
  const render = context.renderThrowable;
  const eol = context.lineSeparator;
  const base = { handlesThrowable: true, trusted: field === undefined, separatedFromText: true } as const;
  if (lines === 0) return { ...base, format: () => '' };
  if (field) return { ...base, format: (e: LoggingEvent) => (e.error ? field(e.error, topFrame(e.error)) : '') };
  if (lines === Infinity && separator === undefined) return { ...base, format: (e: LoggingEvent) => (e.error ? render(e, e.error) : '') };
  const joint = separator ?? eol;
  return {
    ...base,
    format: (e: LoggingEvent) => {
      if (!e.error) return '';
      const all = render(e, e.error).split(eol);
      if (all[all.length - 1] === '') all.pop();
      return all.slice(0, lines).join(joint);
    },
  };
};
