/**
 * Appender options arrive typed from code and as strings from configuration files;
 * these read either form and name the option when the value is wrong.
 */
export function toBoolean(value: boolean | string | undefined, option: string, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  if (typeof value === 'boolean') return value;
  const text = value.trim().toLowerCase();
  if (text === 'true') return true;
  if (text === 'false') return false;
  throw new Error(`${option}: expected true or false, got "${value}"`);
}

export function toNonNegativeInteger(value: number | string | undefined, option: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const number = typeof value === 'number' ? value : Number(value.trim());
  if (!Number.isInteger(number) || number < 0) throw new Error(`${option}: expected a whole number >= 0, got "${value}"`);
  return number;
}

/** File permission bits: a number, or an octal string as written in a shell (`0640`, `640`). */
export function toFileMode(value: number | string | undefined, option: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 0 && value <= 0o7777) return value;
  } else if (/^\s*0?[0-7]{3,4}\s*$/.test(value)) {
    return parseInt(value.trim(), 8);
  }
  throw new Error(`${option}: expected permission bits such as 0640, got "${String(value)}"`);
}
