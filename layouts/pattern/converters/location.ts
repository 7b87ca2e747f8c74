import { collapsingAbbreviator, nameAbbreviator } from '../abbreviate.js';
import type { ConverterFactory } from './converter.js';

/*
 * Call-site converters. The logger fills `event.location` only when a layout says
 * it needs it; without one they print '?' as log4j does for unavailable location.
 */

export const className: ConverterFactory = (options, context, keyword) => {
  const abbreviate = nameAbbreviator(options[0], context.style, `%${keyword}`, context.warn);
  if (!abbreviate) return { usesLocation: true, format: (e) => e.location?.className ?? '?' };
  return { usesLocation: true, format: (e) => (e.location ? abbreviate(e.location.className) : '?') };
};

/** Atlassian `%Q{N}`: `%q{N}` applied to the calling class name. */
export const collapsedClassName: ConverterFactory = (options, context, keyword) => {
  const abbreviate = collapsingAbbreviator(options[0], `%${keyword}`, context.warn);
  return { usesLocation: true, format: (e) => (e.location ? abbreviate(e.location.className) : '?') };
};

export const fileName: ConverterFactory = () => ({ usesLocation: true, format: (e) => e.location?.fileName ?? '?' });

export const lineNumber: ConverterFactory = () => ({ usesLocation: true, format: (e) => e.location?.lineNumber ?? '?' });

export const methodName: ConverterFactory = () => ({ usesLocation: true, format: (e) => e.location?.methodName ?? '?' });

/**
 * `%l`: `Class.method(file:line)` like log4j. A plain function has no class ('?'),
 * so it prints as `method(file:line)`.
 */
export const fullLocation: ConverterFactory = () => ({
  usesLocation: true,
  format: (e) => {
    const l = e.location;
    if (!l) return '?';
    const where = `${l.methodName}(${l.fileName}:${l.lineNumber})`;
    return l.className === '?' ? where : `${l.className}.${where}`;
  },
});
