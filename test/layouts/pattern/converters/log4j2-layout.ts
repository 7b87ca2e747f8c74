import { PatternLayout } from '../../../../layouts/pattern/pattern-layout.js';

/** A PatternLayout reading `pattern` as a Log4j 2 configuration file does; warnings land in `warnings`. */
export function log4j2Layout(pattern: string, warnings: string[] = []): PatternLayout {
  return new PatternLayout(pattern, { style: 'log4j2', timeZone: 'UTC', onWarning: (m) => warnings.push(m) });
}
