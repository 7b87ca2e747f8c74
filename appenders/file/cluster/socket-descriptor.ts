import type net from 'node:net';

/**
 * The file descriptor under a connected socket, for synchronous reads and writes
 * from exit listeners (which cannot wait for the event loop). Node keeps it on the
 * handle; -1 where there is none (Windows pipes), which callers treat as "cannot
 * be done synchronously".
 */
export function socketDescriptor(socket: net.Socket): number {
  const handle = (socket as unknown as { _handle?: { fd?: number } | null })._handle;
  return typeof handle?.fd === 'number' ? handle.fd : -1;
}
