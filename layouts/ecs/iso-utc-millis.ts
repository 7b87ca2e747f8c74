let lastSecond = NaN;
let secondPrefix = '';

/**
 * `2026-11-29T19:54:02.123Z` for milliseconds since the epoch: ISO 8601 in UTC with
 * milliseconds, as ECS's `@timestamp` wants it. The text up to the seconds is kept
 * for the second it belongs to, so events of one second pay for three digits only.
 */
export function isoUtcMillis(ms: number): string {
  const whole = Math.floor(ms);
  const second = Math.floor(whole / 1000);
  const millis = whole - second * 1000;
  if (second !== lastSecond) {
    const iso = new Date(second * 1000).toISOString();
    secondPrefix = iso.slice(0, iso.length - 4);
    lastSecond = second;
  }
  return secondPrefix + (millis < 10 ? '00' : millis < 100 ? '0' : '') + millis + 'Z';
}
