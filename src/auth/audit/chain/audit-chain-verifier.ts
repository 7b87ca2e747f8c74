import * as path from 'node:path';
import { verifyingKeyFromSpki, type AuditVerifyingKey } from './audit-keys.js';
import { auditLogFiles, type AuditLogFile } from './audit-log-files.js';
import { DEFAULT_CHECKPOINT_SECONDS } from './audit-chain.js';
import { signedParts, type Checkpoint, type KeyChange } from './chain-entries.js';
import { GENESIS_HASH, lineHash, parseChainLink, type ChainLink } from './chain-line.js';
import { LogLines, RotatedWhileReadingError, UnreadableLogError, type LogLine } from './audit-log-lines.js';

/** A writer rolling over while the files are listed and opened: tries before reading what was found. */
const ROTATION_ATTEMPTS = 10;

/** What a break is. */
export type ChainBreakKind = 'modified' | 'inserted' | 'deleted' | 'reordered' | 'truncated' | 'unknown-key' | 'bad-signature';

export interface LinePosition {
  readonly file: string;
  readonly line: number;
  /** The line's place in the chain (`seq`: records, checkpoints and key changes alike), when it carries one. */
  readonly seq: number | null;
}

export interface ChainBreak extends LinePosition {
  readonly kind: ChainBreakKind;
  readonly message: string;
}

export interface VerifyOptions {
  /** Keys the checkpoints must be signed with; none: only the hash chain is checked. */
  keys?: readonly AuditVerifyingKey[];
  /** The writer has stopped: the log must end with a `close` checkpoint. */
  closed?: boolean;
  /** Epoch ms the age of unsealed records is measured against (default: now). */
  now?: number;
  /** Lines read past a break to tell a reordering from a deletion (default 10,000). */
  lookahead?: number;
}

export interface VerifyReport {
  /** The live file of the log. */
  readonly log: string;
  readonly intact: boolean;
  readonly files: string[];
  /** Chain lines read: records, checkpoints and key changes. */
  readonly lines: number;
  readonly records: number;
  readonly checkpoints: number;
  readonly firstSeq: number | null;
  /** The last line verified: up to here the log is as written. */
  readonly verifiedThrough: LinePosition | null;
  readonly signaturesChecked: boolean;
  /** Keys that signed checkpoints, in order of first use. */
  readonly signedBy: string[];
  readonly lastCheckpoint: (LinePosition & { reason: string; at: string }) | null;
  /** Records after the last checkpoint: sealed by none yet. */
  readonly unsealed: number;
  /** The log ends with a `close` checkpoint. */
  readonly closed: boolean;
  readonly notes: string[];
  readonly break: ChainBreak | null;
}

interface Verified extends LinePosition {
  readonly seq: number;
  readonly hash: string;
  readonly prev: string;
  /** Counts up to and including this line. */
  lines: number;
  records: number;
  checkpoints: number;
}

type Body = { kind: 'record' } | { kind: 'checkpoint'; checkpoint: Checkpoint; signed: { message: string; signature: string } | null }
  | { kind: 'keyChange'; change: KeyChange; signed: { message: string; signature: string } | null };

const CHECKPOINT = Buffer.from('"checkpoint":', 'latin1');
const KEY_CHANGE = Buffer.from('"keyChange":', 'latin1');

function startsAt(bytes: Buffer, at: number, marker: Buffer): boolean {
  return bytes.length >= at + marker.length && bytes.compare(marker, 0, marker.length, at, at + marker.length) === 0;
}

function where(position: LinePosition): string {
  return `${path.basename(position.file)} line ${position.line}`;
}

/** Reads the body of a checkpoint or key-change line; null when it is not well formed. */
function bodyOf(line: LogLine, bodyStart: number): Body | null {
  const isCheckpoint = startsAt(line.bytes, bodyStart, CHECKPOINT);
  if (!isCheckpoint && !startsAt(line.bytes, bodyStart, KEY_CHANGE)) return { kind: 'record' };
  const text = line.bytes.toString('utf8');
  let value: { checkpoint?: Checkpoint; keyChange?: KeyChange };
  try {
    value = JSON.parse(text) as typeof value;
  } catch {
    return null;
  }
  const signed = signedParts(text);
  if (isCheckpoint) {
    const c = value.checkpoint;
    if (typeof c !== 'object' || c === null || typeof c.key !== 'string' || typeof c.reason !== 'string' || typeof c.at !== 'string' || !signed) return null;
    return { kind: 'checkpoint', checkpoint: c, signed };
  }
  const k = value.keyChange;
  if (typeof k !== 'object' || k === null || typeof k.to !== 'string') return null;
  return { kind: 'keyChange', change: k, signed };
}

/**
 * Verifies an audit log written by `AuditChain`, oldest file first, every line in
 * order, and stops at the first break. Throws `UnreadableLogError` when a file
 * cannot be read.
 */
