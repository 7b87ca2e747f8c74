import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MemoryAppender } from '../../appenders/memory-appender.js';
import { AuditLog } from '../../src/auth/audit/audit-log.js';
import { chainedLine, GENESIS_HASH } from '../../src/auth/audit/chain/chain-line.js';
import type { TokenRecord } from '../../src/auth/tokens/token-record.js';
import { ApiTokenMessages } from '../../src/auth/messages/api-token-messages.js';
import { patMessages } from '../../src/auth/messages/pat-messages.js';
import { TokenUsageReport, type TokenReportFilter } from '../../src/token-report/token-usage-report.js';

const fixture = fileURLToPath(new URL('../../../test/fixtures/pat-trace/atlassian-jira.log', import.meta.url));

function reportOf(lines: readonly string[], filter: TokenReportFilter = {}): ReturnType<TokenUsageReport['rows']> {
  const report = new TokenUsageReport(filter);
  for (const line of lines) report.addLine(line);
  return report.rows();
}

/** A Jira main-log line of request `request` on thread `thread` (JIRA_MAIN_PATTERN). */
function jira(second: number, thread: string, request: string, logger: string, message: string, address = '10.0.0.1', url = '/rest/api/2/myself'): string {
  return `2024-05-01 10:00:${String(second).padStart(2, '0')},000+0000 ${thread} INFO anonymous ${request} - ${address} ${url} [${logger}] ${message}`;
}

const messages = new ApiTokenMessages('jira', { format: () => 'May 1, 2024 9:00:00 AM' } as never);

