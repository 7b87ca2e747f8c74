import type { PostOutcome } from './http-post.js';

/** What to do with a batch after one POST, by the OTLP/HTTP specification's rules. */
export type Verdict =
  | { readonly kind: 'sent'; readonly rejected: number; readonly message: string }
  | { readonly kind: 'retry'; readonly reason: string; readonly retryAfterMs?: number }
  | { readonly kind: 'refused'; readonly reason: string };

/** The statuses the OTLP/HTTP specification calls retryable; any other 4xx or 5xx is final. */
const RETRYABLE = new Set([429, 502, 503, 504]);

/** A collector's own words, on one line and short, for a report. */
function collectorMessage(body: string | undefined): string {
  if (body === undefined || body.trim() === '') return '';
  let text = body;
  try {
    const parsed = JSON.parse(body) as { message?: unknown; partialSuccess?: { errorMessage?: unknown } };
    if (typeof parsed.message === 'string') text = parsed.message;
  } catch {
    // Not JSON (a proxy's HTML page): its text is reported as it is.
  }
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? line.slice(0, 200) + '...' : line;
}

/**
 * `Retry-After` as milliseconds from `now`: delay-seconds or an HTTP-date; a date
 * in the past is 0; anything else is ignored (undefined).
 */
export function retryAfterMs(header: string | undefined, now: number): number | undefined {
  if (header === undefined) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function verdictOf(outcome: PostOutcome, now: number): Verdict {
  if (outcome.status === undefined) return { kind: 'retry', reason: outcome.error?.message ?? 'no response' };
  const status = outcome.status;
  if (status >= 200 && status < 300) {
    let rejected = 0;
    let message = '';
    try {
      const partial = (JSON.parse(outcome.body || '{}') as { partialSuccess?: { rejectedLogRecords?: unknown; errorMessage?: unknown } }).partialSuccess;
      rejected = Number(partial?.rejectedLogRecords ?? 0) || 0;
      message = typeof partial?.errorMessage === 'string' ? collectorMessage(partial.errorMessage) : '';
    } catch {
      // A 2xx whose body is not JSON is still a success.
    }
    return { kind: 'sent', rejected, message };
  }
  const said = collectorMessage(outcome.body);
  const reason = `HTTP ${status}${said ? `: ${said}` : ''}`;
  if (RETRYABLE.has(status)) return { kind: 'retry', reason, retryAfterMs: retryAfterMs(outcome.retryAfter, now) };
  return { kind: 'refused', reason };
}

/**
 * The wait before retry number `attempt` (0 for the first): `initial` doubled per
 * attempt up to `max`, times a jitter factor between 0.5 and 1 from `random`, so
 * that many processes cut off by one outage do not come back in step.
 */
export function backoffDelay(attempt: number, initial: number, max: number, random: () => number): number {
  const ceiling = Math.min(max, initial * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling * (0.5 + 0.5 * random()));
}
