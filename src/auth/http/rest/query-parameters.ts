import { BadRequestError } from '../json-body.js';

/**
 * The query parameters of a request, read strictly: a missing one is undefined, a
 * malformed or repeated one is a 400 naming the parameter. The value is not
 * echoed: a query string is where Jira clients put `os_password`.
 */
export class QueryParameters {
  private constructor(private readonly params: URLSearchParams) {}

  /** From a request target (`req.url`); never throws. */
  static of(target: string): QueryParameters {
    const start = target.indexOf('?');
    if (start < 0) return new QueryParameters(new URLSearchParams());
    const end = target.indexOf('#', start);
    return new QueryParameters(new URLSearchParams(target.slice(start + 1, end < 0 ? undefined : end)));
  }

  string(key: string): string | undefined {
    const values = this.params.getAll(key);
    if (values.length > 1) throw new BadRequestError(400, `Query parameter "${key}" is given ${values.length} times; give it once`);
    return values[0];
  }

  /** A parameter that may be repeated (`?userFilter=a&userFilter=b`): every value, in order; empty when absent. */
  strings(key: string): string[] {
    return this.params.getAll(key);
  }

  /** A whole number in decimal digits (an optional minus sign when `min` is negative), within `min`..`max`. */
  integer(key: string, min: number, max: number): number | undefined {
    const text = this.string(key);
    if (text === undefined) return undefined;
    const value = /^-?\d{1,16}$/.test(text) ? Number(text) : NaN;
    if (!(value >= min && value <= max)) {
      throw new BadRequestError(400, `Query parameter "${key}" must be a whole number from ${min} to ${max}`);
    }
    return value;
  }
}
