import { Level } from '../../level.js';
import { errorAt, type SourcePosition } from '../configuration-error.js';
import { parseLevel } from '../log4j-properties.js';
import type { ComponentModel } from '../model.js';
import type { XmlElement } from '../xml/xml-document.js';
import type { XmlReading } from '../xml/xml-reading.js';
import { pluginOf } from './log4j2-appenders.js';

const RANGE = 'org.apache.log4j.varia.LevelRangeFilter';
const LOG4J2 = 'org.apache.logging.log4j.core.filter.';
/** Filters built as Log4j 2 has them, onMatch and onMismatch included, with the attributes they take. */
const NATIVE: Record<string, { readonly className: string; readonly attributes: readonly string[] }> = {
  regexfilter: { className: `${LOG4J2}RegexFilter`, attributes: ['regex', 'onMatch', 'onMismatch'] },
  burstfilter: { className: `${LOG4J2}BurstFilter`, attributes: ['level', 'rate', 'maxBurst', 'onMatch', 'onMismatch'] },
};

type Result = 'ACCEPT' | 'NEUTRAL' | 'DENY';

function resultOf(element: XmlElement, attribute: string, fallback: Result, reading: XmlReading): Result {
  const value = reading.attr(element, attribute);
  if (value === undefined) return fallback;
  const upper = value.trim().toUpperCase();
  if (upper === 'ACCEPT' || upper === 'NEUTRAL' || upper === 'DENY') return upper;
  throw errorAt(reading.at(element, element.attribute(attribute)), `must be ACCEPT, NEUTRAL or DENY, got "${value}"`);
}

/**
 * Log4j 2 appender filters onto log4j 1.2's. A ThresholdFilter that lets matching
 * events on (ACCEPT or NEUTRAL) and denies the rest is a LevelRangeFilter with only a
 * minimum; Log4j 2's LevelRangeFilter (minLevel the most severe, maxLevel the least,
 * in Log4j 2's ordering) is a LevelRangeFilter from maxLevel up to minLevel.
 * RegexFilter and BurstFilter are built as they are (any onMatch/onMismatch). Other
 * filters, or the level filters with other onMatch/onMismatch, are skipped with a warning.
 */
export function readLog4j2Filters(elements: readonly XmlElement[], reading: XmlReading): ComponentModel[] {
  const filters: ComponentModel[] = [];
  for (const element of elements) {
    const plugin = pluginOf(element, reading, 'Filter');
    const lower = plugin.toLowerCase();
    const native = NATIVE[lower];
    if (native) {
      const options: [string, ReturnType<XmlReading['option']>][] = native.attributes.map((name) => [name, reading.option(element, name)]);
      const known = new Set([...native.attributes, 'type'].map((name) => name.toLowerCase()));
      for (const attribute of element.attributes) {
        if (!known.has(attribute.name.toLowerCase())) {
          reading.warn(reading.at(element, attribute), `${plugin} attribute "${attribute.name}" is not supported (the formatted message is matched); ignored`);
        }
      }
      filters.push(reading.component(native.className, element, options));
      continue;
    }
    const onMatch = resultOf(element, 'onMatch', 'NEUTRAL', reading);
    const onMismatch = resultOf(element, 'onMismatch', 'DENY', reading);
    const fits = onMatch !== 'DENY' && onMismatch === 'DENY';
    const accept = { value: String(onMatch === 'ACCEPT'), position: reading.at(element) };
    if (lower === 'thresholdfilter' && fits) {
      const level = levelOption(element, 'level', reading) ?? { value: 'ERROR', position: reading.at(element) };
      filters.push(reading.component(RANGE, element, [['LevelMin', level], ['AcceptOnMatch', accept]]));
    } else if (lower === 'levelrangefilter' && fits) {
      // Log4j 2 defaults: minLevel OFF, maxLevel ALL (everything).
      const most = levelOption(element, 'minLevel', reading);
      const least = levelOption(element, 'maxLevel', reading);
      filters.push(reading.component(RANGE, element, [['LevelMin', least], ['LevelMax', most], ['AcceptOnMatch', accept]]));
    } else {
      const levelFilter = lower === 'thresholdfilter' || lower === 'levelrangefilter';
      reading.warn(reading.at(element), `filter ${plugin}${levelFilter ? ` with onMatch=${onMatch} onMismatch=${onMismatch}` : ''} is not supported; skipped`);
    }
  }
  return filters;
}

function levelOption(element: XmlElement, attribute: string, reading: XmlReading): { value: string; position: SourcePosition } | undefined {
  const option = reading.option(element, attribute);
  if (!option) return undefined;
  const level: Level = parseLevel(option.value, option.position);
  return { value: level.name, position: option.position };
}
