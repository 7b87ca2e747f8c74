import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { serializeAuditRecord, type AuditRecord } from '../../src/auth/audit/audit-record.js';
import { patMessages } from '../../src/auth/messages/pat-messages.js';

const bin = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const fixtures = fileURLToPath(new URL('../../../test/fixtures/pat-trace/', import.meta.url));

function logwarden(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Jira, Bitbucket and Confluence lines of several tokens, successes and failures, in time order. */
function productLines(): string[] {
  const lines = fs.readFileSync(path.join(fixtures, 'atlassian-jira.log'), 'utf8').trimEnd().split('\n');
  for (let i = 0; i < 300; i++) {
    const second = String(i % 60).padStart(2, '0');
    const minute = String(10 + Math.floor(i / 60)).padStart(2, '0');
    const stamp = `2024-05-01 10:${minute}:${second},000`;
    const id = ['111111111111', '222222222222', '333333333333'][i % 3]!;
    const user = ['alice', 'bob', 'carol'][i % 3]!;
    const request = `${600 + i}x${i}x1`;
    const address = `10.0.${i % 3}.${i % 7}`;
    const url = ['/rest/api/2/search', '/rest/api/2/issue/X-1', '/rest/api/2/myself'][i % 4 === 0 ? 2 : i % 2]!;
    const jira = (logger: string, message: string) => `${stamp}+0000 http-nio-8080-exec-${i % 5} TRACE anonymous ${request} - ${address} ${url} [${logger}] ${message}`;
    lines.push(jira('c.a.pats.service.DefaultTokenAuthenticationService', patMessages.gotTokenId(id)));
    if (i % 10 === 9) lines.push(jira('c.a.pats.service.DefaultTokenAuthenticationService', patMessages.hashMismatch(id)));
    else lines.push(jira('c.a.pats.service.DefaultTokenAuthenticationService', `Authentication successful - returning token: [TokenDTO(id=${i % 3 + 1}, userKey=JIRAUSER1000${i % 3}, tokenId=${id}, name=${user} script, createdAt=null)]`));
    if (i % 10 !== 9) lines.push(jira('c.a.pats.web.filter.TokenBasedAuthenticationFilter', `Auth SUCCESS for user: [${user}] and tokenId: [${id}]`));
    if (i % 25 === 0) lines.push(`${stamp} INFO [http-nio-7990-exec-1] @X${i}x1x0 192.0.2.${i % 4} "GET /rest/ssh/1.0/keys HTTP/1.1" d.r.a.p.auth.ApiTokenAuthSharedBase Found a matching token "bb token" with Read Only scope and authenticated user dave. Token was created on Jan 6, 2021 2:14:46 PM. REST endpoint: /rest/ssh/1.0/keys`);
    if (i % 30 === 0) lines.push(`${stamp} INFO [http-nio-8090-exec-2] [apitokenauth.ApiTokenAuthenticationService] authenticate Token verification for user erin failed: No valid API token was provided and basic auth with password is disabled. REST endpoint: /rest/api/content -- url: /rest/api/content | traceId: t${i} | userName: anonymous`);
    lines.push(`${stamp}+0000 http-nio-8080-exec-${i % 5} INFO ${user} ${request} - ${address} ${url} [c.a.j.web.Something] unrelated line ${i}`);
  }
  return lines;
}

function auditLines(): string[] {
  return Array.from({ length: 40 }, (_, i): AuditRecord => ({
    timestamp: new Date(Date.UTC(2024, 4, 1, 11, 0, i)).toISOString(),
    author: { id: 'anonymous', name: 'Anonymous', type: 'user' },
    type: { area: 'SECURITY', category: 'API tokens', action: i % 4 === 3 ? 'Failed authentication' : 'Successful authentication', level: 'ADVANCED' },
    affectedObjects: [{ name: 'frank', type: 'USER', id: 'frank' }, { name: 'nightly export', type: 'TOKEN', id: '0123456789abcdef' }],
    changedValues: [],
    source: `203.0.113.${i % 2}`,
    extraAttributes: [{ name: 'Method', value: 'GET' }, { name: 'REST endpoint', value: '/rest/api/2/search' }],
  })).map(serializeAuditRecord);
}

const text = (lines: readonly string[]): string => lines.map((line) => line + '\n').join('');

describe('cli/tokens-command (logwarden tokens, run as the bin)', function () {
  this.timeout(30_000);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokens-cli-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("reports the seed's PAT TRACE excerpt: token 355510638677 of admin named test, its endpoint and request id", () => {
    const run = logwarden('tokens', path.join(fixtures, 'atlassian-jira.log'));
    expect(run.stderr).to.equal('');
    expect(run.code).to.equal(0);
    const [header, row, ...rest] = run.stdout.trimEnd().split('\n');
    expect(header).to.match(/^TOKEN ID\s+NAME\s+OWNER\s+AUTHS\s+FAILS\s+FIRST SEEN\s+LAST SEEN\s+ADDRESSES\s+TOP ENDPOINTS\s+LAST REQUEST$/);
    expect(row!.split(/\s{2,}/)).to.deep.equal([
      '355510638677', 'test', 'admin', '1', '0', '2024-05-01T09:14:07.181Z', '2024-05-01T09:14:07.181Z', '10.20.30.40 (1)', '/rest/api/2/myself (1)', '554x1024x1',
    ]);
    expect(rest).to.deep.equal([]);
  });

  it('a mixed, rotated, partly gzipped set of files gives the same report as the same lines in one plain file', () => {
    const product = productLines();
    const audit = auditLines();
    const third = Math.floor(product.length / 3);
    const logs = path.join(dir, 'logs');
    fs.mkdirSync(path.join(logs, 'audit'), { recursive: true });
    // Oldest lines in the highest backup; names given in an order that is not the time order.
    fs.writeFileSync(path.join(logs, 'atlassian-jira.log'), text(product.slice(2 * third)));
    fs.writeFileSync(path.join(logs, 'atlassian-jira.log.1'), text(product.slice(third, 2 * third)));
    fs.writeFileSync(path.join(logs, 'atlassian-jira.log.2.gz'), gzipSync(text(product.slice(0, third))));
    fs.writeFileSync(path.join(logs, 'audit', 'audit.log'), text(audit.slice(20)));
    fs.writeFileSync(path.join(logs, 'audit', 'audit.log.2024-05-01.gz'), gzipSync(text(audit.slice(0, 20))));
    const plain = path.join(dir, 'everything.log');
    fs.writeFileSync(plain, text([...product, ...audit]));

    const split = logwarden('tokens', '--json', logs);
    const whole = logwarden('tokens', '--json', plain);
    expect([split.code, whole.code, split.stderr, whole.stderr]).to.deep.equal([0, 0, '', '']);
    const tokensOf = (stdout: string) => (JSON.parse(stdout) as { tokens: { tokenId: string | null; name: string | null; owner: string | null; authentications: number; failures: number }[] }).tokens;
    expect(tokensOf(split.stdout)).to.deep.equal(tokensOf(whole.stdout));
    expect(JSON.parse(split.stdout).files).to.equal(5);
    expect(tokensOf(whole.stdout).map((t) => [t.tokenId, t.name, t.owner, t.authentications, t.failures])).to.deep.equal([
      ['111111111111', 'alice script', 'alice', 90, 10],
      ['222222222222', 'bob script', 'bob', 90, 10],
      ['333333333333', 'carol script', 'carol', 90, 10],
      ['0123456789abcdef', 'nightly export', 'frank', 30, 10],
      [null, 'bb token', 'dave', 12, 0],
      ['355510638677', 'test', 'admin', 1, 0],
      [null, null, 'erin', 0, 10],
    ]);
  });

  it('--csv prints a header and quoted cells; --user and --since/--until narrow the rows', () => {
    const file = path.join(dir, 'a.log');
    fs.writeFileSync(file, text(productLines()));
    const csv = logwarden('tokens', '--csv', '--user', 'bob', file);
    expect(csv.code).to.equal(0);
    const lines = csv.stdout.split('\r\n');
    expect(lines[0]).to.equal('"tokenId","name","owner","authentications","failures","firstSeen","lastSeen","addresses","topEndpoints","lastRequestId"');
    expect(lines[1]).to.match(/^"222222222222","bob script","bob","90","10",/);
    expect(lines.slice(2)).to.deep.equal(['']);
    const narrowed = logwarden('tokens', '--json', '--since', '2024-05-01T10:10:00Z', '--until', '2024-05-01T10:11:00Z', '--token', '111111111111', file);
    expect(JSON.parse(narrowed.stdout).tokens.map((t: { authentications: number; failures: number }) => [t.authentications, t.failures])).to.deep.equal([[18, 2]]);
  });

  it('a gzip cut short: the report of what was read, the file named on stderr, exit 1', () => {
    const whole = gzipSync(text(productLines()));
    fs.writeFileSync(path.join(dir, 'atlassian-jira.log.1.gz'), whole.subarray(0, Math.floor(whole.length / 2)));
    const run = logwarden('tokens', dir);
    expect(run.code).to.equal(1);
    expect(run.stdout).to.match(/^TOKEN ID/);
    expect(run.stderr).to.match(/atlassian-jira\.log\.1\.gz: read in part: Z_BUF_ERROR/);
  });

  it('names a missing input, a bad time and an unknown option, exit 2; --help prints the usage, exit 0', () => {
    const missing = logwarden('tokens', path.join(dir, 'nope.log'));
    expect([missing.code, missing.stdout]).to.deep.equal([2, '']);
    expect(missing.stderr).to.match(/^logwarden tokens: .*nope\.log: ENOENT/);
    const badTime = logwarden('tokens', '--since', 'yesterday', dir);
    expect(badTime.code).to.equal(2);
    expect(badTime.stderr).to.include('--since "yesterday" is not an ISO 8601 date');
    const unknown = logwarden('tokens', '--frobnicate', dir);
    expect(unknown.code).to.equal(2);
    expect(unknown.stderr).to.include("'--frobnicate'");
    const none = logwarden('tokens');
    expect(none.code).to.equal(2);
    const help = logwarden('tokens', '--help');
    expect(help.code).to.equal(0);
    expect(help.stdout).to.match(/^Usage: logwarden tokens <file or folder>\.\.\. \[options\]/);
  });
});
