import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import { configure, type ConfigurationHandle } from '../config/configure.js';
import { getLogger } from '../log-manager.js';
import { RollingFileAppender } from '../../appenders/rolling-file-appender.js';
import { createAuthModule, type AuthModule } from '../auth/auth-module.js';
import { RotatedFilesAuditSource } from '../auth/audit/rotated-files-audit-source.js';
import { PostgresAuditStorage } from '../auth/audit/postgres/postgres-audit-storage.js';
import type { PostgresConnectionOptions } from '../auth/store/postgres/postgres-connection.js';
import { authMiddleware, type AuthenticatedRequest } from '../auth/http/auth-middleware.js';
import { RequestIdGenerator } from '../auth/http/request-id.js';
import { ThreadNamePool } from '../auth/http/thread-names.js';
import { BadRequestError, readJsonBody } from '../auth/http/json-body.js';
import { sendError, sendJson } from '../auth/http/json-response.js';
import { resolutionTokenApi } from '../auth/http/rest/resolution-token-api.js';
import { patTokenApi } from '../auth/http/rest/pat-token-api.js';
import { asUser } from '../auth/http/rest/rest-route.js';
import { auditEventsApi } from '../auth/http/rest/audit-events-api.js';
import { requestPath } from '../auth/http/request-path.js';
import { SsoEvents } from '../auth/sso/sso-events.js';
import { GroupPermissions } from '../auth/tokens/token-permissions.js';
import { TokenPermissionError } from '../auth/tokens/token-errors.js';
import { adminConsole, type AdminConsoleHandler } from '../auth/console/admin-console.js';
import { AuditCoverage } from '../auth/audit/audit-coverage.js';
import { AuditSwitchFile } from '../auth/audit/audit-switch-file.js';
import { ADMIN_GROUP, USER_GROUP, demoUsers } from './demo-users.js';
import { sampleApi } from './sample-api.js';

export interface DemoOptions {
  /** 0 picks a free port. Default 8080. */
  port?: number;
  host?: string;
  logDir?: string;
  /** Where the token file and the audit settings file live. Default `<logDir>/../data`. */
  dataDir?: string;
  configFile?: string;
  watch?: boolean;
  adminPassword?: string;
  automationPassword?: string;
  /** Requests per token within `rateLimitMinutes` (default 10 in 1 minute). */
  rateLimitRequests?: number;
  rateLimitMinutes?: number;
  /** An Ed25519 private key (PEM file) that chains and signs the audit log (`logwarden audit verify`); none: unchained. */
  auditKeyFile?: string | null;
  /**
   * Tokens and the audit log in a PostgreSQL database shared with other demo nodes
   * (`connection` fields left out come from PGHOST, ...); `node` names this one's
   * audit records. Default: the token file and local audit files.
   */
  postgres?: { connection?: PostgresConnectionOptions; node?: string } | null;
}

export interface Demo {
  readonly server: Server;
  readonly port: number;
  readonly url: string;
  readonly auth: AuthModule;
  readonly configuration: ConfigurationHandle;
  readonly sso: SsoEvents;
  /** The admin console, mounted at /admin. */
  readonly console: AdminConsoleHandler;
  close(): Promise<void>;
}

/** Only requests from this machine may claim another client address in X-Forwarded-For. */
const TRUSTED_PROXIES = ['127.0.0.1', '::1'];
/** Token-only endpoints accept requests from these addresses only. */
const ALLOWED_ADDRESSES = ['127.0.0.0/8', '::1', '10.0.0.0/8', '192.168.0.0/16'];

const log = getLogger('com.example.demo.DemoServer');

/**
 * The demo application: a Jira-flavoured REST server protected by the auth module.
 * `/rest/api/2/*` and the token REST APIs accept tokens and passwords; the SSH keys
 * API (`/rest/ssh/1.0/*`) accepts tokens only ("basic auth with password disabled")
 * and only from the allowed addresses, so every log line of resolution's API Token
 * Authentication can be produced with curl.
 */
