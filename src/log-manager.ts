import { Hierarchy } from './hierarchy.js';
import { Level } from './level.js';
import type { Logger } from './logger.js';
import type { Appender } from '../appenders/appender.js';
import { resetProcessFrame } from './context/context-frame.js';

/** Writes a level change back into the configuration it came from (installed by the configurator). */
export interface LevelPersister {
  persist(loggerName: string, level: Level | null): void;
}

export interface SetLevelOptions {
  /** Also write the level into the configuration file the current configuration was loaded from. */
  persist?: boolean;
}

/** The process-wide repository every `getLogger` call uses. */
export const defaultHierarchy = new Hierarchy();

let levelPersister: LevelPersister | null = null;
const shutdownHooks = new Set<() => void | Promise<void>>();

export function getLogger(name?: string | null): Logger {
  return defaultHierarchy.getLogger(name);
}

/** Flushes and closes every appender (and anything registered with `onShutdown`). */
export async function shutdown(): Promise<void> {
  await defaultHierarchy.shutdown();
  for (const hook of [...shutdownHooks]) await hook();
}

export const LogManager = {
  getLogger,
  getRootLogger(): Logger {
    return defaultHierarchy.root;
  },
  exists(name: string): boolean {
    return defaultHierarchy.exists(name);
  },
  getCurrentLoggers(): Logger[] {
    return defaultHierarchy.getCurrentLoggers();
  },
  /** Every appender attached to a logger (root included), each once. */
  getAllAppenders(): Appender[] {
    return defaultHierarchy.allAppenders();
  },
  get threshold(): Level {
    return defaultHierarchy.threshold;
  },
  set threshold(level: Level | string) {
    defaultHierarchy.threshold = level;
  },

  /**
   * Changes a logger's level at once (null inherits). With `persist`, the level is
   * also written into the configuration file; that throws when there is none.
   */
  setLevel(name: string, level: Level | string | null, options: SetLevelOptions = {}): void {
    const logger = defaultHierarchy.getLogger(name);
    const resolved = typeof level === 'string' ? Level.toLevel(level) : level;
    if (resolved === undefined) throw new Error(`Unknown level "${String(level)}" for logger "${name}"`);
    if (resolved === null && logger === defaultHierarchy.root) throw new Error('The root logger must have a level; it cannot inherit');
    if (options.persist) {
      if (!levelPersister) throw new Error(`Cannot persist the level of "${logger.name}": the configuration was not loaded from a file`);
      // Written first: when the file cannot take the level, nothing has changed.
      levelPersister.persist(logger.name, resolved);
    }
    logger.level = resolved;
  },

  /**
   * Back to log4j's defaults: root at DEBUG, no appenders (all closed), threshold ALL,
   * empty contexts, and no configuration file for persisted levels to go into.
   */
  async resetConfiguration(): Promise<void> {
    levelPersister = null;
    resetProcessFrame();
    await defaultHierarchy.resetConfiguration();
  },

  shutdown,

  /** @internal The configurator installs (or clears) the persister of the file it loaded. */
  setLevelPersister(persister: LevelPersister | null): void {
    levelPersister = persister;
  },

  /** Runs `hook` during `shutdown()`, after the appenders are closed; returns a function that unregisters it. */
  onShutdown(hook: () => void | Promise<void>): () => void {
    shutdownHooks.add(hook);
    return () => shutdownHooks.delete(hook);
  },
};