export async function verifyAuditChain(live: string, options: VerifyOptions = {}): Promise<VerifyReport> {
  const file = path.resolve(live);
  const list = (): AuditLogFile[] => {
    try {
      return auditLogFiles(file);
    } catch (cause) {
      throw new UnreadableLogError(`${file}: cannot list its folder (${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message})`);
    }
  };
  let files = list();
  if (files.length === 0) throw new UnreadableLogError(`${file}: no such audit log (neither the file nor numbered backups of it)`);
  for (let attempt = 1; ; attempt++) {
    const last = attempt === ROTATION_ATTEMPTS;
    let lines: LogLines | null = null;
    try {
      lines = LogLines.open(files);
    } catch (error) {
      if (!(error instanceof RotatedWhileReadingError) || last) throw error;
    }
    // The same files under the same names after opening, and no number missing: no rollover ran meanwhile.
    if (lines && (last || (sameFiles(files, list()) && !hasGap(files)))) {
      return new ChainVerifier(file, files.map((f) => f.path), options).run(lines);
    }
    await lines?.close();
    await new Promise((resolve) => setTimeout(resolve, attempt * 5));
    files = list();
  }
}

/**
 * Verifies chain lines read from elsewhere than the files of a log (the rows of one
 * node in the audit table): `log` names the whole in the report, `sources` what was
 * read. Stops at the first break, as verifyAuditChain does.
 */
export function verifyAuditChainLines(log: string, sources: string[], lines: LogLines, options: VerifyOptions = {}): Promise<VerifyReport> {
  return new ChainVerifier(log, sources, options).run(lines);
}

function sameFiles(a: readonly AuditLogFile[], b: readonly AuditLogFile[]): boolean {
  return a.length === b.length && a.every((file, i) => file.path === b[i]!.path && file.ino === b[i]!.ino);
}

/** A backup number missing (below or between others): a rollover renaming them was seen half done, or a file was removed. */
function hasGap(files: readonly AuditLogFile[]): boolean {
  const numbers = files.flatMap((f) => (f.backupIndex === null ? [] : [f.backupIndex]));
  return (numbers.length > 0 && numbers[numbers.length - 1] !== 1) || numbers.some((n, i) => i > 0 && numbers[i - 1]! - n !== 1);
}

class ChainVerifier {
  private readonly keys = new Map<string, AuditVerifyingKey>();
  private readonly checkKeys: boolean;
  private readonly notes: string[] = [];
  private readonly signedBy: string[] = [];
  private lines = 0;
  private records = 0;
  private checkpoints = 0;
  private firstSeq: number | null = null;
  private last: Verified | null = null;
  private beforeLast: Verified | null = null;
  /** The first of the lines before the chain starts. */
  private unchained: LogLine | null = null;
  private lastCheckpoint: VerifyReport['lastCheckpoint'] = null;
  private lastCheckpointSeconds = DEFAULT_CHECKPOINT_SECONDS;
  private unsealed = 0;
  private firstUnsealed: LogLine | null = null;
  private closed = false;

  constructor(private readonly log: string, private readonly files: string[], private readonly options: VerifyOptions) {
    for (const key of options.keys ?? []) this.keys.set(key.id, key);
    this.checkKeys = this.keys.size > 0;
  }

  async run(lines: LogLines): Promise<VerifyReport> {
    let broken: ChainBreak | null;
    try {
      broken = await this.walk(lines);
    } finally {
      await lines.close();
    }
    if (this.last === null && broken === null) {
      throw new UnreadableLogError(`${this.log}: holds no line of a chained audit log (is chaining turned on for it?)`);
    }
    return this.report(broken ?? this.endBreak());
  }

