import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AuditCoverage } from '../../../src/auth/audit/audit-coverage.js';
import type { AuditSwitches } from '../../../src/auth/audit/audit-log.js';
import { AuditSwitchFile } from '../../../src/auth/audit/audit-switch-file.js';
import type { AuditSwitchStore } from '../../../src/auth/audit/audit-switch-store.js';
import { TokenPermissionError } from '../../../src/auth/tokens/token-errors.js';
import { GroupPermissions } from '../../../src/auth/tokens/token-permissions.js';
import type { User } from '../../../src/auth/users/user-directory.js';
import { admin, authFixture } from '../support/auth-fixture.js';
import { rejectionOf } from '../support/rejection.js';

const permissions = new GroupPermissions({ adminGroups: ['jira-administrators'] });
const alice: User = { name: 'alice', active: true, groups: ['users'] };
const PATH = '/rest/api/2/myself';

describe('auth/audit/AuditCoverage', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'logwarden-coverage-'));
    file = path.join(dir, 'audit-settings.json');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function tokenAuthentication(f: Awaited<ReturnType<typeof authFixture>>): Promise<string[]> {
    const { token } = await f.service.create(admin, { validity: { days: 1 }, description: 'probe' });
    await f.auth.authenticate({ method: 'GET', path: PATH, authorization: `Bearer ${token}`, remoteAddress: '10.0.0.7' });
    return (await f.audit.query()).records.map((r) => r.type.action);
  }

  it('a switch turned on is stored, applies to the next authentication, and is itself audited with its label', async () => {
    const f = await authFixture();
    const coverage = await AuditCoverage.open(f.audit, new AuditSwitchFile(file), permissions);
    expect(coverage.switches.successfulAuthentication).to.equal(false);
    const after = await coverage.change(admin, { successfulAuthentication: true }, '10.0.0.9');
    expect(after).to.deep.equal({ successfulAuthentication: true, failedApiTokenAttempts: false, allFailedAttempts: false, permissionDenied: false });
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).auditSwitches).to.deep.equal(after);
    expect(f.audit.switches.successfulAuthentication, 'the audit log itself').to.equal(true);

    const changed = (await f.audit.query()).records[0]!;
    expect(changed).to.deep.include({
      author: { id: 'admin', name: 'admin', type: 'user' },
      type: { area: 'SECURITY', category: 'API tokens', action: 'Audit settings changed', level: 'BASE' },
      changedValues: [{ key: 'Successful authentication', from: 'Off', to: 'On' }],
      source: '10.0.0.9',
    });
    expect(await tokenAuthentication(f)).to.deep.equal(['Successful authentication', 'Token created', 'Audit settings changed']);
  });

  it('labels each changed switch as resolution names it, and a change to nothing new stores and audits nothing', async () => {
    const f = await authFixture();
    const coverage = await AuditCoverage.open(f.audit, new AuditSwitchFile(file), permissions);
    await coverage.change(admin, { failedApiTokenAttempts: true, allFailedAttempts: true, permissionDenied: true });
    expect((await f.audit.query()).records[0]!.changedValues).to.deep.equal([
      { key: 'Audit-log failed API token authentication attempts', from: 'Off', to: 'On' },
      { key: 'Audit-log all failed authentication attempts', from: 'Off', to: 'On' },
      { key: 'Permission denied', from: 'Off', to: 'On' },
    ]);
    fs.rmSync(file);
    await coverage.change(admin, { permissionDenied: true, successfulAuthentication: false });
    expect(fs.existsSync(file)).to.equal(false);
    expect((await f.audit.query()).total).to.equal(1);
  });

  it('the stored switches win over the configured ones at the next start', async () => {
    const first = await authFixture({ auditSwitches: { successfulAuthentication: true } });
    const coverage = await AuditCoverage.open(first.audit, new AuditSwitchFile(file), permissions);
    await coverage.change(admin, { successfulAuthentication: false, permissionDenied: true });

    const restarted = await authFixture({ auditSwitches: { successfulAuthentication: true } });
    const again = await AuditCoverage.open(restarted.audit, new AuditSwitchFile(file), permissions);
    expect(again.switches).to.deep.equal({ successfulAuthentication: false, failedApiTokenAttempts: false, allFailedAttempts: false, permissionDenied: true });
    expect(await tokenAuthentication(restarted)).to.deep.equal(['Token created']);
  });

  it('nothing is stored when nothing was changed: the configured switches stay', async () => {
    const f = await authFixture({ auditSwitches: { allFailedAttempts: true } });
    const coverage = await AuditCoverage.open(f.audit, new AuditSwitchFile(file), permissions);
    expect(coverage.switches.allFailedAttempts).to.equal(true);
    expect(coverage.location).to.equal(file);
  });

  it('an unreadable settings file stops the start with an error naming it', async () => {
    fs.writeFileSync(file, 'not json');
    const f = await authFixture();
    const error = await rejectionOf(AuditCoverage.open(f.audit, new AuditSwitchFile(file), permissions));
    expect(error.message).to.include(`Audit settings ${file}: not valid JSON`);
  });

  it('only administrators change switches; a bad name or value is refused before anything is stored', async () => {
    const f = await authFixture();
    const coverage = await AuditCoverage.open(f.audit, new AuditSwitchFile(file), permissions);
    expect(await rejectionOf(coverage.change(alice, { permissionDenied: true }))).to.be.instanceOf(TokenPermissionError);
    expect((await rejectionOf(coverage.change(admin, { permissionDenied: 'yes' } as never))).message)
      .to.equal('Audit switches: permissionDenied must be true or false, got "yes"');
    expect((await rejectionOf(coverage.change(admin, { everything: true } as never))).message).to.match(/^Audit switches: unknown switch "everything"/);
    expect(fs.existsSync(file)).to.equal(false);
    expect((await f.audit.query()).total).to.equal(0);
  });

  it('a failed save leaves the switches in force as they were and audits nothing', async () => {
    const f = await authFixture();
    const failing: AuditSwitchStore = {
      location: 'nowhere',
      load: async () => null,
      save: async () => { throw new Error('disk full'); },
    };
    const coverage = await AuditCoverage.open(f.audit, failing, permissions);
    expect((await rejectionOf(coverage.change(admin, { successfulAuthentication: true }))).message).to.equal('disk full');
    expect(f.audit.switches.successfulAuthentication).to.equal(false);
    expect((await f.audit.query()).total).to.equal(0);
  });

  it('each change tells which switches it turned, against those in force when it applies: a change queued behind another that did the same turns nothing', async () => {
    const f = await authFixture();
    const coverage = await AuditCoverage.open(f.audit, new AuditSwitchFile(file), permissions);
    const seenBefore = coverage.switches;
    const [first, second, third] = await Promise.all([
      coverage.changeSwitches(admin, { permissionDenied: true }),
      coverage.changeSwitches(admin, { permissionDenied: true, successfulAuthentication: true }, '10.0.0.9'),
      coverage.changeSwitches(admin, { permissionDenied: true, successfulAuthentication: true }),
    ]);
    expect(seenBefore.permissionDenied, 'what the second and third callers saw when they asked').to.equal(false);
    expect(first.changed).to.deep.equal(['permissionDenied']);
    expect(second.changed).to.deep.equal(['successfulAuthentication']);
    expect(third.changed).to.deep.equal([]);
    expect(third.switches).to.deep.equal({ successfulAuthentication: true, failedApiTokenAttempts: false, allFailedAttempts: false, permissionDenied: true });
    expect((await f.audit.query()).records.map((r) => r.changedValues)).to.deep.equal([
      [{ key: 'Successful authentication', from: 'Off', to: 'On' }],
      [{ key: 'Permission denied', from: 'Off', to: 'On' }],
    ]);
  });

  it('changes made together are stored in the order made: the stored switches are those in force', async () => {
    const f = await authFixture();
    const store = new AuditSwitchFile(file);
    const coverage = await AuditCoverage.open(f.audit, store, permissions);
    const wanted: Partial<AuditSwitches>[] = [
      { successfulAuthentication: true }, { successfulAuthentication: false, permissionDenied: true }, { allFailedAttempts: true }, { permissionDenied: false },
    ];
    await Promise.all(wanted.map((w) => coverage.change(admin, w)));
    expect(await store.load()).to.deep.equal(coverage.switches);
    expect(coverage.switches).to.deep.equal({ successfulAuthentication: false, failedApiTokenAttempts: false, allFailedAttempts: true, permissionDenied: false });
    expect((await f.audit.query()).total).to.equal(4);
  });
});
