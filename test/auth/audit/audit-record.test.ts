import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileAppender } from '../../../appenders/file-appender.js';
import { AuditLog } from '../../../src/auth/audit/audit-log.js';
import { parseAuditRecord, serializeAuditRecord, userAuthor, type AuditRecord } from '../../../src/auth/audit/audit-record.js';
import { captureEverything } from '../support/log-capture.js';
import { ManualClock } from '../support/manual-clock.js';

/** Every character Python's str.splitlines() ends a line at (its documentation's table). */
const PYTHON_LINE_BREAKS = ['\n', '\r', '\u000b', '\u000c', '\u001c', '\u001d', '\u001e', '\u0085', '\u2028', '\u2029'];
const ANY_LINE_BREAK = /[\n\r\u000b\u000c\u001c-\u001e\u0085\u2028\u2029]/;

function hasPython(): boolean {
  try {
    execFileSync('python3', ['-c', 'pass'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function recordWith(text: string): AuditRecord {
  return {
    timestamp: '2024-01-10T12:00:00.000Z',
    author: userAuthor(`user${text}`),
    type: { area: 'SECURITY', category: 'API tokens', action: 'Token created', level: 'BASE' },
    affectedObjects: [{ name: `token${text}`, type: 'TOKEN', id: '0123456789abcdef' }],
    changedValues: [{ key: 'Description', to: `description${text}` }],
    source: '10.0.0.1',
    extraAttributes: [{ name: 'REST endpoint', value: `/rest/api/2/myself${text}` }],
  };
}

describe('auth/audit/audit-record', () => {
  it('serializes a record as one line with every line break escaped, and reads it back unchanged', () => {
    for (const ch of [...PYTHON_LINE_BREAKS, '\r\n', PYTHON_LINE_BREAKS.join('')]) {
      const record = recordWith(`a${ch}b`);
      const line = serializeAuditRecord(record);
      expect(ANY_LINE_BREAK.test(line), JSON.stringify(ch)).to.equal(false);
      expect(parseAuditRecord(line)).to.deep.equal(record);
    }
  });

  it('keeps one record per line for Python\'s splitlines() in a file the AuditLog wrote', async function () {
    if (!hasPython()) this.skip(); // python3 is not installed here: the JavaScript-side check above still runs
    await captureEverything();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'logwarden-audit-record-'));
    try {
      const file = path.join(dir, 'audit.log');
      const appender = new FileAppender({ name: 'audit-python', file });
      const audit = new AuditLog({ appender, loggerName: 'logwarden.audit.python', clock: new ManualClock(Date.UTC(2024, 0, 10)) });
      audit.switches.allFailedAttempts = true;
      const texts = PYTHON_LINE_BREAKS.map((ch) => `x${ch}y`);
      for (const text of texts) {
        audit.authenticationFailed({ user: `user${text}`, source: '10.0.0.1', method: 'GET', path: `/rest${text}`, reason: `reason${text}` }, false);
      }
      await appender.close();
      const script = [
        'import json, sys',
        'lines = open(sys.argv[1], encoding="utf-8").read().splitlines()',
        'print(json.dumps([json.loads(line)["affectedObjects"][0]["name"] for line in lines]))',
      ].join('\n');
      const users = JSON.parse(execFileSync('python3', ['-c', script, file], { encoding: 'utf8' }));
      expect(users).to.deep.equal(texts.map((text) => `user${text}`));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
