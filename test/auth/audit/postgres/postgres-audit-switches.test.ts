import { expect } from 'chai';
import { PostgresAuditStorage } from '../../../../src/auth/audit/postgres/postgres-audit-storage.js';
import { rejectionOf } from '../../support/rejection.js';
import { requirePostgres, sqlRows, type PostgresServer, type TestDatabase } from '../../store/postgres/postgres-server.js';

const ALL_OFF = { successfulAuthentication: false, failedApiTokenAttempts: false, allFailedAttempts: false, permissionDenied: false };

describe('auth/audit/postgres/PostgresAuditSwitches: the audit switches in the shared audit database', function () {
  this.timeout(30_000);
  let server: PostgresServer;
  let db: TestDatabase;
  const storages: PostgresAuditStorage[] = [];

  before(async function () {
    server = await requirePostgres(this);
  });
  beforeEach(async () => {
    db = await server.createDatabase('auditswitches');
  });
  afterEach(async () => {
    for (const storage of storages.splice(0)) await storage.close();
  });

  const storage = (node: string): PostgresAuditStorage => {
    const made = new PostgresAuditStorage({ ...db, node });
    storages.push(made);
    return made;
  };

  it('has nothing until saved; a save replaces the one row, and another node (or a restart) reads it', async () => {
    const a = storage('node-a');
    expect(await a.switches.load()).to.equal(null);
    await a.switches.save({ ...ALL_OFF, successfulAuthentication: true });
    await a.switches.save({ ...ALL_OFF, permissionDenied: true });
    expect(await storage('node-b').switches.load()).to.deep.equal({ ...ALL_OFF, permissionDenied: true });
    const rows = await sqlRows<{ name: string; value: string }>(db, 'SELECT name, value FROM logwarden_audit_settings');
    expect(rows).to.deep.equal([{ name: 'auditSwitches', value: JSON.stringify({ ...ALL_OFF, permissionDenied: true }) }]);
  });

  it('a row edited into something unreadable is an error naming the table, the database and what is wrong', async () => {
    const a = storage('node-a');
    await a.switches.save(ALL_OFF);
    await sqlRows(db, `UPDATE logwarden_audit_settings SET value = '{"successfulAuthentication":1}'`);
    const error = await rejectionOf(a.switches.load());
    expect(error.message).to.equal(`Audit settings in logwarden_audit_settings at postgres://postgres@${db.host}:${db.port}/${db.database}: row "auditSwitches": auditSwitches.successfulAuthentication: expected true or false, got 1`);
    await sqlRows(db, `UPDATE logwarden_audit_settings SET value = 'nope'`);
    expect((await rejectionOf(a.switches.load())).message).to.match(/row "auditSwitches": not valid JSON: /);
  });
});
