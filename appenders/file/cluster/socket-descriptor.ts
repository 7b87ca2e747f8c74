import type net from 'node:net';

/**
 * The file descriptor under a connected socket, for synchronous reads and writes
 * from exit listeners (which cannot wait for the event loop). Node keeps it on the
 * handle; -1 where there is none (Windows pipes), which callers treat as "cannot
 * be done synchronously".
 *
 * Asked afresh before every use, never kept: once the socket is destroyed its
 * number is free, and the next file or connection opened gets it. A write through
 * a remembered number would land in that file (the first version did exactly that
 * with an acknowledgement arriving after the connection closed).
 */
export function socketDescriptor(socket: net.Socket): number {
  if (socket.destroyed) return -1;
  const handle = (socket as unknown as { _handle?: { fd?: number } | null })._handle;
  return typeof handle?.fd === 'number' ? handle.fd : -1;
}
