/** What an Authorization header carried, or why it was refused. */
export type Credentials =
  | { readonly kind: 'none' }
  | { readonly kind: 'malformed'; readonly reason: string }
  | { readonly kind: 'bearer'; readonly token: string }
  | { readonly kind: 'basic'; readonly user: string; readonly secret: string };

/** Real headers are a few hundred bytes; anything this long is refused before decoding. */
export const MAX_AUTHORIZATION_LENGTH = 8192;

const NONE: Credentials = Object.freeze({ kind: 'none' });
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const TOKEN68 = /^[A-Za-z0-9\-._~+/]+=*$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

function malformed(reason: string): Credentials {
  return { kind: 'malformed', reason };
}

/**
 * Parses `Authorization: Bearer <token>` and `Authorization: Basic <base64(user:secret)>`.
 * Reasons for refusal describe the shape only and never echo the header's content.
 */
export function parseAuthorizationHeader(header: string | readonly string[] | undefined): Credentials {
  if (header === undefined) return NONE;
  if (typeof header !== 'string') {
    if (header.length !== 1) return header.length === 0 ? NONE : malformed('more than one Authorization header');
    header = header[0]!;
  }
  if (header.length > MAX_AUTHORIZATION_LENGTH) return malformed(`header longer than ${MAX_AUTHORIZATION_LENGTH} characters`);
  if (!PRINTABLE_ASCII.test(header)) return malformed('header contains characters outside printable ASCII');
  const trimmed = header.trim();
  if (trimmed === '') return NONE;
  const space = trimmed.indexOf(' ');
  if (space < 0) return malformed('no credentials after the scheme');
  const scheme = trimmed.slice(0, space).toLowerCase();
  const value = trimmed.slice(space + 1).trim();

  if (scheme === 'bearer') {
    if (!TOKEN68.test(value)) return malformed('bearer token is not a token68 value');
    return { kind: 'bearer', token: value };
  }
  if (scheme !== 'basic') return malformed('unsupported scheme');
  if (value.length % 4 !== 0 || !BASE64.test(value)) return malformed('basic credentials are not valid Base64');
  let decoded: string;
  try {
    decoded = utf8.decode(Buffer.from(value, 'base64'));
  } catch {
    return malformed('basic credentials are not UTF-8');
  }
  const colon = decoded.indexOf(':');
  if (colon < 0) return malformed('basic credentials have no ":" between user and password');
  const user = decoded.slice(0, colon);
  const secret = decoded.slice(colon + 1);
  if (user === '') return malformed('basic credentials have an empty user name');
  return { kind: 'basic', user, secret };
}
