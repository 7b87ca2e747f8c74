import cluster from 'node:cluster';
import os from 'node:os';
import path from 'node:path';
import { isMainThread, threadId } from 'node:worker_threads';

/**
 * Who writes the files of this process: the cluster primary for a cluster worker
 * (its parent), the main thread for a worker thread, and this process itself
 * otherwise. The address is derived from the writer's process id, so a worker
 * finds its writer without any message exchange, synchronously, at its first
 * appender.
 */
export function writerProcessId(): number | null {
  if (cluster.isWorker) return process.ppid;
  if (!isMainThread) return process.pid;
  return null;
}

/**
 * Linux has abstract socket names: nothing in the file system, gone with the
 * process. Elsewhere a socket file in the temporary directory, removed when the
 * writer stops listening.
 */
export function writerAddress(pid: number): string {
  if (process.platform === 'linux') return `\0logwarden-writer-${pid}`;
  if (process.platform === 'win32') return `\\\\.\\pipe\\logwarden-writer-${pid}`;
  return path.join(os.tmpdir(), `logwarden-writer-${pid}.sock`);
}

/** Where a forwarder writes on its own when its writer is unreachable: one file per process (and thread). */
export function fallbackFile(file: string): string {
  return isMainThread ? `${file}.pid${process.pid}` : `${file}.pid${process.pid}-t${threadId}`;
}
