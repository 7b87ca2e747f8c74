/** The value of one cookie in a Cookie header; undefined when absent. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const equals = part.indexOf('=');
    if (equals < 0) continue;
    if (part.slice(0, equals).trim() === name) return part.slice(equals + 1).trim();
  }
  return undefined;
}

export interface CookieSettings {
  readonly path: string;
  readonly secure: boolean;
}

/**
 * A console cookie: never readable by script (HttpOnly), never sent with a request
 * another site starts (SameSite=Strict), only to the console's own path. Values
 * are base64url, so need no quoting. No Max-Age: a session cookie, gone with the browser.
 */
export function setCookie(name: string, value: string, settings: CookieSettings): string {
  return `${name}=${value}; Path=${settings.path}; HttpOnly; SameSite=Strict${settings.secure ? '; Secure' : ''}`;
}

export function clearCookie(name: string, settings: CookieSettings): string {
  return `${name}=; Path=${settings.path}; Max-Age=0; HttpOnly; SameSite=Strict${settings.secure ? '; Secure' : ''}`;
}
