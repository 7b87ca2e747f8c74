/**
 * What one log message says about a token, in the wording of Atlassian's personal
 * access token plugin (`com.atlassian.pats`, TRACE/DEBUG), of resolution's API Token
 * Authentication (INFO) and of this module (src/auth/messages). Every kind except
 * `start` can appear once per request; seeing it again means a new request on a reused
 * thread.
 */
export type TokenEvent =
  | { readonly kind: 'start' }
  | { readonly kind: 'tokenId'; readonly tokenId: string }
  | { readonly kind: 'success'; readonly line: string; readonly tokenId?: string; readonly user?: string; readonly name?: string; readonly ownerKey?: string; readonly endpoint?: string }
  | { readonly kind: 'failure'; readonly line: string; readonly tokenId?: string; readonly user?: string; readonly reason: string; readonly endpoint?: string };

const GOT_TOKEN_ID = /^Got tokenId: \[(\d+)\]/;
const RETURNING_TOKEN = /^Authentication successful - returning token: \[TokenDTO\((.*)\)\]\s*$/;
const AUTH_SUCCESS = /^Auth SUCCESS for user: \[(.*)\] and tokenId: \[(\d+)\]/;
const AUTHENTICATED = /^Authenticated user: \[(.*)\] with token id: \[(\d+)\]/;
const FOUND = /^Found a matching token "(.*)" with (?:Read Only|Read & Write) scope and authenticated user (.*)\. Token was created on .*?\. REST endpoint: (\S+)/;
const VERIFICATION_FAILED = /^Token verification for user (.*?) failed: (.*?)(?:\. REST endpoint: (\S+))?$/;
const PASSED_ON = /^User (.*) tried to authenticate with an invalid token or regular password\..*?(?:REST endpoint: (\S+))?$/;
const RATE_LIMITED = /^User (.*) has been rate limited\./;
const NOT_FOUND = /^No token found for tokenId: \[(\d+)\]/;
const MISMATCH = /^Provided token does not match the hashed token with id: \[(\d+)\]/;
const EXPIRED = /^Token with id: \[(\d+)\] has expired/;
const FILTER_ENTERED = '>>> TokenBasedAuthenticationFilter.doFilter';

export function tokenEventOf(message: string): TokenEvent | undefined {
  // The first character picks the few patterns that can match: most token lines are read once each.
  let m: RegExpExecArray | null;
  switch (message.charCodeAt(0)) {
    case 0x3e: // >
      return message.startsWith(FILTER_ENTERED) ? { kind: 'start' } : undefined;
    case 0x47: // G
      return (m = GOT_TOKEN_ID.exec(message)) ? { kind: 'tokenId', tokenId: m[1]! } : undefined;
    case 0x41: // A
      if ((m = RETURNING_TOKEN.exec(message))) {
        const dto = tokenDtoFields(m[1]!);
        return { kind: 'success', line: 'returning', tokenId: dto.get('tokenId') ?? twelveDigits(dto.get('id')), name: dto.get('name'), ownerKey: dto.get('userKey') };
      }
      if ((m = AUTH_SUCCESS.exec(message))) return { kind: 'success', line: 'auth-success', user: m[1]!, tokenId: m[2]! };
      if ((m = AUTHENTICATED.exec(message))) return { kind: 'success', line: 'authenticated', user: m[1]!, tokenId: m[2]! };
      return undefined;
    case 0x46: // F
      return (m = FOUND.exec(message)) ? { kind: 'success', line: 'found', name: m[1]!, user: m[2]!, endpoint: m[3]! } : undefined;
    case 0x54: // T
      if ((m = VERIFICATION_FAILED.exec(message))) return { kind: 'failure', line: 'verification', user: m[1]!, reason: m[2]!, endpoint: m[3] };
      if ((m = EXPIRED.exec(message))) return { kind: 'failure', line: 'expired', tokenId: m[1]!, reason: 'token expired' };
      return undefined;
    case 0x55: // U
      if ((m = PASSED_ON.exec(message))) return { kind: 'failure', line: 'passed-on', user: m[1]!, reason: 'invalid token or regular password', endpoint: m[2] };
      if ((m = RATE_LIMITED.exec(message))) return { kind: 'failure', line: 'rate-limited', user: m[1]!, reason: 'rate limited' };
      return undefined;
    case 0x4e: // N
      return (m = NOT_FOUND.exec(message)) ? { kind: 'failure', line: 'not-found', tokenId: m[1]!, reason: 'no such token' } : undefined;
    case 0x50: // P
      return (m = MISMATCH.exec(message)) ? { kind: 'failure', line: 'mismatch', tokenId: m[1]!, reason: 'token does not match its hash' } : undefined;
    default:
      return undefined;
  }
}

/**
 * `TokenDTO(id=1, userKey=JIRAUSER10000, tokenId=355510638677, name=test, ...)`, as
 * Lombok's toString prints it. Splitting at `, key=` keeps a name holding commas whole.
 */
export function tokenDtoFields(body: string): Map<string, string> {
  const fields = new Map<string, string>();
  const starts: { key: string; at: number; valueAt: number }[] = [];
  const field = /(?:^|, )([A-Za-z_][A-Za-z0-9_]*)=/g;
  let m: RegExpExecArray | null;
  while ((m = field.exec(body))) starts.push({ key: m[1]!, at: m.index, valueAt: m.index + m[0].length });
  starts.forEach((start, i) => {
    const end = i + 1 < starts.length ? starts[i + 1]!.at : body.length;
    const value = body.slice(start.valueAt, end);
    if (value !== 'null' && !fields.has(start.key)) fields.set(start.key, value);
  });
  return fields;
}

/** Atlassian's token ids are 12 digits; a DTO's short `id` is its database row number. */
function twelveDigits(value: string | undefined): string | undefined {
  return value !== undefined && /^\d{12}$/.test(value) ? value : undefined;
}
