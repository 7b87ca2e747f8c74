import type { Level } from '../src/level.js';
import type { LoggingEvent } from '../src/logging-event.js';
import type { Appender } from './appender.js';

/**
 * Log4j 2's `<AppenderRef ref="file" level="WARN"/>`: what one logger sends to one
 * appender, cut at a level, while other loggers attached to the same appender send
 * it everything. The appender is shared, not copied (one file, one writer), and not
 * owned: closing is the configuration's business.
 */
export class LevelGate implements Appender {
  readonly forwardsTo: readonly Appender[];

  constructor(
    readonly target: Appender,
    readonly level: Level,
  ) {
    this.forwardsTo = [target];
  }

  get name(): string | undefined {
    return this.target.name;
  }

  get requiresLocation(): boolean {
    return this.target.requiresLocation === true;
  }

  append(event: LoggingEvent): void {
    if (event.level.value >= this.level.value) this.target.append(event);
  }
}
