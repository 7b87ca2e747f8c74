import type { LoggingEvent } from '../logging-event.js';
import { FilterDecision, type Filter } from './filter.js';
import { filterResult } from './filter-result.js';
import { repeatsRepeatingGroup } from './nested-quantifier.js';

export interface RegexFilterOptions {
  regex?: string;
  /** ACCEPT, NEUTRAL or DENY when the whole message matches (default NEUTRAL). */
  onMatch?: string;
  /** When it does not (default DENY). */
  onMismatch?: string;
}

/**
 * Log4j 2's RegexFilter: the whole formatted message against a regular expression.
 * It runs on every event the appender gets, on text users may control, so a pattern
 * with a quantified group inside a quantifier (exponential backtracking) is refused.
 */
export class RegexFilter implements Filter {
  private readonly pattern: RegExp;
  private readonly onMatch: FilterDecision;
  private readonly onMismatch: FilterDecision;

  constructor(options: RegexFilterOptions = {}) {
    const source = options.regex;
    if (source === undefined || source === '') throw new Error('option regex: a regular expression is needed');
    if (repeatsRepeatingGroup(source)) {
      throw new Error(`option regex: "${source}" repeats a group that repeats (like (a+)+), which can take exponential time on a message; write it without the nesting`);
    }
    try {
      this.pattern = new RegExp(`^(?:${source})$`, 's');
    } catch (cause) {
      throw new Error(`option regex: "${source}" is not a regular expression (${cause instanceof Error ? cause.message : String(cause)})`);
    }
    this.onMatch = filterResult(options.onMatch, FilterDecision.NEUTRAL, 'onMatch');
    this.onMismatch = filterResult(options.onMismatch, FilterDecision.DENY, 'onMismatch');
  }

  decide(event: LoggingEvent): FilterDecision {
    return this.pattern.test(event.message) ? this.onMatch : this.onMismatch;
  }
}
