import type { Appender } from '../../appenders/appender.js';
import { LevelGate } from '../../appenders/level-gate.js';
import type { Hierarchy } from '../hierarchy.js';
import { InternalLog } from '../internal-log.js';
import { Level } from '../level.js';
import type { Logger } from '../logger.js';
import type { BuiltAppender, BuiltConfiguration } from './build.js';

/** What configurations put into a hierarchy and still own: the appenders they built, by name. */
export interface AppliedConfiguration {
  readonly appenders: ReadonlyMap<string, BuiltAppender>;
}

export const NOTHING_APPLIED: AppliedConfiguration = { appenders: new Map() };

/**
 * Swaps a fully built configuration into the hierarchy in one synchronous step, so
 * no logging call can run in between: an event is handled entirely by the old
 * configuration or entirely by the new one, never lost and never twice.
 *
 * As log4j's PropertyConfigurator, a configuration changes only what it names: a
 * logger it names loses its previous appenders and takes the named ones, its level
 * and additivity change only when written; loggers, additivity and the threshold it
 * does not name keep their settings, unless `reset` clears everything first. So a
 * file read while it is still being written (a prefix of the final one) cannot
 * take appenders away from loggers the rest of the file configures.
 * A logger the file does not name keeps an appender by name: when the new
 * configuration defines that name, the logger gets the new instance.
 * Returns the appenders no logger uses any more; the caller closes them after the swap.
 */
export function applyConfiguration(
  hierarchy: Hierarchy,
  built: BuiltConfiguration,
  previous: AppliedConfiguration,
): { applied: AppliedConfiguration; retired: Appender[] } {
  const { model } = built;
  const nameOf = new Map<Appender, string>([...previous.appenders].map(([name, b]) => [b.appender, name]));
  const detached = new Set<Appender>();
  const loggerFor = (name: string): Logger => hierarchy.getLogger(name === 'root' ? null : name);

  if (model.reset) {
    for (const logger of [hierarchy.root, ...hierarchy.getCurrentLoggers()]) {
      for (const appender of logger.removeAllAppenders()) detached.add(appender);
      logger.level = logger === hierarchy.root ? Level.DEBUG : null;
      logger.additivity = true;
    }
    hierarchy.threshold = Level.ALL;
  }
  if (model.threshold) hierarchy.threshold = model.threshold;

  const named = new Set<string>();
  for (const entry of [...(model.root ? [model.root] : []), ...model.loggers]) {
    const logger = loggerFor(entry.name);
    named.add(entry.name);
    if (entry.level !== undefined) logger.level = entry.name === 'root' && entry.level === null ? Level.DEBUG : entry.level;
    if (entry.additivity !== undefined) logger.additivity = entry.additivity;
    // PropertyConfigurator begins a logger it names by removing its existing appenders;
    // ones the configuration did not create are detached but left open for their owner.
    for (const appender of logger.removeAllAppenders()) {
      if (nameOf.has(appender)) detached.add(appender);
    }
    for (const ref of entry.appenderRefs) {
      const builtAppender = built.appenders.get(ref);
      const level = entry.appenderRefLevels?.get(ref);
      if (builtAppender) logger.addAppender(level ? new LevelGate(builtAppender.appender, level) : builtAppender.appender);
    }
    if (model.debug) {
      InternalLog.debug(`logger "${entry.name}": level ${entry.level === undefined ? '(unchanged)' : String(entry.level ?? 'INHERITED')}, appenders [${entry.appenderRefs.join(', ')}]`);
    }
  }

  const appenders = new Map(built.appenders);
  if (!model.reset) {
    for (const logger of [hierarchy.root, ...hierarchy.getCurrentLoggers()]) {
      if (named.has(logger === hierarchy.root ? 'root' : logger.name)) continue;
      rebind(logger, nameOf, built.appenders, previous.appenders, appenders, detached);
    }
  }

  const inUse = new Set(hierarchy.allAppenders());
  const retired = [...new Set([...detached, ...nameOf.keys()])].filter((appender) => !inUse.has(appender));
  return { applied: { appenders }, retired };
}

/**
 * Gives a logger the configuration does not name the new instance of each appender
 * it had from an earlier configuration, so one file is never written by two
 * instances; an appender the new configuration does not define stays, still owned.
 */
function rebind(
  logger: Logger,
  nameOf: ReadonlyMap<Appender, string>,
  built: ReadonlyMap<string, BuiltAppender>,
  ownedBefore: ReadonlyMap<string, BuiltAppender>,
  owned: Map<string, BuiltAppender>,
  detached: Set<Appender>,
): void {
  // A gated appender (an AppenderRef with a level) is rebound through its gate.
  const inner = (appender: Appender): Appender => (appender instanceof LevelGate ? appender.target : appender);
  const current = logger.appenders;
  const stale = current.some((appender) => {
    const name = nameOf.get(inner(appender));
    return name !== undefined && built.has(name) && built.get(name)!.appender !== inner(appender);
  });
  if (stale) {
    for (const appender of logger.removeAllAppenders()) {
      const name = nameOf.get(inner(appender));
      const replacement = name === undefined ? undefined : built.get(name);
      if (!replacement || replacement.appender === inner(appender)) {
        logger.addAppender(appender);
        continue;
      }
      detached.add(inner(appender));
      logger.addAppender(appender instanceof LevelGate ? new LevelGate(replacement.appender, appender.level) : replacement.appender);
    }
  }
  for (const appender of logger.appenders) {
    const name = nameOf.get(inner(appender));
    if (name !== undefined && !owned.has(name)) owned.set(name, ownedBefore.get(name)!);
  }
}
