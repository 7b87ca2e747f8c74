/**
 * Syslog facilities (RFC 5424 section 6.2.1) under the names log4j's SyslogAppender
 * accepts. The code is already shifted into place: PRI = facility code | severity.
 */
const FACILITY_CODES: ReadonlyMap<string, number> = new Map([
  ['KERN', 0],
  ['USER', 1],
  ['MAIL', 2],
  ['DAEMON', 3],
  ['AUTH', 4],
  ['SYSLOG', 5],
  ['LPR', 6],
  ['NEWS', 7],
  ['UUCP', 8],
  ['CRON', 9],
  ['AUTHPRIV', 10],
  ['FTP', 11],
  ['LOCAL0', 16],
  ['LOCAL1', 17],
  ['LOCAL2', 18],
  ['LOCAL3', 19],
  ['LOCAL4', 20],
  ['LOCAL5', 21],
  ['LOCAL6', 22],
  ['LOCAL7', 23],
].map(([name, number]) => [name as string, (number as number) << 3]));

export interface Facility {
  /** Upper-case name as configured: `USER`, `LOCAL0`. */
  readonly name: string;
  /** The facility number shifted left by three, ready to be OR-ed with a severity. */
  readonly code: number;
  /** What FacilityPrinting puts before the message: log4j prints the lower-case name and a colon. */
  readonly prefix: string;
}

/** Facility names in their numeric order, for error messages and documentation. */
export const FACILITY_NAMES: readonly string[] = [...FACILITY_CODES.keys()];

/**
 * Resolves a facility name, in any case and with surrounding blanks ignored, as log4j's
 * `SyslogAppender.getFacility` does. Unlike log4j, which quietly falls back to USER, an
 * unknown name is an error naming the value and the choices.
 */
export function parseFacility(name: string): Facility {
  const upper = name.trim().toUpperCase();
  const code = FACILITY_CODES.get(upper);
  if (code === undefined) {
    throw new Error(`unknown syslog Facility "${name}"; expected one of ${FACILITY_NAMES.join(', ')}`);
  }
  return { name: upper, code, prefix: `${upper.toLowerCase()}:` };
}
