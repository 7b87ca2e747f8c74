import cluster from 'node:cluster';
import fs from 'node:fs';
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
 * Where the writer with process id `pid` listens: a socket file in a directory
 * only this user can enter. Not a Linux abstract name: any local user may connect
 * to those, and a writer accepts file paths and lines from whoever connects.
 */
export function writerAddress(pid: number): string {
  if (process.platform === 'win32') return `\\\\.\\pipe\\logwarden-writer-${process.getuid?.() ?? 'user'}-${pid}`;
  const address = path.join(privateDirectory(), `writer-${pid}.sock`);
  // Longer names are cut short silently by the system, which would put the
  // socket outside the private directory.
  if (Buffer.byteLength(address) > MAX_SOCKET_PATH) {
    throw new Error(`socket path ${address} is longer than ${MAX_SOCKET_PATH} bytes (set a shorter TMPDIR); cluster logging is off`);
  }
  return address;
}

/** sun_path holds 104 bytes on macOS and the BSDs, 108 on Linux, including the terminating NUL. */
const MAX_SOCKET_PATH = 103;

function privateDirectory(): string {
  return path.join(os.tmpdir(), `logwarden-${process.getuid?.() ?? 'user'}`);
}

/**
 * Creates the socket directory (mode 0700) or checks that the existing one is a
 * real directory of this user that nobody else can enter. Throws, naming the
 * path, when it is not: then nobody listens there and nobody sends there.
 */
export function checkPrivateDirectory(create: boolean): void {
  if (process.platform === 'win32') return;
  const dir = privateDirectory();
  if (create) fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = fs.lstatSync(dir);
  if (!stat.isDirectory() || stat.uid !== process.getuid!() || (stat.mode & 0o077) !== 0) {
    throw new Error(`${dir} must be a directory owned by this user with mode 0700; cluster logging is off`);
  }
}

/**
 * Removes the socket files of writers that are gone. A process killed by a signal
 * it did not handle (or by SIGKILL) cannot remove its own; without this the
 * directory would collect one file per such process.
 */
export function removeStaleWriterAddresses(): void {
  if (process.platform === 'win32') return;
  const dir = privateDirectory();
  for (const name of fs.readdirSync(dir)) {
    const match = /^writer-(\d+)\.sock$/.exec(name);
    if (!match || Number(match[1]) === process.pid || isAlive(Number(match[1]))) continue;
    fs.rmSync(path.join(dir, name), { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (cause) {
    // EPERM: a process of another user has that id now; not ours to judge.
    return (cause as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Where a forwarder writes on its own when its writer is unreachable: one file per process (and thread). */
export function fallbackFile(file: string): string {
  return isMainThread ? `${file}.pid${process.pid}` : `${file}.pid${process.pid}-t${threadId}`;
}
