import fs from 'node:fs';
import net from 'node:net';
import { ExitFlush, type ExitFlushable } from '../exit-flush.js';
import { FrameType, frameOf, type Frame } from './frames.js';
import { socketDescriptor } from './socket-descriptor.js';
import { checkPrivateDirectory, writerAddress } from './writer-address.js';

/** A forwarding appender as its connection sees it. */
export interface Forwarder {
  /** Turns what it has batched into a frame on the connection. */
  seal(): void;
  /**
   * The writer is gone: from now on write a file of your own, starting with
   * `unprocessed`, this channel's frames the writer never handled, in order.
   */
  fallBack(cause: Error, unprocessed: Frame[]): void;
}

interface Outgoing {
  readonly frame: Buffer;
  readonly channel: number;
  readonly type: FrameType;
  /** Bytes of `frame` handed to the kernel. */
  sent: number;
}

/** How long an exit (or a full buffer under the block policy) waits for a writer that does not read. */
const STALL_LIMIT_MS = 5000;
const READ_SIZE = 4096;
const RETRY_MS = 5;

function connectionError(code: string, message: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(message);
  error.code = code;
  return error;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * This process's (or thread's) connection to its writer, shared by all its
 * forwarding appenders.
 *
 * Why not `process.send`: it is asynchronous, and what sits in its queue when a
 * worker calls `process.exit()` is lost (measured: 16,000 of 500,000 lines
 * arrived). Here every write is a synchronous, non-blocking write of bytes this
 * object owns, so it always knows exactly which bytes the kernel has taken, and an
 * exit listener can finish the job.
 *
 * A frame stays here until the writer acknowledges it. When the writer goes away
 * (connection closed or reset), the frames it never acknowledged are written by
 * the forwarders to files of their own; when it merely stops reading for
 * STALL_LIMIT_MS, only the frames it cannot have received are.
 */
export class WriterConnection implements ExitFlushable {
  private static current: WriterConnection | null = null;

  /**
   * The connection to the writer with process id `pid`, opened at the first call;
   * after the writer went away, an appender created later tries again (appenders
   * already writing files of their own stay with them).
   */
  static to(pid: number): WriterConnection {
    const current = WriterConnection.current;
    if (current !== null && current.pid === pid && current.gone === null) return current;
    const fresh = new WriterConnection(pid);
    WriterConnection.current = fresh;
    return fresh;
  }

  private readonly socket: net.Socket;
  private readonly forwarders = new Map<number, Forwarder>();
  /** Frames not yet acknowledged, oldest first; those before `unsent` are wholly in the kernel. */
  private readonly frames: Outgoing[] = [];
  private unsent = 0;
  private held = 0;
  private acknowledged = 0;
  private ackTail: Buffer = Buffer.alloc(0);
  private nextChannel = 1;
  private failure: Error | null = null;
  private turn: NodeJS.Immediate | null = null;
  private retry: NodeJS.Timeout | null = null;
  private waiters: Array<() => void> = [];

  private constructor(readonly pid: number) {
    let refusal: Error | null = null;
    let address = '';
    try {
      address = writerAddress(pid);
      // Lines may hold secrets: they go only where no other user can listen.
      checkPrivateDirectory(false);
    } catch (cause) {
      refusal = cause as Error;
    }
    this.socket = refusal ? new net.Socket() : net.connect(address);
    this.socket.on('data', (chunk: Buffer) => {
      this.readAcks(chunk);
      this.pump();
    });
    this.socket.on('error', (cause: Error) => this.lost(cause, 'closed'));
    this.socket.on('close', () => this.lost(connectionError('ECLOSED', 'the writer closed the connection'), 'closed'));
    this.socket.unref();
    ExitFlush.register(this);
    if (refusal) this.lost(refusal, 'closed');
    // Unix sockets connect synchronously under the hood: the descriptor can be
    // written at once; if nobody listens, the first write says ENOTCONN.
    else if (this.fd < 0) this.lost(connectionError('ENOSYNC', 'this platform gives no descriptor for the connection'), 'closed');
  }

  private get fd(): number {
    return socketDescriptor(this.socket);
  }

  /** Why the writer is unreachable, or null while it is connected. */
  get gone(): Error | null {
    return this.failure;
  }

  /** Bytes held for the writer: not yet sent, or sent and not yet acknowledged. */
  get heldBytes(): number {
    return this.held;
  }

  attach(forwarder: Forwarder): number {
    const channel = this.nextChannel++;
    this.forwarders.set(channel, forwarder);
    return channel;
  }

  enqueue(type: FrameType, channel: number, frame: Buffer): void {
    this.frames.push({ frame, channel, type, sent: 0 });
    this.held += frame.length;
    if (ExitFlush.exiting) this.flushSync();
  }

  /** Sends what was batched at the end of this event-loop turn. */
  schedule(): void {
    if (this.turn !== null || this.failure !== null) return;
    this.turn = setImmediate(() => {
      this.turn = null;
      this.sealAll();
      this.pump();
    });
  }