  private async walk(lines: LogLines): Promise<ChainBreak | null> {
    for (let line = await lines.next(); line !== null; line = await lines.next()) {
      if (!line.terminated && (await lines.peek(0)) === null) {
        this.notes.push(`the last line (${where({ ...line, seq: null })}) is incomplete: a write cut by a crash or a full disk; verified up to the line before it`);
        return null;
      }
      const link = parseChainLink(line.bytes);
      if (!link && this.last === null) {
        // Lines written before chaining was turned on; allowed only if the chain that follows starts at record 1.
        this.unchained ??= line;
        continue;
      }
      if (!link) {
        const after = await lines.peek(0);
        const afterLink = after ? parseChainLink(after.bytes) : null;
        const continues = afterLink !== null && this.last !== null && afterLink.seq === this.last.seq + 1 && afterLink.prev === this.last.hash;
        if (continues && after && this.isTornLineCheckpoint(after, afterLink)) {
          this.notes.push(`${where({ ...line, seq: null })} is a line a crash cut; the writer sealed the log before it at its next start`);
          continue;
        }
        if (continues) return this.broke('inserted', line, null, `${where({ ...line, seq: null })} is not part of the chain: a line was inserted (the next line continues from ${where(this.last!)})`);
        return this.broke('modified', line, null, `${where({ ...line, seq: null })} is not a line of the chain any more: it was changed`);
      }
      const hash = lineHash(line.bytes);
      const current: Verified = { file: line.file, line: line.line, seq: link.seq, hash, prev: link.prev, lines: 0, records: 0, checkpoints: 0 };
      if (this.last === null) {
        this.firstSeq = link.seq;
        if (this.unchained !== null) {
          const first = { ...this.unchained, seq: null };
          if (link.seq !== 1 || link.prev !== GENESIS_HASH) return this.broke('modified', this.unchained, null, `${where(first)} is not a line of the chain, and the chain after it does not start there: it was changed`);
          this.notes.push(`the lines before ${where(current)} were written before chaining was turned on: they are not covered`);
        }
        if (link.seq === 1 && link.prev !== GENESIS_HASH) return this.broke('modified', line, link.seq, `${where(current)} is seq 1 but does not start the chain`);
        if (link.seq > 1) this.notes.push(`the log starts at seq ${link.seq}: the earlier files were rotated out or purged`);
      } else if (link.seq !== this.last.seq + 1 || link.prev !== this.last.hash) {
        return this.classify(line, link, lines);
      }
      const body = bodyOf(line, link.bodyStart);
      if (body === null) return this.broke('modified', line, link.seq, `${where(current)} is no longer a well-formed checkpoint or key change: it was changed`);
      const problem = this.accept(line, current, body);
      if (problem) return problem;
      Object.assign(current, { lines: this.lines, records: this.records, checkpoints: this.checkpoints });
      this.beforeLast = this.last;
      this.last = current;
    }
    return null;
  }

  private isTornLineCheckpoint(line: LogLine, link: ChainLink & { bodyStart: number }): boolean {
    const body = bodyOf(line, link.bodyStart);
    return body?.kind === 'checkpoint' && body.checkpoint.tornLine === true;
  }

  /** Takes in a line that continues the chain; a break when its signature fails. */
  private accept(line: LogLine, current: Verified, body: Body): ChainBreak | null {
    this.lines++;
    if (body.kind === 'record') {
      this.records++;
      if (this.unsealed++ === 0) this.firstUnsealed = line;
      this.closed = false;
      return null;
    }
    if (body.kind === 'keyChange') {
      this.unsealed++;
      this.closed = false;
      const from = body.change.from === null ? undefined : this.keys.get(body.change.from);
      if (from && body.signed && body.change.publicKey !== undefined && from.verify(body.signed.message, body.signed.signature)) {
        const announced = verifyingKeyFromSpki(body.change.publicKey);
        if (announced.id === body.change.to) this.keys.set(announced.id, announced);
      }
      this.notes.push(`${where(current)}: signing key changed from ${body.change.from ?? 'none'} to ${body.change.to} at ${body.change.at}`);
      return null;
    }
    const { checkpoint, signed } = body;
    if (this.checkKeys) {
      const key = this.keys.get(checkpoint.key);
      if (!key) {
        return this.broke('unknown-key', line, current.seq, `${where(current)}: checkpoint signed by ${checkpoint.key}, which is not one of the keys given (${[...this.keys.keys()].join(', ')})`);
      }
      if (!signed || !key.verify(signed.message, signed.signature)) {
        return this.broke('bad-signature', line, current.seq, `${where(current)}: the signature of the checkpoint does not verify with ${checkpoint.key}: the lines it seals (since ${this.lastCheckpoint ? where(this.lastCheckpoint) : 'the start'}) were rewritten and chained again`);
      }
    }
    if (!this.signedBy.includes(checkpoint.key)) this.signedBy.push(checkpoint.key);
    this.checkpoints++;
    this.lastCheckpoint = { file: line.file, line: line.line, seq: current.seq, reason: checkpoint.reason, at: checkpoint.at };
    if (typeof checkpoint.seconds === 'number' && checkpoint.seconds > 0) this.lastCheckpointSeconds = checkpoint.seconds;
    this.unsealed = 0;
    this.firstUnsealed = null;
    this.closed = checkpoint.reason === 'close';
    if (checkpoint.reason === 'resume') this.notes.push(`${where(current)}: the writer restarted after an unclean end and sealed what it found`);
    return null;
  }

