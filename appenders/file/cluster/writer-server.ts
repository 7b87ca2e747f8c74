import fs from 'node:fs';
import net from 'node:net';
import { InternalLog } from '../../../src/internal-log.js';
import { ExitFlush, type ExitFlushable } from '../exit-flush.js';
import { FrameReader, FrameType, forEachRecord, type Frame } from './frames.js';
import { socketDescriptor } from './socket-descriptor.js';
import { checkPrivateDirectory, removeStaleWriterAddresses, writerAddress } from './writer-address.js';
import { createWriter, localWriterFor, type RecordWriter, type WriterSpec } from './writer-targets.js';

interface SharedWriter {
  readonly writer: RecordWriter;
  refs: number;
}

/** Writers built from a forwarder's description, one per file, shared by every forwarder of that file. */
const sharedWriters = new Map<string, SharedWriter>();
/** Files served before: a later writer for them appends, so Append=false truncates once per run, not per worker. */
const servedFiles = new Set<string>();

function acquireShared(spec: WriterSpec): RecordWriter {
  const file = String(spec.settings.file);
  const existing = sharedWriters.get(file);
  if (existing) {
    existing.refs++;
    return existing.writer;
  }
  const settings = servedFiles.has(file) ? { ...spec.settings, append: true } : spec.settings;
  const writer = createWriter({ kind: spec.kind, settings });
  servedFiles.add(file);
  sharedWriters.set(file, { writer, refs: 1 });
  return writer;
}

function releaseShared(file: string): void {
  const entry = sharedWriters.get(file);
  if (entry === undefined || --entry.refs > 0) return;
  sharedWriters.delete(file);
  void entry.writer.close();
}

interface Channel {
  readonly file: string;
  readonly spec: WriterSpec;
  shared: RecordWriter | null;
}

const READ_SIZE = 256 * 1024;
/** More than a socket buffer holds (about 200KB on Linux): what was sent before the drain began. */
const DRAIN_LIMIT = 1024 * 1024;

/**
 * One forwarding process (or thread) as seen by the writer. Frames are handled in
 * the order they arrive and acknowledged by count once handed to the file's
 * writer, whose own exit path then covers them. Acknowledgements are written with
 * synchronous, non-blocking writes of 4 bytes, so one can also be sent from an
 * exit listener and never lands in the middle of another.
 */
class Inbound {
  private readonly reader = new FrameReader();
  private readonly channels = new Map<number, Channel>();
  /** Frames handled so far, and the most of them acknowledged (counts, sent modulo 2^32). */
  private processed = 0;
  private acknowledged = 0;
  /** Writers that got records since the last acknowledgement was prepared. */
  private readonly touched = new Set<RecordWriter>();
  private draining = false;
  private ackDue = false;
  private ack: Buffer | null = null;
  private ackOffset = 0;
  private failures = 0;

