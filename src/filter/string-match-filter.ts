import type { LoggingEvent } from '../logging-event.js';
import { FilterDecision, type Filter } from './filter.js';

/** Accepts (or denies) events whose message contains a string; neutral otherwise. */
export class StringMatchFilter implements Filter {
  stringToMatch: string | null;
  acceptOnMatch: boolean;

  constructor(options: { stringToMatch?: string | null; acceptOnMatch?: boolean } = {}) {
    this.stringToMatch = options.stringToMatch ?? null;
    this.acceptOnMatch = options.acceptOnMatch ?? true;
  }

  decide(event: LoggingEvent): FilterDecision {
    if (this.stringToMatch === null || !event.message.includes(this.stringToMatch)) return FilterDecision.NEUTRAL;
    return this.acceptOnMatch ? FilterDecision.ACCEPT : FilterDecision.DENY;
  }
}
