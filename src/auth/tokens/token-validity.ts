/**
 * How long a new token lives: whole days or calendar months, until an instant
 * (epoch milliseconds, as resolution's `tokenExpirationDateTime` gives it), or never.
 */
export type TokenValidity = { days: number } | { months: number } | { until: number } | 'never';

const DAY = 86_400_000;

export function describeValidity(validity: TokenValidity): string {
  if (validity === 'never') return 'never expiring';
  if ('days' in validity) return `${validity.days} days`;
  if ('until' in validity) return `until ${new Date(validity.until).toISOString()}`;
  return `${validity.months} months`;
}

export function checkValidity(validity: unknown, what: string): TokenValidity {
  if (validity === 'never') return validity;
  if (typeof validity === 'object' && validity !== null && 'until' in validity) {
    const until = (validity as { until: unknown }).until;
    if (Object.keys(validity).length === 1 && Number.isSafeInteger(until)) return { until: until as number };
  } else if (typeof validity === 'object' && validity !== null) {
    const v = validity as { days?: unknown; months?: unknown };
    const count = 'days' in v ? v.days : v.months;
    if (('days' in v) !== ('months' in v) && Number.isInteger(count) && (count as number) > 0) {
      return 'days' in v ? { days: count as number } : { months: count as number };
    }
  }
  throw new TypeError(`${what}: expected {days: N}, {months: N} (N a positive whole number), {until: epoch milliseconds} or "never", got ${JSON.stringify(validity)}`);
}

/**
 * Expiry instant for a token created at `from`; null for never. Months are calendar
 * months in UTC, clamped to the last day of a shorter month (Jan 31 + 1 month is
 * Feb 28/29), as Java's plusMonths does.
 */
export function expiryOf(validity: TokenValidity, from: number): number | null {
  if (validity === 'never') return null;
  if ('days' in validity) return from + validity.days * DAY;
  if ('until' in validity) return validity.until;
  const start = new Date(from);
  const targetMonth = start.getUTCMonth() + validity.months;
  const lastDay = new Date(Date.UTC(start.getUTCFullYear(), targetMonth + 1, 0)).getUTCDate();
  const end = new Date(from);
  end.setUTCDate(1);
  end.setUTCMonth(targetMonth);
  end.setUTCDate(Math.min(start.getUTCDate(), lastDay));
  return end.getTime();
}