export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  const logDir = options.logDir ?? process.env.LOG_DIR ?? 'logs';
  const dataDir = options.dataDir ?? join(logDir, '..', 'data');
  const configuration = configure(options.configFile ?? 'conf/demo.properties', {
    watch: options.watch ?? true,
    substitutions: { LOG_DIR: logDir },
  });
  await configuration.watching;

  const users = demoUsers(options.adminPassword ?? 'admin', options.automationPassword ?? 'automation');
  const permissions = new GroupPermissions({ useGroups: [USER_GROUP], createGroups: [USER_GROUP], adminGroups: [ADMIN_GROUP] });
  const auditFile = join(logDir, 'audit', 'audit.log');
  const rateLimit = { requests: options.rateLimitRequests ?? 10, minutes: options.rateLimitMinutes ?? 1 };
  const shared = options.postgres ? new PostgresAuditStorage({ ...options.postgres.connection, node: options.postgres.node }) : null;
  const auth = createAuthModule({
    flavour: 'jira',
    users,
    permissions,
    store: options.postgres ? { postgres: options.postgres.connection ?? {} } : { file: join(dataDir, 'tokens.json') },
    trustedProxies: TRUSTED_PROXIES,
    rateLimit,
    audit: {
      appender: shared?.appender ?? new RollingFileAppender({ name: 'audit', file: auditFile, maxFileSize: '10MB', maxBackupIndex: 10, mode: '0640' }),
      source: shared?.source ?? new RotatedFilesAuditSource({ file: auditFile }),
      switches: { successfulAuthentication: true, failedApiTokenAttempts: true, allFailedAttempts: true, permissionDenied: true },
      retentionDays: 90,
      ...(options.auditKeyFile ? { chain: { key: { privateKeyFile: options.auditKeyFile } } } : {}),
    },
  });
  // Same module, so a token has one rate-limit budget across both kinds of route.
  const tokenOnly = auth.createAuthenticator({ basicAuthWithPasswordDisabled: true, allowedAddresses: ALLOWED_ADDRESSES });
  const sso = new SsoEvents({ collectFailures: true });
  /** What a start that fails part way leaves behind: nothing open, so the caller may retry or exit. */
  const release = async (): Promise<void> => {
    auth.audit.close();
    await auth.close();
    await shared?.close();
    await configuration.stopWatching();
  };
  // The audit switches administrators save in the console: next to the tokens, or in the shared database.
  const auditSwitches = shared?.switches ?? new AuditSwitchFile(join(dataDir, 'audit-settings.json'));
  const auditCoverage = await AuditCoverage.open(auth.audit, auditSwitches, permissions).catch(async (cause: unknown) => {
    await release();
    throw cause;
  });
  const administration = adminConsole({ auth, users, administratorGroups: [ADMIN_GROUP], sso, auditCoverage, basePath: '/admin' });

  const routes = [
    resolutionTokenApi(auth.service, users), patTokenApi(auth.service, users, { defaultExpirationDays: 90 }), auditEventsApi(auth.audit, users, permissions), sampleApi(users),
  ];

  const adminOnly = async (req: IncomingMessage, res: ServerResponse, handle: () => Promise<void>) =>
    asUser(req, res, users, (status, message) => ({ status, message }), async (user) => {
      if (!permissions.canManageOthers(user)) throw new TokenPermissionError();
      await handle();
    });

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    for (const handle of routes) if (await handle(req, res)) return;
    const path = requestPath(req.url ?? '/');
    if (path === '/admin' || path.startsWith('/admin/')) {
      administration(req, res);
      return;
    }
    if (path === '/demo/sso/login' && req.method === 'POST') {
      await adminOnly(req, res, async () => {
        const body = await readJsonBody(req);
        const method = body.method;
        if (method !== 'Kerberos' && method !== 'SAML') throw new BadRequestError(400, 'method must be "Kerberos" or "SAML"');
        if (typeof body.user !== 'string' || body.user === '') throw new BadRequestError(400, 'user must be a non-empty string');
        sso.recordLogin({
          user: body.user,
          method,
          passed: body.passed === true,
          reason: typeof body.reason === 'string' ? body.reason : undefined,
        });
        sendJson(res, 200, sso.usage(method));
      });
      return;
    }
    if (path === '/status') {
      sendJson(res, 200, { state: 'RUNNING', user: (req as AuthenticatedRequest).auth?.user ?? null });
      return;
    }
    sendError(res, 404, 'Not found');
  };

  let serve: (req: IncomingMessage, res: ServerResponse) => void = () => {};
  const server = createServer((req, res) => serve(req, res));
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
    const message = status === 431 ? 'Request header fields too large' : 'Bad request';
    const body = JSON.stringify({ status, message });
    if (socket.writable) {
      socket.end(`HTTP/1.1 ${status} ${message}\r\nContent-Type: application/json;charset=UTF-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    }
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 8080, options.host ?? '127.0.0.1', () => resolve());
    });
  } catch (cause) {
    await release();
    throw cause;
  }
  const actualPort = (server.address() as AddressInfo).port;
  // Built once the port is known: it is part of the thread names (http-nio-<port>-exec-N).
  const requestIds = new RequestIdGenerator();
  const threadNames = ThreadNamePool.tomcat(actualPort);
  const main = authMiddleware({ authenticator: auth.authenticator, requestIds, threadNames });
  const strict = authMiddleware({ authenticator: tokenOnly, requestIds, threadNames, requireAuthentication: true });
  serve = (req, res) => {
    const middleware = (req.url ?? '').startsWith('/rest/ssh/') ? strict : main;
    middleware(req, res, () => {
      route(req, res).catch((cause: unknown) => {
        log.error('Request failed', cause instanceof Error ? cause : new Error(String(cause)));
        sendError(res, 500, 'Internal server error');
      });
    });
  };
  log.info(`Demo server listening on http://${options.host ?? '127.0.0.1'}:${actualPort}`);

  return {
    server, port: actualPort, url: `http://${options.host ?? '127.0.0.1'}:${actualPort}`, auth, configuration, sso, console: administration,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await auditCoverage.close();
      // Before logging shuts down: the close checkpoint goes through the audit appender.
      auth.audit.close();
      await auth.close();
      await shared?.close();
      await configuration.stopWatching();
    },
  };
}
