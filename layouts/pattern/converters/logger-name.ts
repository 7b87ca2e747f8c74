import { collapsingAbbreviator, nameAbbreviator } from '../abbreviate.js';
import type { ConverterFactory } from './converter.js';

/** `%c{n}` / `%logger{n}`: the logger name, optionally abbreviated (see abbreviate.ts). */
export const loggerName: ConverterFactory = (options, context, keyword) => {
  const abbreviate = nameAbbreviator(options[0], context.style, `%${keyword}`, context.warn);
  if (!abbreviate) return { contextual: true, format: (e) => e.loggerName };
  return { contextual: true, format: (e) => abbreviate(e.loggerName) };
};

/** Atlassian `%q{N}`: the logger name with all but the last N package segments cut to a letter. */
export const collapsedLoggerName: ConverterFactory = (options, context, keyword) => {
  const abbreviate = collapsingAbbreviator(options[0], `%${keyword}`, context.warn);
  return { contextual: true, format: (e) => abbreviate(e.loggerName) };
};
