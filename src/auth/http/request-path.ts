/**
 * The path of a request target, without query or fragment: the only part of a URL
 * that goes into a log line or the MDC. Jira still accepts `?os_password=`, and a
 * query string may carry a token.
 */
export function requestPath(target: string): string {
  const end = target.search(/[?#]/);
  return end < 0 ? target : target.slice(0, end);
}
