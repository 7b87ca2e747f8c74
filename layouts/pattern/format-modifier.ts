import type { LoggingEvent } from '../../src/logging-event.js';
import type { FormatModifier } from './parser.js';

/**
 * Wraps a converter with `%-20.30x` behaviour: longer text is cut (log4j keeps the
 * rightmost characters, `.-N` the leftmost), shorter text is padded with spaces on
 * the left, or on the right with `-`.
 */
export function applyModifier(format: (e: LoggingEvent) => string, modifier: FormatModifier): (e: LoggingEvent) => string {
  const { minWidth, maxWidth, leftAlign, truncateEnd } = modifier;
  const spaces = ' '.repeat(minWidth);
  return (e) => {
    let text = format(e);
    if (text.length > maxWidth) text = truncateEnd ? text.slice(0, maxWidth) : text.slice(text.length - maxWidth);
    if (text.length < minWidth) {
      const pad = spaces.slice(text.length);
      text = leftAlign ? text + pad : pad + text;
    }
    return text;
  };
}
