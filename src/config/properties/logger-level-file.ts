import type { Level } from '../../level.js';
import { writeFileAtomically } from '../atomic-write.js';
import { readConfigText } from '../load.js';
import { withLoggerLevel } from './logger-level-edit.js';
import { PropertiesDocument } from './properties-document.js';

/**
 * Writes one logger's level into a .properties file in place (every other byte
 * kept, see withLoggerLevel), atomically, and only when it changes the text. The
 * one way levels reach a file: `setLevel(..., { persist: true })` and
 * `logwarden level` both come here. Answers the text before and after.
 */
export function writeLoggerLevel(file: string, loggerName: string, level: Level | null): { before: string; after: string } {
  const before = readConfigText(file);
  const after = withLoggerLevel(PropertiesDocument.parse(before, file), loggerName, level);
  if (after !== before) writeFileAtomically(file, after);
  return { before, after };
}
