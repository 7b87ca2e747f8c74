/**
 * A configuration that cannot be applied. Carries where the problem is so that an
 * operator can go straight to it: `conf/log4j.properties:12: log4j.logger.x: unknown level "DEBG"`,
 * `conf/log4j2.xml:7:5: Loggers/Logger[@name="x"]/@level: unknown level "DEBG"`.
 */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';

  constructor(
    /** What is wrong, without the location. */
    readonly reason: string,
    /** The file (or `<object>` for a configuration given in code). */
    readonly file: string,
    /** 1-based line of the offending entry; 0 when the problem is the file as a whole. */
    readonly line: number,
    /** The property key or YAML/JSON path, when one is to blame. */
    readonly key?: string,
    /** 1-based column, where the format tells it (XML). */
    readonly column?: number,
  ) {
    super(`${file}${line > 0 ? `:${line}${column !== undefined && column > 0 ? `:${column}` : ''}` : ''}: ${key ? `${key}: ` : ''}${reason}`);
  }
}

/** Where an entry of a configuration came from, for error messages. */
export interface SourcePosition {
  file: string;
  line: number;
  key: string;
  /** 1-based column, where the format tells it (XML). */
  column?: number;
}

export function errorAt(position: SourcePosition, reason: string): ConfigurationError {
  return new ConfigurationError(reason, position.file, position.line, position.key, position.column);
}
