import type { LoggingEvent } from '../logging-event.js';

/** A filter's verdict. The chain stops at the first DENY or ACCEPT; NEUTRAL asks the next filter. */
export enum FilterDecision {
  DENY = -1,
  NEUTRAL = 0,
  ACCEPT = 1,
}

export interface Filter {
  decide(event: LoggingEvent): FilterDecision;
}

/** Runs a filter chain: true when the event should be appended. */
export function passesFilters(filters: readonly Filter[], event: LoggingEvent): boolean {
  for (let i = 0; i < filters.length; i++) {
    const decision = filters[i]!.decide(event);
    if (decision === FilterDecision.DENY) return false;
    if (decision === FilterDecision.ACCEPT) return true;
  }
  return true;
}