  constructor(
    readonly socket: net.Socket,
    private readonly onClosed: (inbound: Inbound) => void,
  ) {
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', () => {
      // 'close' follows; the forwarder notices on its side.
    });
    socket.on('close', () => this.closed());
    socket.unref();
  }

  /**
   * Reads and handles what the forwarder has sent so far, without yielding (exit
   * path). Bounded, because a busy forwarder refills the socket as fast as it is
   * read; whatever is left unread stays unacknowledged, and the forwarder writes it
   * itself once the connection is gone. Everything handled is acknowledged at
   * once: the exit path writes the files synchronously right after.
   */
  drainSync(): void {
    this.draining = true;
    try {
      this.readAvailable();
    } finally {
      this.draining = false;
    }
    this.acknowledge(this.processed);
  }

  private readAvailable(): void {
    while (this.socket.read() !== null) {
      // read() emits 'data' with what the stream had buffered; receive() handled it.
    }
    const buffer = Buffer.allocUnsafe(READ_SIZE);
    for (let read = 0; read < DRAIN_LIMIT;) {
      const fd = socketDescriptor(this.socket);
      if (fd < 0) break;
      let count: number;
      try {
        count = fs.readSync(fd, buffer, 0, buffer.length, null);
      } catch {
        break;
      }
      if (count === 0) break;
      read += count;
      this.receive(buffer.subarray(0, count));
    }
  }

  /**
   * Frames are acknowledged once their records are written to the file, not when
   * they are read: a primary killed outright (SIGKILL, the OOM killer) then loses
   * nothing a worker still holds, because the worker writes every frame without an
   * acknowledgement to its own file.
   */
  private receive(chunk: Buffer): void {
    const frames = this.reader.push(chunk, (frame) => this.handle(frame));
    if (frames === 0) return;
    this.processed += frames;
    const count = this.processed;
    if (this.draining || this.touched.size === 0) {
      this.touched.clear();
      this.acknowledge(count);
      return;
    }
    const written = [...this.touched].map((writer) => writer.written?.());
    this.touched.clear();
    void Promise.all(written).then(() => this.acknowledge(count));
  }

  private acknowledge(count: number): void {
    if (count <= this.acknowledged) return;
    this.acknowledged = count;
    this.ackDue = true;
    this.sendAck();
  }

  private handle(frame: Frame): void {
    try {
      switch (frame.type) {
        case FrameType.Open: {
          const spec = JSON.parse(frame.body.toString('utf8')) as WriterSpec;
          this.channels.set(frame.channel, { file: String(spec.settings.file), spec, shared: null });
          break;
        }
        case FrameType.Records: {
          const target = this.target(frame.channel);
          forEachRecord(frame.body, (record) => target.writeText(record));
          this.touched.add(target);
          break;
        }
        case FrameType.Roll: {
          const target = this.target(frame.channel);
          target.rollOver?.();
          this.touched.add(target);
          break;
        }
        case FrameType.Close: {
          const channel = this.channels.get(frame.channel);
          this.channels.delete(frame.channel);
          if (channel?.shared) releaseShared(channel.file);
          break;
        }
        default:
          throw new Error(`unknown frame type ${String(frame.type)}`);
      }
    } catch (cause) {
      // Nothing can be sent back but acknowledgements; the writer's own voice must say it.
      if (this.failures++ < 10) {
        InternalLog.error(`cluster log writer: records from another process could not be written: ${(cause as Error).message}`);
      }
    }
  }

  /** The primary's own appender for the file when it has one, else one built from the forwarder's description. */
  private target(channelId: number): RecordWriter {
    const channel = this.channels.get(channelId);
    if (channel === undefined) throw new Error(`records for channel ${channelId}, which was never opened`);
    const local = localWriterFor(channel.file);
    if (local) {
      servedFiles.add(channel.file);
      return local;
    }
    channel.shared ??= acquireShared(channel.spec);
    return channel.shared;
  }

  private sendAck(): void {
    for (;;) {
      const fd = socketDescriptor(this.socket);
      if (fd < 0) return;
      if (this.ack === null) {
        if (!this.ackDue) return;
        this.ack = Buffer.allocUnsafe(4);
        this.ack.writeUInt32BE(this.acknowledged >>> 0, 0);
        this.ackOffset = 0;
        this.ackDue = false;
      }
      try {
        this.ackOffset += fs.writeSync(fd, this.ack, this.ackOffset, 4 - this.ackOffset);
      } catch {
        // EAGAIN: the forwarder is not reading now; the next frames retry. Anything
        // else: the connection is going away and 'close' follows.
        return;
      }
      if (this.ackOffset === 4) this.ack = null;
    }
  }

  private closed(): void {
    for (const channel of this.channels.values()) if (channel.shared) releaseShared(channel.file);
    this.channels.clear();
    this.onClosed(this);
  }
}

/**
 * The receiving end in the cluster primary (or a process's main thread): accepts
 * connections from forwarders and writes their records through one appender per
 * file. At exit it reads whatever the forwarders have sent before the file
 * writers finish, so a record a worker handed over is written even when the
 * primary ends first.
 */
export class WriterServer implements ExitFlushable {
  private server: net.Server | null = null;
  private readonly connections = new Set<Inbound>();
  private address: string | null = null;

  get listening(): boolean {
    return this.server !== null;
  }

  listen(): void {
    if (this.server) return;
    let address: string;
    try {
      address = writerAddress(process.pid);
      checkPrivateDirectory(true);
      // Socket files left by earlier processes, this id's included.
      removeStaleWriterAddresses();
      if (process.platform !== 'win32') fs.rmSync(address, { force: true });
    } catch (cause) {
      InternalLog.warn(`cluster log writer does not listen: ${(cause as Error).message}`);
      return;
    }
    const server = net.createServer((socket) => this.accept(socket));
    server.on('error', (cause: Error) => {
      InternalLog.warn(`cluster log writer cannot listen (${cause.message}); worker processes will write files of their own`);
      if (this.server === server) this.server = null;
    });
    server.listen(address);
    server.unref();
    this.server = server;
    this.address = address;
    // An 'exit' listener changes nothing about how the process ends (unlike a signal listener).
    process.on('exit', this.removeSocketFile);
  }

  /**
   * Stops receiving: what the forwarders already sent is read and written first,
   * then the connections close and the forwarders fall back to files of their own.
   */
  async close(): Promise<void> {
    const server = this.server;
    if (server === null) return;
    this.server = null;
    for (const inbound of this.connections) {
      inbound.drainSync();
      inbound.socket.destroy();
    }
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.removeSocketFile();
  }

  flushForExit(): void {
    for (const inbound of this.connections) inbound.drainSync();
  }

  private readonly removeSocketFile = (): void => {
    process.removeListener('exit', this.removeSocketFile);
    if (this.address !== null && process.platform !== 'win32') fs.rmSync(this.address, { force: true });
    this.address = null;
  };

  private accept(socket: net.Socket): void {
    const inbound = new Inbound(socket, (gone) => {
      this.connections.delete(gone);
      if (this.connections.size === 0) ExitFlush.unregister(this);
    });
    this.connections.add(inbound);
    if (this.connections.size === 1) ExitFlush.register(this, 'source');
  }
}
