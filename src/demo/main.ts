/**
 * `npm start`: the demo server on PORT (default 8080) of HOST (default 127.0.0.1),
 * logging per conf/demo.properties into LOG_DIR (default ./logs). SIGINT or SIGTERM
 * stops it; every line logged until then is on disk. A bad setting or a port that
 * cannot be had is one line on stderr and exit status 1.
 */
import { shutdown } from '../log-manager.js';
import { readDemoEnvironment, startFailureMessage, type DemoEnvironment } from './demo-environment.js';
import { startDemo } from './demo-server.js';

let environment: DemoEnvironment | undefined;
const demo = await (async () => {
  environment = readDemoEnvironment();
  return startDemo({ ...environment, postgres: environment.database ? { node: environment.database.node } : null });
})().catch(async (cause: unknown): Promise<never> => {
  process.stderr.write(`logwarden demo: ${startFailureMessage(cause, environment)}\n`);
  await shutdown().catch(() => undefined);
  process.exit(1);
});
console.log(`logwarden demo on ${demo.url} — logs in ${environment!.logDir}/, configuration conf/demo.properties (edit it live)`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    demo.close().then(shutdown).then(() => process.exit(0), () => process.exit(1));
  });
}
