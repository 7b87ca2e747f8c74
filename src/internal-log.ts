/**
 * The framework's own voice (log4j's LogLog): configuration warnings, appender
 * failures, `log4j.debug` tracing. It cannot log through loggers it may be
 * configuring, so it writes to stderr, or to a sink a test or host installs.
 */
export type InternalLogSink = (line: string) => void;

const stderrSink: InternalLogSink = (line) => {
  try {
    process.stderr.write(line + '\n');
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
  /** Redirects the framework's messages; returns the previous sink. `null` restores stderr. */
  setSink(next: InternalLogSink | null): InternalLogSink {
    const previous = sink;
    sink = next ?? stderrSink;
    return previous;
  },
};
