import { InternalLog } from '../../src/internal-log.js';

/** Something that can push every byte it still holds to disk without yielding, and report what it could not. */
export interface ExitFlushable {
  /**
   * `final` is true when nothing can run after this flush (the 'exit' event, or a
   * signal about to be re-raised): what is still unwritten then is lost and must be
   * counted. Otherwise the process may go on (a host's own uncaughtException or
   * signal listener), and what could not be written yet is kept.
   */
  flushForExit(final: boolean): void;
}

const flushables = new Set<ExitFlushable>();
/** Flushed before the writers: they hand records to writers (a log writer receiving from other processes). */
const sources = new Set<ExitFlushable>();
const TERMINATING_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
type TerminatingSignal = (typeof TERMINATING_SIGNALS)[number];

let installed = false;
let exiting = false;

function flushAll(final: boolean): void {
  if (final) {
    exiting = true;
    InternalLog.processEnding();
  }
  // Live iteration: a writer registered during the flush (a worker falling back to
  // a file of its own at exit) is flushed in the same pass.
  for (const set of [sources, flushables]) {
    for (const flushable of set) {
      try {
        flushable.flushForExit(final);
      } catch {
        // A flushable reports its own failures; one broken file must not stop the others.
      }
    }
  }
}

function onExit(): void {
  flushAll(true);
}

/**
 * `uncaughtExceptionMonitor` runs before Node prints the error and exits with code 1,
 * and unlike an `uncaughtException` listener it does not change that behaviour. Not
 * final: a host's `uncaughtException` listener may keep the process alive; when it
 * dies, 'exit' follows and counts what is left.
 */
function onUncaught(): void {
  flushAll(false);
}

const signalListeners = new Map<TerminatingSignal, () => void>(
  TERMINATING_SIGNALS.map((signal) => [signal, () => onSignal(signal)]),
);

/**
 * A listener for a signal replaces Node's default action (terminate). After the
 * flush, when no one else listens for the signal, the listener steps aside and
 * re-raises it, so the process still dies of that signal with the status a shell
 * or supervisor expects (128 + n). When the host has its own listener, the host
 * decides what happens next; anything logged later is flushed at 'exit'.
 */
function onSignal(signal: TerminatingSignal): void {
  const hostDecides = process.listenerCount(signal) > 1;
  flushAll(!hostDecides);
  if (hostDecides) return;
  uninstall();
  process.kill(process.pid, signal);
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', onExit);
  process.on('uncaughtExceptionMonitor', onUncaught);
  for (const [signal, listener] of signalListeners) process.on(signal, listener);
}

function uninstall(): void {
  if (!installed) return;
  installed = false;
  process.removeListener('exit', onExit);
  process.removeListener('uncaughtExceptionMonitor', onUncaught);
  for (const [signal, listener] of signalListeners) process.removeListener(signal, listener);
}

/**
 * Finishes the job of every open file writer when the process goes away: normal end,
 * `process.exit()`, an uncaught exception, SIGINT, SIGTERM or SIGHUP. The process
 * listeners exist only while at least one writer is open, so a program whose
 * appenders are all closed has Node's default signal behaviour back untouched.
 */
export const ExitFlush = {
  register(flushable: ExitFlushable, stage: 'source' | 'writer' = 'writer'): void {
    (stage === 'source' ? sources : flushables).add(flushable);
    install();
  },
  unregister(flushable: ExitFlushable): void {
    flushables.delete(flushable);
    sources.delete(flushable);
    if (flushables.size === 0 && sources.size === 0) uninstall();
  },
  /**
   * True once the final flush has begun ('exit', or a signal about to be re-raised):
   * no event-loop turn follows, so a record logged later (by a later 'exit'
   * listener) must be written before the logging call returns, and counted as lost
   * if it cannot be.
   */
  get exiting(): boolean {
    return exiting;
  },
  /** @internal For tests: how many writers are registered. */
  get size(): number {
    return flushables.size + sources.size;
  },
};
