import type { OptionKind } from '../../appenders/registry.js';
import { errorAt, type SourcePosition } from './configuration-error.js';
import { parseBoolean, parseLevel } from './log4j-properties.js';
import type { OptionValue } from './model.js';

function convert(kind: OptionKind, text: string, position: SourcePosition): unknown {
  switch (kind) {
    case 'string': return text;
    case 'trimmed': return text.trim();
    case 'boolean': return parseBoolean(text, position);
    case 'level': return parseLevel(text, position);
    case 'integer': {
      const t = text.trim();
      if (!/^[+-]?\d+$/.test(t)) throw errorAt(position, `expected a whole number, got "${text}"`);
      return Number(t);
    }
  }
}

/**
 * Maps options as a file spells them (`ConversionPattern`, `MAXFILESIZE`) onto
 * constructor keys, case-insensitively, converting each by its kind. An option the
 * component does not have is a warning, not an error: the rest still applies.
 */
export function convertOptions(
  kinds: Readonly<Record<string, OptionKind>>,
  options: ReadonlyMap<string, OptionValue>,
  owner: string,
  warnings: string[],
): Record<string, unknown> {
  const byLower = new Map(Object.keys(kinds).map((key) => [key.toLowerCase(), key]));
  const out: Record<string, unknown> = {};
  for (const [option, { value, position }] of options) {
    const key = byLower.get(option.toLowerCase());
    if (!key) {
      warnings.push(`${position.file}:${position.line}: ${position.key}: ${owner} has no option "${option}"; ignored`);
      continue;
    }
    out[key] = convert(kinds[key]!, value, position);
  }
  return out;
}
