import { FilterDecision } from './filter.js';

/** Log4j 2's onMatch / onMismatch words as decisions. */
export function filterResult(text: string | undefined, fallback: FilterDecision, option: string): FilterDecision {
  if (text === undefined) return fallback;
  switch (text.trim().toUpperCase()) {
    case 'ACCEPT': return FilterDecision.ACCEPT;
    case 'NEUTRAL': return FilterDecision.NEUTRAL;
    case 'DENY': return FilterDecision.DENY;
    default: throw new Error(`option ${option}: must be ACCEPT, NEUTRAL or DENY, got "${text}"`);
  }
}
