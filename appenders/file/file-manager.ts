import fs from 'node:fs';
import path from 'node:path';
import type { ErrorHandler } from '../../src/error-handler.js';
import { InternalLog } from '../../src/internal-log.js';
import { LostRecordsError } from '../../src/lost-records-error.js';
import { ExitFlush, type ExitFlushable } from './exit-flush.js';

/** What to do when the buffer bound is reached. */
export type OverflowPolicy = 'block' | 'drop';

export interface FileManagerOptions {
  /** Keep what the file holds (true) or truncate it on the first open. */
  append: boolean;
  encoding: BufferEncoding;
  /** Permission bits for a file this manager creates (umask applies). */
  mode: number;
  /** Target size of one write, in bytes. */
  bufferSize: number;
  /** Hold records until a chunk is full or `flushInterval` passes, instead of writing them within a millisecond. */
  bufferedIO: boolean;
  flushInterval: number;
  /** Write each record to the file before `write` returns. */
  immediateFlush: boolean;
  /** Upper bound of bytes held in memory that are not yet on disk. */
  maxBufferSize: number;
  overflow: OverflowPolicy;
  /** Delay between attempts while the file cannot be opened or written. */
  retryInterval: number;
}

/** Who to tell when the file fails: each appender sharing the manager. */
export interface ManagerOwner {
  readonly name: string;
  readonly errorHandler: ErrorHandler;
}

/** A rollover step (renames), run synchronously between two chunks while no write is in flight. */
export type RollAction = () => void;

interface Chunk {
  readonly kind: 'data';
  /**
   * Records are encoded into this a few at a time (see `pendingText`), so a line is
   * copied once more and a string lives for a few more logging calls at most
   * (holding thousands of strings until a chunk was full made the garbage collector
   * copy them around, and joining them cost a second copy).
   */
  readonly storage: Buffer;
  /** Bytes of `storage` in use. */
  bytes: number;
  records: number;
  /** Set once the chunk's first write was issued: no record is added any more. */
  sealed: boolean;
  /**
   * The encoded bytes once sealed (empty before: a field that starts as null and later
   * holds a Buffer changes the object's layout, and V8 then throws away the optimized
   * code of every caller that was compiled for the first one).
   */
  buffer: Buffer;
  /** How many of `buffer`'s bytes are on disk. */
  done: number;
}

interface RollMarker {
  readonly kind: 'roll';
  readonly action: RollAction;
}

interface InFlight {
  readonly chunk: Chunk;
  readonly fd: number;
  /** The chunk's `done` when the write was issued: the write covers its bytes from there. */
  readonly from: number;
}

/**
 * How long, without BufferedIO, records wait for more before their chunk is
 * written. A server logs a few lines per event-loop turn; writing each turn's
 * chunk cost a timer, a stat and a thread-pool write per turn, each an async
 * resource that AsyncLocalStorage's hook (the MDC) also pays for, and that
 * tripled the cost per line against one burst. Within a millisecond a busy server
 * runs dozens of turns, so their lines go out in one write; a quiet one still sees
 * each line on disk a millisecond after it was logged.
 */
const WRITE_DELAY_MS = 1;

/**
 * Records joined before they are encoded together. Encoding a line cost a call into
 * V8 that flattens the layout's string and then converts it; for 32 joined lines
 * that is one flattening and one call ((a10) +5-8% lines/s, the JSON line +6%).
 * Short enough that the strings die young.
 */
const PENDING_RECORDS = 32;
/** Smallest chunk storage: a few lines' worth. */
const MIN_CHUNK_CAPACITY = 4096;
/** Storage of a file's first chunk: it grows from there while chunks fill up. */
const FIRST_CHUNK_CAPACITY = 64 * 1024;
/** Bytes of chunk storage kept for reuse while the file is busy. */
const MAX_SPARE_BYTES = 2 * 1024 * 1024;
const LINE_FEED = 0x0a;
const UNSEALED = Buffer.alloc(0);