  /** Resolves when everything batched so far is in the kernel (then the writer reads it even if this process ends), or the writer is gone. */
  flush(): Promise<void> {
    this.sealAll();
    this.pump();
    if (this.failure !== null || this.unsent === this.frames.length) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Sends everything without yielding; gives up on a writer that takes nothing for STALL_LIMIT_MS. */
  flushSync(): void {
    this.sealAll();
    let progress = Date.now();
    while (this.failure === null && this.unsent < this.frames.length) {
      if (this.writeSome()) {
        progress = Date.now();
        continue;
      }
      this.readAcksSync();
      if (!this.waitedLong(progress)) sleep(1);
    }
  }

  /**
   * The block policy: returns when `bytes` more fit under `limit` bytes held for
   * the writer (everything held is acknowledged by then if need be), or the writer
   * is gone or takes nothing for STALL_LIMIT_MS.
   */
  waitForRoom(bytes: number, limit: number): void {
    this.sealAll();
    let progress = Date.now();
    while (this.failure === null && this.held > 0 && this.held + bytes > limit) {
      const held = this.held;
      const wrote = this.writeSome();
      this.readAcksSync();
      if (wrote || this.held < held) progress = Date.now();
      else if (!this.waitedLong(progress)) sleep(1);
    }
  }

  /** True (and the writer counted as stalled) when nothing moved since `progress`. */
  private waitedLong(progress: number): boolean {
    if (this.failure !== null) return true;
    if (Date.now() - progress <= STALL_LIMIT_MS) return false;
    this.lost(connectionError('ESTALLED', `the writer took nothing for ${STALL_LIMIT_MS} ms`), 'stalled');
    return true;
  }

  flushForExit(): void {
    this.flushSync();
  }

  private sealAll(): void {
    for (const forwarder of this.forwarders.values()) forwarder.seal();
  }

  /** Writes until done or the socket is full. False when the kernel took nothing more. */
  private writeSome(): boolean {
    let progress = false;
    while (this.failure === null && this.unsent < this.frames.length) {
      const next = this.frames[this.unsent]!;
      let written: number;
      try {
        written = fs.writeSync(this.fd, next.frame, next.sent, next.frame.length - next.sent);
      } catch (cause) {
        if ((cause as NodeJS.ErrnoException).code === 'EAGAIN') return progress;
        this.lost(cause as Error, 'failed');
        return progress;
      }
      progress = true;
      next.sent += written;
      if (next.sent === next.frame.length) this.unsent++;
    }
    return progress;
  }

  private pump(): void {
    if (this.failure !== null) return;
    this.writeSome();
    if (this.failure !== null) return;
    if (this.unsent < this.frames.length) {
      // The writer's acknowledgements wake this up as it reads; the timer is the backstop.
      this.retry ??= setTimeout(() => {
        this.retry = null;
        this.pump();
      }, RETRY_MS).unref();
      return;
    }
    this.settleWaiters();
  }

  private readAcks(chunk: Buffer): void {
    const data = this.ackTail.length === 0 ? chunk : Buffer.concat([this.ackTail, chunk]);
    const whole = data.length - (data.length % 4);
    if (whole > 0) this.acknowledge(data.readUInt32BE(whole - 4));
    this.ackTail = Buffer.from(data.subarray(whole));
  }

  private readAcksSync(): void {
    const buffer = Buffer.allocUnsafe(READ_SIZE);
    for (;;) {
      let count: number;
      try {
        count = fs.readSync(this.fd, buffer, 0, buffer.length, null);
      } catch (cause) {
        if ((cause as NodeJS.ErrnoException).code !== 'EAGAIN') this.lost(cause as Error, 'failed');
        return;
      }
      if (count === 0) {
        this.lost(connectionError('ECLOSED', 'the writer closed the connection'), 'failed');
        return;
      }
      this.readAcks(buffer.subarray(0, count));
    }
  }

  /** `count` is the writer's running total of frames handled, modulo 2^32. */
  private acknowledge(count: number): void {
    // Never more than was wholly sent: a count beyond that is not the writer's.
    let done = Math.min((count - this.acknowledged) >>> 0, this.unsent);
    this.acknowledged = count;
    while (done-- > 0) {
      const frame = this.frames.shift();
      if (frame === undefined) break;
      this.unsent--;
      this.held -= frame.frame.length;
      if (frame.type === FrameType.Close) this.forwarders.delete(frame.channel);
    }
  }

  /**
   * The writer is unreachable. `closed`: Node reported the connection gone (its
   * descriptor is closed, every acknowledgement was delivered as data before).
   * `failed`: a synchronous read or write failed; acknowledgements the writer sent
   * before it went (its exit path sends them) are read first. In both cases every
   * frame it did not acknowledge is taken back. `stalled`: it stopped reading but
   * may still read what is in the kernel, so only frames not wholly sent are taken
   * back (the one cut short is incomplete to the writer, which ignores it).
   */
  private lost(cause: Error, how: 'closed' | 'failed' | 'stalled'): void {
    if (this.failure !== null) return;
    this.failure = cause;
    if (how === 'failed') this.readFinalAcks();
    if (this.turn !== null) clearImmediate(this.turn);
    if (this.retry !== null) clearTimeout(this.retry);
    this.turn = null;
    this.retry = null;
    this.socket.destroy();
    ExitFlush.unregister(this);
    const unprocessed = this.frames.slice(how === 'stalled' ? this.unsent : 0);
    this.frames.length = 0;
    this.unsent = 0;
    this.held = 0;
    const byChannel = new Map<number, Frame[]>();
    for (const outgoing of unprocessed) {
      const list = byChannel.get(outgoing.channel) ?? [];
      list.push(frameOf(outgoing.frame));
      byChannel.set(outgoing.channel, list);
    }
    for (const [channel, forwarder] of this.forwarders) forwarder.fallBack(cause, byChannel.get(channel) ?? []);
    this.settleWaiters();
  }

  private readFinalAcks(): void {
    const buffer = Buffer.allocUnsafe(READ_SIZE);
    for (;;) {
      let count: number;
      try {
        count = fs.readSync(this.fd, buffer, 0, buffer.length, null);
      } catch {
        return;
      }
      if (count === 0) return;
      this.readAcks(buffer.subarray(0, count));
    }
  }

  private settleWaiters(): void {
    if (this.waiters.length === 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
