import { logFilesOf, type LogFile } from './log-file-order.js';
import { scanLines } from './line-scanner.js';
import { TokenUsageReport, type TokenReportFilter } from './token-usage-report.js';
import type { TokenUsageRow } from './token-usage.js';

export interface TokenReportResult {
  readonly rows: TokenUsageRow[];
  readonly files: readonly LogFile[];
  /** Bytes read from disk over all files. */
  readonly bytes: number;
  /** Files read only in part (a gzip cut short, a file rotated away meanwhile), and lines skipped as too long. */
  readonly problems: string[];
  /** Events of tokens beyond the tracked number. */
  readonly untrackedEvents: number;
}

export interface TokenReportProgress {
  readonly bytesRead: number;
  readonly bytesTotal: number;
  readonly file: string;
}

/** Reads the logs in `inputs` (files or folders) one after another, in time order, streaming. */
export async function runTokenReport(
  inputs: readonly string[],
  filter: TokenReportFilter = {},
  onProgress?: (progress: TokenReportProgress) => void,
): Promise<TokenReportResult> {
  const files = logFilesOf(inputs);
  const bytesTotal = files.reduce((sum, file) => sum + file.size, 0);
  const report = new TokenUsageReport(filter);
  const problems: string[] = [];
  let bytesRead = 0;
  for (const file of files) {
    const result = await scanLines(file.path, (line) => report.addLine(line), {
      onBytes: (bytes) => {
        bytesRead += bytes;
        onProgress?.({ bytesRead, bytesTotal, file: file.path });
      },
    });
    if (result.problem) problems.push(`${file.path}: read in part: ${result.problem}`);
    if (result.overlongLines > 0) problems.push(`${file.path}: ${result.overlongLines} line(s) longer than 64 KiB skipped`);
  }
  return { rows: report.rows(), files, bytes: bytesRead, problems, untrackedEvents: report.untrackedEvents };
}
