import type { ConverterFactory } from './converters/converter.js';
import { ndc, mdc } from './converters/context.js';
import { date } from './converters/date.js';
import { encode } from './converters/encode.js';
import { equals } from './converters/equals.js';
import { fields } from './converters/fields.js';
import { level, lineSeparator, message, relativeTime, thread } from './converters/event-fields.js';
import { className, collapsedClassName, fileName, fullLocation, lineNumber, methodName } from './converters/location.js';
import { log4j2Date } from './converters/log4j2-date.js';
import { log4j2Throwable } from './converters/log4j2-throwable.js';
import { collapsedLoggerName, loggerName } from './converters/logger-name.js';
import { mapFields } from './converters/map-fields.js';
import { marker } from './converters/marker.js';
import { maxLength } from './converters/max-length.js';
import { notEmpty } from './converters/not-empty.js';
import { plainStyle } from './converters/plain-style.js';
import { processId, threadIdConverter } from './converters/process-ids.js';
import { replace } from './converters/replace.js';
import { request } from './converters/request.js';
import { sequenceNumber } from './converters/sequence-number.js';
import { noThrowable, throwable } from './converters/throwable.js';
import { uuid } from './converters/uuid.js';

/**
 * Every conversion keyword: log4j 1.2's letters, EnhancedPatternLayout's words,
 * Atlassian's `%q` / `%Q`, logback's aliases (so Bitbucket's pattern reads as
 * written), Bitbucket's `%request` and this project's `%fields` (an event's structured fields).
 */
export const CONVERTERS: ReadonlyMap<string, ConverterFactory> = new Map<string, ConverterFactory>([
  ['c', loggerName],
  ['lo', loggerName],
  ['logger', loggerName],
  ['C', className],
  ['class', className],
  ['d', date],
  ['date', date],
  ['F', fileName],
  ['file', fileName],
  ['l', fullLocation],
  ['L', lineNumber],
  ['line', lineNumber],
  ['m', message],
  ['msg', message],
  ['message', message],
  ['M', methodName],
  ['method', methodName],
  ['n', lineSeparator],
  ['p', level],
  ['le', level],
  ['level', level],
  ['r', relativeTime],
  ['relative', relativeTime],
  ['t', thread],
  ['thread', thread],
  ['x', ndc],
  ['ndc', ndc],
  ['X', mdc],
  ['mdc', mdc],
  ['properties', mdc],
  ['throwable', throwable],
  ['ex', throwable],
  ['exception', throwable],
  ['nopex', noThrowable],
  ['nopexception', noThrowable],
  ['q', collapsedLoggerName],
  ['Q', collapsedClassName],
  ['request', request],
  ['fields', fields],
]);

/**
 * log4j 1.2's PatternLayout reads a `{...}` option only after `%c %C %d %X`; after
 * these letters the braces are printed (`%m{x}` prints the message, then `{x}`).
 * This project's longer words and `%q %Q` read options in every style.
 */
export const LOG4J12_OPTIONLESS: ReadonlySet<string> = new Set(['F', 'l', 'L', 'm', 'M', 'n', 'p', 'r', 't', 'x']);

/**
 * Log4j 2's PatternLayout (style `log4j2`): every keyword above, Log4j 2's
 * converters whose options are patterns, its throwable options and its `%pid`,
 * `%tid`, `%sn`, `%uuid`, `%marker` and `%K` (the event's fields). Only that style knows them, so the words
 * keep their old reading in log4j 1.2, EnhancedPatternLayout and logback patterns.
 */
export const LOG4J2_CONVERTERS: ReadonlyMap<string, ConverterFactory> = new Map<string, ConverterFactory>([
  ...CONVERTERS,
  ['d', log4j2Date],
  ['date', log4j2Date],
  ['notEmpty', notEmpty],
  ['varsNotEmpty', notEmpty],
  ['variablesNotEmpty', notEmpty],
  ['equals', equals],
  ['equalsIgnoreCase', equals],
  ['replace', replace],
  ['encode', encode],
  ['enc', encode],
  ['maxLen', maxLength],
  ['maxLength', maxLength],
  ['highlight', plainStyle],
  ['style', plainStyle],
  ['throwable', log4j2Throwable],
  ['ex', log4j2Throwable],
  ['exception', log4j2Throwable],
  ['xEx', log4j2Throwable],
  ['xThrowable', log4j2Throwable],
  ['xException', log4j2Throwable],
  ['pid', processId],
  ['processId', processId],
  ['T', threadIdConverter],
  ['tid', threadIdConverter],
  ['threadId', threadIdConverter],
  ['sn', sequenceNumber],
  ['sequenceNumber', sequenceNumber],
  ['u', uuid],
  ['uuid', uuid],
  ['marker', marker],
  ['markerSimpleName', marker],
  ['K', mapFields],
  ['map', mapFields],
  ['MAP', mapFields],
]);
