/** Carries finished syslog messages to the collector. */
export interface SyslogTransport {
  /** Takes one message; never blocks and never throws (failures go to the delivery report). */
  send(message: string): void;
  /** Resolves once everything sent so far is handed to the operating system, or after `timeoutMs`. */
  flush(timeoutMs: number): Promise<void>;
  /** Flushes within `timeoutMs`, reports what is still undelivered, and releases the socket. */
  close(timeoutMs: number): Promise<void>;
}
