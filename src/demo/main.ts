/**
 * `npm start`: the demo server on PORT (default 8080), logging per
 * conf/demo.properties into LOG_DIR (default ./logs). Ctrl-C stops it; every line
 * logged until then is on disk.
 */
import { shutdown } from '../log-manager.js';
import { startDemo } from './demo-server.js';

const demo = await startDemo({
  port: Number(process.env.PORT ?? 8080),
  host: process.env.HOST ?? '127.0.0.1',
  adminPassword: process.env.DEMO_ADMIN_PASSWORD ?? 'admin',
  automationPassword: process.env.DEMO_AUTOMATION_PASSWORD ?? 'automation',
});
console.log(`logwarden demo on ${demo.url} — logs in ${process.env.LOG_DIR ?? 'logs'}/, configuration conf/demo.properties (edit it live)`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    demo.close().then(shutdown).then(() => process.exit(0), () => process.exit(1));
  });
}
