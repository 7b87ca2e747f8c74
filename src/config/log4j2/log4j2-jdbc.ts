import { parseColumns } from '../../../appenders/database/database-columns.js';
import { errorAt } from '../configuration-error.js';
import type { OptionValue } from '../model.js';
import type { XmlElement } from '../xml/xml-document.js';
import type { XmlReading } from '../xml/xml-reading.js';

/**
 * The attributes of `<JDBC>` that logwarden reads: Log4j 2's own (`tableName`,
 * `bufferSize`) and the DatabaseAppender's connection options, which Log4j 2 puts in
 * a ConnectionFactory or DataSource child instead (PG* environment variables fill in
 * what is not given).
 */
export const JDBC_ATTRIBUTES = ['tableName', 'bufferSize', 'url', 'host', 'port', 'user', 'password', 'database', 'maxBufferedRows', 'retryDelay', 'maxRetryDelay', 'closeTimeout'];

const CONNECTION_SOURCES = ['connectionfactory', 'datasource', 'drivermanager', 'poolingdriver'];
const QUOTED_LITERAL = /^'([^']*)'$/;

/**
 * Log4j 2's `<JDBC name tableName bufferSize>` onto the DatabaseAppender's options:
 * Table, BatchSize (Log4j 2 writes when bufferSize events are buffered), the
 * connection attributes as they are, and its `<Column>` children as the Columns list
 * (`pattern` -> a conversion pattern, `isEventTimestamp` -> @timestamp, a quoted
 * `literal` -> a fixed value). Log4j 2's connection sources and SQL-expression
 * literals have no counterpart: values are sent as parameters, never as SQL; they are
 * warned about by name.
 */
export function readLog4j2Jdbc(element: XmlElement, reading: XmlReading, options: Map<string, OptionValue>, used: Set<XmlElement>): void {
  const table = reading.option(element, 'tableName');
  if (!table) throw errorAt(reading.at(element), 'needs a "tableName" attribute');
  options.set('Table', table);
  const bufferSize = reading.option(element, 'bufferSize');
  if (bufferSize) options.set('BatchSize', bufferSize);
  for (const attribute of JDBC_ATTRIBUTES.slice(2)) {
    const value = reading.option(element, attribute);
    if (value) options.set(attribute, value);
  }

  const entries: string[] = [];
  for (const child of element.children) {
    const lower = child.name.toLowerCase();
    if (CONNECTION_SOURCES.includes(lower)) {
      used.add(child);
      reading.warn(reading.at(child), `JDBC element <${child.name}> is not supported; ignored (give url, or host, port, user, database on <JDBC>, or the PG* environment variables)`);
    } else if (lower === 'column' || lower === 'columnmapping') {
      used.add(child);
      const entry = readColumn(child, reading);
      if (entry) entries.push(entry);
    }
  }
  if (entries.length === 0) throw errorAt(reading.at(element), 'needs at least one <Column name pattern|isEventTimestamp|literal>');
  const columns = entries.join(', ');
  // The model carries one Columns string; a pattern that would read back as two columns is refused rather than split.
  if (parseColumns(columns).length !== entries.length) {
    throw errorAt(reading.at(element), 'a Column pattern or literal contains ", name=", which the Columns list would read as a new column');
  }
  options.set('Columns', { value: columns, position: reading.at(element) });
}

/** One `<Column>` as a `name=source` entry of the Columns list, or undefined when it is skipped with a warning. */
function readColumn(column: XmlElement, reading: XmlReading): string | undefined {
  const name = reading.required(column, 'name');
  for (const attribute of column.attributes) {
    if (!['name', 'pattern', 'iseventtimestamp', 'literal'].includes(attribute.name.toLowerCase())) {
      reading.warn(reading.at(column, attribute), `Column attribute "${attribute.name}" is not supported; ignored`);
    }
  }
  const pattern = reading.attr(column, 'pattern');
  const literal = reading.attr(column, 'literal');
  const timestamp = reading.attr(column, 'isEventTimestamp')?.trim().toLowerCase() === 'true';
  if ([pattern !== undefined, literal !== undefined, timestamp].filter(Boolean).length !== 1) {
    throw errorAt(reading.at(column), `Column ${name}: give exactly one of pattern, isEventTimestamp="true" or literal`);
  }
  if (timestamp) return `${name}=@timestamp`;
  if (pattern !== undefined) return `${name}=${pattern}`;
  const quoted = QUOTED_LITERAL.exec(literal!.trim());
  if (!quoted) {
    reading.warn(reading.at(column, column.attribute('literal')), `Column ${name}: literal ${literal} is an SQL expression, which is not supported (values go as parameters, never into the SQL); column skipped`);
    return undefined;
  }
  return `${name}='${quoted[1]}'`;
}
