import dgram from 'node:dgram';
import net from 'node:net';

/** Waits until `ready()` holds, polling; fails with `what` after `timeoutMs`. */
export async function waitUntil(ready: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A UDP socket on loopback that keeps every datagram it receives. */
export class UdpReceiver {
  readonly datagrams: Buffer[] = [];
  private constructor(private readonly socket: dgram.Socket) {
    socket.on('message', (message) => this.datagrams.push(message));
  }

  /** Binds to `address` on a free port; rejects when the address is not available (no IPv6 loopback). */
  static async start(address = '127.0.0.1'): Promise<UdpReceiver> {
    const socket = dgram.createSocket(address.includes(':') ? 'udp6' : 'udp4');
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, address, () => resolve());
    });
    return new UdpReceiver(socket);
  }

  get port(): number {
    return this.socket.address().port;
  }

  get texts(): string[] {
    return this.datagrams.map((datagram) => datagram.toString('utf8'));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }
}

/**
 * A TCP listener on loopback that reads octet-counted frames (`LEN SP MSG`) and checks
 * that each length is exactly the frame's UTF-8 octet count.
 */
export class OctetCountingReceiver {
  readonly messages: string[] = [];
  /** Connections to answer like a collector that dies with unread data: read nothing, then reset. */
  resetConnections = 0;
  private readonly sockets = new Set<net.Socket>();
  private constructor(private readonly server: net.Server) {
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      if (this.resetConnections > 0) {
        this.resetConnections--;
        socket.pause();
        setTimeout(() => socket.resetAndDestroy(), 100);
        return;
      }
      let pending = Buffer.alloc(0);
      socket.on('data', (chunk) => {
        pending = Buffer.concat([pending, chunk]);
        for (;;) {
          const space = pending.indexOf(0x20);
          if (space < 0) return;
          const header = pending.toString('latin1', 0, space);
          if (!/^[1-9]\d*$/.test(header)) throw new Error(`bad octet count "${header}"`);
          const end = space + 1 + Number(header);
          if (pending.length < end) return;
          this.messages.push(pending.toString('utf8', space + 1, end));
          pending = pending.subarray(end);
        }
      });
    });
  }

  static async start(port = 0): Promise<OctetCountingReceiver> {
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    return new OctetCountingReceiver(server);
  }

  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  get connections(): number {
    return this.sockets.size;
  }

  close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A loopback port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
