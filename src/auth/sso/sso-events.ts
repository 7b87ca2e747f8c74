import { MDC } from '../../context/mdc.js';
import { getLogger } from '../../log-manager.js';
import { systemClock, type Clock } from '../clock.js';
import { loggableUserName } from '../loggable-user-name.js';
import { logSafe } from '../log-safe.js';
import { emptyCounts, SSO_FAILURE_KINDS, type SsoCounterName, type SsoFailureKind, type SsoUsageCounts } from './sso-usage-counters.js';

export type SsoMethod = 'Kerberos' | 'SAML';

export interface SsoLogin {
  user: string;
  method: SsoMethod;
  passed: boolean;
  /** Why a failed login failed, in words (logged). */
  reason?: string;
  /** Which usage counter a failure counts under. */
  failure?: SsoFailureKind;
}

export interface SsoEventsOptions {
  /** Write failures to `com.kantegasso.DiagnosticsLog` too (default false). */
  collectFailures?: boolean;
  /** Reads the time the counters count since. */
  clock?: Clock;
}

const auditLog = getLogger('com.kantegasso.AuditLog');
const diagnosticsLog = getLogger('com.kantegasso.DiagnosticsLog');

function checkMethod(method: unknown): SsoMethod {
  if (method === 'Kerberos' || method === 'SAML') return method;
  throw new TypeError(`Unknown SSO method ${JSON.stringify(method)}: expected "Kerberos" or "SAML"`);
}

/**
 * Kerberos and SAML outcomes reported by the host application, told the way Kantega
 * SSO tells them: `com.kantegasso.AuditLog` lines, usage counters per method and,
 * when failure collection is on, `com.kantegasso.DiagnosticsLog` records whose MDC
 * key `context` names the method (the JSON layout's diagnostics configuration
 * prints it as the `context` field).
 */
export class SsoEvents {
  collectFailures: boolean;
  private readonly counts = new Map<SsoMethod, SsoUsageCounts>();
  private readonly clock: Clock;
  private since: number;

  constructor(options: SsoEventsOptions = {}) {
    this.collectFailures = options.collectFailures ?? false;
    this.clock = options.clock ?? systemClock;
    this.since = this.clock.now();
  }

  recordLogin(login: SsoLogin): void {
    const method = checkMethod(login.method);
    const user = loggableUserName(login.user);
    if (login.passed) {
      this.count(method, 'loginCompleted');
      auditLog.info(`The user '${user}' has PASSED authentication using ${method}`);
      return;
    }
    if (login.failure !== undefined) {
      if (!SSO_FAILURE_KINDS.includes(login.failure)) throw new TypeError(`Unknown SSO failure kind ${JSON.stringify(login.failure)}`);
      this.count(method, login.failure);
    }
    const reason = login.reason === undefined || login.reason === '' ? 'unknown reason' : logSafe(login.reason);
    auditLog.info(`The user '${user}' has FAILED authentication using ${method}. Reason: ${reason}`);
    if (this.collectFailures) {
      MDC.run({ context: method }, () => diagnosticsLog.info(`Authentication of user '${user}' failed: ${reason}`));
    }
  }

  /** A Negotiate/SAML challenge was sent to a browser. */
  recordChallengeSent(method: SsoMethod): void {
    this.count(checkMethod(method), 'challengeSent');
  }

  /** A copy of the counters of one method (all zero when nothing happened yet). */
  usage(method: SsoMethod): SsoUsageCounts {
    return { ...(this.counts.get(checkMethod(method)) ?? emptyCounts()) };
  }

  /** When the counters started counting (epoch milliseconds): at construction, then at each reset. */
  get countingSince(): number {
    return this.since;
  }

  /** Sets every counter of every method to zero and counts from now. */
  resetUsage(): void {
    this.counts.clear();
    this.since = this.clock.now();
  }

  private count(method: SsoMethod, name: SsoCounterName): void {
    let counts = this.counts.get(method);
    if (!counts) this.counts.set(method, (counts = emptyCounts()));
    counts[name]++;
  }
}
