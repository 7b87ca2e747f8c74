/**
 * The fields of one line of a product's main log that a token report needs, read
 * from the layouts of layouts/presets.ts: Jira's
 * `%d{...,SSSZ} %t %p user requestId session address url [%q{2}] %m`, Confluence's
 * `%d %p [%t] [%c{4}] %M %m` (with the ` -- url: ... | userName: ...` context that
 * Confluence appends) and Bitbucket's `%date %level [%thread] %request %logger{36} %msg`.
 * A field the line does not carry is undefined.
 */
export interface ProductLogLine {
  /** Epoch milliseconds; a time stamp without an offset is read in the local time zone, as the product wrote it. */
  readonly time: number;
  readonly level: string;
  readonly thread: string;
  readonly logger: string;
  readonly message: string;
  readonly user?: string;
  readonly requestId?: string;
  /** The first address of the X-Forwarded-For chain: the client. */
  readonly address?: string;
  /** The request path, without a query string. */
  readonly url?: string;
}

const LEVEL_NAMES = new Set(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL']);
const LEVELS = [...LEVEL_NAMES].join('|');
const BRACKETED_THREAD = new RegExp(`^(${LEVELS}) {1,2}\\[([^\\]]*)\\] `);
const CONFLUENCE_REST = /^\[([^\]\s]+)\] (\S+) /;
const BITBUCKET_REQUEST = /^(?:([^@"\s]\S*) )?(@\S+) (?:(\S+) )?(\S+) "(?:[A-Z]+ )?(\S+)[^"]*" (\S+) /;
const CONFLUENCE_CONTEXT = /(?:^|\| )(?:url|userName|traceId): /;
const RENAMED_THREAD = /^(\S+) url: ([^;\s]+)(?:; user: (\S+))?$/;

/** The line's fields, or undefined for a line in none of the three formats (a stack frame, a foreign line). */
export function parseProductLogLine(line: string): ProductLogLine | undefined {
  const stamp = readStamp(line);
  if (!stamp) return undefined;
  const { time, end } = stamp;
  const jira = jiraLine(line, end, time);
  if (jira) return jira;
  const rest = line.slice(end);
  const head = BRACKETED_THREAD.exec(rest);
  if (!head) return undefined;
  const level = head[1]!;
  const thread = head[2]!;
  const body = rest.slice(head[0].length);
  const confluence = CONFLUENCE_REST.exec(body);
  if (confluence) return confluenceLine(time, level, thread, confluence[1]!, body.slice(confluence[0].length));
  const bitbucket = BITBUCKET_REQUEST.exec(body);
  if (bitbucket) {
    return {
      time, level, thread, logger: bitbucket[6]!, message: body.slice(bitbucket[0].length),
      user: present(bitbucket[1]), requestId: bitbucket[2], address: firstAddress(bitbucket[4]), url: pathOf(bitbucket[5]),
    };
  }
  const space = body.indexOf(' ');
  if (space <= 0) return undefined;
  return { time, level, thread, logger: body.slice(0, space), message: body.slice(space + 1) };
}

/**
 * Jira's `thread LEVEL user requestId session address url [logger] message`: seven
 * fields separated by single blanks (an absent MDC value is empty), read with
 * indexOf because most of a token report's time goes into this line.
 */
function jiraLine(line: string, from: number, time: number): ProductLogLine | undefined {
  const ends: number[] = [];
  let at = from;
  for (let field = 0; field < 7; field++) {
    const space = line.indexOf(' ', at);
    if (space === -1) return undefined;
    ends.push(space);
    at = space + 1;
  }
  if (line.charCodeAt(at) !== 0x5b) return undefined; // [
  const close = line.indexOf('] ', at);
  if (close === -1) return undefined;
  const logger = line.slice(at + 1, close);
  if (logger === '' || /\s|\]/.test(logger)) return undefined;
  const field = (i: number): string => line.slice(i === 0 ? from : ends[i - 1]! + 1, ends[i]);
  const thread = field(0);
  const level = field(1);
  if (thread === '' || !LEVEL_NAMES.has(level)) return undefined;
  return {
    time, thread, level, logger, message: line.slice(close + 2),
    user: present(field(2)), requestId: present(field(3)), address: firstAddress(field(5)), url: pathOf(field(6)),
  };
}

/** Confluence puts the request into the message's tail: ` -- referer: ... | url: /path | traceId: ... | userName: admin`. */
function confluenceLine(time: number, level: string, threadName: string, logger: string, message: string): ProductLogLine {
  // Confluence also renames a request's thread: `http-nio-8090-exec-7 url: /path; user: admin`.
  const renamed = RENAMED_THREAD.exec(threadName);
  const thread = renamed ? renamed[1]! : threadName;
  const fromThread = renamed ? { url: pathOf(renamed[2]), user: present(renamed[3]) } : {};
  const cut = message.lastIndexOf(' -- ');
  const context = cut === -1 ? '' : message.slice(cut + 4);
  if (!CONFLUENCE_CONTEXT.test(context)) return { time, level, thread, logger, message, ...fromThread };
  const field = (name: string): string | undefined => {
    const match = new RegExp(`(?:^|\\| )${name}: ([^ |]+)`).exec(context);
    return match ? match[1] : undefined;
  };
  return {
    time, level, thread, logger, message: message.slice(0, cut),
    user: present(field('userName')) ?? fromThread.user, requestId: present(field('traceId')), url: pathOf(field('url')) ?? fromThread.url,
  };
}

// No line starts with NUL: the first line always works its minute out.
let cachedMinute = '\u0000';
let cachedOffset: string | undefined;
let cachedMinuteTime = 0;

/**
 * `yyyy-MM-dd HH:mm:ss,SSS` (or `T`, `.`), an optional offset (`Z`, `+0000`,
 * `+00:00`) and a blank: the time and where the rest of the line starts. Lines come
 * in time order, many within one minute: the minute's instant is worked out once.
 */
function readStamp(line: string): { time: number; end: number } | undefined {
  if (line.length < 24 || !isDigits(line, 0, 4) || line[4] !== '-' || !isDigits(line, 5, 2) || line[7] !== '-' || !isDigits(line, 8, 2)
    || (line[10] !== ' ' && line[10] !== 'T') || !isDigits(line, 11, 2) || line[13] !== ':' || !isDigits(line, 14, 2) || line[16] !== ':'
    || !isDigits(line, 17, 2) || (line[19] !== ',' && line[19] !== '.') || !isDigits(line, 20, 3)) return undefined;
  let end = 23;
  let offset: string | undefined;
  const sign = line[23];
  if (sign === 'Z') {
    offset = 'Z';
    end = 24;
  } else if (sign === '+' || sign === '-') {
    const colon = line[26] === ':' ? 1 : 0;
    if (!isDigits(line, 24, 2) || !isDigits(line, 26 + colon, 2)) return undefined;
    end = 28 + colon;
    offset = line.slice(23, end);
  }
  if (line[end] !== ' ') return undefined;
  if (offset !== cachedOffset || !line.startsWith(cachedMinute)) {
    cachedMinute = line.slice(0, 16);
    cachedOffset = offset;
    cachedMinuteTime = minuteTime(number(line, 0, 4), number(line, 5, 2), number(line, 8, 2), number(line, 11, 2), number(line, 14, 2), offset);
  }
  return { time: cachedMinuteTime + number(line, 17, 2) * 1000 + number(line, 20, 3), end: end + 1 };
}

function isDigits(text: string, at: number, count: number): boolean {
  for (let i = at; i < at + count; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x30 || code > 0x39) return false;
  }
  return true;
}

function number(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) value = value * 10 + text.charCodeAt(i) - 0x30;
  return value;
}

function minuteTime(year: number, month: number, day: number, hour: number, minute: number, offset: string | undefined): number {
  if (offset === undefined) return new Date(year, month - 1, day, hour, minute).getTime();
  const utc = Date.UTC(year, month - 1, day, hour, minute);
  if (offset === 'Z') return utc;
  const digits = offset.replace(':', '');
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
  return utc - (digits[0] === '-' ? -1 : 1) * minutes * 60_000;
}

/** Jira prints `-` for a missing MDC value. */
function present(value: string | undefined): string | undefined {
  return value === undefined || value === '' || value === '-' ? undefined : value;
}

function firstAddress(chain: string | undefined): string | undefined {
  const value = present(chain);
  if (value === undefined) return undefined;
  const comma = value.indexOf(',');
  return comma === -1 ? value : value.slice(0, comma);
}

/** A query string can carry anything, a secret included: only the path is reported. */
function pathOf(url: string | undefined): string | undefined {
  const value = present(url);
  if (value === undefined) return undefined;
  const query = value.indexOf('?');
  return query === -1 ? value : value.slice(0, query);
}
