import { MemoryAppender } from '../../../appenders/memory-appender.js';
import { AuditLog, type AuditSwitches } from '../../../src/auth/audit/audit-log.js';
import { MemoryAuditSource } from '../../../src/auth/audit/memory-audit-source.js';
import { Authenticator, type AuthenticatorOptions } from '../../../src/auth/authenticator.js';
import { pkcs5s2 } from '../../../src/auth/crypto/pkcs5s2.js';
import { MemoryTokenStore } from '../../../src/auth/store/memory-token-store.js';
import { GroupPermissions } from '../../../src/auth/tokens/token-permissions.js';
import { TokenService } from '../../../src/auth/tokens/token-service.js';
import { TokenVerifier } from '../../../src/auth/tokens/token-verifier.js';
import { VerificationCache } from '../../../src/auth/tokens/verification-cache.js';
import { InMemoryUserDirectory, type User } from '../../../src/auth/users/user-directory.js';
import { captureEverything } from './log-capture.js';
import { ManualClock } from './manual-clock.js';

export const ADMIN_PASSWORD = 'Adm1n-Passw0rd!';
// Hashed once for the whole run: PBKDF2 is deliberately slow.
const ADMIN_HASH = pkcs5s2.encode(ADMIN_PASSWORD);

export const admin: User = { name: 'admin', active: true, groups: ['jira-administrators'] };

export type FixtureOptions = Partial<Omit<AuthenticatorOptions, 'verifier' | 'users' | 'audit' | 'clock'>> & {
  auditSwitches?: Partial<AuditSwitches>;
  now?: number;
};

/** A complete auth setup in memory, with every log event and audit line captured. */
export async function authFixture(options: FixtureOptions = {}) {
  const logs = await captureEverything();
  const clock = new ManualClock(options.now ?? Date.UTC(2020, 8, 22, 14, 43, 30));
  const store = new MemoryTokenStore();
  const users = new InMemoryUserDirectory([
    { name: 'admin', passwordHash: ADMIN_HASH, groups: ['jira-administrators'] },
    { name: 'automation-user', groups: ['users'] },
  ]);
  const cache = new VerificationCache({ clock });
  const auditAppender = new MemoryAppender({ name: 'audit-capture' });
  const audit = new AuditLog({ appender: auditAppender, source: new MemoryAuditSource(auditAppender), clock, switches: options.auditSwitches });
  const service = new TokenService({
    store, users, audit, cache, clock, timeZone: 'UTC',
    policy: { maxValidity: null, allowNonExpiring: true },
    permissions: new GroupPermissions({ adminGroups: ['jira-administrators'] }),
  });
  const verifier = new TokenVerifier({ store, cache, clock });
  const { auditSwitches: _switches, now: _now, ...rest } = options;
  const auth = new Authenticator({ flavour: 'jira', timeZone: 'UTC', ...rest, verifier, users, audit, clock });
  return { logs, clock, store, users, cache, auditAppender, audit, service, verifier, auth };
}

export function basicHeader(user: string, secret: string): string {
  return 'Basic ' + Buffer.from(`${user}:${secret}`, 'utf8').toString('base64');
}
