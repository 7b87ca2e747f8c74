import { BadRequestError } from './json-body.js';

/**
 * Typed reads of the fields of a parsed JSON body. A field of the wrong type is a
 * 400 naming the field and what it got; `null` counts as absent, as Jackson-based
 * product endpoints treat it. Text values are shown shortened: token request
 * bodies carry no secrets, but a long pasted value has no place in an error.
 */
export class JsonFields {
  constructor(private readonly body: Record<string, unknown>) {}

  /** Whether the field is given (present and not null). */
  has(key: string): boolean {
    return this.body[key] !== undefined && this.body[key] !== null;
  }

  /**
   * The one of `keys` the body gives, or undefined for none; two or more given is
   * a 400, so that `{"tokenDescription": "a", "description": "b"}` is not silently
   * half-read.
   */
  oneOf(...keys: string[]): string | undefined {
    const given = keys.filter((key) => this.has(key));
    if (given.length > 1) throw new BadRequestError(400, `Give only one of ${given.map((k) => `"${k}"`).join(', ')}`);
    return given[0];
  }

  /** The value as parsed, for fields whose type the caller checks itself (an enumeration of numbers, say). */
  raw(key: string): unknown {
    return this.body[key];
  }

  string(key: string): string | undefined {
    const value = this.body[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw wrongType(key, 'a string', value);
    return value;
  }

  /** A JSON number that is a whole number within `min`..`max` (`6.0` is accepted, `"6"` and `6.5` are not). */
  wholeNumber(key: string, min: number, max: number): number | undefined {
    const value = this.body[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw wrongType(key, `a whole number from ${min} to ${max}`, value);
    }
    return value;
  }

  boolean(key: string): boolean | undefined {
    const value = this.body[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') throw wrongType(key, 'true or false', value);
    return value;
  }
}

export function wrongType(key: string, expected: string, value: unknown): BadRequestError {
  return new BadRequestError(400, `Field "${key}" must be ${expected}, got ${shown(value)}`);
}

function shown(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object' && value !== null) return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
