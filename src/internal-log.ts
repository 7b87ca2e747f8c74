import fs from 'node:fs';

/**
 * The framework's own voice (log4j's LogLog): configuration warnings, appender
 * failures, `log4j.debug` tracing. It cannot log through loggers it may be
 * configuring, so it writes to stderr, or to a sink a test or host installs.
 */
export type InternalLogSink = (line: string) => void;

/** How long all messages written at exit together wait for a full stderr pipe to be read. */
const EXIT_WRITE_PATIENCE_MS = 5000;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Set when the process is ending: until then messages go through `process.stderr`. */
let endingDeadline: number | null = null;

/**
 * Writes with `fs.writeSync`, waiting while a pipe is full. `process.stderr.write`
 * queues what a full pipe does not take, and a queue dies with the process: at
 * exit, a report of lost records behind 64 KB of unread stderr was itself lost.
 */
function writeStderrNow(text: string, until: number): void {
  // Node's stderr handle puts a pipe in non-blocking mode; without it a pipe nobody
  // reads would block this write for good instead of for the patience above.
  void process.stderr;
  const bytes = Buffer.from(text);
  for (let done = 0; done < bytes.length;) {
    try {
      done += fs.writeSync(2, bytes, done);
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== 'EAGAIN' || Date.now() > until) return;
      Atomics.wait(sleeper, 0, 0, 1);
    }
  }
}

const stderrSink: InternalLogSink = (line) => {
  try {
    if (endingDeadline !== null) writeStderrNow(line + '\n', endingDeadline);
    else process.stderr.write(line + '\n');
  } catch {
    // stderr itself is gone: nothing sensible is left to report to.
  }
};

let sink: InternalLogSink = stderrSink;
let debugEnabled = process.env.LOGWARDEN_DEBUG === 'true';

export const InternalLog = {
  debug(message: string): void {
    if (debugEnabled) sink(`logwarden: ${message}`);
  },
  warn(message: string): void {
    sink(`logwarden:WARN ${message}`);
  },
  error(message: string): void {
    sink(`logwarden:ERROR ${message}`);
  },
  /** `log4j.debug=true` turns on the framework's tracing of what it configures. */
  setDebugEnabled(enabled: boolean): void {
    debugEnabled = enabled;
  },
  isDebugEnabled(): boolean {
    return debugEnabled;
  },
  /**
   * The process is ending and nothing runs afterwards: from now on messages reach
   * stderr before the call returns, even through a full pipe (waiting 5 s at most in all).
   */
  processEnding(): void {
    endingDeadline ??= Date.now() + EXIT_WRITE_PATIENCE_MS;
  },
  /** Redirects the framework's messages; returns the previous sink. `null` restores stderr. */
  setSink(next: InternalLogSink | null): InternalLogSink {
    const previous = sink;
    sink = next ?? stderrSink;
    return previous;
  },
};
