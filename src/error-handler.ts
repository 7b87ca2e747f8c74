import { InternalLog } from './internal-log.js';
import { LostRecordsError } from './lost-records-error.js';

/** What an appender calls when it cannot do its job; never throws. */
export interface ErrorHandler {
  error(appenderName: string, cause: unknown, context?: string): void;
  /** The appender works again: the next failure of any cause is reported anew. */
  recovered(appenderName: string): void;
}

const MAX_REMEMBERED_CAUSES = 1024;

function causeKey(cause: unknown): string {
  if (cause instanceof Error) {
    const code = (cause as NodeJS.ErrnoException).code;
    return code ? `${cause.name}:${code}` : `${cause.name}:${cause.message}`;
  }
  return String(cause);
}

function describe(cause: unknown): string {
  if (cause instanceof Error) return cause.message || cause.name;
  return String(cause);
}

/**
 * Reports each distinct cause once per appender (log4j's OnlyOnceErrorHandler,
 * refined per cause so that a second, different failure is not hidden behind the
 * first). Counts of lost records (LostRecordsError) are always reported.
 */
export class OncePerCauseErrorHandler implements ErrorHandler {
  private readonly reported = new Map<string, Set<string>>();
  private remembered = 0;

  error(appenderName: string, cause: unknown, context?: string): void {
    if (cause instanceof LostRecordsError || this.isNew(appenderName, cause)) {
      const where = context ? ` (${context})` : '';
      InternalLog.error(`appender "${appenderName}" failed${where}: ${describe(cause)}`);
    }
  }

  /** Remembers the cause; false when it was already reported for this appender. */
  private isNew(appenderName: string, cause: unknown): boolean {
    let causes = this.reported.get(appenderName);
    if (!causes) {
      causes = new Set();
      this.reported.set(appenderName, causes);
    }
    const key = causeKey(cause);
    if (causes.has(key)) return false;
    if (this.remembered >= MAX_REMEMBERED_CAUSES) {
      this.reported.clear();
      this.remembered = 0;
      causes = new Set();
      this.reported.set(appenderName, causes);
    }
    causes.add(key);
    this.remembered++;
    return true;
  }

  recovered(appenderName: string): void {
    const causes = this.reported.get(appenderName);
    if (!causes || causes.size === 0) return;
    this.remembered -= causes.size;
    this.reported.delete(appenderName);
    InternalLog.warn(`appender "${appenderName}" recovered`);
  }
}

/** The process-wide default handler; appenders may be given their own. */
export const defaultErrorHandler: ErrorHandler = new OncePerCauseErrorHandler();
