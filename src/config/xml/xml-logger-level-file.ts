import type { Level } from '../../level.js';
import { editConfigFile } from '../config-file-edit.js';
import { XmlDocument } from './xml-document.js';
import { withXmlLoggerLevel } from './xml-logger-level-edit.js';

/**
 * Writes one logger's level into a Log4j 2 or logback XML file in place (only the
 * level attribute changes, see withXmlLoggerLevel), atomically, and only when it
 * changes the text. Answers the text before and after.
 */
export function writeXmlLoggerLevel(file: string, loggerName: string, level: Level | null): { before: string; after: string } {
  return editConfigFile(file, (text) => withXmlLoggerLevel(XmlDocument.parse(text, file), loggerName, level));
}
