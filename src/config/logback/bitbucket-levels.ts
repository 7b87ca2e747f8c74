import { readConfigText } from '../load.js';
import { parseLevel } from '../log4j-properties.js';
import type { ConfigModel, LoggerModel } from '../model.js';
import { PropertiesDocument } from '../properties/properties-document.js';

const PREFIXES = ['logging.logger.', 'logging.level.'];

/**
 * The model with the levels of a Bitbucket `bitbucket.properties` applied on top:
 * `logging.logger.<name>=LEVEL` (Bitbucket's keys; Spring Boot's `logging.level.<name>`
 * too), `ROOT` / `root` for the root logger. A logger the configuration names keeps
 * its appenders and additivity and takes the level; another is added with the level
 * only. Other keys of the file are Bitbucket's own and are not read. A bad level is a
 * ConfigurationError naming that file, line and key.
 */
export function withBitbucketLevels(model: ConfigModel, propertiesFile: string): ConfigModel {
  const doc = PropertiesDocument.parse(readConfigText(propertiesFile), propertiesFile);
  const loggers = new Map(model.loggers.map((logger) => [logger.name, logger]));
  let root = model.root;
  const warnings = [...model.warnings];
  for (const key of doc.keys()) {
    const prefix = PREFIXES.find((p) => key.startsWith(p));
    if (!prefix || key.length === prefix.length) continue;
    const name = key.slice(prefix.length);
    const entry = doc.entry(key)!;
    const position = { file: propertiesFile, line: entry.line, key };
    const level = parseLevel(doc.get(key)!, position);
    if (name.toLowerCase() === 'root') {
      if (!root) {
        // A root entry without appenders would take the root's appenders away.
        warnings.push(`${propertiesFile}:${entry.line}: ${key}: ${model.origin} configures no root logger; the level is not applied`);
        continue;
      }
      root = { ...root, level };
      continue;
    }
    const existing = loggers.get(name);
    const logger: LoggerModel = existing ? { ...existing, level } : { name, level, appenderRefs: [], position };
    loggers.set(name, logger);
  }
  return { ...model, root, loggers: [...loggers.values()], warnings };
}
