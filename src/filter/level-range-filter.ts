import { Level } from '../level.js';
import type { LoggingEvent } from '../logging-event.js';
import { FilterDecision, type Filter } from './filter.js';

function toLevel(level: Level | string | null | undefined): Level | null {
  return typeof level === 'string' ? Level.toLevel(level) ?? null : level ?? null;
}

/**
 * Denies events outside [levelMin, levelMax]; inside, accepts when acceptOnMatch is
 * true and otherwise stays neutral (log4j's default, so later filters still decide).
 */
export class LevelRangeFilter implements Filter {
  levelMin: Level | null;
  levelMax: Level | null;
  acceptOnMatch: boolean;

  constructor(options: { levelMin?: Level | string | null; levelMax?: Level | string | null; acceptOnMatch?: boolean } = {}) {
    this.levelMin = toLevel(options.levelMin);
    this.levelMax = toLevel(options.levelMax);
    this.acceptOnMatch = options.acceptOnMatch ?? false;
  }

  decide(event: LoggingEvent): FilterDecision {
    const value = event.level.value;
    if (this.levelMin !== null && value < this.levelMin.value) return FilterDecision.DENY;
    if (this.levelMax !== null && value > this.levelMax.value) return FilterDecision.DENY;
    return this.acceptOnMatch ? FilterDecision.ACCEPT : FilterDecision.NEUTRAL;
  }
}
