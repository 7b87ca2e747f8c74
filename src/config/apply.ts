import type { Appender } from '../../appenders/appender.js';
import type { Hierarchy } from '../hierarchy.js';
import { InternalLog } from '../internal-log.js';
import { Level } from '../level.js';
import type { Logger } from '../logger.js';
import type { BuiltAppender, BuiltConfiguration } from './build.js';

/** What a configuration put into a hierarchy, so that the next one can take it back out. */
export interface AppliedConfiguration {
  readonly appenders: ReadonlyMap<string, BuiltAppender>;
  /** Loggers whose level, additivity or appenders the configuration set ('root' included). */
  readonly loggers: ReadonlySet<string>;
  /** Whether the configuration set the repository threshold. */
  readonly threshold: boolean;
}

export const NOTHING_APPLIED: AppliedConfiguration = { appenders: new Map(), loggers: new Set(), threshold: false };

/**
 * Swaps a fully built configuration into the hierarchy in one synchronous step, so
 * no logging call can run in between: an event is handled entirely by the old
 * configuration or entirely by the new one, never lost and never twice.
 *
 * The file owns what it names: loggers it configured before but no longer names go
 * back to inheriting, loggers it names lose their previous appenders (as
 * PropertyConfigurator does). With `reset` every logger is cleared first.
 * Returns the appenders that are no longer used; the caller closes them after the swap.
 */
export function applyConfiguration(
  hierarchy: Hierarchy,
  built: BuiltConfiguration,
  previous: AppliedConfiguration,
): { applied: AppliedConfiguration; retired: Appender[] } {
  const { model } = built;
  const keep = new Set<Appender>([...built.appenders.values()].map((b) => b.appender));
  const owned = new Set<Appender>([...previous.appenders.values()].map((b) => b.appender));
  const detached = new Set<Appender>();
  const loggerFor = (name: string): Logger => hierarchy.getLogger(name === 'root' ? null : name);

  const clear = (logger: Logger, onlyOwned: boolean): void => {
    for (const appender of logger.removeAllAppenders()) {
      if (onlyOwned && !owned.has(appender)) logger.addAppender(appender);
      else detached.add(appender);
    }
    if (logger === hierarchy.root) logger.level = Level.DEBUG;
    else logger.level = null;
    logger.additivity = true;
  };

  if (model.reset) {
    clear(hierarchy.root, false);
    for (const logger of hierarchy.getCurrentLoggers()) clear(logger, false);
  } else {
    for (const name of previous.loggers) clear(loggerFor(name), true);
  }

  if (model.threshold) hierarchy.threshold = model.threshold;
  else if (previous.threshold || model.reset) hierarchy.threshold = Level.ALL;

  const configured = new Set<string>();
  for (const entry of [...(model.root ? [model.root] : []), ...model.loggers]) {
    const logger = loggerFor(entry.name);
    configured.add(entry.name);
    if (entry.level !== undefined) logger.level = entry.name === 'root' && entry.level === null ? Level.DEBUG : entry.level;
    if (entry.additivity !== undefined) logger.additivity = entry.additivity;
    // PropertyConfigurator begins a logger it names by removing its existing appenders;
    // ones the configuration did not create are detached but left open for their owner.
    for (const appender of logger.removeAllAppenders()) {
      if (owned.has(appender)) detached.add(appender);
    }
    for (const ref of entry.appenderRefs) {
      const builtAppender = built.appenders.get(ref);
      if (builtAppender) logger.addAppender(builtAppender.appender);
    }
    if (model.debug) {
      InternalLog.debug(`logger "${entry.name}": level ${entry.level === undefined ? '(unchanged)' : String(entry.level ?? 'INHERITED')}, appenders [${entry.appenderRefs.join(', ')}]`);
    }
  }

  const retired = [...new Set([...detached, ...owned])].filter((appender) => !keep.has(appender));
  return { applied: { appenders: built.appenders, loggers: configured, threshold: model.threshold !== undefined }, retired };
}
