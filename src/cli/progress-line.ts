import type { TokenReportProgress } from '../token-report/run-token-report.js';
import type { CommandIo } from './command.js';

/** Inputs smaller than this are read before anyone would wait for a progress line. */
export const PROGRESS_FROM_BYTES = 64 * 1024 * 1024;

/**
 * A `\r`-rewritten line on stderr while large inputs are read, at most four times a
 * second; nothing when stderr is not a terminal (a pipe or a file gets the report
 * only). `clear` removes the line before the report is printed.
 */
export function progressLine(
  io: CommandIo,
  fromBytes = PROGRESS_FROM_BYTES,
  now: () => number = Date.now,
): { update?: (progress: TokenReportProgress) => void; clear(): void } {
  if ((io.stderr as { isTTY?: boolean }).isTTY !== true) return { clear: () => undefined };
  let last = -Infinity;
  let shown = false;
  return {
    update: ({ bytesRead, bytesTotal, file }) => {
      if (bytesTotal < fromBytes) return;
      const time = now();
      if (time - last < 250) return;
      last = time;
      shown = true;
      const mb = (bytes: number): string => (bytes / 1048576).toFixed(0);
      io.stderr.write(`\r\u001b[Kreading ${mb(bytesRead)}/${mb(bytesTotal)} MB (${Math.floor((100 * bytesRead) / bytesTotal)}%) ${file.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?')}`);
    },
    clear: () => {
      if (shown) io.stderr.write('\r\u001b[K');
    },
  };
}
