import type pg from 'pg';
import { lazyPackage } from '../../../lazy-package.js';

const pgPackage = lazyPackage<typeof pg>('pg');

/**
 * Where the database is. Every field left out is read by `pg` from the environment
 * as libpq does (`PGHOST`, `PGPORT`, `PGUSER`, `PGPASSWORD`, `PGDATABASE`), then
 * from its defaults (localhost:5432, the login name).
 */
export interface PostgresConnectionOptions {
  /** `postgres://user:password@host:port/database`; fields given beside it win. */
  connectionString?: string;
  /** A host name, an address, or the folder of a Unix socket. */
  host?: string;
  port?: number;
  user?: string;
  password?: string;
  database?: string;
  /** Connections kept by the pool (default 10). */
  maxConnections?: number;
  /** How long opening a connection may take before it counts as failed (default 5 s). */
  connectTimeoutMillis?: number;
}

/** The `pg` settings for one connection; the password goes to `pg` and nowhere else. */
export function clientConfig(options: PostgresConnectionOptions, applicationName: string): pg.ClientConfig {
  const config: pg.ClientConfig = {
    connectionTimeoutMillis: options.connectTimeoutMillis ?? 5000,
    keepAlive: true,
    application_name: applicationName,
  };
  if (options.connectionString !== undefined) config.connectionString = options.connectionString;
  if (options.host !== undefined) config.host = options.host;
  if (options.port !== undefined) config.port = options.port;
  if (options.user !== undefined) config.user = options.user;
  if (options.password !== undefined) config.password = options.password;
  if (options.database !== undefined) config.database = options.database;
  return config;
}

export function createPool(options: PostgresConnectionOptions, applicationName: string): pg.Pool {
  return new (pgPackage().Pool)({ ...clientConfig(options, applicationName), max: options.maxConnections ?? 10 });
}

/**
 * `user@host:port/database` as `pg` will resolve it, for messages: never the
 * password, whether it came from the options, the connection string or PGPASSWORD.
 */
export function describeConnection(options: PostgresConnectionOptions): string {
  let fromUrl: { host?: string; port?: string; user?: string; database?: string } = {};
  if (options.connectionString !== undefined) {
    try {
      const url = new URL(options.connectionString);
      fromUrl = {
        host: url.hostname ? decodeURIComponent(url.hostname) : url.searchParams.get('host') ?? undefined,
        port: url.port || undefined,
        user: url.username ? decodeURIComponent(url.username) : undefined,
        database: url.pathname.length > 1 ? decodeURIComponent(url.pathname.slice(1)) : undefined,
      };
    } catch {
      // Not a URL (a libpq keyword string): it may hold a password, so none of it is shown.
    }
  }
  const env = process.env;
  const host = options.host ?? fromUrl.host ?? env.PGHOST ?? 'localhost';
  const port = options.port ?? fromUrl.port ?? env.PGPORT ?? '5432';
  const user = options.user ?? fromUrl.user ?? env.PGUSER ?? 'default user';
  const database = options.database ?? fromUrl.database ?? env.PGDATABASE ?? user;
  return `postgres://${user}@${host}:${port}/${database}`;
}

/**
 * The message of a driver error with any secret of `options` blanked out: a
 * driver or server message could quote a connection string.
 */
export function safeMessage(error: unknown, options: PostgresConnectionOptions): string {
  let message = error instanceof Error ? error.message : String(error);
  const secrets = [options.password, process.env.PGPASSWORD, options.connectionString].filter((s): s is string => !!s && s.length >= 3);
  if (options.connectionString) {
    try {
      const password = new URL(options.connectionString).password;
      if (password) secrets.push(password, decodeURIComponent(password));
    } catch {
      // Handled by blanking the whole string above.
    }
  }
  for (const secret of secrets.sort((a, b) => b.length - a.length)) message = message.split(secret).join('***');
  return message;
}
