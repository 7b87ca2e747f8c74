import { Level } from './level.js';
import { Logger } from './logger.js';
import type { Appender } from '../appenders/appender.js';
import { InternalLog } from './internal-log.js';

/** Loggers waiting for an ancestor that does not exist yet (log4j's ProvisionNode). */
class ProvisionNode {
  readonly children: Logger[] = [];
}

const ROOT_NAME = 'root';

/**
 * The logger repository: dotted names, parents, the repository-wide threshold and
 * the caches that keep the logging call cheap. Level changes are rare and logging
 * is constant, so a change eagerly recomputes the enabled methods, but only of the
 * loggers it can reach: configuring 100,000 loggers must not visit 100,000 loggers
 * for each of them.
 */
export class Hierarchy {
  readonly root: Logger;
  private readonly table = new Map<string, Logger | ProvisionNode>();
  private readonly loggers: Logger[] = [];
  /** Each logger's children in the tree of parents, the reverse of `Logger.parent`. */
  private readonly children = new Map<Logger, Set<Logger>>();
  private repositoryThreshold: Level = Level.ALL;
  /** Depth of nested `batch` calls; while positive, cache refreshes wait for the end. */
  private batching = 0;
  private refreshPending = false;
  private warnedNoAppenders = false;

  constructor() {
    this.root = new Logger(ROOT_NAME, this);
    this.root.level = Level.DEBUG;
  }

  get threshold(): Level {
    return this.repositoryThreshold;
  }

  /** log4j.threshold: events below it are dropped whatever the loggers say. */
  set threshold(level: Level | string) {
    const resolved = typeof level === 'string' ? Level.toLevel(level) : level;
    if (!resolved) throw new Error(`Unknown threshold level "${String(level)}"`);
    this.repositoryThreshold = resolved;
    this.levelsChanged();
  }

  getLogger(name?: string | null): Logger {
    if (name == null || name === '' || name === ROOT_NAME) return this.root;
    const found = this.table.get(name);
    if (found instanceof Logger) return found;

    const logger = new Logger(name, this);
    this.table.set(name, logger);
    this.loggers.push(logger);
    if (found instanceof ProvisionNode) this.adoptChildren(found, logger);
    this.linkToParent(logger);
    if (this.batching > 0) this.refreshPending = true;
    else logger.refreshLevel();
    return logger;
  }

  exists(name: string): boolean {
    return this.table.get(name) instanceof Logger;
  }

  /** Every logger created so far, root excluded (as log4j's getCurrentLoggers). */
  getCurrentLoggers(): Logger[] {
    return [...this.loggers];
  }

  private linkToParent(logger: Logger): void {
    const name = logger.name;
    for (let dot = name.lastIndexOf('.'); dot > 0; dot = name.lastIndexOf('.', dot - 1)) {
      const prefix = name.slice(0, dot);
      const entry = this.table.get(prefix);
      if (entry instanceof Logger) {
        this.setParent(logger, entry);
        return;
      }
      if (entry) entry.children.push(logger);
      else {
        const node = new ProvisionNode();
        node.children.push(logger);
        this.table.set(prefix, node);
      }
    }
    this.setParent(logger, this.root);
  }

  private setParent(logger: Logger, parent: Logger): void {
    if (logger.parent) this.children.get(logger.parent)?.delete(logger);
    logger.parent = parent;
    let siblings = this.children.get(parent);
    if (!siblings) {
      siblings = new Set();
      this.children.set(parent, siblings);
    }
    siblings.add(logger);
  }

  /** A logger created after its descendants becomes their parent where it is nearer than their current one. */
  private adoptChildren(node: ProvisionNode, logger: Logger): void {
    const prefix = logger.name + '.';
    for (const child of node.children) {
      const parentName = child.parent!.name;
      if (child.parent === this.root || !parentName.startsWith(prefix)) {
        this.setParent(child, logger);
        // The new logger has no level or appenders of its own yet: effective levels
        // are unchanged, but cached appender lists below it walk a new chain.
        this.appendersChanged(child);
      }
    }
  }

