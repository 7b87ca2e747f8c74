import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import type { Appender } from '../../appenders/appender.js';
import type { Hierarchy } from '../hierarchy.js';
import { InternalLog } from '../internal-log.js';
import type { Level } from '../level.js';
import type { LevelPersister } from '../log-manager.js';
import { applyConfiguration, NOTHING_APPLIED, type AppliedConfiguration } from './apply.js';
import { buildConfiguration, type BuiltAppender } from './build.js';
import { ConfigurationError } from './configuration-error.js';
import { withBitbucketLevels } from './logback/bitbucket-levels.js';
import { formatOf, objectConfigToModel, parseConfigText, readConfigText, type ConfigFormat, type Variables } from './load.js';
import type { ConfigModel } from './model.js';
import { writeLevelToFile } from './level-file.js';
import { DEFAULT_WATCH_OPTIONS, FileWatcher, type FileWatchOptions } from './watch.js';

export interface ConfigureOptions {
  /**
   * Re-apply the file whenever it changes (files only). Unset: as the file asks
   * (Log4j 2 `monitorInterval`, logback `scan`), else not.
   */
  watch?: boolean;
  /** `${name}` values looked up after the file and the environment. */
  substitutions?: Record<string, string>;
  /** Replaces process.env as the second source of `${name}` values. */
  environment?: Record<string, string | undefined>;
  /**
   * A Bitbucket `bitbucket.properties` whose `logging.logger.<name>=LEVEL` keys are
   * applied on top of the file's levels, at configure and at every reload.
   */
  levelsFrom?: string;
  /** Tuning of the file watch (defaults: debounce 100 ms, stability 150 ms, mid-line settle 2 s). */
  watchOptions?: Partial<FileWatchOptions>;
}

interface FileSource {
  readonly file: string;
  readonly levelsFrom: string | undefined;
  readonly format: ConfigFormat;
  readonly variables: Variables;
  readonly watchOptions: FileWatchOptions;
}

const hashOf = (text: string): string => createHash('sha256').update(text).digest('hex');

const withLevelsFrom = (model: ConfigModel, file: string | undefined): ConfigModel => (file === undefined ? model : withBitbucketLevels(model, file));

/**
 * Applies configurations to one hierarchy and keeps what it needs to apply the
 * next one well: the appenders it built and still owns (to carry unchanged ones
 * over and close the ones dropped), the file it read and that file's last known
 * content (so that its own level writes are not mistaken for an operator's edit).
 */
export class Configurator implements LevelPersister {
  private applied: AppliedConfiguration = NOTHING_APPLIED;
  private source: FileSource | undefined;
  private watcher: FileWatcher | undefined;
  private knownHash: string | undefined;
  private lastReport: string | undefined;
  private readonly closing = new Set<Promise<void>>();
  private lastWarnings: readonly string[] = [];

  constructor(readonly hierarchy: Hierarchy) {}

  /** Warnings of the last configuration applied (unknown classes, options, appenders). */
  get warnings(): readonly string[] {
    return this.lastWarnings;
  }

  get file(): string | undefined {
    return this.source?.file;
  }

  /**
   * Reads, builds and applies a file or object synchronously. On any error the
   * running configuration is untouched and a ConfigurationError is thrown.
   */
  configure(source: string | object, options: ConfigureOptions = {}): void {
    const variables: Variables = { environment: options.environment ?? process.env, supplied: options.substitutions ?? {} };
    if (typeof source !== 'string') {
      if (options.watch) throw new Error('configure: watch needs a file, not an object');
      this.install(objectConfigToModel(source, variables));
      void this.stopWatching();
      this.source = undefined;
      this.knownHash = undefined;
      return;
    }
    const file = resolve(source);
    const format = formatOf(file);
    const text = readConfigText(file);
    const levelsFrom = options.levelsFrom === undefined ? undefined : resolve(options.levelsFrom);
    const model = withLevelsFrom(parseConfigText(text, file, format, variables), levelsFrom);
    this.install(model);
    void this.stopWatching();
    this.source = { file, levelsFrom, format, variables, watchOptions: { ...DEFAULT_WATCH_OPTIONS, ...options.watchOptions } };
    this.knownHash = hashOf(text);
    this.lastReport = undefined;
    if (options.watch ?? model.watch) this.startWatching();
  }

