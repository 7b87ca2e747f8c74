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

const STAMP = /^(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)[,.](\d{3})(Z|[+-]\d\d:?\d\d)? /;
const LEVELS = 'TRACE|DEBUG|INFO|WARN|ERROR|FATAL';
const JIRA = new RegExp(`^(\\S+) (${LEVELS}) (\\S*) (\\S*) (\\S*) (\\S*) (\\S*) \\[([^\\]\\s]+)\\] `);
const BRACKETED_THREAD = new RegExp(`^(${LEVELS}) {1,2}\\[([^\\]]*)\\] `);
const CONFLUENCE_REST = /^\[([^\]\s]+)\] (\S+) /;
const BITBUCKET_REQUEST = /^(?:([^@"\s]\S*) )?(@\S+) (?:(\S+) )?(\S+) "(?:[A-Z]+ )?(\S+)[^"]*" (\S+) /;
const CONFLUENCE_CONTEXT = /(?:^|\| )(?:url|userName|traceId): /;

/** The line's fields, or undefined for a line in none of the three formats (a stack frame, a foreign line). */
export function parseProductLogLine(line: string): ProductLogLine | undefined {
  const stamp = STAMP.exec(line);
  if (!stamp) return undefined;
  const time = timeOf(stamp);
  const rest = line.slice(stamp[0].length);
  const jira = JIRA.exec(rest);
  if (jira) {
    return {
      time, thread: jira[1]!, level: jira[2]!, logger: jira[8]!, message: rest.slice(jira[0].length),
      user: present(jira[3]), requestId: present(jira[4]), address: firstAddress(jira[6]), url: pathOf(jira[7]),
    };
  }
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

/** Confluence puts the request into the message's tail: ` -- referer: ... | url: /path | traceId: ... | userName: admin`. */
function confluenceLine(time: number, level: string, thread: string, logger: string, message: string): ProductLogLine {
  const cut = message.lastIndexOf(' -- ');
  const context = cut === -1 ? '' : message.slice(cut + 4);
  if (!CONFLUENCE_CONTEXT.test(context)) return { time, level, thread, logger, message };
  const field = (name: string): string | undefined => {
    const match = new RegExp(`(?:^|\\| )${name}: ([^ |]+)`).exec(context);
    return match ? match[1] : undefined;
  };
  return {
    time, level, thread, logger, message: message.slice(0, cut),
    user: present(field('userName')), requestId: present(field('traceId')), url: pathOf(field('url')),
  };
}

function timeOf(stamp: RegExpExecArray): number {
  const [year, month, day, hour, minute, second, milli] = stamp.slice(1, 8).map(Number) as [number, number, number, number, number, number, number];
  const offset = stamp[8];
  if (offset === undefined) return new Date(year, month - 1, day, hour, minute, second, milli).getTime();
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, milli);
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