  /**
   * Runs `change` (many level, additivity and appender changes, such as applying a
   * configuration) with the loggers' caches refreshed once at its end, in one pass
   * over every logger, instead of after each change. A logging call inside `change`
   * may still see the settings of before it.
   */
  batch<T>(change: () => T): T {
    this.batching++;
    try {
      return change();
    } finally {
      if (--this.batching === 0 && this.refreshPending) {
        this.refreshPending = false;
        this.forEachLogger((logger) => {
          logger.refreshLevel();
          logger.invalidateTargets();
        });
      }
    }
  }

  /**
   * @internal A level changed at `from`: refreshes it and the descendants that inherit
   * from it (a descendant with a level of its own shields its subtree). Without
   * `from` (the threshold changed) every logger is refreshed.
   */
  levelsChanged(from?: Logger): void {
    if (this.batching > 0) this.refreshPending = true;
    else if (from) this.visit(from, (logger) => logger.level === null, (logger) => logger.refreshLevel());
    else this.forEachLogger((logger) => logger.refreshLevel());
  }

  /**
   * @internal Appenders or additivity changed at `from`: forgets the cached appender
   * lists that pass through it (a non-additive descendant's list stops before it).
   * Without `from` every logger's list is forgotten.
   */
  appendersChanged(from?: Logger): void {
    if (this.batching > 0) this.refreshPending = true;
    else if (from) this.visit(from, (logger) => logger.additivity, (logger) => logger.invalidateTargets());
    else this.forEachLogger((logger) => logger.invalidateTargets());
  }

  private visit(from: Logger, reaches: (descendant: Logger) => boolean, update: (logger: Logger) => void): void {
    const pending = [from];
    for (let logger = pending.pop(); logger; logger = pending.pop()) {
      update(logger);
      const children = this.children.get(logger);
      if (!children) continue;
      for (const child of children) if (reaches(child)) pending.push(child);
    }
  }

  private forEachLogger(update: (logger: Logger) => void): void {
    update(this.root);
    for (const logger of this.loggers) update(logger);
  }

  /** @internal */
  noAppendersFor(logger: Logger): void {
    if (this.warnedNoAppenders) return;
    this.warnedNoAppenders = true;
    InternalLog.warn(`No appenders could be found for logger (${logger.name}). Please initialize the logging system properly.`);
  }

  /** Every distinct appender attached anywhere in the hierarchy, and those they forward to (Appender.forwardsTo). */
  allAppenders(): Appender[] {
    const seen = new Set<Appender>();
    const visit = (appender: Appender): void => {
      if (seen.has(appender)) return;
      seen.add(appender);
      for (const target of appender.forwardsTo ?? []) visit(target);
    };
    for (const appender of this.root.appenders) visit(appender);
    for (const logger of this.loggers) for (const appender of logger.appenders) visit(appender);
    return [...seen];
  }

  /**
   * log4j's resetConfiguration: root back to DEBUG, every other level inherited,
   * additivity on, threshold ALL, all appenders detached and closed.
   */
  async resetConfiguration(): Promise<void> {
    const appenders = this.batch(() => {
      const detached = this.detachAll();
      this.root.level = Level.DEBUG;
      this.threshold = Level.ALL;
      for (const logger of this.loggers) {
        logger.level = null;
        logger.additivity = true;
      }
      return detached;
    });
    this.warnedNoAppenders = false;
    await closeAll(appenders);
  }

  /**
   * Flushes and closes every appender; resolves when all are done. Appenders stay
   * attached, so a later logging call is reported by each closed appender rather
   * than vanishing.
   */
  async shutdown(): Promise<void> {
    await closeAll(this.allAppenders());
  }

  private detachAll(): Appender[] {
    const appenders = this.allAppenders();
    this.root.removeAllAppenders();
    for (const logger of this.loggers) logger.removeAllAppenders();
    return appenders;
  }
}

async function closeAll(appenders: Appender[]): Promise<void> {
  await Promise.all(appenders.map(async (appender) => {
    try {
      await appender.close?.();
    } catch (cause) {
      InternalLog.error(`closing appender "${appender.name ?? appender.constructor.name}" failed: ${cause instanceof Error ? cause.message : String(cause)}`);
    }
  }));
}
