import { PatternLayout } from '../../layouts/pattern/pattern-layout.js';
import type { LoggingEvent } from '../../src/logging-event.js';

/**
 * One column of the table and what goes into it (log4j 2's ColumnConfig): the
 * event's time, the text of a conversion pattern, or a fixed value. Values are
 * always sent as query parameters, never written into the SQL.
 */
export interface DatabaseColumn {
  name: string;
  /** A PatternLayout conversion pattern, e.g. `%m`, `%p`, `%c`, `%X{user}`, `%throwable`. */
  pattern?: string;
  /** The event's time as an ISO-8601 instant (for a `timestamptz` column). */
  timestamp?: boolean;
  /** The same value for every row (a node name, an application name). */
  value?: string;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$]{0,62}$/;

/** `name` or `schema.name` as a quoted SQL identifier; anything else is refused, so it cannot carry SQL. */
export function quotedIdentifier(name: string, what: string): string {
  const parts = name.split('.');
  if (parts.length > 2 || !parts.every((part) => IDENTIFIER.test(part))) {
    throw new Error(`${what} ${JSON.stringify(name)} is not a plain SQL name (letters, digits, _ and $, optionally schema.name)`);
  }
  return parts.map((part) => `"${part}"`).join('.');
}

/** Turns an event into the row's values, in column order. */
export type RowRenderer = (event: LoggingEvent) => (string | null)[];

export function rowRenderer(columns: readonly DatabaseColumn[]): RowRenderer {
  if (columns.length === 0) throw new Error('a database appender needs at least one column');
  const renderers = columns.map((column): ((event: LoggingEvent) => string | null) => {
    quotedIdentifier(column.name, 'Column');
    const kinds = [column.pattern !== undefined, column.timestamp === true, column.value !== undefined].filter(Boolean).length;
    if (kinds !== 1) throw new Error(`Column ${column.name}: give exactly one of pattern, timestamp or value`);
    if (column.timestamp) return (event) => new Date(event.timestamp).toISOString();
    if (column.value !== undefined) {
      const value = column.value;
      return () => value;
    }
    const layout = new PatternLayout(column.pattern!);
    return (event) => layout.format(event);
  });
  return (event) => renderers.map((render) => render(event));
}

const COLUMN_START = /,\s*(?=[A-Za-z_][A-Za-z0-9_$]*\s*=)/;

/**
 * The `Columns` option of a configuration file: `name=source, ...` where a source is
 * `@timestamp`, a fixed value in single quotes (`'node-a'`), or a conversion
 * pattern (`%m`; a comma inside a pattern is fine, a new column starts only at
 * `, name=`).
 */
export function parseColumns(text: string): DatabaseColumn[] {
  const columns = text.trim() === '' ? [] : text.trim().split(COLUMN_START).map((entry): DatabaseColumn => {
    const equals = entry.indexOf('=');
    if (equals < 0) throw new Error(`Columns: expected name=source, got ${JSON.stringify(entry.trim())}`);
    const name = entry.slice(0, equals).trim();
    const source = entry.slice(equals + 1).trim();
    if (source === '@timestamp') return { name, timestamp: true };
    if (source.length >= 2 && source.startsWith("'") && source.endsWith("'")) return { name, value: source.slice(1, -1) };
    if (source === '') throw new Error(`Columns: column ${name} has no source`);
    return { name, pattern: source };
  });
  rowRenderer(columns);
  return columns;
}
