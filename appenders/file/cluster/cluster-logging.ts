import cluster from 'node:cluster';
import { writerProcessId } from './writer-address.js';
import { WriterConnection } from './writer-connection.js';
import { WriterLink, type LinkLimits, type LinkOwner } from './writer-link.js';
import { WriterServer } from './writer-server.js';
import type { WriterSpec } from './writer-targets.js';

const server = new WriterServer();

/**
 * Several processes, one file (DURABILITY.md, "Several processes"). In a cluster
 * worker or a worker thread, file appenders forward their formatted records to the
 * writer: the cluster primary, or the process's main thread. The writer starts
 * listening when it starts its first worker (a `cluster.fork()` or a `new Worker`,
 * or at load when workers were forked before), so a process that has none opens
 * nothing; it writes each file through its own
 * appender for that file when it has one, otherwise through one built from the
 * worker's settings. `disableClustering` on an appender makes it write itself.
 */
export const clusterLogging = {
  /** Starts receiving (done automatically when a primary or main thread starts its first worker; again after close()). */
  listen(): void {
    if (writerProcessId() !== null) throw new Error('clusterLogging.listen(): only a cluster primary or a main thread writes for others');
    server.listen();
  },
  /** Stops receiving after writing what was already sent; workers then write files of their own, also workers started later. */
  close(): Promise<void> {
    listensOnDemand = false;
    return server.close();
  },
  get listening(): boolean {
    return server.listening;
  },
  /** `writer` in a primary or main thread, `forwarder` in a cluster worker or worker thread. */
  get role(): 'writer' | 'forwarder' {
    return writerProcessId() === null ? 'writer' : 'forwarder';
  },
};

/** A link to the writer for an appender of this process, or null when this process writes its files itself. */
export function forwardingLink(owner: LinkOwner, spec: WriterSpec, limits: LinkLimits): WriterLink | null {
  const pid = writerProcessId();
  if (pid === null) return null;
  return new WriterLink(owner, spec, limits, WriterConnection.to(pid));
}

/**
 * Cleared by close(): workers started afterwards must find no writer. Node tells of
 * a new worker on the next tick, long before it can have loaded logwarden and
 * connected.
 */
let listensOnDemand = writerProcessId() === null;
const listenOnDemand = (): void => {
  if (listensOnDemand) server.listen();
};
if (listensOnDemand) {
  cluster.on('fork', listenOnDemand);
  process.on('worker', listenOnDemand);
  if (cluster.isPrimary && Object.keys(cluster.workers ?? {}).length > 0) server.listen();
}
