import { defaultHierarchy, LogManager } from '../log-manager.js';
import { Configurator, type ConfigureOptions } from './configurator.js';

/** The configurator of the process-wide hierarchy that `getLogger` uses. */
export const defaultConfigurator = new Configurator(defaultHierarchy);

let shutdownHookInstalled = false;

/** What `configure` returns: the file in force, its warnings, and control over the watch. */
export interface ConfigurationHandle {
  /** Absolute path of the file, or undefined for an object. */
  readonly file: string | undefined;
  /** Warnings of this configuration (unknown classes and options, appenders without a layout). */
  readonly warnings: readonly string[];
  /** Resolves once the file watch is running (at once without `watch`). */
  readonly watching: Promise<void>;
  /** Resolves when appenders dropped by reconfiguration have been closed. */
  settled(): Promise<void>;
  /** Stops watching the file; the configuration stays in force. */
  stopWatching(): Promise<void>;
}

/**
 * Configures logging from a log4j .properties file, a .yaml/.yml or .json file, or
 * an object of the YAML shape. Synchronous, like log4j's PropertyConfigurator: a bad
 * file throws a ConfigurationError naming file, line and key, and leaves the running
 * configuration untouched. With `{ watch: true }` edits to the file are applied as
 * they are saved. Configured from a file (of any format),
 * `LogManager.setLevel(name, level, { persist: true })` writes levels back into it.
 */
export function configure(source: string | object, options: ConfigureOptions = {}): ConfigurationHandle {
  const configurator = defaultConfigurator;
  configurator.configure(source, options);
  LogManager.setLevelPersister(configurator.file ? configurator : null);
  if (!shutdownHookInstalled) {
    shutdownHookInstalled = true;
    LogManager.onShutdown(() => configurator.stopWatching());
  }
  return {
    file: configurator.file,
    warnings: configurator.warnings,
    watching: configurator.watching,
    settled: () => configurator.settled(),
    stopWatching: () => configurator.stopWatching(),
  };
}
