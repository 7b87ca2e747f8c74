import { unsupportedLookups } from '../../../appenders/routing/event-lookup.js';
import { errorAt, type SourcePosition } from '../configuration-error.js';
import type { AppenderModel, RouteModel, RoutesModel } from '../model.js';
import type { XmlElement } from '../xml/xml-document.js';
import type { XmlReading } from '../xml/xml-reading.js';

export const ROUTING_CLASS = 'org.apache.logging.log4j.core.appender.routing.RoutingAppender';

/** java.util.concurrent.TimeUnit names, in ms. */
const TIME_UNITS: Readonly<Record<string, number>> = {
  NANOSECONDS: 1e-6,
  MICROSECONDS: 1e-3,
  MILLISECONDS: 1,
  SECONDS: 1000,
  MINUTES: 60_000,
  HOURS: 3_600_000,
  DAYS: 86_400_000,
};

/** Warns about each run-time lookup in a configured text that logwarden cannot make. */
export function warnLookups(text: string, position: SourcePosition, reading: XmlReading): void {
  for (const reference of unsupportedLookups(text)) {
    reading.warn(position, `run-time lookup ${reference} is not supported (logwarden looks up ctx:, map: and event: at run time); it stays as written`);
  }
}

function readPurgePolicy(policy: XmlElement, reading: XmlReading): { idleTimeout: number; checkInterval?: number } {
  const unitText = (reading.attr(policy, 'timeUnit') ?? 'MINUTES').trim().toUpperCase();
  const unit = TIME_UNITS[unitText] ?? TIME_UNITS[`${unitText}S`];
  if (unit === undefined) throw errorAt(reading.at(policy, policy.attribute('timeUnit')), `unknown timeUnit "${unitText}" (expected ${Object.keys(TIME_UNITS).join(', ')})`);
  const amount = (name: string): number | undefined => {
    const option = reading.option(policy, name);
    if (!option) return undefined;
    if (!/^\d+$/.test(option.value.trim()) || Number(option.value) === 0) throw errorAt(option.position, `expected a whole number above 0, got "${option.value}"`);
    return Number(option.value) * unit;
  };
  const idleTimeout = amount('timeToLive');
  if (idleTimeout === undefined) throw errorAt(reading.at(policy), 'needs a "timeToLive" attribute');
  const checkInterval = amount('checkInterval');
  return checkInterval === undefined ? { idleTimeout } : { idleTimeout, checkInterval };
}

/**
 * `<Routing>`'s children: `<Routes pattern>` with `<Route key ref>` or a `<Route>`
 * holding one appender definition (read as any appender, its run-time lookups kept
 * for when a key first comes), and `<IdlePurgePolicy timeToLive checkInterval
 * timeUnit>`. A `<Script>`, `<RewritePolicy>` and other elements are warned about.
 */
export function readLog4j2Routes(element: XmlElement, reading: XmlReading, used: Set<XmlElement>, readAppender: (element: XmlElement) => AppenderModel): RoutesModel {
  const routesElement = element.childrenNamed('Routes')[0];
  if (!routesElement) throw errorAt(reading.at(element), 'a Routing appender needs <Routes pattern="...">');
  used.add(routesElement);
  const pattern = reading.option(routesElement, 'pattern');
  if (!pattern || pattern.value.trim() === '') throw errorAt(reading.at(routesElement), 'needs a "pattern" attribute (the route key, such as $${ctx:user})');
  warnLookups(pattern.value, reading.at(routesElement), reading);
  const routes: RouteModel[] = [];
  for (const child of routesElement.children) {
    if (child.name.toLowerCase() !== 'route') {
      reading.warn(reading.at(child), `<${child.name}> in <Routes> is not supported; ignored`);
      continue;
    }
    const key = reading.attr(child, 'key');
    const ref = reading.attr(child, 'ref')?.trim();
    const position = reading.at(child);
    if (ref) {
      for (const extra of child.children) reading.warn(reading.at(extra), `a Route with ref="${ref}" sends there; its <${extra.name}> is ignored`);
      routes.push({ key, refs: [ref], position });
      continue;
    }
    if (child.children.length !== 1) throw errorAt(position, 'a Route needs a ref="..." or exactly one appender inside it');
    const appender = readAppender(child.children[0]!);
    for (const option of appender.options.values()) warnLookups(option.value, reading.at(child.children[0]!), reading);
    routes.push({ key, appender, position });
  }
  if (!routes.some((route) => route.key === undefined)) {
    reading.warn(reading.at(routesElement), 'no default <Route> (one without a key): events whose key no Route has are dropped, as in Log4j 2');
  }
  let purge: { idleTimeout: number; checkInterval?: number } | undefined;
  for (const child of element.children) {
    if (child === routesElement) continue;
    const lower = child.name.toLowerCase();
    if (lower === 'idlepurgepolicy') {
      used.add(child);
      purge = readPurgePolicy(child, reading);
    } else if (lower === 'script' || lower.endsWith('rewritepolicy') || lower.endsWith('purgepolicy')) {
      used.add(child);
      reading.warn(reading.at(child), `Routing element <${child.name}> is not supported; ignored`);
    }
  }
  return { pattern, routes, ...purge };
}