  /** The line does not continue the chain: say how, looking at the lines around it. */
  private async classify(line: LogLine, link: ChainLink, lines: LogLines): Promise<ChainBreak> {
    const last = this.last!;
    const expected = last.seq + 1;
    const here: LinePosition = { file: line.file, line: line.line, seq: link.seq };
    if (link.seq === expected) {
      const after = await lines.peek(0);
      const afterLink = after ? parseChainLink(after.bytes) : null;
      if (afterLink && afterLink.seq === link.seq && afterLink.prev === last.hash) {
        return this.broke('inserted', line, link.seq, `${where(here)} is not part of the chain: it claims seq ${link.seq}, which ${where({ ...after!, seq: null })} holds`);
      }
      return this.broke('modified', last, last.seq, `${where(last)} (seq ${last.seq}) was changed after it was written: ${where(here)} holds a different hash of it`);
    }
    if (link.seq <= last.seq) {
      if (link.prev === last.hash) {
        return this.broke('inserted', line, link.seq, `${where(here)} is not part of the chain: it follows ${where(last)} but repeats seq ${link.seq}`);
      }
      if (link.seq === last.seq && link.prev === last.prev) {
        return this.broke('inserted', last, last.seq, `${where(last)} is not part of the chain: ${where(here)} holds seq ${link.seq} and continues from the line before it`);
      }
      return this.broke('reordered', line, link.seq, `${where(here)} holds seq ${link.seq}, which belongs before seq ${last.seq} (${where(last)})`);
    }
    if (link.prev === last.hash) {
      return this.broke('modified', line, link.seq, `${where(here)} continues from ${where(last)} but its seq was changed from ${expected} to ${link.seq}`);
    }
    const lookahead = this.options.lookahead ?? 10_000;
    for (let ahead = 0; ahead < lookahead; ahead++) {
      const later = await lines.peek(ahead);
      if (later === null) break;
      const laterLink = parseChainLink(later.bytes);
      if (laterLink?.seq === expected) {
        return this.broke('reordered', line, link.seq, `${where(here)} holds seq ${link.seq}, but seq ${expected} comes after it (${where({ ...later, seq: null })})`);
      }
    }
    const missing = link.seq - expected;
    const between = line.file !== last.file
      ? ` between ${path.basename(last.file)} and ${path.basename(line.file)}: a whole file is missing`
      : '';
    const range = missing === 1 ? `the line with seq ${expected} is` : `the ${missing} lines with seq ${expected} to ${link.seq - 1} are`;
    return this.broke('deleted', line, link.seq, `${range} missing before ${where(here)}${between}`);
  }

  /** How the log ends: an unsealed tail older than the writer's interval means the seal after it was removed. */
  private endBreak(): ChainBreak | null {
    if (this.last === null) return null;
    const end: LinePosition = { file: this.last.file, line: this.last.line, seq: this.last.seq };
    if (this.options.closed && !this.closed) {
      return { ...end, kind: 'truncated', message: `the log does not end with a close checkpoint: it was truncated after ${this.lastCheckpoint ? where(this.lastCheckpoint) : 'its start'}, or the writer has not stopped cleanly` };
    }
    if (this.firstUnsealed !== null) {
      const timestamp = recordTime(this.firstUnsealed);
      const now = this.options.now ?? Date.now();
      const limit = 2 * this.lastCheckpointSeconds * 1000;
      if (timestamp !== null && now - timestamp > limit) {
        const first = { ...this.firstUnsealed, seq: null };
        return {
          ...end, kind: 'truncated',
          message: `${this.unsealed} line(s) from ${where(first)} on are sealed by no checkpoint although they are older than the checkpoint interval (${this.lastCheckpointSeconds} s): the log was truncated after the checkpoint that sealed them, or the writer crashed and has not restarted`,
        };
      }
    }
    return null;
  }

  private broke(kind: ChainBreakKind, at: LinePosition | LogLine, seq: number | null, message: string): ChainBreak {
    return { file: at.file, line: at.line, seq, kind, message };
  }

  private report(broken: ChainBreak | null): VerifyReport {
    // A break that blames the last line taken in leaves the line before it as the last one verified.
    const blamesLast = broken !== null && broken.kind !== 'truncated' && this.last !== null
      && broken.file === this.last.file && broken.line === this.last.line;
    const through = blamesLast ? this.beforeLast : this.last;
    return {
      log: this.log,
      intact: broken === null,
      files: this.files,
      lines: through?.lines ?? 0,
      records: through?.records ?? 0,
      checkpoints: through?.checkpoints ?? 0,
      firstSeq: this.firstSeq,
      verifiedThrough: through && { file: through.file, line: through.line, seq: through.seq },
      signaturesChecked: this.checkKeys,
      signedBy: this.signedBy,
      lastCheckpoint: this.lastCheckpoint,
      unsealed: this.unsealed,
      closed: this.closed,
      notes: this.notes,
      break: broken,
    };
  }
}

function recordTime(line: LogLine): number | null {
  try {
    const value = JSON.parse(line.bytes.toString('utf8')) as { timestamp?: unknown };
    return typeof value.timestamp === 'string' ? Date.parse(value.timestamp) : null;
  } catch {
    return null;
  }
}
