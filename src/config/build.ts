import { dirname, isAbsolute } from 'node:path';
import { whyNotAppendable } from '../../appenders/file/appendable-file.js';
import { findAppenderType } from '../../appenders/registry.js';
import type { Appender } from '../../appenders/appender.js';
import type { Layout } from '../../layouts/layout.js';
import { createLayout, isKnownLayout } from '../../layouts/registry.js';
import type { Filter } from '../filter/filter.js';
import { InternalLog } from '../internal-log.js';
import { blamedOption } from './blamed-option.js';
import { ConfigurationError, errorAt, type SourcePosition } from './configuration-error.js';
import { findFilterType } from './filter-classes.js';
import type { AppenderModel, ComponentModel, ConfigModel, OptionValue } from './model.js';
import { convertOptions } from './option-conversion.js';

/** An appender instance together with the definition it was built from. */
export interface BuiltAppender {
  readonly appender: Appender;
  /** Class, options, layout and filters in canonical form: equal fingerprints, same appender. */
  readonly fingerprint: string;
}

export interface BuiltConfiguration {
  readonly model: ConfigModel;
  /** Every appender some logger refers to, by name. */
  readonly appenders: ReadonlyMap<string, BuiltAppender>;
  /** Appenders created by this build (not carried over); closed if the build is abandoned. */
  readonly created: readonly Appender[];
  readonly warnings: readonly string[];
}

function canonical(component: ComponentModel | undefined): unknown {
  if (!component) return null;
  const options = [...component.options].map(([key, { value }]) => [key.toLowerCase(), value]).sort();
  return [component.className, options];
}

/** Relative file names resolve against the working directory, so it is part of the definition. */
export function fingerprintOf(model: AppenderModel): string {
  return JSON.stringify([process.cwd(), canonical(model), canonical(model.layout), model.filters.map(canonical)]);
}

/**
 * Builds every appender the model refers to, completely, before anything is
 * swapped in. An appender whose definition is unchanged since `previous` is
 * carried over as the same instance, so its open file stays open. An unknown
 * appender, layout or filter class is a warning naming the class and the appender;
 * the rest of the configuration still applies. Any other failure closes what this
 * build created and throws a ConfigurationError naming file, line and key.
 */
export function buildConfiguration(
  model: ConfigModel,
  previous: ReadonlyMap<string, BuiltAppender> = new Map(),
): BuiltConfiguration {
  const warnings = [...model.warnings];
  const appenders = new Map<string, BuiltAppender>();
  const created: Appender[] = [];
  try {
    for (const name of referencedAppenders(model)) {
      const definition = model.appenders.get(name);
      if (!definition) continue;
      const fingerprint = fingerprintOf(definition);
      const old = previous.get(name);
      if (old && old.fingerprint === fingerprint) {
        appenders.set(name, old);
        if (model.debug) InternalLog.debug(`appender "${name}" unchanged; keeping it`);
        continue;
      }
      const appender = buildAppender(definition, warnings);
      if (!appender) continue;
      created.push(appender);
      appenders.set(name, { appender, fingerprint });
      if (model.debug) InternalLog.debug(`built appender "${name}" (${definition.className})`);
    }
  } catch (cause) {
    abandon(created);
    throw cause;
  }
  return { model, appenders, created, warnings };
}

/**
 * A dry run of buildConfiguration (`logwarden check`): every appender some logger
 * refers to is checked as the build would check it, but no file is created or
 * opened and no socket connected. Unlike the build it does not stop at the first
 * appender that fails: each one's error is listed.
 */
export function checkConfiguration(model: ConfigModel): { warnings: string[]; errors: ConfigurationError[] } {
  const warnings = [...model.warnings];
  const errors: ConfigurationError[] = [];
  for (const name of referencedAppenders(model)) {
    const definition = model.appenders.get(name);
    if (!definition) continue;
    try {
      buildAppender(definition, warnings, true);
    } catch (cause) {
      if (!(cause instanceof ConfigurationError)) throw cause;
      errors.push(cause);
    }
  }
  return { warnings, errors };
}

function referencedAppenders(model: ConfigModel): Set<string> {
  const referenced = new Set<string>();
  for (const logger of [...(model.root ? [model.root] : []), ...model.loggers]) {
    for (const ref of logger.appenderRefs) referenced.add(ref);
  }
  return referenced;
}

