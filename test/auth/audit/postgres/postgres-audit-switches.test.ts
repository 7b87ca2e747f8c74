import { expect } from 'chai';
import { MemoryAppender } from '../../../../appenders/memory-appender.js';
import { AuditCoverage } from '../../../../src/auth/audit/audit-coverage.js';
import { AuditLog } from '../../../../src/auth/audit/audit-log.js';
import { PostgresAuditStorage } from '../../../../src/auth/audit/postgres/postgres-audit-storage.js';
import { GroupPermissions } from '../../../../src/auth/tokens/token-permissions.js';
import type { User } from '../../../../src/auth/users/user-directory.js';
import { eventually } from '../../support/eventually.js';
import { rejectionOf } from '../../support/rejection.js';
import { databasePerTest, sqlRows } from '../../store/postgres/postgres-server.js';

const ALL_OFF = { successfulAuthentication: false, failedApiTokenAttempts: false, allFailedAttempts: false, permissionDenied: false };

describe('auth/audit/postgres/PostgresAuditSwitches: the audit switches in the shared audit database', function () {
  this.timeout(30_000);
  const suite = databasePerTest<PostgresAuditStorage>('auditswitches');

  const storage = (node: string): PostgresAuditStorage => {
    return suite.opened(new PostgresAuditStorage({ ...suite.db, node }));
  };

  it('has nothing until saved; a save replaces the one row, and another node (or a restart) reads it', async () => {
    const a = storage('node-a');
    expect(await a.switches.load()).to.equal(null);
    await a.switches.save({ ...ALL_OFF, successfulAuthentication: true });
    await a.switches.save({ ...ALL_OFF, permissionDenied: true });
    expect(await storage('node-b').switches.load()).to.deep.equal({ ...ALL_OFF, permissionDenied: true });
    const rows = await sqlRows<{ name: string; value: string }>(suite.db, 'SELECT name, value FROM logwarden_audit_settings');
    expect(rows).to.deep.equal([{ name: 'auditSwitches', value: JSON.stringify({ ...ALL_OFF, permissionDenied: true }) }]);
  });

  it('a change made on one node, or in SQL, is applied on the others as soon as it is announced, unaudited there', async () => {
    const permissions = new GroupPermissions({ adminGroups: ['admins'] });
    const admin: User = { name: 'admin', active: true, groups: ['admins'] };
    const node = async (name: string) => {
      const records = new MemoryAppender({ name: `audit-${name}` });
      const audit = new AuditLog({ loggerName: `audit.${suite.db.database}.${name}`, appender: records, switches: { permissionDenied: true } });
      const coverage = await AuditCoverage.open(audit, storage(name).switches, permissions);
      return { audit, coverage, records };
    };
    const a = await node('node-a');
    const b = await node('node-b');
    expect(b.audit.switches.permissionDenied, 'nothing stored yet: the configured switches').to.equal(true);
    await a.coverage.change(admin, { permissionDenied: false, successfulAuthentication: true });
    await eventually('node B applying node A\'s change', async () => b.audit.switches.successfulAuthentication);
    expect(b.audit.switches).to.deep.equal({ successfulAuthentication: true, failedApiTokenAttempts: false, allFailedAttempts: false, permissionDenied: false });

    await sqlRows(suite.db, `UPDATE logwarden_audit_settings SET value = $1`, [JSON.stringify({ successfulAuthentication: false, failedApiTokenAttempts: false, allFailedAttempts: true, permissionDenied: false })]);
    await eventually('both nodes applying a change made in SQL', async () => a.audit.switches.allFailedAttempts && b.audit.switches.allFailedAttempts);
    expect(a.audit.switches.successfulAuthentication).to.equal(false);
    expect(a.records.events.map((e) => JSON.parse(e.message).type.action)).to.deep.equal(['Audit settings changed']);
    expect(b.records.events, 'audited where it was made, not again on each node').to.deep.equal([]);

    const listening = async () => Number((await sqlRows<{ n: string }>(suite.db,
      "SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'logwarden audit settings' AND datname = $1", [suite.db.database]))[0]!.n);
    expect(await listening(), 'one listening connection per node').to.equal(2);
    await b.coverage.close();
    await eventually('node B\'s listening connection gone', async () => (await listening()) === 1);
    await a.coverage.close();
    await eventually('no listening connection left', async () => (await listening()) === 0);
  });

  it('a row edited into something unreadable is an error naming the table, the database and what is wrong', async () => {
    const a = storage('node-a');
    await a.switches.save(ALL_OFF);
    await sqlRows(suite.db, `UPDATE logwarden_audit_settings SET value = '{"successfulAuthentication":1}'`);
    const error = await rejectionOf(a.switches.load());
    expect(error.message).to.equal(`Audit settings in logwarden_audit_settings at postgres://postgres@${suite.db.host}:${suite.db.port}/${suite.db.database}: row "auditSwitches": auditSwitches.successfulAuthentication: expected true or false, got 1`);
    await sqlRows(suite.db, `UPDATE logwarden_audit_settings SET value = 'nope'`);
    expect((await rejectionOf(a.switches.load())).message).to.match(/row "auditSwitches": not valid JSON: /);
  });
});