/** Most bytes one UTF-16 code unit can take in `encoding`. */
function mostBytesPerUnit(encoding: BufferEncoding): number {
  return encoding === 'utf8' ? 3 : encoding === 'utf16le' ? 2 : 1;
}

function fileError(code: string, message: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(message);
  error.code = code;
  return error;
}

/** Errors after which the descriptor itself is suspect and the file must be reopened. */
function needsReopen(error: NodeJS.ErrnoException): boolean {
  return error.code !== 'ENOSPC' && error.code !== 'EDQUOT' && error.code !== 'EFBIG' && error.code !== 'EAGAIN';
}

/**
 * Owns one open log file (log4j2's FileManager idea): the descriptor, the bytes not
 * yet on disk, and the order of writes and rollovers. Appenders come and go around
 * it, so a reconfiguration that keeps the same file keeps it open.
 *
 * The durability argument (details in DURABILITY.md): every record is held in this
 * object's queue until the kernel has confirmed the write of its bytes. Writes are
 * asynchronous and positional, one at a time, at an offset this object tracks. If
 * the process must finish synchronously (exit, signal, uncaught exception, full
 * buffer under the block policy, ImmediateFlush), the chunk whose asynchronous write
 * may be in flight is written again, synchronously, at the same offset with the same
 * bytes: whether or not the first write lands, the file ends up with each byte once.
 */
export class FileManager implements ExitFlushable {
  readonly path: string;
  private options: FileManagerOptions;
  private readonly owners = new Set<ManagerOwner>();
  private readonly queue: Array<Chunk | RollMarker> = [];
  /** The last chunk in the queue while records can still be added to it, else null. */
  private filling: Chunk | null = null;
  /**
   * Records accepted into `filling`, not yet encoded into it: room for them (at the
   * most bytes they can take) was checked when each came, and they are encoded
   * before anything else looks at or writes the chunk.
   */
  private pendingText = '';
  private pendingRecords = 0;
  private unitBytes: number;
  private fd: number | null = null;
  private identity: { dev: number; ino: number } | null = null;
  /** File offset where the next byte goes. */
  private position = 0;
  private truncateOnOpen: boolean;
  private inFlight: InFlight | null = null;
  /** Superseded asynchronous writes still running, per descriptor: it may not be closed before they end. */
  private readonly lateWrites = new Map<number, number>();
  private readonly retiredFds = new Set<number>();
  private queuedBytes = 0;
  private projectedFileBytes = 0;
  /**
   * Storage size of the next chunk. A busy file grows it to `bufferSize`; a quiet
   * one, whose chunks go out part-empty, shrinks
   * it, so a server logging a line now and then does not allocate 64 KB per line.
   */
  private chunkCapacity: number;
  /**
   * Storages of chunks already written, for the next chunks that fit in them (each
   * at most `bufferSize`): allocating one off-heap, and the kernel zeroing its pages
   * as they are first filled, costs more than filling it. A busy file whose writes
   * fall behind holds several chunks at once and keeps that many (up to
   * MAX_SPARE_BYTES); a chunk that goes out part-empty means the file is quiet
   * again, and one is kept.
   */
  private readonly spareStorages: Buffer[] = [];
  private spareBytes = 0;
  /**
   * The one timer that starts the next write; re-armed with refresh(), so waiting
   * makes no new timer (and no new async resource) per chunk. Made again only
   * when the delay changes (BufferedIO reconfigured).
   */
  private timer: NodeJS.Timeout | null = null;
  private timerDelay = -1;
  /** Set while a write is due when the timer fires; cleared when something else started it first. */
  private timerArmed = false;
  private retryTimer: NodeJS.Timeout | null = null;
  /** Set while writing is paused until the next retry. */
  private failure: NodeJS.ErrnoException | null = null;
  /** Set from a failure until a write succeeds again: then the owners hear `recovered`. */
  private unrecovered = false;
  /** False for pipes and devices (`/dev/stdout`): no offsets there, so they are written synchronously. */
  private positional = true;
  private droppedRecords = 0;
  private droppedSinceReport = 0;
  /** Causes reported during the current failure; each is told once until the file works again. */
  private readonly reportedCauses = new Set<string>();
  private readonly reportedMoves = new Set<string>();
  private waiters: Array<() => void> = [];
  /** Bytes accepted and bytes written since the manager was created: what `written()` compares. */
  private acceptedTotal = 0;
  private writtenTotal = 0;
  private writtenWaiters: Array<{ readonly target: number; readonly resolve: () => void }> = [];
  private lateWaiters: Array<() => void> = [];
  private closed = false;
  private flushing = false;