/** Closes the appenders of a build that will not be applied. */
export function abandon(created: readonly Appender[]): void {
  for (const appender of created) {
    Promise.resolve()
      .then(() => appender.close?.())
      .catch((cause: unknown) => InternalLog.error(`closing abandoned appender "${appender.name}" failed: ${String(cause)}`));
  }
}

/** With `dryRun`, checks without opening anything and answers undefined. */
function buildAppender(definition: AppenderModel, warnings: string[], dryRun = false): Appender | undefined {
  const { name, className, position } = definition;
  const type = findAppenderType(className);
  if (!type) {
    warnings.push(`${position.file}:${position.line}: ${position.key}: unknown appender class "${className}" for appender "${name}"; appender skipped`);
    return undefined;
  }
  const owner = `appender "${name}" (${className})`;
  const options = convertOptions(type.options, definition.options, owner, warnings);
  const layout = definition.layout ? buildLayout(definition, definition.layout, warnings) : undefined;
  if (!definition.layout && type.usesLayout) {
    warnings.push(`${position.file}:${position.line}: ${position.key}: appender "${name}" has no layout; it writes "LEVEL - message" lines`);
  }
  const filters = definition.filters.map((filter) => buildFilter(definition, filter, warnings)).filter((f): f is Filter => f !== undefined);
  const parts = { ...options, name, layout, filters };
  const file = type.fileOf?.(parts);
  const problem = file === undefined ? undefined : whyNotAppendable(file, { dryRun });
  if (problem !== undefined) {
    throw errorAt(optionPosition(definition, ['File', 'LogFileName', 'LogHome']), `${owner} cannot write ${file}: ${problem}`);
  }
  try {
    if (!dryRun) return type.create(parts);
    // Kinds without validate open nothing when created; the instance is dropped
    // unclosed, as closing may write (a console layout's footer).
    if (type.validate) type.validate(parts);
    else type.create(parts);
    return undefined;
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    throw errorAt(blamedOption(message, definition.options)?.position ?? position, `cannot create ${owner}: ${message}`);
  }
}

/** Where the first of `names` (any case) is written, else the component's declaration. */
function optionPosition(component: ComponentModel, names: readonly string[]): SourcePosition {
  const byLowerName = new Map<string, OptionValue>([...component.options].map(([key, option]) => [key.toLowerCase(), option]));
  for (const name of names) {
    const option = byLowerName.get(name.toLowerCase());
    if (option) return option.position;
  }
  return component.position;
}

function buildLayout(appender: AppenderModel, layout: ComponentModel, warnings: string[]): Layout | undefined {
  const { position } = layout;
  if (!isKnownLayout(layout.className)) {
    warnings.push(`${position.file}:${position.line}: ${position.key}: unknown layout class "${layout.className}" for appender "${appender.name}"; it writes "LEVEL - message" lines`);
    return undefined;
  }
  const options: Record<string, string> = {};
  for (const [key, { value }] of layout.options) options[key] = value;
  // What a pattern log4j accepts does wrong is warned about on its option's line; resources
  // the layout names (Jira's @jira-filtered-frames.properties) are looked for beside the file.
  const warn = (message: string, key: string | undefined): void => {
    const at = key === undefined ? position : optionPosition(layout, [key]);
    warnings.push(`${at.file}:${at.line}: ${at.key}: layout of appender "${appender.name}": ${message}`);
  };
  const resourceDirectory = isAbsolute(position.file) ? dirname(position.file) : undefined;
  try {
    return createLayout(layout.className, options, { warn, resourceDirectory });
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    throw errorAt(blamedOption(message, layout.options)?.position ?? position, `layout of appender "${appender.name}": ${message}`);
  }
}

function buildFilter(appender: AppenderModel, filter: ComponentModel, warnings: string[]): Filter | undefined {
  const { position } = filter;
  const type = findFilterType(filter.className);
  if (!type) {
    warnings.push(`${position.file}:${position.line}: ${position.key}: unknown filter class "${filter.className}" for appender "${appender.name}"; filter skipped`);
    return undefined;
  }
  const owner = `filter ${filter.className} of appender "${appender.name}"`;
  const options = convertOptions(type.options, filter.options, owner, warnings);
  try {
    return type.create(options);
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    throw errorAt(blamedOption(message, filter.options)?.position ?? position, `cannot create ${owner}: ${message}`);
  }
}
