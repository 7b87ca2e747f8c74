const UNITS: Record<string, number> = {
  '': 1,
  B: 1,
  K: 1024,
  KB: 1024,
  M: 1024 * 1024,
  MB: 1024 * 1024,
  G: 1024 * 1024 * 1024,
  GB: 1024 * 1024 * 1024,
};

/**
 * Parses a size as log4j's OptionConverter.toFileSize does (`20480KB`, `10MB`, `1GB`,
 * plain bytes; units are powers of 1024, case-insensitive), also accepting the
 * single-letter forms `10M`. Unlike log4j, a value that does not parse is an error
 * naming the option, not a silent fallback to the default.
 */
export function parseByteSize(value: number | string, option: string): number {
  if (typeof value === 'number') {
    if (Number.isFinite(value) && value > 0) return Math.floor(value);
    throw new Error(`${option}: expected a positive size, got ${value}`);
  }
  const match = /^\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*$/.exec(value);
  const unit = match ? UNITS[match[2]!.toUpperCase()] : undefined;
  if (!match || unit === undefined) {
    throw new Error(`${option}: "${value}" is not a size (use bytes or a number with KB, MB or GB)`);
  }
  const bytes = Math.floor(Number(match[1]) * unit);
  if (bytes <= 0) throw new Error(`${option}: expected a positive size, got "${value}"`);
  return bytes;
}
