import type { Level } from '../../level.js';
import { editConfigFile } from '../config-file-edit.js';
import { withJsonLoggerLevel } from './json-logger-level-edit.js';

/**
 * Writes one logger's level into a JSON configuration (logwarden's or Log4j 2's form)
 * in place, every other byte kept (see withJsonLoggerLevel), atomically, and only
 * when it changes the text. Answers the text before and after.
 */
export function writeJsonLoggerLevel(file: string, loggerName: string, level: Level | null): { before: string; after: string } {
  return editConfigFile(file, (text) => withJsonLoggerLevel(text, file, loggerName, level));
}