  /** Resolves once the file watch is running (at once when not watching). */
  get watching(): Promise<void> {
    return this.watcher?.ready ?? Promise.resolve();
  }

  /** Resolves when every appender retired by a reconfiguration has been closed. */
  async settled(): Promise<void> {
    while (this.closing.size > 0) await Promise.all([...this.closing]);
  }

  async stopWatching(): Promise<void> {
    const watcher = this.watcher;
    this.watcher = undefined;
    await watcher?.close();
  }

  /**
   * Re-reads the watched file; an invalid one keeps the running configuration and is
   * reported once, and the first valid one after it says that it is in force again.
   */
  reload(): void {
    const source = this.source;
    if (!source) return;
    try {
      const text = readConfigText(source.file);
      const hash = hashOf(text);
      if (hash !== this.knownHash) {
        this.install(withLevelsFrom(parseConfigText(text, source.file, source.format, source.variables), source.levelsFrom));
        this.knownHash = hash;
        InternalLog.debug(`reloaded ${source.file}`);
      }
      if (this.lastReport !== undefined) {
        this.lastReport = undefined;
        InternalLog.warn(`configuration applied again: ${source.file} is valid and in force`);
      }
    } catch (cause) {
      this.report(cause);
    }
  }

  /** LevelPersister: writes one logger's level into the .properties, YAML, JSON or XML file the configuration came from. */
  persist(loggerName: string, level: Level | null): void {
    const source = this.source;
    if (!source) throw new Error(`Cannot persist the level of "${loggerName}": the configuration was not loaded from a file`);
    const { before, after } = writeLevelToFile(source.file, source.format, loggerName, level);
    if (after === before) return;
    // If the file already differed from what is running, an operator's edit is pending:
    // the watcher must still see the file as changed and apply all of it.
    if (hashOf(before) === this.knownHash) this.knownHash = hashOf(after);
  }

  private install(model: ConfigModel): void {
    const built = buildConfiguration(model, this.liveAppenders());
    if (model.debug) InternalLog.setDebugEnabled(true);
    const { applied, retired } = this.hierarchy.batch(() => applyConfiguration(this.hierarchy, built, this.applied));
    this.applied = applied;
    this.lastWarnings = built.warnings;
    for (const warning of built.warnings) InternalLog.warn(warning);
    for (const appender of retired) this.retire(appender);
  }

  /**
   * Appenders of the last configuration that can still be carried over: ones a
   * reset or shutdown detached or closed meanwhile must be built anew.
   */
  private liveAppenders(): Map<string, BuiltAppender> {
    const attached = new Set(this.hierarchy.allAppenders());
    const live = new Map<string, BuiltAppender>();
    for (const [name, built] of this.applied.appenders) {
      const closed = (built.appender as { isClosed?: boolean }).isClosed === true;
      if (attached.has(built.appender) && !closed) live.set(name, built);
    }
    return live;
  }

  private retire(appender: Appender): void {
    const done = Promise.resolve()
      .then(() => appender.close?.())
      .catch((cause: unknown) => InternalLog.error(`closing appender "${appender.name}" failed: ${cause instanceof Error ? cause.message : String(cause)}`))
      .finally(() => this.closing.delete(done));
    this.closing.add(done);
  }

  private startWatching(): void {
    const source = this.source!;
    const watcher = new FileWatcher(source.file, () => this.reload(), source.watchOptions);
    watcher.onError((cause) => this.report(new ConfigurationError(`watching failed: ${cause instanceof Error ? cause.message : String(cause)}`, source.file, 0)));
    this.watcher = watcher;
  }

  private report(cause: unknown): void {
    const message = cause instanceof Error ? cause.message : String(cause);
    if (message === this.lastReport) return;
    this.lastReport = message;
    InternalLog.error(`configuration not applied, the running one stays in force: ${message}`);
  }
}
