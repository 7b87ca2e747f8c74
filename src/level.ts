/**
 * A logging level: a name and an integer rank (log4j 1.2's values, so that custom
 * levels registered between them sort where a Java user expects).
 */
export class Level {
  private static readonly byName = new Map<string, Level>();

  static readonly OFF = Level.register('OFF', Number.MAX_SAFE_INTEGER, 0);
  static readonly FATAL = Level.register('FATAL', 50000, 0);
  static readonly ERROR = Level.register('ERROR', 40000, 3);
  static readonly WARN = Level.register('WARN', 30000, 4);
  static readonly INFO = Level.register('INFO', 20000, 6);
  static readonly DEBUG = Level.register('DEBUG', 10000, 7);
  static readonly TRACE = Level.register('TRACE', 5000, 7);
  static readonly ALL = Level.register('ALL', Number.MIN_SAFE_INTEGER, 7);

  private constructor(
    readonly name: string,
    readonly value: number,
    /** Syslog severity (RFC 5424) this level maps to. */
    readonly syslogEquivalent: number,
  ) {}

  /**
   * Registers a custom level (or returns the existing one of that name and rank).
   * Throws if the name is taken by a level of another rank.
   */
  static forName(name: string, value: number, syslogEquivalent = 7): Level {
    const existing = Level.byName.get(name.toUpperCase());
    if (existing) {
      if (existing.value !== value) {
        throw new Error(`Level "${name}" is already registered with value ${existing.value}, not ${value}`);
      }
      return existing;
    }
    return Level.register(name.toUpperCase(), value, syslogEquivalent);
  }

  private static register(name: string, value: number, syslogEquivalent: number): Level {
    if (!Number.isInteger(value)) throw new Error(`Level "${name}": value must be an integer, got ${value}`);
    const level = new Level(name, value, syslogEquivalent);
    Level.byName.set(name, level);
    return level;
  }

  /**
   * Resolves a level name as log4j configuration does: case-insensitive, and
   * `LEVEL#some.java.Class` means LEVEL. Returns `defaultLevel` for an unknown name.
   */
  static toLevel(name: string | null | undefined, defaultLevel: Level): Level;
  static toLevel(name: string | null | undefined, defaultLevel?: undefined): Level | undefined;
  static toLevel(name: string | null | undefined, defaultLevel?: Level): Level | undefined {
    if (name == null) return defaultLevel;
    const hash = name.indexOf('#');
    const bare = (hash >= 0 ? name.slice(0, hash) : name).trim().toUpperCase();
    return Level.byName.get(bare) ?? defaultLevel;
  }

  /** Every registered level, lowest rank first. */
  static values(): Level[] {
    return [...Level.byName.values()].sort((a, b) => a.value - b.value);
  }

  isGreaterOrEqual(other: Level): boolean {
    return this.value >= other.value;
  }

  toString(): string {
    return this.name;
  }
}
