import { MemoryAppender } from '../../../appenders/memory-appender.js';
import { Level } from '../../../src/level.js';
import { LogManager, getLogger } from '../../../src/log-manager.js';

/** Resets the hierarchy and catches every event from TRACE up on the root logger. */
export async function captureEverything(): Promise<MemoryAppender> {
  await LogManager.resetConfiguration();
  const appender = new MemoryAppender({ name: 'capture' });
  const root = getLogger();
  root.level = Level.TRACE;
  root.addAppender(appender);
  return appender;
}

/** Messages logged by one logger, in order. */
export function messagesOf(appender: MemoryAppender, loggerName: string): string[] {
  return appender.events.filter((e) => e.loggerName === loggerName).map((e) => e.message);
}
