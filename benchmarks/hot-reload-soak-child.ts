import { configure } from '../src/config/configure.js';
import { getLogger, shutdown } from '../src/log-manager.js';
import { Level } from '../src/level.js';

/**
 * The application side of hot-reload-soak.ts: configures from the watched file with
 * the default watch settings, logs 0, 1, 2, ... on logger `counter` from a timer,
 * and tells the parent (IPC) which edit is in force, found by the `edit<n>` logger
 * each edit adds. On "stop": stops logging, flushes, reports how many values it logged.
 */
const file = process.argv[2];
if (!file) throw new Error('usage: hot-reload-soak-child.js <configuration file>');

const handle = configure(file, { watch: true });
await handle.watching;
const counter = getLogger('counter');
let next = 0;
let applied = 0;
const logging = setInterval(() => {
  for (let k = 0; k < 20; k++) counter.info(String(next++));
  while (getLogger(`edit${applied + 1}`).level === Level.DEBUG) {
    applied++;
    process.send!({ applied });
  }
}, 1);
process.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(logging);
  void (async () => {
    await handle.stopWatching();
    await shutdown();
    process.send!({ total: next }, () => process.disconnect());
  })();
});
process.send!({ ready: true });
