import type { Level } from '../level.js';
import type { SourcePosition } from './configuration-error.js';

/**
 * The one internal form of a configuration, whatever it was written in
 * (log4j .properties, YAML, JSON or an object): names, classes and option strings
 * after `${}` substitution, each remembering where it was written.
 */
export interface ConfigModel {
  /** The file it came from, or `<object>`. */
  readonly origin: string;
  /** `log4j.debug`: trace what the configurator does (InternalLog.debug). */
  readonly debug: boolean;
  /** `log4j.reset`: clear every logger, not only those the configuration names. */
  readonly reset: boolean;
  /** `log4j.threshold`: repository-wide threshold; undefined leaves ALL. */
  readonly threshold?: Level;
  readonly root?: LoggerModel;
  /** Named loggers in the order they were written. */
  readonly loggers: readonly LoggerModel[];
  /** Appender definitions by name (only those some logger refers to are built). */
  readonly appenders: ReadonlyMap<string, AppenderModel>;
  /** Anything worth a warning that did not stop the configuration. */
  readonly warnings: readonly string[];
  /**
   * The file asks to be watched for changes (Log4j 2 `monitorInterval` above 0,
   * logback `scan="true"`): configure() watches it unless told `watch: false`.
   */
  readonly watch?: boolean;
}

export interface LoggerModel {
  readonly name: string;
  /** A level; null for INHERITED/NULL; undefined when the entry names no level. */
  readonly level?: Level | null;
  readonly additivity?: boolean;
  /** Appender names, in order. */
  readonly appenderRefs: readonly string[];
  /** Log4j 2's `<AppenderRef level>`: the level below which this logger sends that appender nothing. */
  readonly appenderRefLevels?: ReadonlyMap<string, Level>;
  readonly position: SourcePosition;
}

/** A class name with its string options (option names as written). */
export interface ComponentModel {
  readonly className: string;
  readonly options: ReadonlyMap<string, OptionValue>;
  readonly position: SourcePosition;
}

export interface OptionValue {
  readonly value: string;
  readonly position: SourcePosition;
}

export interface AppenderModel extends ComponentModel {
  readonly name: string;
  readonly layout?: ComponentModel;
  /** Filters in the order they apply. */
  readonly filters: readonly ComponentModel[];
  /** Log4j 2's `<Routing>`: its `<Routes>`. */
  readonly routes?: RoutesModel;
}

/** Log4j 2's `<Routes pattern>` with its `<Route>`s and purge policy. */
export interface RoutesModel {
  /** The route key of an event, with run-time lookups (`${ctx:user}`) as written. */
  readonly pattern: OptionValue;
  readonly routes: readonly RouteModel[];
  /** IdlePurgePolicy timeToLive and checkInterval, in ms. */
  readonly idleTimeout?: number;
  readonly checkInterval?: number;
}

export interface RouteModel {
  /** Undefined for the default route. */
  readonly key?: string;
  /** Appenders of the configuration the route sends to (`ref`). */
  readonly refs?: readonly string[];
  /** The appender the route makes per key, its run-time lookups as written. */
  readonly appender?: AppenderModel;
  readonly position: SourcePosition;
}
