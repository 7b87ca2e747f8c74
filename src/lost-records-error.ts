/**
 * Tells how many records an appender lost for good (a file that could still not be
 * written when the process ended or the appender closed). Each report carries its
 * own number, so error handlers that report a cause only once still report every
 * one of these: a count that was never told is a silent loss.
 */
export class LostRecordsError extends Error {
  readonly code = 'ELOST';

  constructor(readonly records: number, message: string) {
    super(message);
    this.name = 'LostRecordsError';
  }
}