  constructor(file: string, options: FileManagerOptions, owner: ManagerOwner) {
    this.path = path.resolve(file);
    this.options = { ...options };
    this.unitBytes = mostBytesPerUnit(options.encoding);
    this.chunkCapacity = Math.min(options.bufferSize, FIRST_CHUNK_CAPACITY);
    this.truncateOnOpen = !options.append;
    this.owners.add(owner);
    ExitFlush.register(this);
    this.tryOpen();
    this.projectedFileBytes = this.position;
  }

  /**
   * Whether the current file will hold at least `limit` bytes once everything queued
   * is written: what size-based rolling asks after each record. The records not yet
   * encoded are counted at the most bytes they can take; only when that reaches the
   * limit are they encoded and counted exactly.
   */
  fileBytesReach(limit: number): boolean {
    if (this.projectedFileBytes + this.pendingText.length * this.unitBytes < limit) return false;
    this.encodePending();
    return this.projectedFileBytes >= limit;
  }

  /** Records refused because the buffer was full (drop policy, or a failing file). */
  get dropped(): number {
    return this.droppedRecords;
  }

  /** Bytes accepted but not yet confirmed on disk. */
  get pendingBytes(): number {
    this.encodePending();
    return this.queuedBytes;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  addOwner(owner: ManagerOwner): void {
    this.owners.add(owner);
  }

  get ownerCount(): number {
    return this.owners.size;
  }

  removeOwner(owner: ManagerOwner): void {
    this.owners.delete(owner);
  }

  /** A later appender on the same file brings its own buffering settings; the file stays open. */
  reconfigure(options: FileManagerOptions): void {
    if (options.encoding !== this.options.encoding) this.sealTail();
    this.options = { ...options, append: this.options.append };
    this.unitBytes = mostBytesPerUnit(options.encoding);
  }

  /**
   * Queues one record. Returns false when the record was refused (buffer full under
   * the drop policy, or the file failing and the bound reached); that is counted and
   * reported, never silent.
   */
  write(text: string): boolean {
    // Most records fit in the chunk being filled, far from the memory bound: they are
    // joined to the records waiting to be encoded (see `pendingText`), in this one
    // function (helpers here were each compiled on their own as well, while a fresh
    // process warms up).
    const tail = this.filling;
    const options = this.options;
    if (tail !== null && !options.immediateFlush && !ExitFlush.exiting) {
      const most = (this.pendingText.length + text.length) * this.unitBytes;
      if (tail.bytes + most <= tail.storage.length && this.queuedBytes + most <= options.maxBufferSize) {
        this.pendingText += text;
        if (++this.pendingRecords === PENDING_RECORDS) {
          this.encodePending();
          if (tail.bytes >= options.bufferSize) {
            this.freeze(tail);
            this.pump();
            return true;
          }
        }
        if (!this.timerArmed) this.schedule();
        return true;
      }
    }
    return this.writeCarefully(text);
  }

  /** Encodes the records waiting in `pendingText` into the chunk being filled, where they were admitted. */
  private encodePending(): void {
    if (this.pendingRecords === 0) return;
    const tail = this.filling!;
    this.count(tail, tail.storage.write(this.pendingText, tail.bytes, this.options.encoding), this.pendingRecords);
    this.pendingText = '';
    this.pendingRecords = 0;
  }

  /** write() for a record that starts a chunk, nears a limit, or must be on disk before the call returns. */
  private writeCarefully(text: string): boolean {
    this.encodePending();
    if (this.closed) {
      this.report(fileError('ECLOSED', `${this.path} is closed; record dropped`), undefined);
      return false;
    }
    const encoding = this.options.encoding;
    // The most bytes the record can take is enough to know that it fits where it
    // goes; measuring it is a pass over the string that cost about as much as
    // encoding it, so that is done only near a limit and to size a new chunk.
    let bytes = text.length * this.unitBytes;
    let measured = false;
    if (this.queuedBytes + bytes > this.options.maxBufferSize && this.queuedBytes > 0) {
      bytes = Buffer.byteLength(text, encoding);
      measured = true;
      if (this.queuedBytes + bytes > this.options.maxBufferSize) {
        if (this.failure === null && this.options.overflow === 'block') this.flushSync();
        if (this.queuedBytes + bytes > this.options.maxBufferSize) {
          this.refuse();
          return false;
        }
      }
    }
    let tail = this.filling ?? undefined;
    if (tail !== undefined && !measured && tail.bytes + bytes > tail.storage.length) {
      bytes = Buffer.byteLength(text, encoding);
      measured = true;
    }
    let filled = false;
    if (tail === undefined || tail.bytes + bytes > tail.storage.length) {
      if (tail !== undefined && tail.bytes > 0) {
        this.freeze(tail);
        filled = true;
      }
      if (!measured) bytes = Buffer.byteLength(text, encoding);
      tail = { kind: 'data', storage: this.storageFor(bytes), bytes: 0, records: 0, sealed: false, buffer: UNSEALED, done: 0 };
      this.queue.push(tail);
      this.filling = tail;
    }
    this.count(tail, tail.storage.write(text, tail.bytes, encoding), 1);

    if (this.options.immediateFlush || ExitFlush.exiting) {
      this.flushSync();
      if (ExitFlush.exiting) this.reportLoss('as the process ended');
    } else if (tail.bytes >= this.options.bufferSize) {
      this.freeze(tail);
      this.pump();
    } else if (filled) this.pump();
    else this.schedule();
    return true;
  }

  private count(chunk: Chunk, bytes: number, records: number): void {
    chunk.bytes += bytes;
    chunk.records += records;
    this.queuedBytes += bytes;
    this.acceptedTotal += bytes;
    this.projectedFileBytes += bytes;
  }

  /** Queues a rollover after everything written so far; later records go to the fresh file. */
  roll(action: RollAction): void {
    this.sealTail();
    this.queue.push({ kind: 'roll', action });
    this.projectedFileBytes = 0;
    if (this.options.immediateFlush || ExitFlush.exiting) this.flushSync();
    else this.schedule();
  }

  /** Resolves when everything queued so far is on disk, or the file is failing (the failure was reported). */
  flush(): Promise<void> {
    if (this.isDrained() || this.failure !== null) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      this.pump();
    });
  }

  /**
   * Resolves once every record accepted so far is written; unlike flush(), records
   * accepted later do not delay it, so it settles under a continuous stream too.
   * Also resolves when the file is failing (the failure was reported).
   */
  written(): Promise<void> {
    this.encodePending();
    if (this.writtenTotal >= this.acceptedTotal || this.failure !== null || this.closed) return Promise.resolve();
    return new Promise((resolve) => this.writtenWaiters.push({ target: this.acceptedTotal, resolve }));
  }

  /**
   * Writes everything queued, rollovers included, without yielding. Safe to call at
   * any moment, including from a process 'exit' listener; writes nothing twice.
   */
  flushSync(): void {
    // An error handler that logs into this same file lands here again: the running
    // loop below will write that record too.
    if (this.flushing) return;
    this.flushing = true;
    this.cancelScheduled();
    try {
      const superseded = this.inFlight;
      if (superseded) {
        // The asynchronous write of this chunk may or may not land; the same bytes
        // go to the same offset now, so the file is right either way.
        this.inFlight = null;
        this.lateWrites.set(superseded.fd, (this.lateWrites.get(superseded.fd) ?? 0) + 1);
        this.writeChunkSync(superseded.chunk, superseded.fd);
      }
      for (let head = this.queue[0]; head !== undefined; head = this.queue[0]) {
        if (head.kind === 'roll') {
          this.queue.shift();
          this.runRoll(head);
          continue;
        }
        this.prepareForChunk();
        this.writeChunkSync(head, this.fd!);
      }
      this.succeeded();
    } catch (cause) {
      this.failed(cause as NodeJS.ErrnoException, 'write');
    } finally {
      this.flushing = false;
    }
  }

  /** The exit path: write what can be written; once nothing can run afterwards, count and report the rest. */
  flushForExit(final: boolean): void {
    this.flushSync();
    if (final) this.reportLoss('before the process ended');
  }

  /** Writes everything, waits for stray writes, closes the descriptor. Records still unwritable are reported as lost. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.flush();
    // An appender acquired the file again while this close was waiting: it stays open.
    if (this.owners.size > 1) return;
    if (!this.isDrained()) this.flushSync();
    this.closed = true;
    this.sealTail();
    this.cancelScheduled();
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.reportLoss('when the appender closed');
    this.settleWaiters();
    ExitFlush.unregister(this);
    if (this.fd !== null) this.retire(this.fd);
    this.fd = null;
    if (this.lateWrites.size > 0) await new Promise<void>((resolve) => this.lateWaiters.push(resolve));
  }

  private isDrained(): boolean {
    return this.queue.length === 0 && this.inFlight === null;
  }

  private schedule(): void {
    if (this.timerArmed || this.inFlight !== null || this.failure !== null) return;
    const delay = this.options.bufferedIO ? this.options.flushInterval : WRITE_DELAY_MS;
    if (this.timer !== null && this.timerDelay === delay) {
      this.timer.refresh();
    } else {
      if (this.timer !== null) clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        if (!this.timerArmed) return;
        this.timerArmed = false;
        this.pump();
      }, delay);
      this.timerDelay = delay;
      // A flush interval may be long: it must not keep the process alive (the exit flush writes what waits).
      if (this.options.bufferedIO) this.timer.unref();
    }
    this.timerArmed = true;
  }

  /** Nothing is due any more; a timer that still fires finds nothing armed. */
  private cancelScheduled(): void {
    this.timerArmed = false;
  }

  /** Starts the next asynchronous write, running any rollovers that come first. */
  private pump(): void {
    this.cancelScheduled();
    while (this.inFlight === null && this.failure === null) {
      const head = this.queue[0];
      if (head === undefined) {
        this.settleWaiters();
        return;
      }
      if (head.kind === 'roll') {
        this.queue.shift();
        this.runRoll(head);
        continue;
      }
      try {
        this.prepareForChunk();
      } catch (cause) {
        this.failed(cause as NodeJS.ErrnoException, 'open');
        return;
      }
      if (!this.positional) {
        try {
          this.writeChunkSync(head, this.fd!);
        } catch (cause) {
          this.failed(cause as NodeJS.ErrnoException, 'write');
          return;
        }
        this.succeeded();
        continue;
      }
      const buffer = this.freeze(head);
      const fd = this.fd!;
      const flight: InFlight = { chunk: head, fd, from: head.done };
      this.inFlight = flight;
      fs.write(fd, buffer, head.done, buffer.length - head.done, this.position, (error, written) => {
        this.onWritten(flight, error, written);
      });
    }
  }

  private onWritten(flight: InFlight, error: NodeJS.ErrnoException | null, written: number): void {
    if (flight !== this.inFlight) {
      if (!error) this.lateWriteLanded(flight, written);
      this.lateWriteEnded(flight.fd);
      return;
    }
    this.inFlight = null;
    if (error) {
      this.failed(error, 'write');
      return;
    }
    this.advance(flight.chunk, written);
    this.succeeded();
    if (this.writeDue()) this.pump();
    else this.schedule();
  }

  /**
   * After a write: the next one goes out at once for a full chunk, the rest of a
   * chunk, a rollover, or someone waiting (flush, written); records logged while
   * the write ran wait for the timer, so a busy server's turns share one write.
   */
  private writeDue(): boolean {
    const head = this.queue[0];
    if (head === undefined || head.kind === 'roll' || head.sealed) return true;
    return this.waiters.length > 0 || this.writtenWaiters.length > 0;
  }

  private advance(chunk: Chunk, written: number): void {
    chunk.done += written;
    this.position += written;
    this.writtenTotal += written;
    while (this.writtenWaiters.length > 0 && this.writtenWaiters[0]!.target <= this.writtenTotal) this.writtenWaiters.shift()!.resolve();
    if (chunk.done === chunk.buffer.length) {
      this.queue.shift();
      this.queuedBytes -= chunk.bytes;
      // A superseded write may still be reading the storage; it is reused only when none runs.
      const storage = chunk.storage;
      if (this.lateWrites.size === 0 && this.spareBytes + storage.length <= MAX_SPARE_BYTES) {
        this.spareStorages.push(storage);
        this.spareBytes += storage.length;
      }
    }
  }

  private storageFor(bytes: number): Buffer {
    const size = Math.max(Math.min(this.chunkCapacity, this.options.bufferSize), bytes);
    // One too small (the file grew busier) or too large (BufferSize was lowered) is dropped.
    for (let spare = this.spareStorages.pop(); spare !== undefined; spare = this.spareStorages.pop()) {
      this.spareBytes -= spare.length;
      if (spare.length >= size && spare.length <= this.options.bufferSize) return spare;
    }
    return Buffer.allocUnsafeSlow(size);
  }

  private writeChunkSync(chunk: Chunk, fd: number): void {
    const buffer = this.freeze(chunk);
    while (chunk.done < buffer.length) {
      const written = fs.writeSync(fd, buffer, chunk.done, buffer.length - chunk.done, this.positional ? this.position : null);
      this.advance(chunk, written);
    }
  }

  private freeze(chunk: Chunk): Buffer {
    if (!chunk.sealed) {
      if (chunk === this.filling) {
        this.encodePending();
        this.filling = null;
      }
      chunk.sealed = true;
      chunk.buffer = chunk.storage.subarray(0, chunk.bytes);
      const capacity = chunk.storage.length;
      if (chunk.bytes * 4 > capacity * 3) {
        this.chunkCapacity = Math.min(this.options.bufferSize, capacity * 2);
      } else {
        this.chunkCapacity = Math.max(MIN_CHUNK_CAPACITY, Math.min(this.options.bufferSize, chunk.bytes * 2));
        while (this.spareStorages.length > 1) this.spareBytes -= this.spareStorages.pop()!.length;
      }
    }
    return chunk.buffer;
  }

  private sealTail(): void {
    if (this.filling !== null) this.freeze(this.filling);
  }

  /**
   * Makes sure the descriptor still names the file at `path` before a chunk goes
   * out: reopens when an outside tool deleted or moved the file, follows a
   * truncation (copytruncate) or another writer's appends. Throws on open failure.
   */
  private prepareForChunk(): void {
    if (this.fd === null) {
      this.open();
      return;
    }
    if (!this.positional) return;
    const stat = fs.statSync(this.path, { throwIfNoEntry: false });
    if (stat === undefined || stat.ino !== this.identity!.ino || stat.dev !== this.identity!.dev) {
      const what = stat === undefined ? 'gone' : 'replaced';
      this.retire(this.fd);
      this.fd = null;
      this.open();
      this.reportMove(what);
      return;
    }
    if (stat.size !== this.position && !this.lateWrites.has(this.fd)) this.position = stat.size;
  }

  private open(): void {
    fs.mkdirSync(path.dirname(this.path), { recursive: true });
    const flags = fs.constants.O_WRONLY | fs.constants.O_CREAT | (this.truncateOnOpen ? fs.constants.O_TRUNC : 0);
    const fd = fs.openSync(this.path, flags, this.options.mode);
    const stat = fs.fstatSync(fd);
    this.fd = fd;
    this.identity = { dev: stat.dev, ino: stat.ino };
    this.positional = stat.isFile();
    this.position = this.positional ? stat.size : 0;
    this.truncateOnOpen = false;
  }

  private tryOpen(): void {
    try {
      this.open();
    } catch (cause) {
      this.failed(cause as NodeJS.ErrnoException, 'open');
    }
  }

  private runRoll(marker: RollMarker): void {
    if (this.fd !== null) this.retire(this.fd);
    this.fd = null;
    try {
      marker.action();
    } catch (cause) {
      this.report(cause, `rollover of ${this.path}`);
    }
    if (this.fd === null) this.tryOpen();
  }

  /** Closes a descriptor now, or once the superseded writes still using it have ended. */
  private retire(fd: number): void {
    if (this.lateWrites.has(fd)) {
      this.retiredFds.add(fd);
      return;
    }
    try {
      fs.closeSync(fd);
    } catch {
      // Already unusable; nothing more can be done with it.
    }
  }

  /**
   * A superseded write may land more of its chunk than the synchronous rewrite did
   * (that one met a full disk, and room was made before this one ran). Those bytes
   * are the chunk's own, at its own offsets: they count as written, or else the
   * size of the file, past the tracked offset, would be taken for another writer's
   * appends and the rest of the chunk written after them, repeating the difference.
   */
  private lateWriteLanded(flight: InFlight, written: number): void {
    const chunk = flight.chunk;
    const end = flight.from + written;
    // A newer write of the chunk in flight writes these bytes again and finishes it itself.
    if (this.inFlight === null && this.queue[0] === chunk && flight.fd === this.fd && end > chunk.done) this.advance(chunk, end - chunk.done);
  }

  private lateWriteEnded(fd: number): void {
    const left = (this.lateWrites.get(fd) ?? 1) - 1;
    if (left > 0) {
      this.lateWrites.set(fd, left);
      return;
    }
    this.lateWrites.delete(fd);
    if (this.retiredFds.delete(fd)) this.retire(fd);
    if (this.lateWrites.size === 0) {
      const waiters = this.lateWaiters;
      this.lateWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  private failed(error: NodeJS.ErrnoException, operation: string): void {
    if (this.failure === null) this.failure = error;
    this.unrecovered = true;
    const cause = `${error.code ?? error.message}`;
    if (!this.reportedCauses.has(cause)) {
      this.reportedCauses.add(cause);
      this.report(error, `${error.syscall ?? operation} ${this.path}`);
    }
    if (this.fd !== null && needsReopen(error) && operation === 'write') {
      this.retire(this.fd);
      this.fd = null;
    }
    this.settleWaiters();
    if (this.retryTimer === null && !this.closed) {
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        this.failure = null;
        if (this.fd === null && this.queue[0]?.kind !== 'roll') {
          this.tryOpen();
          if (this.failure !== null) return;
          if (this.queue.length === 0) this.succeeded();
        }
        this.pump();
      }, this.options.retryInterval);
      this.retryTimer.unref();
    }
  }

  private succeeded(): void {
    if (!this.unrecovered && this.droppedSinceReport === 0) return;
    const wasFailing = this.unrecovered;
    this.unrecovered = false;
    this.failure = null;
    this.reportedCauses.clear();
    if (this.droppedSinceReport > 0) {
      const dropped = this.droppedSinceReport;
      this.droppedSinceReport = 0;
      for (const owner of this.owners) {
        InternalLog.warn(`appender "${owner.name}": ${dropped} record(s) for ${this.path} were dropped while its buffer was full`);
      }
    }
    if (wasFailing) for (const owner of this.owners) owner.errorHandler.recovered(owner.name);
  }

  private refuse(): void {
    this.droppedRecords++;
    this.droppedSinceReport++;
    if (ExitFlush.exiting) {
      this.reportLoss('as the process ended');
      return;
    }
    if (this.droppedSinceReport > 1) return;
    const reason = this.failure
      ? `the file cannot be written (${this.failure.code ?? this.failure.message})`
      : 'the disk does not keep up';
    this.report(
      fileError('EBUFFERFULL', `buffer of ${this.options.maxBufferSize} bytes for ${this.path} is full because ${reason}; records are dropped and counted`),
      undefined,
    );
  }

  private reportMove(what: 'gone' | 'replaced'): void {
    if (this.reportedMoves.has(what)) return;
    this.reportedMoves.add(what);
    const message = what === 'gone'
      ? `${this.path} was deleted or moved away by another program; writing to a new file of that name`
      : `${this.path} was replaced by another file; writing to the new one`;
    this.report(fileError(what === 'gone' ? 'EGONE' : 'EREPLACED', message), undefined);
  }

  /**
   * Gives up on every record not in the file: those still queued and those refused
   * since the last report. They are counted, reported with their number, and
   * forgotten, so a later report (a record logged by a later 'exit' listener)
   * counts only new ones. A record cut short by a full disk is cut off the file,
   * so the file ends with a whole record and each record is either in the file or
   * in the count.
   */
  private reportLoss(when: string): void {
    this.encodePending();
    const dropped = this.droppedSinceReport;
    let queued = 0;
    for (const entry of this.queue) if (entry.kind === 'data') queued += entry.records;
    if (queued + dropped === 0) return;
    const kept = this.cutPartialChunk();
    const unwritten = queued - (kept ?? 0);
    this.droppedSinceReport = 0;
    this.queue.length = 0;
    this.filling = null;
    this.queuedBytes = 0;
    const cause = this.failure;
    const parts = [
      unwritten > 0 ? `${unwritten} could not be written${cause ? ` (${cause.code ?? cause.message})` : ''}` : '',
      dropped > 0 ? `${dropped} were dropped earlier because the buffer was full` : '',
      kept === null ? 'the file could not be cut back to a whole record, so the first of them may be in it, the last one cut short' : '',
    ].filter((part) => part !== '');
    const records = unwritten + dropped;
    this.report(new LostRecordsError(records, `${records} record(s) for ${this.path} were lost ${when}: ${parts.join('; ')}`), undefined);
  }

  /**
   * A disk that fills up in the middle of a write leaves the head chunk partly in
   * the file, its last record cut short. Truncates the file back to the end of the
   * last whole record and returns how many of the chunk's records stay in it; null
   * when the file cannot be truncated. Record ends are not tracked (the write path
   * does no per-record bookkeeping), so they are found here: when the chunk's line
   * breaks number its records and end it, each record is one line and the cut goes
   * after the last line break written; otherwise the whole chunk is cut off and
   * counted.
   */
  private cutPartialChunk(): number | null {
    const head = this.queue[0];
    if (head?.kind !== 'data' || head.done === 0) return 0;
    if (this.fd === null || !this.positional) return null;
    const kept = this.wholeLinesWritten(head);
    const cut = head.done - kept.bytes;
    try {
      fs.ftruncateSync(this.fd, this.position - cut);
    } catch {
      return null;
    }
    this.position -= cut;
    this.writtenTotal -= cut;
    return kept.records;
  }

  /** Bytes and records of the chunk's whole lines already written, when each of its records is one line. */
  private wholeLinesWritten(chunk: Chunk): { bytes: number; records: number } {
    const buffer = chunk.buffer;
    // In UTF-16 a 0x0A byte can be half of another character.
    if (this.options.encoding === 'utf16le' || buffer[buffer.length - 1] !== LINE_FEED) return { bytes: 0, records: 0 };
    let lines = 0;
    let kept = { bytes: 0, records: 0 };
    for (let at = buffer.indexOf(LINE_FEED); at !== -1; at = buffer.indexOf(LINE_FEED, at + 1)) {
      lines++;
      if (at < chunk.done) kept = { bytes: at + 1, records: lines };
    }
    return lines === chunk.records ? kept : { bytes: 0, records: 0 };
  }

  private report(cause: unknown, context: string | undefined): void {
    for (const owner of this.owners) owner.errorHandler.error(owner.name, cause, context);
    if (this.owners.size === 0) InternalLog.error(`file ${this.path}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }

  private settleWaiters(): void {
    if (this.failure !== null || this.closed) {
      const written = this.writtenWaiters;
      this.writtenWaiters = [];
      for (const waiter of written) waiter.resolve();
    }
    if (this.waiters.length === 0) return;
    if (!this.isDrained() && this.failure === null) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
