/**
 * What the two token families look like (see api-token.ts and pat-token.ts): an
 * API token is 16 hex characters of id and 32 Base64url characters, a personal
 * access token 44 Base64 characters. Searched anywhere in a text, not only as the
 * whole of it, so a token pasted with a prefix or suffix is still found.
 */
const TOKEN_SHAPED = /[0-9a-f]{16}[A-Za-z0-9_-]{32}|[A-Za-z0-9+/]{44}/;

/** True when `text` holds something with the shape of an API token or a personal access token. */
export function containsTokenShape(text: string): boolean {
  return TOKEN_SHAPED.test(text);
}
