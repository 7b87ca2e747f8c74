import { dirname, isAbsolute } from 'node:path';
import { whyNotAppendable } from '../../appenders/file/appendable-file.js';
import { findAppenderType } from '../../appenders/registry.js';
import type { Appender } from '../../appenders/appender.js';
import { compileEventText } from '../../appenders/routing/event-lookup.js';
import { pathSafe } from '../../appenders/routing/path-safe.js';
import type { Route } from '../../appenders/routing/routing-appender.js';
import type { Layout } from '../../layouts/layout.js';
import { createLayout, isKnownLayout } from '../../layouts/registry.js';
import type { Filter } from '../filter/filter.js';
import { InternalLog } from '../internal-log.js';
import type { LoggingEvent } from '../logging-event.js';
import { blamedOption } from './blamed-option.js';
import { ConfigurationError, errorAt, type SourcePosition } from './configuration-error.js';
import { findFilterType } from './filter-classes.js';
import type { AppenderModel, ComponentModel, ConfigModel, OptionValue, RoutesModel } from './model.js';
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

function canonicalRoutes(routes: RoutesModel | undefined): unknown {
  if (!routes) return null;
  return [routes.pattern.value, routes.idleTimeout ?? null, routes.checkInterval ?? null, routes.routes.map((route) => [
    route.key ?? null, route.refs ?? null, route.appender ? fingerprintOf(route.appender) : null,
  ])];
}

/** Relative file names resolve against the working directory, so it is part of the definition. */
export function fingerprintOf(model: AppenderModel): string {
  return JSON.stringify([process.cwd(), canonical(model), canonical(model.layout), model.filters.map(canonical), canonicalRoutes(model.routes)]);
}

/** The appenders a router's `<Route ref>`s name, nested routes included. */
function routeRefs(routes: RoutesModel | undefined): string[] {
  if (!routes) return [];
  return routes.routes.flatMap((route) => [...(route.refs ?? []), ...routeRefs(route.appender?.routes)]);
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
      // A router holds the instances of the appenders its routes name: a new one of those, a new router.
      const refs = routeRefs(definition.routes);
      const fingerprint = fingerprintOf(definition) + (refs.length ? JSON.stringify(refs.map((ref) => appenders.get(ref)?.fingerprint ?? null)) : '');
      const old = previous.get(name);
      if (old && old.fingerprint === fingerprint) {
        appenders.set(name, old);
        if (model.debug) InternalLog.debug(`appender "${name}" unchanged; keeping it`);
        continue;
      }
      const appender = buildAppender(definition, warnings, false, appenders);
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

/** The appenders loggers refer to, and those routes name, each after the appenders its routes name. */
function referencedAppenders(model: ConfigModel): Set<string> {
  const referenced = new Set<string>();
  const visiting = new Set<string>();
  const add = (name: string): void => {
    if (referenced.has(name) || visiting.has(name)) return;
    visiting.add(name);
    for (const ref of routeRefs(model.appenders.get(name)?.routes)) add(ref);
    referenced.add(name);
  };
  for (const logger of [...(model.root ? [model.root] : []), ...model.loggers]) {
    for (const ref of logger.appenderRefs) add(ref);
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

/**
 * The parts of a RoutingAppender: its key, its routes (a `ref` route with the
 * instances built for those names, a route with an appender inside with a function
 * that makes it for a key), its purge policy. The appender inside a route is checked
 * here, as every appender is, so that a bad class or option is reported at load and
 * not when a key first comes.
 */
function routingParts(routes: RoutesModel, warnings: string[], dryRun: boolean, built: ReadonlyMap<string, BuiltAppender>): Record<string, unknown> {
  let requiresLocation = false;
  const parts: Route[] = routes.routes.map((route) => {
    if (route.refs) return { key: route.key, appenders: route.refs.map((ref) => built.get(ref)?.appender).filter((a): a is Appender => a !== undefined) };
    const template = route.appender!;
    buildAppender(template, warnings, true, built);
    if (!dryRun && template.layout) requiresLocation ||= buildLayout(template, template.layout, [])?.requiresLocation === true;
    return { key: route.key, create: routedAppenderMaker(template, built) };
  });
  return { key: compileEventText(routes.pattern.value), routes: parts, idleTimeout: routes.idleTimeout, checkInterval: routes.checkInterval, requiresLocation };
}

/**
 * Makes a route's appender for an event: its name and options with the event's
 * run-time lookups (`${ctx:user}`), each looked-up value made path-safe (a user named
 * `../../etc` cannot pick the file). Warnings were given when the file was loaded.
 */
function routedAppenderMaker(template: AppenderModel, built: ReadonlyMap<string, BuiltAppender>): (event: LoggingEvent) => Appender {
  const name = compileEventText(template.name, pathSafe);
  const options = [...template.options].map(([key, option]) => [key, option, compileEventText(option.value, pathSafe)] as const);
  return (event) => {
    const model: AppenderModel = {
      ...template,
      name: name(event),
      options: new Map(options.map(([key, option, text]) => [key, { ...option, value: text(event) }])),
    };
    const appender = buildAppender(model, [], false, built);
    if (!appender) throw new Error(`appender class "${template.className}" is unknown`);
    return appender;
  };
}

/** With `dryRun`, checks without opening anything and answers undefined. */
function buildAppender(definition: AppenderModel, warnings: string[], dryRun = false, built: ReadonlyMap<string, BuiltAppender> = new Map()): Appender | undefined {
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
  const routing = definition.routes ? routingParts(definition.routes, warnings, dryRun, built) : {};
  const parts = { ...options, name, layout, filters, ...routing };
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
