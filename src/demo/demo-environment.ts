/**
 * The demo's settings from the environment, checked before anything starts, so a
 * mistyped value is one clear line instead of a stack trace from deep inside
 * `listen`. Every variable the demo and its traffic script read is here.
 */
export interface DemoEnvironment {
  readonly port: number;
  readonly host: string;
  readonly logDir: string;
  readonly adminPassword: string;
  readonly automationPassword: string;
  /** Where `npm run demo:traffic` sends its requests. */
  readonly url: string;
  /** An Ed25519 private key (PEM) that chains and signs the audit log; null leaves it unchained. */
  readonly auditKeyFile: string | null;
  /**
   * DEMO_DATABASE=postgres: tokens and the audit log in the PostgreSQL database that
   * PGHOST, PGPORT, PGUSER, PGPASSWORD and PGDATABASE name, shared with other nodes;
   * the node's name is DEMO_NODE (default the host name). null: the token file.
   */
  readonly database: { readonly node: string | undefined } | null;
}

export class DemoEnvironmentError extends Error {
  override name = 'DemoEnvironmentError';
}

export const DEMO_VARIABLES = ['PORT', 'HOST', 'LOG_DIR', 'DEMO_ADMIN_PASSWORD', 'DEMO_AUTOMATION_PASSWORD', 'DEMO_URL', 'DEMO_AUDIT_KEY_FILE', 'DEMO_DATABASE', 'DEMO_NODE'] as const;

function portOf(text: string | undefined): number {
  if (text === undefined || text === '') return 8080;
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) {
    throw new DemoEnvironmentError(`PORT must be a number from 0 to 65535 (0 picks a free port), not "${text}"`);
  }
  return Number(text);
}

function nonEmpty(name: string, text: string | undefined, fallback: string): string {
  if (text === undefined) return fallback;
  if (text === '') throw new DemoEnvironmentError(`${name} is set but empty`);
  return text;
}

function urlOf(text: string | undefined, host: string, port: number): string {
  if (text === undefined || text === '') return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new DemoEnvironmentError(`DEMO_URL must be an http:// or https:// address, not "${text}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new DemoEnvironmentError(`DEMO_URL must be an http:// or https:// address, not "${text}"`);
  }
  return text.replace(/\/+$/, '');
}

export function readDemoEnvironment(env: Record<string, string | undefined> = process.env): DemoEnvironment {
  const port = portOf(env.PORT);
  const host = nonEmpty('HOST', env.HOST, '127.0.0.1');
  return {
    port,
    host,
    logDir: nonEmpty('LOG_DIR', env.LOG_DIR, 'logs'),
    adminPassword: nonEmpty('DEMO_ADMIN_PASSWORD', env.DEMO_ADMIN_PASSWORD, 'admin'),
    automationPassword: nonEmpty('DEMO_AUTOMATION_PASSWORD', env.DEMO_AUTOMATION_PASSWORD, 'automation'),
    url: urlOf(env.DEMO_URL, host, port === 0 ? 8080 : port),
    auditKeyFile: env.DEMO_AUDIT_KEY_FILE === undefined ? null : nonEmpty('DEMO_AUDIT_KEY_FILE', env.DEMO_AUDIT_KEY_FILE, ''),
    database: databaseOf(env.DEMO_DATABASE, env.DEMO_NODE),
  };
}

function databaseOf(kind: string | undefined, node: string | undefined): DemoEnvironment['database'] {
  if (kind === undefined || kind === '' || kind === 'file') return null;
  if (kind !== 'postgres') throw new DemoEnvironmentError(`DEMO_DATABASE must be "postgres" or "file", not "${kind}"`);
  return { node: node === undefined ? undefined : nonEmpty('DEMO_NODE', node, '') };
}

/** The one line a failed start prints: what was wrong and what to change. */
export function startFailureMessage(cause: unknown, environment: Pick<DemoEnvironment, 'host' | 'port'> | undefined): string {
  if (cause instanceof DemoEnvironmentError || !environment) return cause instanceof Error ? cause.message : String(cause);
  const where = `${environment.host}:${environment.port}`;
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') return `cannot listen on ${where}: the port is already in use (set PORT to a free port)`;
  if (code === 'EACCES') return `cannot listen on ${where}: permission denied (ports below 1024 need privileges; set PORT)`;
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return `cannot listen on ${where}: no such address on this machine (set HOST)`;
  }
  return `could not start: ${cause instanceof Error ? cause.message : String(cause)}`;
}
