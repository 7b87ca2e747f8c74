import type pg from 'pg';
import { lazyPackage } from '../../../lazy-package.js';

const pgPackage = lazyPackage<typeof pg>('pg');
import { InternalLog } from '../../../internal-log.js';

export interface ChannelListenerOptions {
  config: pg.ClientConfig;
  channel: string;
  /** For messages: where the database is, without secrets. */
  describe: string;
  /** For the outage message: what the owner does while announcements may be missed. */
  meanwhile: string;
  /** Turns a driver error into a message without secrets. */
  safeMessage(error: unknown): string;
  onMessage(payload: string): void;
  /** LISTEN is in place: from now on every committed change is announced. */
  onConnected(): void;
  /** Announcements may be missed from now on. */
  onLost(): void;
  /** First wait before reconnecting (default 100 ms), doubled up to `maxReconnectDelayMillis` (default 2 s). */
  reconnectDelayMillis?: number;
  maxReconnectDelayMillis?: number;
  /** A query on the connection this often proves it is alive; no answer within the interval counts as lost (default 5 s). */
  heartbeatMillis?: number;
}

/**
 * One dedicated connection that LISTENs on a channel and comes back by itself.
 * While it is down nobody can promise a change has been heard, which the owner
 * learns through `onLost` before anything else happens.
 */
export class ChannelListener {
  private client: pg.Client | undefined;
  private closed = false;
  private isConnected = false;
  private reported: string | undefined;
  private wake: (() => void) | undefined;
  private readonly loop: Promise<void>;
  private readonly waiting = new Set<() => void>();

  constructor(private readonly options: ChannelListenerOptions) {
    this.loop = this.run();
  }

  get connected(): boolean {
    return this.isConnected;
  }

  /** Resolves when LISTEN is in place (at once if it is), or when the listener is closed. */
  whenConnected(): Promise<void> {
    if (this.isConnected || this.closed) return Promise.resolve();
    return new Promise((resolve) => this.waiting.add(resolve));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wake?.();
    this.resolveWaiting();
    await this.client?.end().catch(() => undefined);
    await this.loop;
  }

  private async run(): Promise<void> {
    const initialDelay = this.options.reconnectDelayMillis ?? 100;
    const maxDelay = this.options.maxReconnectDelayMillis ?? 2000;
    let delay = initialDelay;
    while (!this.closed) {
      const lost = await this.session();
      if (this.closed) break;
      if (lost === 'after-connecting') delay = initialDelay;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        timer.unref();
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
      delay = Math.min(delay * 2, maxDelay);
    }
  }

  /** Connects, listens until the connection ends; says whether it ever got as far as listening. */
  private async session(): Promise<'before-connecting' | 'after-connecting'> {
    const client = new (pgPackage().Client)(this.options.config);
    this.client = client;
    let ended!: () => void;
    const end = new Promise<void>((resolve) => { ended = resolve; });
    let failure: unknown;
    client.on('error', (error) => {
      failure = error;
      ended();
    });
    client.on('end', () => ended());
    client.on('notification', (message) => {
      if (message.channel === this.options.channel) this.options.onMessage(message.payload ?? '');
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${this.options.channel}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      if (!this.closed) this.report(error);
      return 'before-connecting';
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return 'after-connecting';
    }
    this.isConnected = true;
    this.options.onConnected();
    this.resolveWaiting();
    if (this.reported !== undefined) {
      InternalLog.warn(`${this.options.describe}: listening for ${this.options.channel} again`);
      this.reported = undefined;
    }
    const heartbeat = this.heartbeat(client, ended);
    await end;
    clearInterval(heartbeat);
    this.isConnected = false;
    this.options.onLost();
    await client.end().catch(() => undefined);
    if (!this.closed) this.report(failure ?? new Error('the server closed the connection'));
    return 'after-connecting';
  }

  private resolveWaiting(): void {
    for (const resolve of this.waiting) resolve();
    this.waiting.clear();
  }

  private heartbeat(client: pg.Client, ended: () => void): ReturnType<typeof setInterval> {
    const interval = this.options.heartbeatMillis ?? 5000;
    let answered = true;
    const timer = setInterval(() => {
      if (!answered) {
        // No answer for a whole interval: a half-open connection hears nothing, so it counts as lost.
        ended();
        return;
      }
      answered = false;
      client.query('SELECT 1').then(() => { answered = true; }, () => ended());
    }, interval);
    timer.unref();
    return timer;
  }

  /** Once per outage, so a long one is one line and not one per attempt. */
  private report(error: unknown): void {
    if (this.reported !== undefined) return;
    this.reported = this.options.safeMessage(error);
    InternalLog.error(`${this.options.describe}: not listening for ${this.options.channel} (${this.reported}); ${this.options.meanwhile}`);
  }
}
