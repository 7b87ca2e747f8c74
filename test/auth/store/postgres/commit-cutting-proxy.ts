import * as net from 'node:net';

const COMMIT_QUERY = Buffer.from('COMMIT\0');

/**
 * A TCP front for the test server's Unix socket that, when armed, cuts the client
 * off at its next COMMIT: `deliver` passes the COMMIT on first (the server commits,
 * the client never hears it), `drop` does not (the server rolls back when the
 * connection goes). What a network failure at the worst moment looks like, made
 * deterministic.
 */
export class CommitCuttingProxy {
  private server: net.Server | undefined;
  private armed: 'deliver' | 'drop' | undefined;
  port = 0;
  /** COMMITs cut off so far. */
  cuts = 0;

  constructor(private readonly socketPath: string) {}

  async start(): Promise<void> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.socketPath);
      let cut = false;
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
      client.on('close', () => { if (!cut) upstream.destroy(); });
      upstream.on('close', () => client.destroy());
      upstream.on('data', (chunk: Buffer) => {
        // The answer to the cut COMMIT ends the server side too, so its process exits.
        if (cut) upstream.destroy();
        else client.write(chunk);
      });
      client.on('data', (chunk: Buffer) => {
        const cutting = this.armed !== undefined && chunk.includes(COMMIT_QUERY);
        if (!cutting) {
          upstream.write(chunk);
          return;
        }
        const mode = this.armed;
        this.armed = undefined;
        this.cuts++;
        cut = true;
        client.destroy();
        if (mode === 'deliver') upstream.write(chunk);
        else upstream.destroy();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  /** Cuts the client off at the next COMMIT, delivering it or not. */
  arm(mode: 'deliver' | 'drop'): void {
    this.armed = mode;
  }

  async close(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }
}
