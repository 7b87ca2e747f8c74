import type { ServerResponse } from 'node:http';
import type { SafeHtml } from './html.js';

/**
 * No script or style but the console's own files, no frames, no plugins, forms
 * only to the console's origin: an injected tag can neither run nor phone home.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

function securityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  // Console URLs carry filters and appender names: they stay on this site.
  res.setHeader('Referrer-Policy', 'same-origin');
}

/** A console page: never cached, since it shows live settings and the session's CSRF token. */
export function sendPage(res: ServerResponse, status: number, page: SafeHtml): void {
  securityHeaders(res);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.statusCode = status;
  res.end(page.text);
}

export function sendConsoleJson(res: ServerResponse, status: number, value: unknown): void {
  securityHeaders(res);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.statusCode = status;
  res.end(JSON.stringify(value));
}

export function sendAsset(res: ServerResponse, contentType: string, body: string, etag: string, ifNoneMatch: string | undefined): void {
  securityHeaders(res);
  // Revalidated on every use, so a new version of the console is picked up at once.
  res.setHeader('Cache-Control', 'no-cache');
  res.setHeader('ETag', etag);
  if (ifNoneMatch === etag) {
    res.statusCode = 304;
    res.end();
    return;
  }
  res.setHeader('Content-Type', contentType);
  res.statusCode = 200;
  res.end(body);
}

/** 303: the browser follows with a GET, so reloading the result does not post again. */
export function redirect(res: ServerResponse, location: string, cookies: readonly string[] = []): void {
  securityHeaders(res);
  res.setHeader('Cache-Control', 'no-store');
  if (cookies.length > 0) res.setHeader('Set-Cookie', [...cookies]);
  res.statusCode = 303;
  res.setHeader('Location', location);
  res.end();
}
