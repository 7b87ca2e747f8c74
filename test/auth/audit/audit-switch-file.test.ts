import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AuditSwitchFile } from '../../../src/auth/audit/audit-switch-file.js';
import { rejectionOf } from '../support/rejection.js';

const ALL_ON = { successfulAuthentication: true, failedApiTokenAttempts: true, allFailedAttempts: true, permissionDenied: true };

describe('auth/audit/AuditSwitchFile', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'logwarden-audit-switches-'));
    file = path.join(dir, 'data', 'audit-settings.json');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('has nothing saved until the first save, which makes its folder and writes the file with mode 0600', async () => {
    const store = new AuditSwitchFile(file);
    expect(await store.load()).to.equal(null);
    await store.save({ ...ALL_ON, permissionDenied: false });
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).to.deep.equal({ version: 1, auditSwitches: { ...ALL_ON, permissionDenied: false } });
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).to.equal(0o600);
    expect(await new AuditSwitchFile(file).load(), 'read back by a new instance, as after a restart').to.deep.equal({ ...ALL_ON, permissionDenied: false });
    expect(fs.readdirSync(path.dirname(file))).to.deep.equal(['audit-settings.json']);
  });

  it('replaces the file whole and removes temporary files a crash left behind', async () => {
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(`${file}.tmp-999-1`, '{"half');
    const store = new AuditSwitchFile(file);
    await store.save(ALL_ON);
    await store.save({ ...ALL_ON, successfulAuthentication: false });
    expect(fs.readdirSync(path.dirname(file))).to.deep.equal(['audit-settings.json']);
    expect((await store.load())!.successfulAuthentication).to.equal(false);
  });

  it('an unreadable file is an error naming it, never the defaults', async () => {
    fs.mkdirSync(file, { recursive: true });
    const error = await rejectionOf(new AuditSwitchFile(file).load());
    expect(error.message).to.match(new RegExp(`^Audit settings ${escape(file)}: cannot read: EISDIR`));
  });

  it('names the file and what is wrong in it: JSON, the top level, a switch\'s value, an unknown or missing switch', async () => {
    fs.mkdirSync(path.dirname(file));
    const cases: [string, RegExp][] = [
      ['{"version":1,', /: not valid JSON: /],
      ['[1]', /: top level: expected \{"version":1,"auditSwitches":\{\.\.\.\}\}$/],
      ['{"version":2,"auditSwitches":{}}', /: top level: /],
      [JSON.stringify({ version: 1, auditSwitches: { ...ALL_ON, permissionDenied: 'yes' } }), /: auditSwitches\.permissionDenied: expected true or false, got "yes"$/],
      [JSON.stringify({ version: 1, auditSwitches: { ...ALL_ON, permisionDenied: true } }), /: auditSwitches\.permisionDenied: unknown switch; expected one of successfulAuthentication, /],
      [JSON.stringify({ version: 1, auditSwitches: { successfulAuthentication: true } }), /: auditSwitches\.failedApiTokenAttempts: expected true or false, got undefined$/],
      [JSON.stringify({ version: 1, auditSwitches: null }), /: auditSwitches: expected an object, got null$/],
    ];
    for (const [text, expected] of cases) {
      fs.writeFileSync(file, text);
      const error = await rejectionOf(new AuditSwitchFile(file).load());
      expect(error.message, text).to.match(new RegExp(`^Audit settings ${escape(file)}`));
      expect(error.message, text).to.match(expected);
    }
  });

  it('a save that cannot be written is an error naming the file', async () => {
    fs.writeFileSync(path.join(dir, 'data'), 'a plain file where the folder should be');
    const error = await rejectionOf(new AuditSwitchFile(file).save(ALL_ON));
    expect(error.message).to.match(new RegExp(`^Audit settings ${escape(file)}: write failed: (EEXIST|ENOTDIR)`));
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