describe('token-report/TokenUsageReport', () => {
  it("reports the PAT TRACE excerpt as one authentication of token 355510638677 of admin, named test, with its endpoint, address and request id", () => {
    const rows = reportOf(readFileSync(fixture, 'utf8').split('\n'));
    expect(rows).to.deep.equal([{
      tokenId: '355510638677',
      name: 'test',
      owner: 'admin',
      authentications: 1,
      failures: 0,
      firstSeen: '2024-05-01T09:14:07.181Z',
      lastSeen: '2024-05-01T09:14:07.181Z',
      addresses: [{ value: '10.20.30.40', count: 1 }],
      moreAddresses: 0,
      endpoints: [{ value: '/rest/api/2/myself', count: 1 }],
      lastRequestId: '554x1024x1',
    }]);
  });

  it("counts the module's DEBUG and INFO lines of one request once, naming the token by resolution's description", () => {
    const rows = reportOf([
      jira(1, 'exec-1', '600x1x1', 'c.a.pats.service.DefaultTokenAuthenticationService', patMessages.gotTokenId('123456789012')),
      jira(1, 'exec-1', '600x1x1', 'c.a.pats.service.DefaultTokenAuthenticationService', patMessages.authenticated('bob', '123456789012')),
      jira(1, 'exec-1', '600x1x1', 'd.resolution.apitokenauth.ApiTokenAuthenticationService', messages.found('deploy bot', 'READ_WRITE', 'bob', 0, '/rest/api/2/myself')),
      jira(2, 'exec-1', '600x2x1', 'c.a.pats.service.DefaultTokenAuthenticationService', patMessages.authenticated('bob', '123456789012')),
    ]);
    expect(rows).to.have.length(1);
    expect(rows[0]).to.include({ tokenId: '123456789012', name: 'deploy bot', owner: 'bob', authentications: 2, lastRequestId: '600x2x1' });
  });

  it('without request ids, a line kind seen again on a thread starts a new request', () => {
    const confluence = (second: number, message: string) => `2024-05-01 10:00:0${second},000 INFO [exec-9] [apitokenauth.ApiTokenAuthenticationService] authenticate ${message}`;
    const rows = reportOf([
      confluence(1, messages.found('wiki sync', 'READ_ONLY', 'carol', 0, '/rest/api/content')),
      confluence(2, messages.found('wiki sync', 'READ_ONLY', 'carol', 0, '/rest/api/content')),
      confluence(3, messages.found('wiki sync', 'READ_ONLY', 'carol', 0, '/rest/api/space')),
    ]);
    expect(rows).to.have.length(1);
    expect(rows[0]).to.deep.include({ tokenId: null, name: 'wiki sync', owner: 'carol', authentications: 3 });
    expect(rows[0]!.endpoints).to.deep.equal([{ value: '/rest/api/content', count: 2 }, { value: '/rest/api/space', count: 1 }]);
  });

  it('a failure after "Got tokenId" in the same request counts for that token, once', () => {
    const rows = reportOf([
      jira(1, 'exec-1', '600x1x1', 'c.a.pats.service.DefaultTokenAuthenticationService', patMessages.gotTokenId('123456789012')),
      jira(1, 'exec-1', '600x1x1', 'c.a.pats.service.DefaultTokenAuthenticationService', patMessages.hashMismatch('123456789012')),
      jira(1, 'exec-1', '600x1x1', 'd.resolution.apitokenauth.ApiTokenAuthenticationService', messages.noValidToken('anonymous', '/rest/api/2/myself')),
      jira(5, 'exec-2', '600x2x1', 'c.a.pats.service.DefaultTokenAuthenticationService', patMessages.gotTokenId('123456789012')),
      jira(5, 'exec-2', '600x2x1', 'd.resolution.apitokenauth.ApiTokenAuthenticationService', messages.readOnlyScope('bob', 'PUT', '/rest/api/2/issue/X-1'), '10.0.0.2', '/rest/api/2/issue/X-1'),
    ]);
    expect(rows).to.have.length(1);
    expect(rows[0]).to.deep.include({ tokenId: '123456789012', authentications: 0, failures: 2, firstSeen: '2024-05-01T10:00:01.000Z', lastSeen: '2024-05-01T10:00:05.000Z' });
    expect(rows[0]!.addresses).to.deep.equal([{ value: '10.0.0.1', count: 1 }, { value: '10.0.0.2', count: 1 }]);
  });

  it('a failure naming no token is reported under its user, without a token id', () => {
    const rows = reportOf([jira(1, 'exec-1', '600x1x1', 'd.resolution.apitokenauth.ApiTokenAuthenticationService', messages.passedOn('mallory', '/rest/api/2/myself'))]);
    expect(rows).to.have.length(1);
    expect(rows[0]).to.deep.include({ tokenId: null, name: null, owner: 'mallory', authentications: 0, failures: 1 });
  });

  it("reads this module's audit records: authentications with their token, address and endpoint; a creation names the token", () => {
    const appender = new MemoryAppender({ name: 'token-report-audit' });
    let now = Date.UTC(2024, 4, 1, 12, 0, 0);
    const audit = new AuditLog({ appender, loggerName: 'test.token-report.audit', clock: { now: () => now }, switches: { successfulAuthentication: true, allFailedAttempts: true } });
    const token: TokenRecord = { id: '0123456789abcdef', family: 'api', owner: 'dave', description: 'backup job', scope: 'READ_ONLY', hash: '{PKCS5S2}x', createdAt: now, expiresAt: null, lastAccessedAt: null };
    audit.tokenCreated('dave', token, '10.1.1.1');
    now += 60_000;
    audit.authenticationSucceeded({ user: 'dave', source: '10.9.9.9', method: 'GET', path: '/rest/api/2/search', token });
    now += 60_000;
    audit.authenticationFailed({ user: 'dave', source: '10.9.9.8', method: 'PUT', path: '/rest/api/2/issue', token, reason: 'read-only' }, true);
    audit.authenticationFailed({ user: 'eve', source: '10.6.6.6', method: 'GET', path: '/rest/api/2/search', token: null }, true);
    const rows = reportOf(appender.lines.map((line) => line.trimEnd()));
    expect(rows).to.have.length(2);
    expect(rows[0]).to.deep.include({ tokenId: '0123456789abcdef', name: 'backup job', owner: 'dave', authentications: 1, failures: 1, firstSeen: '2024-05-01T12:01:00.000Z', lastSeen: '2024-05-01T12:02:00.000Z', lastRequestId: null });
    expect(rows[0]!.endpoints.map((e) => e.value)).to.deep.equal(['/rest/api/2/issue', '/rest/api/2/search']);
    expect(rows[1]).to.deep.include({ tokenId: null, owner: 'eve', failures: 1 });
  });

  it('reads the lines of a chained audit log too: the chain member in front of the record is passed over', () => {
    const appender = new MemoryAppender({ name: 'token-report-chained' });
    const audit = new AuditLog({ appender, loggerName: 'test.token-report.chained', clock: { now: () => Date.UTC(2024, 4, 1) }, switches: { successfulAuthentication: true } });
    const token: TokenRecord = { id: 'fedcba9876543210', family: 'api', owner: 'gina', description: 'sync', scope: 'READ_ONLY', hash: '{PKCS5S2}x', createdAt: 0, expiresAt: null, lastAccessedAt: null };
    audit.authenticationSucceeded({ user: 'gina', source: '10.2.2.2', method: 'GET', path: '/rest/api/2/search', token });
    const rows = reportOf([chainedLine({ seq: 1, prev: GENESIS_HASH }, appender.lines[0]!.trimEnd())]);
    expect(rows.map((row) => [row.tokenId, row.name, row.owner, row.authentications])).to.deep.equal([['fedcba9876543210', 'sync', 'gina', 1]]);
  });

  it('--since/--until keep events in [since, until); --user and --token pick rows by owner and by id or name', () => {
    const lines = [
      jira(1, 'exec-1', '600x1x1', 'p', patMessages.authenticated('bob', '111111111111')),
      jira(2, 'exec-1', '600x2x1', 'p', patMessages.authenticated('bob', '111111111111')),
      jira(3, 'exec-1', '600x3x1', 'p', patMessages.authenticated('bob', '111111111111')),
      jira(4, 'exec-2', '600x4x1', 'p', patMessages.authenticated('carol', '222222222222')),
      jira(4, 'exec-2', '600x4x1', 'r', messages.found('carol cli', 'READ_ONLY', 'carol', 0, '/x')),
    ];
    const since = Date.UTC(2024, 4, 1, 10, 0, 2);
    const until = Date.UTC(2024, 4, 1, 10, 0, 3);
    expect(reportOf(lines, { since, until }).map((row) => [row.tokenId, row.authentications])).to.deep.equal([['111111111111', 1]]);
    expect(reportOf(lines, { user: 'carol' }).map((row) => row.tokenId)).to.deep.equal(['222222222222']);
    expect(reportOf(lines, { token: 'carol cli' }).map((row) => row.tokenId)).to.deep.equal(['222222222222']);
    expect(reportOf(lines, { token: '111111111111' }).map((row) => row.authentications)).to.deep.equal([3]);
  });

  it('a token-shaped user name is reported redacted', () => {
    const shaped = 'A'.repeat(44);
    const rows = reportOf([jira(1, 'exec-1', '600x1x1', 'p', `Auth SUCCESS for user: [${shaped}] and tokenId: [333333333333]`)]);
    expect(rows[0]!.owner).to.equal('***redacted***');
  });
});
