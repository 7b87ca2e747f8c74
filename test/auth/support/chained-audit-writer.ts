import { RollingFileAppender } from '../../../appenders/rolling-file-appender.js';
import { AuditLog } from '../../../src/auth/audit/audit-log.js';
import { tokenRecord } from './chained-audit-log.js';

import { shutdown } from '../../../src/log-manager.js';

/**
 * A host process for the crash tests: `node chained-audit-writer.js <file> <records|forever> [close|exit|shutdown]`,
 * key in AUDIT_KEY_PEM. Writes chained records in batches, one batch per event-loop
 * turn, then (never, for `forever`: it waits for its SIGKILL) ends: `close` closes the
 * audit log and its appender, `exit` just lets the process end, `shutdown` shuts
 * logging down without closing the audit log.
 */
const [file, count, ending = 'close'] = process.argv.slice(2) as [string, string, string?];
const appender = new RollingFileAppender({ name: 'audit', file, maxFileSize: '64KB', maxBackupIndex: 100 });
const audit = new AuditLog({ appender, chain: { key: { privateKeyEnv: 'AUDIT_KEY_PEM' }, checkpointEveryRecords: 50 } });
const total = count === 'forever' ? Infinity : Number(count);
let written = 0;

function batch(): void {
  for (let i = 0; i < 20 && written < total; i++) audit.tokenCreated('alice', tokenRecord(`c${process.pid}-${written++}`), '10.0.0.1');
  if (written < total) {
    setImmediate(batch);
    return;
  }
  if (ending === 'close') {
    audit.close();
    void appender.close();
  } else if (ending === 'shutdown') {
    void shutdown();
  }
}
batch();
