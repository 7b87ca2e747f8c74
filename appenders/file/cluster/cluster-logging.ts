import { writerProcessId } from './writer-address.js';
import { WriterConnection } from './writer-connection.js';
import { WriterLink, type LinkLimits, type LinkOwner } from './writer-link.js';
import { WriterServer } from './writer-server.js';
import type { WriterSpec } from './writer-targets.js';

const server = new WriterServer();

/**
 * Several processes, one file (DURABILITY.md, "Several processes"). In a cluster
 * worker or a worker thread, file appenders forward their formatted records to the
 * writer: the cluster primary, or the process's main thread. The writer listens as
 * soon as logwarden is loaded there, and writes each file through its own
 * appender for that file when it has one, otherwise through one built from the
 * worker's settings. `disableClustering` on an appender makes it write itself.
 */
export const clusterLogging = {
  /** Starts receiving (done automatically when logwarden loads in a primary or main thread; again after close()). */
  listen(): void {
    if (writerProcessId() !== null) throw new Error('clusterLogging.listen(): only a cluster primary or a main thread writes for others');
    server.listen();
  },
  /** Stops receiving after writing what was already sent; workers then write files of their own. */
  close(): Promise<void> {
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

if (writerProcessId() === null) server.listen();
