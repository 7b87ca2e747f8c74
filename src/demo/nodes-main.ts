/**
 * `npm run demo:nodes`: two demo servers (nodes) sharing one PostgreSQL database for
 * their tokens and audit log, as Jira, Confluence or Bitbucket Data Center run
 * behind a load balancer: node-1 on PORT (default 8080), node-2 on PORT + 1, logs
 * in LOG_DIR/node-1 and LOG_DIR/node-2. The database is the one PGHOST, PGPORT,
 * PGUSER, PGPASSWORD and PGDATABASE name (the tables are created on start).
 * SIGINT or SIGTERM stops both.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const port = Number(process.env.PORT || 8080);
if (!Number.isInteger(port) || port < 1 || port > 65534) {
  process.stderr.write(`logwarden demo:nodes: PORT must be a number from 1 to 65534 (the second node takes PORT + 1), not "${process.env.PORT}"\n`);
  process.exit(1);
}
const logDir = process.env.LOG_DIR || 'logs';
const main = fileURLToPath(new URL('./main.js', import.meta.url));

const nodes: ChildProcess[] = [1, 2].map((n) => spawn(process.execPath, [main], {
  stdio: 'inherit',
  env: { ...process.env, PORT: String(port + n - 1), LOG_DIR: join(logDir, `node-${n}`), DEMO_DATABASE: 'postgres', DEMO_NODE: `node-${n}` },
}));

let status = 0;
let running = nodes.length;
for (const node of nodes) {
  node.once('exit', (code, signal) => {
    if (code !== 0 && signal === null) status = code ?? 1;
    // One node failing to start takes the other down with it: half a cluster is not the demo.
    if (code !== 0 && signal === null) for (const other of nodes) other.kill('SIGTERM');
    if (--running === 0) process.exit(status);
  });
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    for (const node of nodes) node.kill(signal);
  });
}
