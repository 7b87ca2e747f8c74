import { Level } from '../level.js';
import type { LoggingEvent } from '../logging-event.js';
import { FilterDecision, type Filter } from './filter.js';

/** Accepts (or, with acceptOnMatch false, denies) events of exactly one level; neutral otherwise. */
export class LevelMatchFilter implements Filter {
  levelToMatch: Level | null;
  acceptOnMatch: boolean;

  constructor(options: { levelToMatch?: Level | string | null; acceptOnMatch?: boolean } = {}) {
    const level = options.levelToMatch;
    this.levelToMatch = typeof level === 'string' ? Level.toLevel(level) ?? null : level ?? null;
    this.acceptOnMatch = options.acceptOnMatch ?? true;
  }

  decide(event: LoggingEvent): FilterDecision {
    if (this.levelToMatch === null || event.level.value !== this.levelToMatch.value) return FilterDecision.NEUTRAL;
    return this.acceptOnMatch ? FilterDecision.ACCEPT : FilterDecision.DENY;
  }
}
