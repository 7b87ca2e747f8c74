import type { Level } from '../level.js';
import { writeJsonLoggerLevel } from './json/json-logger-level-file.js';
import type { ConfigFormat } from './load.js';
import { writePropertiesLevel } from './log4j2/log4j2-properties-level.js';
import { writeXmlLoggerLevel } from './xml/xml-logger-level-file.js';
import { writeYamlLoggerLevel } from './yaml-level-file.js';

type LevelWriter = (file: string, loggerName: string, level: Level | null) => { before: string; after: string };

const WRITERS: Record<ConfigFormat, LevelWriter> = {
  properties: writePropertiesLevel,
  yaml: writeYamlLoggerLevel,
  json: writeJsonLoggerLevel,
  xml: writeXmlLoggerLevel,
};

/**
 * Writes one logger's level (null: inherit) into a configuration file of any format
 * with that format's editor, which changes that level alone and keeps every other
 * byte, atomically; the one way levels reach a file, for setLevel's persist and the
 * `logwarden level` command alike. Answers the text before and after.
 */
export function writeLevelToFile(file: string, format: ConfigFormat, loggerName: string, level: Level | null): { before: string; after: string } {
  return WRITERS[format](file, loggerName, level);
}
