import type { CreateTokenRequest } from '../../tokens/token-service.js';
import type { TokenScope } from '../../tokens/token-scope.js';
import type { TokenValidity } from '../../tokens/token-validity.js';
import { BadRequestError } from '../json-body.js';
import { JsonFields, wrongType } from '../json-fields.js';
import { parseOffsetDateTime } from '../offset-date-time.js';

/** resolution's scope numbers: 1 read-only, 2 read/write (0, "no scope", exists only for tokens made before its 1.5.0). */
export const SCOPE_NUMBER: Readonly<Record<TokenScope, 1 | 2>> = { READ_ONLY: 1, READ_WRITE: 2 };

/** What a request without any validity field gets (resolution's documentation leaves it to the administrator's settings). */
const DEFAULT_VALIDITY: TokenValidity = { days: 90 };
const MAX_MONTHS = 1200;
const MAX_DAYS = 36_500;
/** The largest instant a JavaScript Date holds; anything later is no date at all. */
const MAX_MILLIS = 8_640_000_000_000_000;

/**
 * The body of resolution's `POST /user/token`: `tokenDescription`,
 * `tokenValidityTimeInMonths` | `tokenExpirationDateTime` (ISO 8601 with offset) |
 * `tokenExpirationDateTimeMillis`, `tokenScope` (1 or 2), `tokenForUserKey`.
 * This module's earlier names are accepted as aliases: `description`,
 * `validityMonths`, `validityDays`, `nonExpiring: true`, `scope`
 * ("READ_ONLY" / "READ_WRITE"), `owner`. A name and its alias together, or two
 * ways of giving the expiry, are a 400 rather than one silently winning.
 */
export function createTokenRequestOf(body: Record<string, unknown>): CreateTokenRequest {
  const fields = new JsonFields(body);
  const descriptionKey = fields.oneOf('tokenDescription', 'description');
  const ownerKey = fields.oneOf('tokenForUserKey', 'owner');
  const owner = ownerKey === undefined ? undefined : fields.string(ownerKey);
  if (owner === '') throw new BadRequestError(400, `Field "${ownerKey}" must name a user, got ""`);
  return {
    owner,
    description: descriptionKey === undefined ? undefined : fields.string(descriptionKey),
    scope: scopeOf(fields),
    validity: validityOf(fields),
    family: 'api',
  };
}

/** The body of `PATCH /user/token/{id}`: `tokenDescription` (alias `description`), required. */
export function newDescriptionOf(body: Record<string, unknown>): string {
  const fields = new JsonFields(body);
  const key = fields.oneOf('tokenDescription', 'description');
  if (key === undefined) throw new BadRequestError(400, 'Field "tokenDescription" is required');
  return fields.string(key)!;
}

function scopeOf(fields: JsonFields): TokenScope | undefined {
  const key = fields.oneOf('tokenScope', 'scope');
  if (key === undefined) return undefined;
  const value = fields.raw(key);
  if (key === 'tokenScope') {
    if (value === 1) return 'READ_ONLY';
    if (value === 2) return 'READ_WRITE';
    throw wrongType(key, '1 (read-only) or 2 (read/write)', value);
  }
  if (value === 'READ_ONLY' || value === 'READ_WRITE') return value;
  throw wrongType(key, '"READ_ONLY" or "READ_WRITE"', value);
}

function validityOf(fields: JsonFields): TokenValidity {
  const nonExpiring = fields.boolean('nonExpiring') === true;
  const key = fields.oneOf('tokenValidityTimeInMonths', 'tokenExpirationDateTime', 'tokenExpirationDateTimeMillis', 'validityMonths', 'validityDays');
  if (nonExpiring && key !== undefined) throw new BadRequestError(400, `Give only one of "nonExpiring", "${key}"`);
  if (nonExpiring) return 'never';
  switch (key) {
    case undefined:
      return DEFAULT_VALIDITY;
    case 'tokenValidityTimeInMonths':
    case 'validityMonths':
      return { months: fields.wholeNumber(key, 1, MAX_MONTHS)! };
    case 'validityDays':
      return { days: fields.wholeNumber(key, 1, MAX_DAYS)! };
    case 'tokenExpirationDateTimeMillis':
      return { until: fields.wholeNumber(key, 0, MAX_MILLIS)! };
    default: {
      const text = fields.string(key)!;
      const until = parseOffsetDateTime(text);
      if (until === null || Math.abs(until) > MAX_MILLIS) {
        throw wrongType(key, 'an ISO 8601 date and time with an offset, such as "2020-10-19T10:29:00.000+02:00"', text);
      }
      return { until };
    }
  }
}
