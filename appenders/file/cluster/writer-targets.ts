/** What the writer side needs of a file appender: take formatted records, roll on request, close. */
export interface RecordWriter {
  writeText(text: string): void;
  rollOver?(): void;
  /** Resolves once the records given so far are written: only then does the writer acknowledge them. */
  written?(): Promise<void>;
  flush?(): void | Promise<void>;
  close(): Promise<void>;
}

/** Option values that cross the process boundary: the appender's settings without layout, filters or handlers. */
export type WriterSettings = Record<string, string | number | boolean>;

/** How a forwarder describes the file it writes: the appender kind and its settings (`file` absolute). */
export interface WriterSpec {
  readonly kind: string;
  readonly settings: WriterSettings;
}

/** Builds a local, non-forwarding appender of one kind; `extras` carries what cannot be sent (layout, error handler). */
export type WriterFactory = (settings: WriterSettings, extras: Record<string, unknown>) => RecordWriter;

const kinds = new Map<string, WriterFactory>();
const localWriters = new Map<string, RecordWriter>();

/** Each file appender kind registers how to build it, so the writer can serve a file it was never configured with. */
export function registerWriterKind(kind: string, factory: WriterFactory): void {
  kinds.set(kind, factory);
}

export function createWriter(spec: WriterSpec, extras: Record<string, unknown> = {}): RecordWriter {
  const factory = kinds.get(spec.kind);
  if (factory === undefined) throw new Error(`no file appender kind "${spec.kind}" is loaded in the writing process`);
  return factory(spec.settings, extras);
}

/**
 * An appender the writing process configured itself for `file`. Records forwarded
 * for that file go through it (its layout's header, its rotation settings), so the
 * file has one writer even when the primary logs to it too.
 */
export function offerLocalWriter(file: string, writer: RecordWriter): void {
  localWriters.set(file, writer);
}

export function withdrawLocalWriter(file: string, writer: RecordWriter): void {
  if (localWriters.get(file) === writer) localWriters.delete(file);
}

export function localWriterFor(file: string): RecordWriter | undefined {
  return localWriters.get(file);
}
